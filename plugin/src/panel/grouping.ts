/**
 * The history rows regrouped for reading: repeated opens of one email within a short time as one row with a count
 * (mail apps and phones open a message several times), and one row per email with what the customer did with it.
 */
import type { EventType } from '../../../contract/src/events';
import type { HistoryRow } from './model';

/** Opens of the same email this close to each other are one reading. */
export const OPEN_BURST_MS = 30 * 60 * 1000;

export interface TimelineItem {
  /** the newest row of the item */
  row: HistoryRow;
  /** how many rows it stands for (more than one only for collapsed opens) */
  count: number;
  /** the oldest row's time when count > 1 */
  firstAt: number | undefined;
}

/** The email a row is about: its email name, else its subject. */
export function emailKey(row: Pick<HistoryRow, 'emailName' | 'subject'>): string {
  return row.emailName || row.subject;
}

/** rows newest first; opens of one email next to each other and within OPEN_BURST_MS of the first collapse. */
export function collapseOpens(rows: readonly HistoryRow[], burstMs = OPEN_BURST_MS): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const row of rows) {
    const last = items[items.length - 1];
    if (
      last &&
      row.type === 'open' &&
      last.row.type === 'open' &&
      emailKey(row) !== '' &&
      emailKey(row) === emailKey(last.row) &&
      row.at !== undefined &&
      last.row.at !== undefined &&
      last.row.at - row.at <= burstMs
    ) {
      last.count += 1;
      last.firstAt = row.at;
      continue;
    }
    items.push({ row, count: 1, firstAt: undefined });
  }
  return items;
}

export interface LinkClicks {
  link: string;
  count: number;
  last: number | undefined;
}

export interface EmailSummary {
  key: string;
  emailName: string;
  subject: string;
  /** the campaign of its rows when it is not the email's own name (nor the trigger campaign that recorded it) */
  campaign: string;
  sent: number | undefined;
  delivered: number | undefined;
  opens: number;
  firstOpened: number | undefined;
  lastOpened: number | undefined;
  /** newest click first */
  links: LinkClicks[];
  clicks: number;
  replies: number;
  lastReplied: number | undefined;
  bounced: number | undefined;
  unsubscribed: number | undefined;
  /** newest time of any of its rows */
  last: number | undefined;
  /** how many rows it stands for */
  rows: number;
}

/** A reply's subject without the prefixes mail programs add ("Re:", "RE:", "Fwd:", 「返信:」…). */
export function replyBase(subject: string): string {
  let s = subject.trim();
  for (;;) {
    const next = s.replace(/^(re|fw|fwd|aw|sv|返信|転送)\s*(\[\d+\])?\s*[:：]\s*/i, '');
    if (next === s) return s;
    s = next;
  }
}

/**
 * One entry per email, newest activity first. A reply carries no email name: it joins the email whose subject it
 * answers, else stands as its own entry. Web visits and form fills belong to no email and are left out.
 */
export function groupByEmail(rows: readonly HistoryRow[], isListening: (campaign: string) => boolean): EmailSummary[] {
  const byKey = new Map<string, EmailSummary>();
  const bySubject = new Map<string, EmailSummary>();
  const entry = (key: string, row: HistoryRow): EmailSummary => {
    let e = byKey.get(key);
    if (!e) {
      e = {
        key,
        emailName: row.emailName,
        subject: row.subject,
        campaign: '',
        sent: undefined,
        delivered: undefined,
        opens: 0,
        firstOpened: undefined,
        lastOpened: undefined,
        links: [],
        clicks: 0,
        replies: 0,
        lastReplied: undefined,
        bounced: undefined,
        unsubscribed: undefined,
        last: undefined,
        rows: 0,
      };
      byKey.set(key, e);
    }
    return e;
  };
  const replies: HistoryRow[] = [];
  for (const row of rows) {
    if (isWebActivity(row)) continue;
    if (row.type === 'reply' && !row.emailName) {
      replies.push(row);
      continue;
    }
    const key = emailKey(row);
    const e = entry(key, row);
    if (!e.subject && row.subject) e.subject = row.subject;
    if (!e.emailName && row.emailName) e.emailName = row.emailName;
    if (row.subject && !bySubject.has(row.subject)) bySubject.set(row.subject, e);
    if (row.campaign && !e.campaign && row.campaign !== e.emailName && !isListening(row.campaign)) {
      e.campaign = row.campaign;
    }
    add(e, row.type, row);
  }
  for (const row of replies) {
    const e = bySubject.get(replyBase(row.subject)) ?? entry(`reply:${replyBase(row.subject)}`, row);
    add(e, 'reply', row);
  }
  const summaries = [...byKey.values()];
  for (const e of summaries) e.links.sort((a, b) => (b.last ?? -Infinity) - (a.last ?? -Infinity));
  return summaries.sort((a, b) => (b.last ?? -Infinity) - (a.last ?? -Infinity));
}

export function isWebActivity(row: Pick<HistoryRow, 'type'>): boolean {
  return row.type === 'visit' || row.type === 'form';
}

const max = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);
const min = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

function add(e: EmailSummary, type: EventType | undefined, row: HistoryRow): void {
  e.rows += 1;
  e.last = max(e.last, row.at);
  switch (type) {
    case 'send':
      e.sent = min(e.sent, row.at);
      break;
    case 'delivered':
      e.delivered = min(e.delivered, row.at);
      break;
    case 'open':
      e.opens += 1;
      e.firstOpened = min(e.firstOpened, row.at);
      e.lastOpened = max(e.lastOpened, row.at);
      break;
    case 'click': {
      e.clicks += 1;
      const link = e.links.find((l) => l.link === row.link);
      if (link) {
        link.count += 1;
        link.last = max(link.last, row.at);
      } else if (row.link) e.links.push({ link: row.link, count: 1, last: row.at });
      break;
    }
    case 'reply':
      e.replies += 1;
      e.lastReplied = max(e.lastReplied, row.at);
      break;
    case 'bounce':
      e.bounced = max(e.bounced, row.at);
      break;
    case 'unsubscribe':
      e.unsubscribed = max(e.unsubscribed, row.at);
      break;
    default:
      break;
  }
}
