/**
 * The moments that alert a record's owner, and the comment that says them. Pure; the writer claims each moment in the
 * registry's daily ledger and posts the comment (services/post-alerts).
 *
 * Only events this batch wrote to the record count: a replay, a duplicate or an event already reconciled is never
 * `written` again, so it never alerts twice. Bot activity never alerts. Several events of one kind in a batch make one
 * moment (the latest); one comment per record and batch says every moment that was claimed.
 */
import type { AlertSettings } from '../../../contract/src/config';
import type { EngagementEvent } from '../../../contract/src/events';
import type { RecordFields, WritableFields } from '../../../contract/src/kintone-record';
import { pageMatches, pageOf } from '../../../contract/src/page-pattern';

export const ALERT_KINDS = ['reply', 'form', 'click', 'visit', 'score'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertMoment {
  kind: AlertKind;
  /** The event that makes the moment; absent for the score crossing its threshold. */
  event?: EngagementEvent;
}

export interface RecordAlertInput {
  /** The events the batch wrote to the record (outcome `written`). */
  written: readonly EngagementEvent[];
  /** The record's score before the write (its stored field value); undefined when no score field is mapped or empty. */
  oldScore: number | undefined;
  /** The score the write set; undefined when the write left the score field alone. */
  newScore: number | undefined;
}

function eventKind(event: EngagementEvent, settings: AlertSettings): AlertKind | undefined {
  switch (event.type) {
    case 'reply':
      return settings.onReply ? 'reply' : undefined;
    case 'form':
      return settings.onForm ? 'form' : undefined;
    case 'click':
      return pageMatches(event.link, settings.clickPages) ? 'click' : undefined;
    case 'visit':
      return pageMatches(event.link, settings.visitPages) ? 'visit' : undefined;
    default:
      return undefined;
  }
}

/** The record's moments, in ALERT_KINDS order, at most one per kind. */
export function alertMoments(input: RecordAlertInput, settings: AlertSettings): AlertMoment[] {
  const human = input.written.filter((e) => !e.isBot);
  const latest = new Map<AlertKind, EngagementEvent>();
  for (const event of human) {
    const kind = eventKind(event, settings);
    const current = kind && latest.get(kind);
    if (kind && (!current || event.occurredAt > current.occurredAt)) latest.set(kind, event);
  }
  const moments: AlertMoment[] = [];
  for (const kind of ALERT_KINDS) {
    const event = latest.get(kind);
    if (event) moments.push({ kind, event });
  }
  const threshold = settings.scoreThreshold;
  // The score moves with every written event, bots included when they are recorded; only people make it alert.
  if (
    threshold !== undefined &&
    human.length > 0 &&
    input.newScore !== undefined &&
    (input.oldScore ?? 0) < threshold &&
    input.newScore >= threshold
  ) {
    moments.push({ kind: 'score' });
  }
  return moments;
}

/** A number field's value, or undefined when empty or not a number. */
export function scoreValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** The score a record update sets, when it writes the score field. */
export function scoreWritten(update: WritableFields | undefined, scoreField: string | undefined): number | undefined {
  if (!update || !scoreField || !Object.hasOwn(update, scoreField)) return undefined;
  return scoreValue(update[scoreField]?.value);
}

/** kintone mentions at most 10 users, groups or organizations in one comment. */
export const MAX_MENTIONS = 10;

/** The users a USER_SELECT value names (kintone answers [{ code, name }]), at most MAX_MENTIONS. */
export function ownerCodes(fields: RecordFields, ownerField: string): string[] {
  const value = fields[ownerField]?.value;
  if (!Array.isArray(value)) return [];
  const codes = value.flatMap((entry: unknown) => {
    const code = typeof entry === 'object' && entry !== null ? (entry as { code?: unknown }).code : undefined;
    return typeof code === 'string' && code !== '' ? [code] : [];
  });
  return [...new Set(codes)].slice(0, MAX_MENTIONS);
}

/** A page as people read it: the path ("/pricing"), or the host when the path says nothing. */
function pageLabel(link: string): string {
  const page = pageOf(link);
  const slash = page.indexOf('/');
  const path = slash === -1 ? '' : page.slice(slash);
  if (path === '' || path === '/') return slash === -1 ? page : page.slice(0, slash);
  return path;
}

const SNIPPET_IN_COMMENT = 120;

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

type Language = AlertSettings['language'];

const WORDS: Record<Language, Record<AlertKind, (m: AlertMoment, score: number | undefined) => string>> = {
  en: {
    reply: ({ event }) => {
      const e = event!;
      const to = e.emailName ? ` to '${e.emailName}'` : '';
      const said = e.snippet ? `: "${shorten(e.snippet, SNIPPET_IN_COMMENT)}"` : '';
      return `💬 Replied${to}${said}`;
    },
    form: ({ event }) => {
      const e = event!;
      const name = e.formName ? ` '${e.formName}'` : '';
      const on = e.link ? ` on ${pageLabel(e.link)}` : '';
      return `📝 Filled out form${name}${on}`;
    },
    click: ({ event }) => {
      const e = event!;
      return `🔥 Clicked ${pageLabel(e.link)}${e.emailName ? ` in '${e.emailName}'` : ''}`;
    },
    visit: ({ event }) => `👀 Visited ${pageLabel(event!.link)}`,
    score: (_m, score) => `📈 Engagement score reached ${String(score)}`,
  },
  ja: {
    reply: ({ event }) => {
      const e = event!;
      const to = e.emailName ? `『${e.emailName}』に` : '';
      const said = e.snippet ? `: 「${shorten(e.snippet, SNIPPET_IN_COMMENT)}」` : '';
      return `💬 ${to}返信${said}`;
    },
    form: ({ event }) => {
      const e = event!;
      const name = e.formName ? `『${e.formName}』` : '';
      const on = e.link ? ` (${pageLabel(e.link)})` : '';
      return `📝 フォーム${name}を送信${on}`;
    },
    click: ({ event }) => {
      const e = event!;
      return `🔥 ${e.emailName ? `『${e.emailName}』の ` : ''}${pageLabel(e.link)} をクリック`;
    },
    visit: ({ event }) => `👀 ${pageLabel(event!.link)} を閲覧`,
    score: (_m, score) => `📈 エンゲージメントスコアが ${String(score)} に到達`,
  },
};

const SCORE_SUFFIX: Record<Language, (score: number) => string> = {
  en: (score) => ` (score ${String(score)})`,
  ja: (score) => ` (スコア ${String(score)})`,
};

/**
 * The comment: one line per moment, in the app's language, each event line ending with the record's score when it
 * has one, e.g. "🔥 Clicked /pricing in 'Product Update Q4' (score 72)".
 */
export function alertText(moments: readonly AlertMoment[], language: Language, score: number | undefined): string {
  return moments
    .map((moment) => {
      const line = WORDS[language][moment.kind](moment, score);
      return moment.kind !== 'score' && score !== undefined ? `${line}${SCORE_SUFFIX[language](score)}` : line;
    })
    .join('\n');
}
