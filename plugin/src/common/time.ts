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

/** A date format in the user's language and kintone time zone. */
export function dateFormat(clock: Clock, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(clock.lang === 'ja' ? 'ja-JP' : 'en-US', {
    ...options,
    timeZone: safeZone(clock.timeZone),
  });
}

export function formatDateTime(ms: number, clock: Clock): string {
  return dateFormat(clock, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function formatDay(ms: number, clock: Clock): string {
  return dateFormat(clock, { month: 'numeric', day: 'numeric' }).format(ms);
}

/** Below how many ms a time is told in which unit (one unit = how many ms); a year and more in years. */
const RELATIVE_UNITS: Array<[below: number, size: number, unit: Intl.RelativeTimeFormatUnit]> = [
  [HOUR, MINUTE, 'minute'],
  [DAY, HOUR, 'hour'],
  [30 * DAY, DAY, 'day'],
  [365 * DAY, 30 * DAY, 'month'],
];

export function formatRelative(ms: number, clock: Clock): string {
  const rtf = new Intl.RelativeTimeFormat(clock.lang, { numeric: 'auto' });
  const diff = ms - clock.now;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return rtf.format(0, 'second');
  const [, size, unit] = RELATIVE_UNITS.find(([below]) => abs < below) ?? [0, 365 * DAY, 'year'];
  return rtf.format(Math.round(diff / size), unit);
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
