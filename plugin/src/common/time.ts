/** Dates as a kintone user reads them: in their language and their kintone time zone. */
import type { Lang } from './i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Clock {
  lang: Lang;
  timeZone: string;
  now: number;
}

export function formatDateTime(ms: number, clock: Clock): string {
  return new Intl.DateTimeFormat(clock.lang === 'ja' ? 'ja-JP' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: safeZone(clock.timeZone),
  }).format(ms);
}

export function formatDay(ms: number, clock: Clock): string {
  return new Intl.DateTimeFormat(clock.lang === 'ja' ? 'ja-JP' : 'en-US', {
    month: 'numeric',
    day: 'numeric',
    timeZone: safeZone(clock.timeZone),
  }).format(ms);
}

export function formatRelative(ms: number, clock: Clock): string {
  const rtf = new Intl.RelativeTimeFormat(clock.lang, { numeric: 'auto' });
  const diff = ms - clock.now;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return rtf.format(0, 'second');
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return rtf.format(Math.round(diff / HOUR), 'hour');
  if (abs < 30 * DAY) return rtf.format(Math.round(diff / DAY), 'day');
  if (abs < 365 * DAY) return rtf.format(Math.round(diff / (30 * DAY)), 'month');
  return rtf.format(Math.round(diff / (365 * DAY)), 'year');
}

/** kintone accepts zones Intl may not know (old aliases); fall back to the browser's zone then. */
function safeZone(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}
