/**
 * Plans the kintone writes for a batch of events of one app: which lead keys to look up, which record each
 * event lands on, and one update per changed record. Pure; the writer service does the I/O around it.
 */
import type { PluginConfig } from '../../../contract/src/config';
import type { EngagementEvent } from '../../../contract/src/events';
import {
  RecordShapeError,
  textValue,
  type RecordUpdate,
  type StoredRecord,
} from '../../../contract/src/kintone-record';
import { pageMatches } from '../../../contract/src/page-pattern';
import { computeRecordPatch } from '../../../contract/src/record-patch';

/** What became of one event. `written` wins over the others when an event lands on several records. */
export type EventOutcome = 'written' | 'duplicate' | 'trimmed' | 'unmatched' | 'ambiguous' | 'filtered';

/** Drops repeated deliveries of one event within a batch; the first copy stands for all. */
export function dedupeEvents(events: readonly EngagementEvent[]): EngagementEvent[] {
  const byKey = new Map<string, EngagementEvent>();
  for (const event of events) if (!byKey.has(event.key)) byKey.set(event.key, event);
  return [...byKey.values()];
}

/**
 * Whether the app records the event at all: its type is chosen, it is no bot's (when bots are ignored), and a visit is
 * to a page the admin chose (config.visitPages; none chosen records no visit), whatever Marketo's campaign let through.
 */
export function isRecordable(event: EngagementEvent, config: PluginConfig): boolean {
  if (!config.eventTypes.includes(event.type) || (config.ignoreBots && event.isBot)) return false;
  return event.type !== 'visit' || pageMatches(event.link, config.visitPages ?? []);
}

/** The value an event carries for the configured lead key, normalised as it is compared. */
export function leadKeyOf(event: EngagementEvent, config: PluginConfig): string {
  return normaliseLeadKey(config.leadKey.source === 'email' ? event.email : event.leadId, config);
}

function normaliseLeadKey(value: string, config: PluginConfig): string {
  const trimmed = value.trim();
  return config.leadKey.source === 'email' ? trimmed.toLowerCase() : trimmed;
}

/**
 * The values to put in the lookup query. kintone may compare text exactly (its documentation does not say), so an
 * email is looked up both as Marketo sent it and in lower case; matching afterwards ignores case and surrounding
 * spaces, and unmatchedEmails names what a word search must look for.
 */
export function lookupValues(events: readonly EngagementEvent[], config: PluginConfig): string[] {
  const values = new Set<string>();
  for (const event of events) {
    const raw = (config.leadKey.source === 'email' ? event.email : event.leadId).trim();
    if (!raw) continue;
    values.add(raw);
    values.add(normaliseLeadKey(raw, config));
  }
  return [...values];
}

/**
 * The lead keys of recordable email events that no record matched: kintone may compare `in` exactly, and a stored
 * address may carry other letter case or surrounding whitespace than every spelling looked up. Lead ids are digits
 * and need no second look.
 */
export function unmatchedEmails(
  events: readonly EngagementEvent[],
  records: readonly StoredRecord[],
  config: PluginConfig,
): string[] {
  if (config.leadKey.source !== 'email') return [];
  const found = new Set(
    records.map((record) => normaliseLeadKey(textValue(record.fields, config.leadKey.field), config)),
  );
  const missing = new Set<string>();
  for (const event of events) {
    const key = leadKeyOf(event, config);
    if (key && isRecordable(event, config) && !found.has(key)) missing.add(key);
  }
  return [...missing];
}

/** The fields the writer needs from each record; asking for only these keeps the GET small. */
export function fieldsToRead(config: PluginConfig): string[] {
  const { statusLabels: _labels, ...summaryFields } = config.summary;
  const summary = Object.values(summaryFields).filter((code): code is string => Boolean(code));
  // The owner field is read for the alerts' mentions.
  const owner = config.alerts ? [config.alerts.ownerField] : [];
  return ['$id', '$revision', config.leadKey.field, ...summary, config.history.table, ...owner];
}

