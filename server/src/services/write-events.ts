/**
 * Writes one app's events to kintone at the floor of its API cost: one GET per 500 lead keys, one PUT per
 * 100 changed records, whatever the number of events (and one word search per 100 addresses that no record holds
 * in the spellings looked up). A PUT refused for a stale revision is recomputed from a fresh read and tried again;
 * records kintone refuses as invalid, or hands back without a mapped field, are set aside so the others are
 * written; events that still fail are marked failed so the queue redelivers them (the event keys in the
 * history make the redelivery harmless) and finally parks them.
 */
import type { PluginConfig } from '../../../contract/src/config';
import type { EngagementEvent } from '../../../contract/src/events';
import {
  dedupeEvents,
  fieldsToRead,
  isRecordable,
  lookupValues,
  patchOrReason,
  planWrites,
  unmatchedEmails,
  type EventOutcome,
  type SetAside,
} from '../core/batch-plan';
import { chunks } from '../core/chunks';
import { errorMessage } from '../core/error-message';
import { PUT_LIMIT, type RecordUpdate } from '../../../contract/src/kintone-record';
import type { RecordEventOutcome } from '../../../contract/src/record-patch';
import type { LastErrorCode } from '../../../contract/src/last-error';
import { writeErrorCode } from './last-error';
import { writtenRecords, type WrittenRecord } from './post-alerts';
import { RecordValidationError, RevisionConflictError, type LastError, type RecordStore } from './ports';

export type FinalOutcome = EventOutcome | 'failed';

export interface WriteReport {
  outcomes: Map<string, FinalOutcome>;
  errors: WriteError[];
  /** The records whose events were written, for the owner alerts (empty when the app has no alerts). */
  written: WrittenRecord[];
}

/** Why events failed: the server's sentence, and its kind for the app's status (contract/src/last-error). */
export interface WriteError {
  code: LastErrorCode;
  message: string;
}

/** The report's errors as the app's last error: every sentence, and the first error's code. */
export function lastErrorOf(errors: readonly WriteError[], at: string): LastError | undefined {
  const [first] = errors;
  if (!first) return undefined;
  return { at, message: errors.map((e) => e.message).join('; '), code: first.code };
}

export interface WriteOptions {
  /** How often a chunk refused for stale revisions is re-read and recomputed before its events fail (default 5). */
  conflictRetries?: number;
  /**
   * The moment (ms) the engagement score is computed at, when the config maps a score field; it is written in the same
   * PUT as the events, so it costs no request. Unset, the score field is left as it is.
   */
  now?: number;
}

const DEFAULT_CONFLICT_RETRIES = 5;

export async function writeAppEvents(
  events: readonly EngagementEvent[],
  config: PluginConfig,
  store: RecordStore,
  options: WriteOptions = {},
): Promise<WriteReport> {
  const { conflictRetries = DEFAULT_CONFLICT_RETRIES, now } = options;
  const unique = dedupeEvents(events);
  const fields = fieldsToRead(config);
  const values = lookupValues(
    unique.filter((e) => isRecordable(e, config)),
    config,
  );
  const records = values.length > 0 ? await store.findByLeadKeys(config.leadKey.field, values, fields) : [];
  const missing = unmatchedEmails(unique, records, config);
  if (missing.length > 0) {
    const seen = new Set(records.map((r) => r.id));
    for (const record of await store.searchByLeadKeys(config.leadKey.field, missing, fields)) {
      if (!seen.has(record.id)) records.push(record);
      seen.add(record.id);
    }
  }
  const plan = planWrites(unique, records, config, now);
  const outcomes = new Map<string, FinalOutcome>(plan.outcomes);
  const errors: WriteError[] = [];
  // An event set aside fails even where it reached another record too: its redelivery finds its key there.
  const failSetAside = (setAside: SetAside) => {
    errors.push({ code: 'fields_changed', message: setAside.reason });
    for (const key of setAside.eventKeys) outcomes.set(key, 'failed');
  };
  plan.setAside.forEach(failSetAside);

  for (const chunk of chunks(plan.updates, PUT_LIMIT)) {
    const result = await writeChunk(chunk, plan.eventsByRecord, config, store, fields, conflictRetries, now);
    // Outcomes recomputed after a conflict replace the planned ones: a concurrent writer may have written
    // some of these events already.
    for (const [key, outcome] of result.outcomes) if (outcomes.get(key) !== 'failed') outcomes.set(key, outcome);
    result.setAside.forEach(failSetAside);
    for (const failure of result.failures) {
      errors.push(failure.error);
      for (const id of failure.recordIds)
        for (const event of plan.eventsByRecord.get(id) ?? []) outcomes.set(event.key, 'failed');
    }
  }
  const written = config.alerts ? writtenRecords(plan.eventsByRecord, records, plan.updates, outcomes) : [];
  return { outcomes, errors, written };
}

