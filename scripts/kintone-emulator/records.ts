import type { Directory } from './directory';
import { FieldErrorCollector, KintoneError, invalidParam, requiredParam } from './errors';
import type { AppState, Entity, StoredRecord } from './types';
import { own } from './types';
import { UniqueIndex } from './unique-index';
import { applyWrite } from './validation';
import { normalizeNumber, nowDateTime } from './values';

/**
 * Record writes with kintone's all-or-nothing rule: each request is applied to a working copy
 * in request order (so later records see earlier ones, e.g. for duplicates), and the copy is
 * committed only if every record passed. Any 404/409 stops the request; CB_VA01 entries are
 * collected for all records first.
 */
const MAX_RECORDS = 100;

/** Who writes: the user kintone records as creator or modifier, and the domain's directory USER_SELECT values name. */
export interface Writer {
  user: Entity;
  directory: Directory;
}

interface Batch {
  app: AppState;
  directory: Directory;
  now: string;
  user: Entity;
  working: Map<number, StoredRecord>;
  deleted: Set<number>;
  unique: UniqueIndex;
  errors: FieldErrorCollector;
  nextRecordId: number;
  nextRowId: number;
}

function startBatch(app: AppState, { user, directory }: Writer): Batch {
  return {
    app,
    directory,
    now: nowDateTime(),
    user,
    working: new Map(),
    deleted: new Set(),
    unique: new UniqueIndex(app),
    errors: new FieldErrorCollector(),
    nextRecordId: app.nextRecordId,
    nextRowId: app.nextRowId,
  };
}

function current(batch: Batch, id: number): StoredRecord | undefined {
  if (batch.deleted.has(id)) return undefined;
  return batch.working.get(id) ?? batch.app.records.get(id);
}

function commit(batch: Batch): void {
  if (!batch.errors.empty) throw batch.errors.toError();
  const { app } = batch;
  for (const id of batch.deleted) app.records.delete(id);
  for (const [id, record] of batch.working) app.records.set(id, record);
  app.nextRecordId = batch.nextRecordId;
  app.nextRowId = batch.nextRowId;
}

function insert(batch: Batch, input: unknown, prefix: string): StoredRecord {
  const write = applyWrite(
    {
      app: batch.app,
      mode: 'add',
      prefix,
      errors: batch.errors,
      newRowId: () => String(batch.nextRowId++),
      directory: batch.directory,
    },
    input,
    undefined,
  );
  const record: StoredRecord = {
    id: batch.nextRecordId++,
    revision: 1,
    createdAt: write.createdAt ?? batch.now,
    updatedAt: write.updatedAt ?? write.createdAt ?? batch.now,
    creator: write.creator ?? batch.user,
    modifier: write.modifier ?? write.creator ?? batch.user,
    values: write.values,
  };
  batch.unique.claim(record, undefined, prefix, batch.errors);
  batch.working.set(record.id, record);
  return record;
}

function recordList(records: unknown, tooMany: 'tooManyToAdd' | 'tooManyToUpdate'): unknown[] {
  if (records === undefined || records === null) throw requiredParam('records');
  if (!Array.isArray(records)) throw invalidParam('records', (m) => m.invalidValue);
  if (records.length > MAX_RECORDS) throw invalidParam('records', (m) => m[tooMany]);
  return records;
}

export function addRecord(app: AppState, record: unknown, writer: Writer): { id: string; revision: string } {
  const batch = startBatch(app, writer);
  const added = insert(batch, record, 'record');
  commit(batch);
  return { id: String(added.id), revision: '1' };
}

export function addRecords(app: AppState, records: unknown, writer: Writer): { ids: string[]; revisions: string[] } {
  const list = recordList(records, 'tooManyToAdd');
  const batch = startBatch(app, writer);
  const added = list.map((input, i) => insert(batch, input, `records[${i}]`));
  commit(batch);
  return { ids: added.map((r) => String(r.id)), revisions: added.map(() => '1') };
}

interface UpdateItem {
  id?: unknown;
  updateKey?: unknown;
  revision?: unknown;
  record?: unknown;
}

const asItem = (value: unknown): UpdateItem => (typeof value === 'object' && value !== null ? value : {});

export interface UpdateResult {
  id: string;
  revision: string;
  operation?: 'INSERT' | 'UPDATE';
}

