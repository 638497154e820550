/**
 * What one kintone record must become after a set of engagement events: summary fields and history rows.
 * Pure; the writer sends the result as one entry of a bulk PUT, guarded by the record's revision.
 */
import type { PluginConfig, Status } from './config';
import { STATUSES } from './config';
import { isActivityKey } from './activity-key';
import { listeningCampaignName } from './marketo-setup';
import { pageOf } from './page-pattern';
import { engagementScore, scoreSettingsOf } from './score';
import type { EngagementEvent, EventType, MarketoEmailEventType } from './events';
import {
  dateTimeMillis,
  RecordShapeError,
  subtableRows,
  textValue,
  toKintoneDateTime,
  type RecordUpdate,
  type StoredRecord,
  type SubtableRow,
  type WritableFields,
} from './kintone-record';

/** `trimmed`: the history is full of rows it keeps before this one, and the event may be the replay of a row it gave up. */
export type RecordEventOutcome = 'written' | 'duplicate' | 'trimmed';

/**
 * A webhook row carries {{system.dateTime}}, the moment the campaign's flow called the webhook, which follows the
 * activity by seconds to minutes; the same activity read from the Activities API carries its own time. Within
 * this window after the activity, a webhook row of the same type, email and link is taken for the same
 * engagement.
 */
export const CHANNEL_MATCH_WINDOW_MS = 10 * 60_000;

const KEY_SEPARATOR = ' ';

export interface RecordPatch {
  /** undefined when nothing changes, so no request is spent on this record. */
  update: RecordUpdate | undefined;
  outcomes: Map<string, RecordEventOutcome>;
}

/** A reply, a visit or a form fill is no step in the life of a marketing email, so it has no status. */
const STATUS_OF_TYPE: Record<MarketoEmailEventType, Status> = {
  send: 'sent',
  delivered: 'delivered',
  open: 'opened',
  click: 'clicked',
  bounce: 'bounced',
  unsubscribe: 'unsubscribed',
};

function statusOfType(type: string): Status | undefined {
  return Object.hasOwn(STATUS_OF_TYPE, type) ? STATUS_OF_TYPE[type as MarketoEmailEventType] : undefined;
}

/**
 * What a full history gives up first: sends and deliveries, then opens and visits, then clicks, bounces and
 * unsubscribes, replies and form fills last; within a kind the oldest first. A flood of opens thus never pushes out a rarer, more telling row.
 */
const KEEP_TIER: Record<EventType, number> = {
  send: 0,
  delivered: 0,
  open: 1,
  visit: 1,
  form: 3,
  click: 2,
  bounce: 2,
  unsubscribe: 2,
  reply: 3,
};

function keepTier(type: string): number {
  return Object.hasOwn(KEEP_TIER, type) ? KEEP_TIER[type as EventType] : 0;
}

/** Negative when `a` goes before `b` from a full history. */
function keepOrder(a: Pick<HistoryEntry, 'type' | 'at'>, b: Pick<HistoryEntry, 'type' | 'at'>): number {
  return keepTier(a.type) - keepTier(b.type) || a.at - b.at;
}

interface HistoryEntry {
  at: number;
  type: string;
  emailName: string;
  /** The event keys the row stands for: a webhook row that an activity matched holds both. */
  keys: string[];
  link: string;
  formName: string;
  /** Existing rows keep their id so kintone keeps them; new rows have none. */
  row: { id?: string; value: WritableFields };
}

/**
 * `now` (ms since the epoch) is the moment the engagement score is computed at, when the config maps a score field:
 * the score of the rows the patch keeps goes into the same update. Without it the score field is left as it is.
 */
