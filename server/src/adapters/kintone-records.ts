/**
 * kintone records over the REST API, through @kintone/rest-api-client; the only code that talks to kintone. kintone's
 * refusals come out as RevisionConflictError, RecordValidationError or KintoneRefusedError.
 */
import { KintoneRestAPIClient, KintoneRestAPIError, type KintoneRecordField } from '@kintone/rest-api-client';
import { leadKeyQuery, leadKeySearchQuery, scoredPageQuery } from '../core/kintone-query';
import { chunks } from '../core/chunks';
import { GET_LIMIT, PUT_LIMIT, type RecordUpdate, type StoredRecord } from '../../../contract/src/kintone-record';
import {
  KintoneRefusedError,
  RecordValidationError,
  RevisionConflictError,
  type KintoneConnection,
  type RecordStore,
} from '../services/ports';
import { translateRefusal, translatingRefusals } from './kintone-refusal';
import { isTransientNetworkCode, withBackoff, type RetryPolicy } from './retry';

/** Values per word search: each is a condition of its own, and kintone answers long OR chains slowly. */
const SEARCH_CHUNK = 100;

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, startingDelayMs: 200, maxDelayMs: 5_000 };

export function kintoneRecordStore(connection: KintoneConnection, retry: RetryPolicy = DEFAULT_RETRY): RecordStore {
  const client = new KintoneRestAPIClient({
    baseUrl: connection.baseUrl,
    auth: { apiToken: connection.apiToken },
    socketTimeout: 30_000,
    ...(connection.guestSpaceId ? { guestSpaceId: connection.guestSpaceId } : {}),
  });
  const app = connection.appId;
  let requests = 0;
  const withRetry = <T>(call: () => Promise<T>) =>
    withBackoff(
      () => {
        requests++;
        return call();
      },
      retry,
      isTransient,
    );

  /**
   * kintone documents that totalCount slows a query down (cybozu.dev "Get Records", and its totalCount performance
   * article), so only a query of `values` that may fill its first page asks for it: then a page of exactly 500 costs
   * no extra request to learn it was the last.
   */
  const queryPages = async (
    build: (limit: number, offset: number) => string,
    fields: readonly string[],
    values: number,
  ) => {
    const records: StoredRecord[] = [];
    let total = Infinity;
    for (let offset = 0; offset < total; offset += GET_LIMIT) {
      const query = build(GET_LIMIT, offset);
      const totalCount = offset === 0 && values >= GET_LIMIT;
      const page = await translatingRefusals(connection, () =>
        withRetry(() => client.record.getRecords({ app, query, fields: [...fields], totalCount })),
      );
      records.push(...page.records.map(toStoredRecord));
      total = page.totalCount === null ? total : Number(page.totalCount);
      if (page.records.length < GET_LIMIT) break;
    }
    return records;
  };

  return {
    requestsSent: () => requests,

    async addComment(recordId, comment) {
      try {
        // Only a 429 is tried again: kintone did not take that request, while a 5xx or a dropped answer may follow a
        // stored comment, and a second try would post it twice.
        await withBackoff(
          () => {
            requests++;
            return client.record.addRecordComment({ app, record: recordId, comment });
          },
          retry,
          (error) => error instanceof KintoneRestAPIError && error.status === 429,
        );
      } catch (error) {
        throw commentRefusal(error, connection, recordId);
      }
    },

    async findByLeadKeys(field, values, fields) {
      const records: StoredRecord[] = [];
      for (const chunk of chunks(values, GET_LIMIT)) {
        records.push(
          ...(await queryPages((limit, offset) => leadKeyQuery(field, chunk, limit, offset), fields, chunk.length)),
        );
      }
      return records;
    },

    async searchByLeadKeys(field, values, fields) {
      const records: StoredRecord[] = [];
      for (const chunk of chunks(values, SEARCH_CHUNK)) {
        try {
          records.push(
            ...(await queryPages(
              (limit, offset) => leadKeySearchQuery(field, chunk, limit, offset),
              fields,
              chunk.length,
            )),
          );
        } catch (error) {
          // kintone's word search refuses some symbols (cybozu.dev "Query String", like); a search it will not run
          // finds nothing, and the events stay unmatched as they would without it.
          if (error instanceof KintoneRefusedError && error.status === 400) continue;
          throw error;
        }
      }
      return records;
    },

    async findByIds(ids, fields) {
      const records: StoredRecord[] = [];
      for (const chunk of chunks(ids, GET_LIMIT)) {
        records.push(
          ...(await queryPages((limit, offset) => leadKeyQuery('$id', chunk, limit, offset), fields, chunk.length)),
        );
      }
      return records;
    },

    async findScoredAfter(field, afterId, fields, everyRecord = false) {
      const query = scoredPageQuery(field, afterId, GET_LIMIT, everyRecord);
      const page = await translatingRefusals(connection, () =>
        withRetry(() => client.record.getRecords({ app, query, fields: [...fields] })),
      );
      return page.records.map(toStoredRecord);
    },

    async updateRecords(updates: readonly RecordUpdate[]) {
      if (updates.length > PUT_LIMIT) throw new Error(`kintone takes at most ${PUT_LIMIT} records per PUT`);
      if (updates.length === 0) return;
      try {
        await withRetry(() =>
          client.record.updateRecords({
            app,
            records: updates.map((u) => ({ id: u.id, revision: u.revision, record: u.record })),
          }),
        );
      } catch (error) {
        if (error instanceof KintoneRestAPIError && error.code === 'GAIA_CO02') throw new RevisionConflictError();
        if (error instanceof KintoneRestAPIError && error.code === 'CB_VA01') throw validationError(error);
        throw translateRefusal(error, connection);
      }
    },
  };
}

