/**
 * What the panel shows, computed from the record's own fields. The summary fields are the truth when they
 * are mapped; otherwise the values are derived from the history rows (which may be capped).
 */
import { STATUSES, type PluginConfig, type Status } from '../../../contract/src/config';
import { EVENT_TYPES, type EventType } from '../../../contract/src/events';
import { dateTimeMillis, subtableRows, textValue, type RecordFields } from '../../../contract/src/kintone-record';
import { deriveStatus } from '../../../contract/src/record-patch';
import { engagementScore, scoreSettingsOf } from '../../../contract/src/score';

export interface HistoryRow {
  /** undefined when the row's date is empty or unreadable */
  at: number | undefined;
  /** undefined when the row holds a type this version does not know */
  type: EventType | undefined;
  rawType: string;
  emailName: string;
  subject: string;
  /** a reply's new text */
  snippet: string;
  /** a click's link; a visit's page; a form fill's page */
  link: string;
  campaign: string;
  /** a form fill's form name */
  formName: string;
}

export type DatedRow = HistoryRow & { at: number; type: EventType };

/** How often something happened and when last, from the summary fields and the rows. */
export interface Tally {
  count: number;
  last: number | undefined;
}

export interface ScoreView {
  /** The score now, from the rows (score.ts): the one the panel shows. */
  now: number;
  /** The record's score field, which list views sort by; undefined when empty. */
  stored: number | undefined;
  /** The events that add the most, the largest share first; at most three. */
  top: DatedRow[];
  /** The unsubscribe or bounce that set the score to 0, when nothing has added to it since. */
  reset: DatedRow | undefined;
}

export type StatusView = { kind: 'known'; status: Status } | { kind: 'label'; label: string };

export interface PanelModel {
  status: StatusView;
  opens: number;
  clicks: number;
  firstOpened: number | undefined;
  lastOpened: number | undefined;
  lastClicked: number | undefined;
  lastBounced: number | undefined;
  /** a bounce is recorded and no delivery, open or click came after it */
  bounceStands: boolean;
  unsubscribed: boolean;
  unsubscribedAt: number | undefined;
  /** undefined when the app does not record replies and holds no reply row (visits and forms alike) */
  replies: Tally | undefined;
  visits: Tally | undefined;
  forms: Tally | undefined;
  /** undefined when no score field is mapped */
  score: ScoreView | undefined;
  /** newest first */
  rows: HistoryRow[];
  /** the history holds as many rows as the cap allows, so older events have been dropped */
  capped: boolean;
  /** the event types the app records (its settings), in EVENT_TYPES order */
  recorded: EventType[];
}

export class MissingFieldError extends Error {
  constructor(readonly code: string) {
    super(`field ${code} is not in the record`);
  }
}