export function computeRecordPatch(
  record: StoredRecord,
  events: readonly EngagementEvent[],
  config: PluginConfig,
  now?: number,
): RecordPatch {
  const { history } = config;
  const cols = history.columns;
  const rows = subtableRows(record.fields, history.table);
  const existing = rows.map((row) => existingEntry(row, config));
  const knownKeys = new Set(existing.flatMap((entry) => entry.keys));
  // Once full, the history only ever gives up the row that goes first (keepOrder), so every row it gave up goes
  // before the first of those it keeps: an event that would go before that one may be such a row's replay.
  const firstToGo =
    existing.length >= history.maxRows ? existing.reduce((a, b) => (keepOrder(b, a) < 0 ? b : a)) : undefined;

  const outcomes = new Map<string, RecordEventOutcome>();
  const fresh: EngagementEvent[] = [];
  const freshEntries: HistoryEntry[] = [];
  let adopted = false;
  // Webhook events first, so that an activity in the same batch as its webhook finds the webhook's new row (and a
  // webhook looks only at activity rows written before, never at one of this batch).
  const ordered = [...events].sort((a, b) => Number(isActivityKey(a.key)) - Number(isActivityKey(b.key)));
  for (const event of ordered) {
    if (knownKeys.has(event.key)) {
      // A second copy of an event written just above must not turn its outcome into 'duplicate'.
      if (!outcomes.has(event.key)) outcomes.set(event.key, 'duplicate');
      continue;
    }
    const reported = otherChannelRowOf(event, [...existing, ...freshEntries], config);
    if (reported) {
      // The other channel already wrote this engagement: the row keeps its key and takes this one too, so that a
      // replay of either finds it and no third event can take the same row.
      reported.keys.push(event.key);
      reported.row.value[cols.eventKey] = { value: reported.keys.join(KEY_SEPARATOR) };
      // Marketo's webhook has no subject token for every trigger: each channel fills the other's gaps. A webhook
      // knows only the trigger campaign that called it, the activity the campaign that sent the email: that wins.
      for (const [code, value] of [
        [cols.subject, event.subject],
        [cols.campaign, event.campaign],
      ] as const) {
        if (!code || !value) continue;
        const stored = textValue(reported.row.value, code);
        const better =
          code === cols.campaign &&
          listeningCampaignName(stored) !== undefined &&
          listeningCampaignName(value) === undefined;
        if (!stored || better) reported.row.value[code] = { value };
      }
      knownKeys.add(event.key);
      outcomes.set(event.key, 'duplicate');
      adopted = true;
      continue;
    }
    const entry = newEntry(event, config);
    // Left out rather than risk counting a replay twice.
    if (firstToGo && keepOrder(entry, firstToGo) < 0) {
      outcomes.set(event.key, 'trimmed');
      continue;
    }
    knownKeys.add(event.key);
    fresh.push(event);
    freshEntries.push(entry);
    outcomes.set(event.key, 'written');
  }
  if (fresh.length === 0 && !adopted) return { update: undefined, outcomes };

  const entries = [...freshEntries, ...existing]
    .sort((a, b) => keepOrder(b, a))
    .slice(0, history.maxRows)
    .sort((a, b) => b.at - a.at);

  // A batch of replies alone leaves the status as it is, even when the rows it adds push older ones out.
  const statusMayChange = adopted || fresh.some((e) => statusOfType(e.type) !== undefined);
  const patch: WritableFields = {
    ...summaryPatch(record, fresh, entries, config, statusMayChange),
    ...scorePatch(record, entries, config, now),
    [history.table]: { value: entries.map((e) => e.row) },
  };
  return { update: { id: record.id, revision: record.revision, record: patch }, outcomes };
}

/**
 * The row the other channel wrote for the same engagement, if the history has one, whichever arrived first: for an
 * activity, a row keyed by a webhook alone, written within the window after the activity; for a webhook, a row keyed
 * by activities alone, written within the window before the webhook. Same type, email and link (as far as the
 * history keeps them); rows hold minutes, so the window starts at the activity's minute; the nearest first.
 */
function otherChannelRowOf(
  event: EngagementEvent,
  entries: readonly HistoryEntry[],
  config: PluginConfig,
): HistoryEntry | undefined {
  const cols = config.history.columns;
  const at = Date.parse(event.occurredAt);
  const minute = at - (at % 60_000);
  const fromActivity = isActivityKey(event.key);
  const inWindow = fromActivity
    ? (e: HistoryEntry) =>
        e.keys.length > 0 && !e.keys.some(isActivityKey) && e.at >= minute && e.at <= at + CHANNEL_MATCH_WINDOW_MS
    : (e: HistoryEntry) =>
        e.keys.length > 0 && e.keys.every(isActivityKey) && e.at <= minute && minute <= e.at + CHANNEL_MATCH_WINDOW_MS;
  return entries
    .filter(
      (e) =>
        inWindow(e) &&
        e.type === event.type &&
        (!cols.emailName || e.emailName === event.emailName) &&
        sameTarget(e, event, config),
    )
    .sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at))[0];
}

