/** Activity per week for the panel's chart: 13 weeks (91 days) ending now, oldest first. */
import { EVENT_TYPES, type EventType } from '../../../contract/src/events';
import type { HistoryRow } from './model';

export const WEEKS = 13;
const WEEK = 7 * 24 * 60 * 60 * 1000;

export interface WeekBucket {
  start: number;
  end: number;
  counts: Record<EventType, number>;
  total: number;
}

export function weeklyActivity(rows: readonly HistoryRow[], now: number, weeks = WEEKS): WeekBucket[] {
  const first = now - weeks * WEEK;
  const buckets: WeekBucket[] = Array.from({ length: weeks }, (_, i) => ({
    start: first + i * WEEK,
    end: first + (i + 1) * WEEK,
    counts: Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<EventType, number>,
    total: 0,
  }));
  for (const row of rows) {
    if (row.at === undefined || row.type === undefined || row.at <= first || row.at > now) continue;
    const bucket = buckets[Math.min(weeks - 1, Math.floor((row.at - first) / WEEK))];
    if (!bucket) continue;
    bucket.counts[row.type] += 1;
    bucket.total += 1;
  }
  return buckets;
}
