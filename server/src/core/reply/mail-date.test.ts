import { occurredAt, parseMailDate } from './mail-date';

describe('parseMailDate', () => {
  it.each([
    ['Sat, 28 Nov 2026 10:00:00 +0900', '2026-11-28T01:00:00.000Z'],
    ['Fri, 27 Nov 2026 20:02:03 -0500', '2026-11-28T01:02:03.000Z'],
    ['28 Nov 2026 10:00 +0900', '2026-11-28T01:00:00.000Z'],
    ['Sat, 28 Nov 2026 10:00:00 +0900 (JST)', '2026-11-28T01:00:00.000Z'],
    ['Sat, 28 Nov 2026 10:00:00 (comment (nested)) +0000', '2026-11-28T10:00:00.000Z'],
    ['sat,  28 NOV 2026\r\n 10:00:00 +0000', '2026-11-28T10:00:00.000Z'],
    ['Sat, 28 Nov 2026 10:00:00 +0530', '2026-11-28T04:30:00.000Z'],
    ['Sat, 28 Nov 2026 10:00:00 GMT', '2026-11-28T10:00:00.000Z'],
    ['Sat, 28 Nov 2026 10:00:00 UT', '2026-11-28T10:00:00.000Z'],
    ['Sat, 28 Nov 2026 10:00:00 EST', '2026-11-28T15:00:00.000Z'],
    ['Sat, 28 Nov 2026 10:00:00 PDT', '2026-11-28T17:00:00.000Z'],
    ['Sat, 28 Nov 26 10:00:00 +0000', '2026-11-28T10:00:00.000Z'],
    ['Fri, 1 Jan 99 00:00:00 +0000', '1999-01-01T00:00:00.000Z'],
    ['Mon, 29 Feb 2028 12:00:00 +0000', '2028-02-29T12:00:00.000Z'],
  ])('reads %p as %p', (value, iso) => {
    expect(parseMailDate(value)?.toISOString()).toBe(iso);
  });

  it.each([
    ['no zone, which would otherwise be read in the local time', 'Sat, 28 Nov 2026 10:00:00'],
    ['a zone name RFC 5322 does not define', 'Sat, 28 Nov 2026 10:00:00 JST'],
    ['a day the month does not have', 'Tue, 31 Feb 2026 10:00:00 +0000'],
    ['a non-leap 29 February', 'Sun, 29 Feb 2026 10:00:00 +0000'],
    ['hour 24', 'Sat, 28 Nov 2026 24:00:00 +0000'],
    ['minute 60', 'Sat, 28 Nov 2026 10:60:00 +0000'],
    ['an offset with 60 minutes', 'Sat, 28 Nov 2026 10:00:00 +0960'],
    ['an unknown month', 'Sat, 28 Nox 2026 10:00:00 +0000'],
    ['a year before 1900', 'Sat, 28 Nov 0026 10:00:00 +0000'],
    ['ISO 8601', '2026-11-28T10:00:00Z'],
    ['a bare number', '1'],
    ['nothing', ''],
    ['words', 'yesterday afternoon'],
  ])('refuses %s', (_, value) => {
    expect(parseMailDate(value)).toBeUndefined();
  });
});

describe('occurredAt', () => {
  const receivedAt = new Date('2026-11-28T12:00:00.000Z');

  it('is the Date header in UTC', () => {
    expect(occurredAt('Sat, 28 Nov 2026 10:00:00 +0900', receivedAt)).toBe('2026-11-28T01:00:00.000Z');
  });

  it('is receivedAt when the header is missing or unreadable', () => {
    expect(occurredAt(undefined, receivedAt)).toBe('2026-11-28T12:00:00.000Z');
    expect(occurredAt('not a date', receivedAt)).toBe('2026-11-28T12:00:00.000Z');
  });

  it('accepts a sender clock up to a day ahead and takes receivedAt beyond that', () => {
    expect(occurredAt('Sun, 29 Nov 2026 12:00:00 +0000', receivedAt)).toBe('2026-11-29T12:00:00.000Z');
    expect(occurredAt('Sun, 29 Nov 2026 12:00:01 +0000', receivedAt)).toBe('2026-11-28T12:00:00.000Z');
  });

  it('takes receivedAt for a date before 2000, which only a broken clock sends', () => {
    expect(occurredAt('Thu, 01 Jan 1970 00:00:00 +0000', receivedAt)).toBe('2026-11-28T12:00:00.000Z');
    expect(occurredAt('Sat, 01 Jan 2000 00:00:00 +0000', receivedAt)).toBe('2000-01-01T00:00:00.000Z');
  });
});
