/**
 * Writes one app's events to kintone at the floor of its API cost: one GET per 500 lead keys, one PUT per
 * 100 changed records, whatever the number of events. A PUT refused for a stale revision is recomputed
 * from a fresh read and tried again; a chunk that still fails marks its events failed so the queue
 * redelivers them (the event keys in the history make the redelivery harmless).
 */
import type { PluginConfig } from '../core/config';
import type { EngagementEvent } from '../core/events';
import { dedupeEvents, fieldsToRead, isRecordable, lookupValues, planWrites, type EventOutcome } from '../core/batch-plan';
import { chunks } from '../core/chunks';
import { PUT_LIMIT, type RecordUpdate } from '../core/kintone-record';
import { computeRecordPatch, type RecordEventOutcome } from '../core/record-patch';
import { RevisionConflictError, type RecordStore } from './ports';

export type FinalOutcome = EventOutcome | 'failed';

export interface WriteReport {
  outcomes: Map<string, FinalOutcome>;
  errors: string[];
}

export interface WriteOptions {
  /** How often a chunk refused for stale revisions is re-read and recomputed before its events fail. */
  conflictRetries: number;
}

export async function writeAppEvents(
  events: readonly EngagementEvent[],
  config: PluginConfig,
  store: RecordStore,
  options: WriteOptions = { conflictRetries: 5 },
): Promise<WriteReport> {
  const unique = dedupeEvents(events);
  const fields = fieldsToRead(config);
  const values = lookupValues(unique.filter((e) => isRecordable(e, config)), config);
  const records = values.length > 0 ? await store.findByLeadKeys(config.leadKey.field, values, fields) : [];
  const plan = planWrites(unique, records, config);
  const outcomes = new Map<string, FinalOutcome>(plan.outcomes);
  const errors: string[] = [];

  for (const chunk of chunks(plan.updates, PUT_LIMIT)) {
    const result = await writeChunk(chunk, plan.eventsByRecord, config, store, fields, options.conflictRetries);
    if (result.ok) {
      // Outcomes recomputed after a conflict replace the planned ones: a concurrent writer may have
      // written some of these events already.
      for (const [key, outcome] of result.outcomes) outcomes.set(key, outcome);
    } else {
      errors.push(result.error);
      for (const update of chunk) for (const event of plan.eventsByRecord.get(update.id) ?? []) outcomes.set(event.key, 'failed');
    }
  }
  return { outcomes, errors };
}

type ChunkResult = { ok: true; outcomes: Map<string, RecordEventOutcome | 'unmatched'> } | { ok: false; error: string };

async function writeChunk(
  chunk: readonly RecordUpdate[],
  eventsByRecord: ReadonlyMap<string, EngagementEvent[]>,
  config: PluginConfig,
  store: RecordStore,
  fields: readonly string[],
  conflictRetries: number,
): Promise<ChunkResult> {
  let updates = chunk;
  let outcomes = new Map<string, RecordEventOutcome | 'unmatched'>();
  for (let attempt = 0; ; attempt++) {
    try {
      await store.updateRecords(updates);
      return { ok: true, outcomes };
    } catch (error) {
      if (!(error instanceof RevisionConflictError)) return { ok: false, error: describe(error) };
      if (attempt >= conflictRetries) return { ok: false, error: `${describe(error)}; gave up after ${attempt + 1} attempts` };
    }
    const fresh = await store.findByIds(updates.map((u) => u.id), fields);
    outcomes = new Map();
    const next: RecordUpdate[] = [];
    const freshIds = new Set(fresh.map((r) => r.id));
    for (const update of updates) {
      if (!freshIds.has(update.id)) for (const e of eventsByRecord.get(update.id) ?? []) outcomes.set(e.key, 'unmatched');
    }
    for (const record of fresh) {
      const patch = computeRecordPatch(record, eventsByRecord.get(record.id) ?? [], config);
      for (const [key, outcome] of patch.outcomes) outcomes.set(key, outcome);
      if (patch.update) next.push(patch.update);
    }
    if (next.length === 0) return { ok: true, outcomes };
    updates = next;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