/** Shared by record.json PUT (one item, prefix "record") and records.json PUT. */
function update(batch: Batch, item: UpdateItem, prefix: string, paramPrefix: string, upsert: boolean): UpdateResult {
  const { app } = batch;
  let target: StoredRecord | undefined;
  let insertInput = item.record;
  if (item.id !== undefined && item.updateKey !== undefined)
    throw invalidParam(`${paramPrefix}id`, (m) => m.idAndUpdateKey);
  if (item.updateKey !== undefined) {
    const key = updateKeyOf(batch, item.updateKey, paramPrefix);
    const holder = batch.unique.find(key.field, key.value);
    target = holder === undefined ? undefined : current(batch, holder);
    if (!target && !upsert)
      throw new KintoneError(404, 'GAIA_RE01', (m) => m.recordNotFoundByKey(key.field, key.value));
    insertInput = {
      ...(typeof item.record === 'object' && item.record !== null ? item.record : {}),
      [key.field]: { value: key.value },
    };
  } else if (item.id !== undefined && item.id !== null) {
    const id = positiveInt(item.id);
    if (id === undefined) throw invalidParam(`${paramPrefix}id`, (m) => m.mustBePositive);
    target = current(batch, id);
    if (!target && !upsert) throw new KintoneError(404, 'GAIA_RE01', (m) => m.recordNotFound(String(item.id)));
  } else {
    throw requiredParam(`${paramPrefix}id`);
  }

  if (!target) {
    const added = insert(batch, insertInput, prefix);
    return { id: String(added.id), revision: '1', operation: 'INSERT' };
  }
  const expected = item.revision;
  /* eslint-disable @typescript-eslint/no-base-to-string -- kintone takes a revision as a number or a string. */
  if (
    expected !== undefined &&
    expected !== null &&
    String(expected) !== '-1' &&
    String(expected) !== String(target.revision)
  ) {
    /* eslint-enable @typescript-eslint/no-base-to-string */
    throw new KintoneError(409, 'GAIA_CO02', (m) => m.revisionConflict);
  }
  const write = applyWrite(
    {
      app,
      mode: 'update',
      prefix,
      errors: batch.errors,
      newRowId: () => String(batch.nextRowId++),
      directory: batch.directory,
    },
    item.record,
    target,
  );
  const updated: StoredRecord = {
    ...target,
    revision: target.revision + 1,
    updatedAt: batch.now,
    modifier: batch.user,
    values: write.values,
  };
  batch.unique.claim(updated, target, prefix, batch.errors);
  batch.working.set(updated.id, updated);
  return { id: String(updated.id), revision: String(updated.revision), operation: 'UPDATE' };
}

function updateKeyOf(batch: Batch, raw: unknown, paramPrefix: string): { field: string; value: string } {
  const key = typeof raw === 'object' && raw !== null ? (raw as { field?: unknown; value?: unknown }) : {};
  const field = typeof key.field === 'string' ? key.field : '';
  const def = own(batch.app.properties, field);
  // Documented: only a Text or Number field with "prohibit duplicate values" can be an update key.
  if (!def || (def.type !== 'SINGLE_LINE_TEXT' && def.type !== 'NUMBER') || !batch.unique.isUniqueField(field)) {
    throw invalidParam(`${paramPrefix}updateKey.field`, (m) => m.badUpdateKeyField);
  }
  const text = typeof key.value === 'string' || typeof key.value === 'number' ? String(key.value) : '';
  const value = def.type === 'NUMBER' ? (normalizeNumber(text) ?? text) : text;
  if (value === '') throw requiredParam(`${paramPrefix}updateKey.value`);
  return { field, value };
}

function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

export function updateRecord(app: AppState, params: UpdateItem, writer: Writer): { revision: string } {
  const batch = startBatch(app, writer);
  const result = update(batch, params, 'record', '', false);
  commit(batch);
  return { revision: result.revision };
}

export function updateRecords(app: AppState, records: unknown, upsert: boolean, writer: Writer): UpdateResult[] {
  const list = recordList(records, 'tooManyToUpdate');
  const batch = startBatch(app, writer);
  const results = list.map((item, i) => update(batch, asItem(item), `records[${i}]`, `records[${i}].`, upsert));
  commit(batch);
  return results.map(({ id, revision, operation }) => (upsert ? { id, revision, operation } : { id, revision }));
}

export function deleteRecords(app: AppState, ids: unknown, revisions: unknown, writer: Writer): void {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_RECORDS) {
    throw invalidParam('ids', (m) => m.deleteRange);
  }
  const expected = Array.isArray(revisions) ? revisions : [];
  const batch = startBatch(app, writer);
  ids.forEach((raw, i) => {
    const id = positiveInt(raw);
    if (id === undefined) throw invalidParam(`ids[${i}]`, (m) => m.mustBePositive);
    const target = current(batch, id);
    if (!target) throw new KintoneError(404, 'GAIA_RE01', (m) => m.recordNotFound(String(raw)));
    const revision: unknown = expected[i];
    /* eslint-disable @typescript-eslint/no-base-to-string -- kintone takes a revision as a number or a string. */
    if (
      revision !== undefined &&
      revision !== null &&
      String(revision) !== '-1' &&
      String(revision) !== String(target.revision)
    ) {
      /* eslint-enable @typescript-eslint/no-base-to-string */
      throw new KintoneError(409, 'GAIA_CO02', (m) => m.revisionConflict);
    }
    batch.deleted.add(id);
  });
  commit(batch);
}