interface ChunkResult {
  outcomes: Map<string, RecordEventOutcome | 'unmatched'>;
  /** Records whose events were not written, and why. */
  failures: { recordIds: string[]; error: WriteError }[];
  /** Records that came back from a fresh read without a mapped field. */
  setAside: SetAside[];
}

/**
 * Writes one bulk PUT. A conflict is re-read and recomputed; records kintone refuses as invalid are set aside
 * (their events fail and end in the dead-letter queue) and the rest is written without them.
 */
async function writeChunk(
  chunk: readonly RecordUpdate[],
  eventsByRecord: ReadonlyMap<string, EngagementEvent[]>,
  config: PluginConfig,
  store: RecordStore,
  fields: readonly string[],
  conflictRetries: number,
  now: number | undefined,
): Promise<ChunkResult> {
  let updates = chunk;
  const outcomes: ChunkResult['outcomes'] = new Map();
  const failures: ChunkResult['failures'] = [];
  const setAside: SetAside[] = [];
  for (let attempt = 0; updates.length > 0;) {
    try {
      await store.updateRecords(updates);
      return { outcomes, failures, setAside };
    } catch (error) {
      if (error instanceof RecordValidationError) {
        const refused = error.positions.flatMap((position) => updates[position] ?? []);
        if (refused.length === 0 && updates.length > 1) {
          // kintone did not say which record: halve until the invalid ones are alone.
          const middle = Math.ceil(updates.length / 2);
          const halves = [updates.slice(0, middle), updates.slice(middle)];
          for (const half of halves) {
            const result = await writeChunk(
              half,
              eventsByRecord,
              config,
              store,
              fields,
              conflictRetries - attempt,
              now,
            );
            for (const [key, outcome] of result.outcomes) outcomes.set(key, outcome);
            failures.push(...result.failures);
            setAside.push(...result.setAside);
          }
          return { outcomes, failures, setAside };
        }
        const invalid = refused.length > 0 ? refused : updates;
        failures.push({
          recordIds: invalid.map((u) => u.id),
          error: { code: 'records_invalid', message: error.message },
        });
        updates = updates.filter((u) => !invalid.includes(u));
        continue;
      }
      if (!(error instanceof RevisionConflictError)) {
        failures.push({
          recordIds: updates.map((u) => u.id),
          error: { code: writeErrorCode(error), message: errorMessage(error) },
        });
        return { outcomes, failures, setAside };
      }
      if (attempt >= conflictRetries) {
        failures.push({
          recordIds: updates.map((u) => u.id),
          error: { code: 'write_conflict', message: `${errorMessage(error)}; gave up after ${attempt + 1} attempts` },
        });
        return { outcomes, failures, setAside };
      }
      attempt++;
    }
    const fresh = await store.findByIds(
      updates.map((u) => u.id),
      fields,
    );
    const next: RecordUpdate[] = [];
    const freshIds = new Set(fresh.map((r) => r.id));
    for (const update of updates) {
      if (!freshIds.has(update.id))
        for (const e of eventsByRecord.get(update.id) ?? []) outcomes.set(e.key, 'unmatched');
    }
    for (const record of fresh) {
      const patch = patchOrReason(record, eventsByRecord.get(record.id) ?? [], config, now);
      if ('reason' in patch) {
        setAside.push(patch);
        continue;
      }
      for (const [key, outcome] of patch.outcomes) outcomes.set(key, outcome);
      if (patch.update) next.push(patch.update);
    }
    updates = next;
  }
  return { outcomes, failures, setAside };
}