/**
 * Whether a row and an event name the same link, page or form, as far as the history keeps them. The two channels
 * spell a page differently (the webhook's {{trigger.Web Page}}, the activity's host + path), so pages are compared as
 * host + path; a form fill is the same when its page or its form name agrees (the webhook's {{trigger.Name}} and the
 * activity's form name may be worded differently, and the activity's page is its Referrer URL).
 */
function sameTarget(entry: HistoryEntry, event: EngagementEvent, config: PluginConfig): boolean {
  const cols = config.history.columns;
  if (event.type === 'visit') return !cols.link || pageOf(entry.link) === pageOf(event.link);
  if (event.type === 'form') {
    const samePage = Boolean(cols.link) && entry.link !== '' && pageOf(entry.link) === pageOf(event.link);
    const sameForm = Boolean(cols.formName) && entry.formName !== '' && entry.formName === event.formName;
    return samePage || sameForm || (!cols.link && !cols.formName);
  }
  return !cols.link || entry.link === event.link;
}

/** Without these a row cannot be told apart from a replay or placed in time, so nothing may be written next to it. */
const REQUIRED_COLUMNS = ['occurredAt', 'type', 'eventKey'] as const;

function existingEntry(row: SubtableRow, config: PluginConfig): HistoryEntry {
  const cols = config.history.columns;
  const missing = REQUIRED_COLUMNS.map((column) => cols[column]).filter((code) => !Object.hasOwn(row.value, code));
  if (missing.length > 0) {
    throw new RecordShapeError(
      `table ${config.history.table} has no column ${missing.join(', ')} (removed or renamed since the app was registered?)`,
    );
  }
  const value: WritableFields = {};
  for (const [code, cell] of Object.entries(row.value)) value[code] = { value: cell.value };
  return {
    at: dateTimeMillis(textValue(row.value, cols.occurredAt)) ?? 0,
    type: textValue(row.value, cols.type),
    emailName: cols.emailName ? textValue(row.value, cols.emailName) : '',
    keys: textValue(row.value, cols.eventKey).split(KEY_SEPARATOR).filter(Boolean),
    link: cols.link ? textValue(row.value, cols.link) : '',
    formName: cols.formName ? textValue(row.value, cols.formName) : '',
    row: { id: row.id, value },
  };
}

function newEntry(event: EngagementEvent, config: PluginConfig): HistoryEntry {
  const cols = config.history.columns;
  const value: WritableFields = {
    [cols.occurredAt]: { value: toKintoneDateTime(event.occurredAt) },
    [cols.type]: { value: event.type },
    [cols.eventKey]: { value: event.key },
  };
  if (cols.emailName) value[cols.emailName] = { value: event.emailName };
  if (cols.subject) value[cols.subject] = { value: event.subject };
  if (cols.link) value[cols.link] = { value: event.link };
  if (cols.campaign) value[cols.campaign] = { value: event.campaign };
  if (cols.snippet) value[cols.snippet] = { value: event.snippet };
  if (cols.formName) value[cols.formName] = { value: event.formName };
  // Without an email name column, stored rows read back with emailName ''; a new row must look the same, or the
  // status would depend on whether a row is new or stored.
  const emailName = cols.emailName ? event.emailName : '';
  return {
    at: Date.parse(event.occurredAt),
    type: event.type,
    emailName,
    keys: [event.key],
    link: cols.link ? event.link : '',
    formName: cols.formName ? event.formName : '',
    row: { value },
  };
}