function toStoredRecord(record: Record<string, KintoneRecordField.OneOf>): StoredRecord {
  const id = record.$id?.value;
  const revision = record.$revision?.value;
  if (typeof id !== 'string' || typeof revision !== 'string')
    throw new Error('kintone returned a record without $id/$revision');
  return { id, revision, fields: record };
}

/** CB_VA01 names each problem like "records[3].mkto_h_subject.value"; the index is the record's position. */
function validationError(error: KintoneRestAPIError): RecordValidationError {
  const details: unknown = error.errors;
  const entries =
    details && typeof details === 'object' ? Object.entries(details as Record<string, { messages?: unknown }>) : [];
  const positions = new Set<number>();
  const problems: string[] = [];
  for (const [key, value] of entries) {
    const position = /^records\[(\d+)\]/.exec(key)?.[1];
    if (position !== undefined) positions.add(Number(position));
    const messages = Array.isArray(value?.messages) ? value.messages.map(String).join(' ') : '';
    problems.push(`${key}: ${messages}`);
  }
  return new RecordValidationError(
    [...positions].sort((a, b) => a - b),
    `kintone refused the values (CB_VA01): ${problems.join('; ') || error.message}`,
  );
}

/** Why kintone refused a comment, in words an admin can act on; other failures as translateRefusal says them. */
function commentRefusal(error: unknown, connection: KintoneConnection, recordId: string): unknown {
  if (!(error instanceof KintoneRestAPIError)) return error;
  const reasons: Record<string, string> = {
    GAIA_RE12: `comments are disabled in app ${connection.appId}: turn on record comments in App Settings > Advanced Settings so alerts can be posted`,
    GAIA_IL26: `record ${recordId} names an owner who is no longer a kintone user; no alert was posted`,
    GAIA_IL27: `record ${recordId} names an owner group that no longer exists; no alert was posted`,
    GAIA_IL28: `record ${recordId} names an owner organization that no longer exists; no alert was posted`,
    GAIA_NO01: `the API token of app ${connection.appId} cannot post comments: it needs the "View records" permission`,
  };
  const reason = reasons[error.code];
  if (!reason) return translateRefusal(error, connection);
  const about = error.code === 'GAIA_NO01' ? 'token' : 'app';
  return new KintoneRefusedError(error.message, about, reason, error.status, error.code);
}

/** 429 (too many concurrent requests), 5xx and dropped connections are worth another try; nothing else is. */
export function isTransient(error: unknown): boolean {
  if (error instanceof KintoneRestAPIError) return error.status === 429 || error.status >= 500;
  if (!(error instanceof Error)) return false;
  if (/^(429|5\d\d): /.test(error.message)) return true;
  const code = (error as Error & { code?: unknown }).code;
  return isTransientNetworkCode(code);
}
