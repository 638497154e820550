/** Parsing and normalising of the value formats kintone accepts (cybozu.dev REST common spec). */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** kintone keeps minutes only: seconds of a written date-time are dropped. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00Z`;
}

export function nowDateTime(): string {
  return formatDateTime(Date.now());
}

function validYmd(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** "2024", "2024-7", "2024-07-05" → "YYYY-MM-DD" (missing parts become 01), or undefined. */
export function normalizeDate(input: string): string | undefined {
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(input.trim());
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2] ?? '1');
  const d = Number(match[3] ?? '1');
  return validYmd(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : undefined;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Epoch ms (minute precision) of a date-time as kintone accepts it on write:
 * "YYYY-MM-DDTHH:MM[:SS]Z", "...±HH:MM", or a bare date meaning 00:00 UTC.
 * A time without an offset is refused: real kintone's reading of it is not documented,
 * and guessing would hide a 9-hour bug until production.
 */
export function parseDateTime(input: string): { ms: number } | undefined {
  const match = DATE_TIME.exec(input.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', , zone] = match;
  if (!validYmd(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59) return undefined;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return { ms };
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** kintone stores numbers normalised ("1.5e1" → "15", " 42 " → "42"). */
export function normalizeNumber(input: string): string | undefined {
  const trimmed = input.trim();
  return NUMBER.test(trimmed) ? String(Number(trimmed)) : undefined;
}
