/**
 * The Date header of a message (RFC 5322 section 3.3, with the obsolete forms of section 4.3 that mailers
 * still send). Parsed by hand because Date.parse accepts far more than RFC 5322 (a bare "1" is the year
 * 2001), reads a date without a zone in the machine's local time and turns 31 February into 3 March.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The zone names RFC 5322 keeps from RFC 822, in minutes east of UTC. */
const ZONE_NAMES: Record<string, number> = {
  ut: 0,
  gmt: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const DATE_TIME =
  /^(?:[a-z]{3}\s*,\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{2,4})\s+(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?\s+([+-]\d{4}|[a-z]{2,3})$/i;

const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
const EARLIEST = Date.UTC(2000, 0, 1);

/** The instant a Date header names, or undefined when it is not an RFC 5322 date with a zone. */
export function parseMailDate(value: string): Date | undefined {
  const match = DATE_TIME.exec(withoutComments(value).replace(/\s+/g, ' ').trim());
  if (!match) return undefined;
  const [
    ,
    dayText = '',
    monthText = '',
    yearText = '',
    hourText = '',
    minuteText = '',
    secondText = '0',
    zoneText = '',
  ] = match;
  const month = MONTHS.indexOf(monthText.toLowerCase());
  const offset = zoneOffsetMinutes(zoneText);
  if (month < 0 || offset === undefined) return undefined;
  const year = fullYear(yearText);
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (year < 1900 || hour > 23 || minute > 59 || second > 60) return undefined;
  const local = Date.UTC(year, month, day, hour, minute, second);
  if (new Date(local).getUTCDate() !== day) return undefined;
  return new Date(local - offset * 60_000);
}

/**
 * When the message was written, as ISO 8601 UTC: its Date header, or receivedAt when the header is missing,
 * unreadable, before 2000 or more than a day after receipt (a sender's clock can be off; a date that far out is
 * wrong and would sort the reply above everything that really came later).
 */
export function occurredAt(dateHeader: string | undefined, receivedAt: Date): string {
  const date = dateHeader === undefined ? undefined : parseMailDate(dateHeader);
  const ms = date?.getTime();
  if (ms === undefined || ms < EARLIEST || ms > receivedAt.getTime() + FUTURE_TOLERANCE_MS)
    return receivedAt.toISOString();
  return new Date(ms).toISOString();
}

/** Drops (comments), which RFC 5322 allows between the tokens, e.g. "+0900 (JST)"; nesting is kept to one level. */
function withoutComments(value: string): string {
  return value.replace(/\((?:[^()]|\([^()]*\))*\)/g, ' ');
}

function zoneOffsetMinutes(zone: string): number | undefined {
  const numeric = /^([+-])(\d{2})(\d{2})$/.exec(zone);
  if (!numeric) return ZONE_NAMES[zone.toLowerCase()];
  const minutes = Number(numeric[3]);
  if (minutes > 59) return undefined;
  return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + minutes);
}

/** RFC 5322 section 4.3: a two-digit year below 50 is 20xx, otherwise 19xx; a three-digit one counts from 1900. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}