export interface WritePlan {
  updates: RecordUpdate[];
  /** The events each updated record takes, so a conflict can be recomputed from a fresh read. */
  eventsByRecord: Map<string, EngagementEvent[]>;
  outcomes: Map<string, EventOutcome>;
  /** Records that cannot take their events as they came back from kintone, and why; the other records are written. */
  setAside: SetAside[];
}

export interface SetAside {
  recordId: string;
  eventKeys: string[];
  reason: string;
}

/**
 * The record's patch, or why the record cannot take events (a mapped field it came back without). `now` (ms) is the
 * moment a mapped score is computed at (computeRecordPatch).
 */
export function patchOrReason(
  record: StoredRecord,
  events: readonly EngagementEvent[],
  config: PluginConfig,
  now?: number,
): ReturnType<typeof computeRecordPatch> | SetAside {
  try {
    return computeRecordPatch(record, events, config, now);
  } catch (error) {
    if (!(error instanceof RecordShapeError)) throw error;
    return {
      recordId: record.id,
      eventKeys: events.map((e) => e.key),
      reason: `record ${record.id}: ${error.message}`,
    };
  }
}

export function planWrites(
  events: readonly EngagementEvent[],
  records: readonly StoredRecord[],
  config: PluginConfig,
  now?: number,
): WritePlan {
  const outcomes = new Map<string, EventOutcome>();
  const recordsByKey = new Map<string, StoredRecord[]>();
  for (const record of records) {
    const key = normaliseLeadKey(textValue(record.fields, config.leadKey.field), config);
    if (!key) continue;
    recordsByKey.set(key, [...(recordsByKey.get(key) ?? []), record]);
  }

  const eventsByRecord = new Map<string, EngagementEvent[]>();
  for (const event of dedupeEvents(events)) {
    if (!isRecordable(event, config)) {
      outcomes.set(event.key, 'filtered');
      continue;
    }
    const matches = recordsByKey.get(leadKeyOf(event, config)) ?? [];
    const targets = chooseTargets(matches, config);
    if (targets === 'ambiguous' || targets.length === 0) {
      outcomes.set(event.key, targets === 'ambiguous' ? 'ambiguous' : 'unmatched');
      continue;
    }
    for (const record of targets) eventsByRecord.set(record.id, [...(eventsByRecord.get(record.id) ?? []), event]);
  }

  const recordById = new Map(records.map((r) => [r.id, r]));
  const updates: RecordUpdate[] = [];
  const setAside: SetAside[] = [];
  for (const [id, recordEvents] of eventsByRecord) {
    const patch = patchOrReason(recordById.get(id)!, recordEvents, config, now);
    if ('reason' in patch) {
      setAside.push(patch);
      continue;
    }
    if (patch.update) updates.push(patch.update);
    mergeOutcomes(outcomes, patch.outcomes);
  }
  return { updates, eventsByRecord, outcomes, setAside };
}

function chooseTargets(matches: StoredRecord[], config: PluginConfig): StoredRecord[] | 'ambiguous' {
  if (matches.length <= 1) return matches;
  switch (config.multipleMatches) {
    case 'all':
      return matches;
    case 'newest':
      return [matches.reduce((a, b) => (Number(b.id) > Number(a.id) ? b : a))];
    case 'skip':
      return 'ambiguous';
  }
}

const PRECEDENCE: EventOutcome[] = ['written', 'trimmed', 'duplicate'];

/** An event that reached several records takes its most telling outcome: written beats skipped. */
export function mergeOutcomes(into: Map<string, EventOutcome>, from: ReadonlyMap<string, EventOutcome>): void {
  for (const [key, outcome] of from) {
    const current = into.get(key);
    if (!current || PRECEDENCE.indexOf(outcome) < PRECEDENCE.indexOf(current)) into.set(key, outcome);
  }
}