/** now: the moment the score is computed for. */
export function buildPanelModel(record: RecordFields, config: PluginConfig, now = Date.now()): PanelModel {
  const { summary, history } = config;
  const cols = history.columns;
  for (const code of [history.table, ...Object.values(summary).filter((v): v is string => typeof v === 'string')]) {
    if (!(code in record)) throw new MissingFieldError(code);
  }
  const text = (fields: RecordFields, code: string | undefined) => (code ? textValue(fields, code) : '');
  const rows: HistoryRow[] = subtableRows(record, history.table)
    .map(({ value }) => {
      const rawType = text(value, cols.type);
      return {
        at: dateTimeMillis(text(value, cols.occurredAt)),
        type: (EVENT_TYPES as readonly string[]).includes(rawType) ? (rawType as EventType) : undefined,
        rawType,
        emailName: text(value, cols.emailName),
        subject: text(value, cols.subject),
        snippet: text(value, cols.snippet),
        link: text(value, cols.link),
        campaign: text(value, cols.campaign),
        formName: text(value, cols.formName),
      };
    })
    .sort((a, b) => (b.at ?? 0) - (a.at ?? 0));

  const timesOf = (type: EventType) =>
    rows.filter((r) => r.type === type && r.at !== undefined).map((r) => r.at as number);
  // Summary fields and rows can disagree (rows are capped; a field may be added after rows exist): the panel
  // shows the larger count and the outermost dates of both.
  const mappedTime = (code: string | undefined) => (code ? dateTimeMillis(textValue(record, code)) : undefined);
  const mappedCount = (code: string | undefined) => {
    const n = code ? Number.parseInt(textValue(record, code), 10) : Number.NaN;
    return Number.isFinite(n) ? n : undefined;
  };
  const defined = (values: Array<number | undefined>) => values.filter((v): v is number => v !== undefined);
  const max = (values: Array<number | undefined>) =>
    defined(values).length ? Math.max(...defined(values)) : undefined;
  const min = (values: Array<number | undefined>) =>
    defined(values).length ? Math.min(...defined(values)) : undefined;

  // Mapped fields alone do not mean such events arrive: the app records them only with their event type.
  const tally = (type: EventType, countCode: string | undefined, lastCode: string | undefined) => {
    const count = Math.max(mappedCount(countCode) ?? 0, timesOf(type).length);
    return count > 0 || config.eventTypes.includes(type)
      ? { count, last: max([mappedTime(lastCode), ...timesOf(type)]) }
      : undefined;
  };

  const status = statusView(record, rows, config);
  const unsubscribedAt = max([mappedTime(summary.unsubscribed), ...timesOf('unsubscribe')]);
  const lastBounced = max([mappedTime(summary.lastBounced), ...timesOf('bounce')]);
  const lastReached = max([
    mappedTime(summary.lastOpened),
    mappedTime(summary.lastClicked),
    ...timesOf('delivered'),
    ...timesOf('open'),
    ...timesOf('click'),
  ]);
  return {
    status,
    opens: Math.max(mappedCount(summary.openCount) ?? 0, timesOf('open').length),
    clicks: Math.max(mappedCount(summary.clickCount) ?? 0, timesOf('click').length),
    firstOpened: min([mappedTime(summary.firstOpened), ...timesOf('open')]),
    lastOpened: max([mappedTime(summary.lastOpened), ...timesOf('open')]),
    lastClicked: max([mappedTime(summary.lastClicked), ...timesOf('click')]),
    lastBounced,
    bounceStands: lastBounced !== undefined && (lastReached === undefined || lastReached <= lastBounced),
    unsubscribed: unsubscribedAt !== undefined || (status.kind === 'known' && status.status === 'unsubscribed'),
    unsubscribedAt,
    replies: tally('reply', summary.replyCount, summary.lastReplied),
    visits: tally('visit', summary.visitCount, summary.lastVisited),
    forms: tally('form', summary.formCount, summary.lastFormFilled),
    score: summary.score ? scoreView(rows, mappedCount(summary.score), config, now) : undefined,
    rows,
    capped: rows.length >= history.maxRows,
    recorded: EVENT_TYPES.filter((type) => config.eventTypes.includes(type)),
  };
}

/**
 * The score the rows give now, not only the stored one: the stored value was computed when the last event was written
 * and is brought up to date once a day, while the score decays by the hour. The writer and the daily re-score compute
 * it from the same rows with the same function, so the panel shows what the field will hold, and the events behind it.
 */
function scoreView(rows: HistoryRow[], stored: number | undefined, config: PluginConfig, now: number): ScoreView {
  const dated = rows.filter((r): r is DatedRow => r.at !== undefined && r.type !== undefined);
  const result = engagementScore(dated, scoreSettingsOf(config), now);
  return {
    now: result.score,
    stored,
    top: result.contributions.slice(0, 3).map((c) => c.event),
    reset:
      result.contributions.length === 0 && result.resetAt !== undefined
        ? dated.find((r) => r.at === result.resetAt && (r.type === 'unsubscribe' || r.type === 'bounce'))
        : undefined,
  };
}

function statusView(record: RecordFields, rows: HistoryRow[], config: PluginConfig): StatusView {
  const code = config.summary.status;
  const label = code ? textValue(record, code) : '';
  if (label) {
    const known = STATUSES.find((s) => config.summary.statusLabels[s] === label);
    return known ? { kind: 'known', status: known } : { kind: 'label', label };
  }
  const entries = rows.map((r) => ({ at: r.at ?? 0, type: r.rawType, emailName: r.emailName }));
  return { kind: 'known', status: deriveStatus(entries, undefined) };
}
