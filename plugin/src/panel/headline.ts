/**
 * The one line under the panel's title: the most telling recent thing the customer did. Replies, form fills and clicks
 * (the newest of them: each is the customer reaching out) outrank web visits, visits opens (an open may be a mail
 * program fetching images, a visit is the customer on the site), opens a delivery or a send; an unsubscribe, and a
 * bounce nothing has contradicted since, are said first. "Recent" is the 30 days before the newest row, so an old
 * click does not hide what happened today. A click on an email's link also records a visit to the page it leads to:
 * the click, which names the email, outranks it.
 */
import type { EventType } from '../../../contract/src/events';
import { collapseOpens, emailKey, replyBase } from './grouping';
import type { DatedRow, HistoryRow } from './model';

export const RECENT_MS = 30 * 24 * 60 * 60 * 1000;

const RANK: Record<EventType, number> = {
  send: 1,
  delivered: 2,
  open: 3,
  visit: 4,
  click: 5,
  reply: 5,
  form: 5,
  bounce: 7,
  unsubscribe: 8,
};

export interface Headline {
  type: EventType;
  row: DatedRow;
  /** opens of the same email in the same burst (1 for other types) */
  count: number;
}

export interface HeadlineFacts {
  /** newest first */
  rows: readonly HistoryRow[];
  /** the bounce warning stands (no delivery, open or click after the last bounce) */
  bounceStands: boolean;
}

export function chooseHeadline({ rows, bounceStands }: HeadlineFacts): Headline | undefined {
  const dated = rows.filter((r): r is DatedRow => r.at !== undefined && !!r.type);
  const newest = dated[0];
  if (!newest) return undefined;
  const unsubscribe = dated.find((r) => r.type === 'unsubscribe');
  if (unsubscribe) return { type: 'unsubscribe', row: unsubscribe, count: 1 };
  const bounce = dated.find((r) => r.type === 'bounce');
  if (bounce && bounceStands) return { type: 'bounce', row: bounce, count: 1 };

  const recent = dated.filter((r) => r.type !== 'bounce' && newest.at - r.at <= RECENT_MS);
  let best: (typeof recent)[number] | undefined;
  for (const row of recent) if (!best || RANK[row.type] > RANK[best.type]) best = row;
  if (!best) return undefined;
  if (best.type !== 'open') return { type: best.type, row: best, count: 1 };
  const burst = collapseOpens(recent.filter((r) => r.type === 'open')).find((i) => i.row === best);
  return { type: 'open', row: best, count: burst?.count ?? 1 };
}

/** What the headline names the email by: its name, else its subject (a reply's without its "Re:"). */
export function headlineEmail(row: HistoryRow): string {
  return row.type === 'reply' && !row.emailName ? replyBase(row.subject) : emailKey(row);
}
