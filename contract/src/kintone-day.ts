/**
 * kintone's daily request counter restarts at 09:00 JST, which is midnight UTC, so a kintone day is a UTC date.
 * The server keys its request counts by it and the settings screen reads today's count with it.
 */
export function kintoneDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