function summaryPatch(
  record: StoredRecord,
  fresh: readonly EngagementEvent[],
  entries: readonly HistoryEntry[],
  config: PluginConfig,
  statusMayChange: boolean,
): WritableFields {
  const s = config.summary;
  const patch: WritableFields = {};
  const timesOf = (type: EventType) => fresh.filter((e) => e.type === type).map((e) => Date.parse(e.occurredAt));
  const opens = timesOf('open');
  const clicks = timesOf('click');
  const replies = timesOf('reply');
  const visits = timesOf('visit');
  const forms = timesOf('form');

  const count = (code: string | undefined, added: number) => {
    if (!code || added === 0) return;
    const current = Number.parseInt(textValue(record.fields, code), 10);
    patch[code] = { value: String((Number.isFinite(current) ? current : 0) + added) };
  };
  const extreme = (code: string | undefined, times: number[], pick: (a: number, b: number) => number) => {
    if (!code || times.length === 0) return;
    const current = dateTimeMillis(textValue(record.fields, code));
    // pick takes exactly two values: reduce's (acc, value, index, array) would make Math.min/max return 0 or NaN.
    const best = times.reduce((a, b) => pick(a, b), current ?? times[0]!);
    if (best !== current) patch[code] = { value: toKintoneDateTime(new Date(best).toISOString()) };
  };

  count(s.openCount, opens.length);
  count(s.clickCount, clicks.length);
  count(s.replyCount, replies.length);
  count(s.visitCount, visits.length);
  count(s.formCount, forms.length);
  extreme(s.firstOpened, opens, Math.min);
  extreme(s.lastOpened, opens, Math.max);
  extreme(s.lastClicked, clicks, Math.max);
  extreme(s.lastBounced, timesOf('bounce'), Math.max);
  extreme(s.unsubscribed, timesOf('unsubscribe'), Math.max);
  extreme(s.lastReplied, replies, Math.max);
  extreme(s.lastVisited, visits, Math.max);
  extreme(s.lastFormFilled, forms, Math.max);

  if (s.status && statusMayChange) {
    const current = statusFromLabel(textValue(record.fields, s.status), config);
    const next = deriveStatus(entries, current);
    if (next !== current) patch[s.status] = { value: s.statusLabels[next] };
  }
  return patch;
}

/** The score of the rows the record keeps, when it differs from the stored one (an integer, as kintone's NUMBER text). */
function scorePatch(
  record: StoredRecord,
  entries: readonly Pick<HistoryEntry, 'type' | 'at'>[],
  config: PluginConfig,
  now: number | undefined,
): WritableFields {
  const code = config.summary.score;
  if (!code || now === undefined) return {};
  const { score } = engagementScore(
    entries.map((e) => ({ type: e.type, at: e.at })),
    scoreSettingsOf(config),
    now,
  );
  const stored = textValue(record.fields, code);
  return stored !== '' && Number(stored) === score ? {} : { [code]: { value: String(score) } };
}

function statusFromLabel(label: string, config: PluginConfig): Status | undefined {
  return STATUSES.find((status) => config.summary.statusLabels[status] === label);
}

const rank = (status: Status) => STATUSES.indexOf(status);

/**
 * The status tells a salesperson where the customer stands with the most recent email: the strongest event
 * for the email of the newest history row that has a status (a late "delivered" never demotes an "opened"; a
 * reply or a row of an unknown type never counts). An unsubscribe is final: it stays even after its row has been
 * trimmed from the history.
 */
export function deriveStatus(
  entries: readonly Pick<HistoryEntry, 'at' | 'type' | 'emailName'>[],
  current: Status | undefined,
): Status {
  const steps = entries.flatMap((e) => {
    const status = statusOfType(e.type);
    return status ? [{ ...e, status }] : [];
  });
  if (current === 'unsubscribed' || steps.some((e) => e.status === 'unsubscribed')) return 'unsubscribed';
  const newest = steps.reduce<(typeof steps)[number] | undefined>((a, e) => (!a || e.at > a.at ? e : a), undefined);
  if (!newest) return current ?? 'notSent';
  return steps
    .filter((e) => e.emailName === newest.emailName)
    .reduce<Status>((best, e) => (rank(e.status) > rank(best) ? e.status : best), 'notSent');
}
