/** The panel's paired message catalog and the time formats its views share. */
import { pairedTranslator, type PairedCatalog } from '../src/common/i18n';
import { dateFormat, formatDay, formatRelative, type Clock } from '../src/common/time';
import { panelMessages } from '../src/panel/messages';

describe('pairedTranslator', () => {
  const catalog = {
    greet: ['Hello {name}, {n} new', '{name} さん、新着 {n} 件'],
    plain: ['Plain', 'そのまま'],
  } as const;

  it('picks the English or the Japanese text and fills the placeholders it is given', () => {
    expect(pairedTranslator(catalog, 'en')('greet', { name: 'Ann', n: 3 })).toBe('Hello Ann, 3 new');
    expect(pairedTranslator(catalog, 'ja')('greet', { name: 'Ann', n: 3 })).toBe('Ann さん、新着 3 件');
    expect(pairedTranslator(catalog, 'ja')('greet', { name: 'Ann' })).toBe('Ann さん、新着 {n} 件');
    expect(pairedTranslator(catalog, 'en')('plain')).toBe('Plain');
  });

  it('refuses, at compile time, a message without its Japanese text', () => {
    // @ts-expect-error: a pair needs both languages
    const missing: PairedCatalog<'title'> = { title: ['Title'] };
    expect(missing.title).toHaveLength(1);
  });

  it('gives every panel message a non-empty English and Japanese text with the same placeholders', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, pair] of Object.entries(panelMessages)) {
      expect([key, pair.length]).toEqual([key, 2]);
      const [en, ja] = pair;
      expect([key, en.length > 0, ja.length > 0]).toEqual([key, true, true]);
      expect([key, names(ja)]).toEqual([key, names(en)]);
    }
    expect(pairedTranslator(panelMessages, 'ja')('title')).toBe('Marketo メール反応');
    expect(pairedTranslator(panelMessages, 'en')('showAll', { n: 12 })).toBe('Show all (12)');
  });
});

describe('panel time formats', () => {
  const now = Date.UTC(2026, 10, 4, 12, 0, 0);
  const en: Clock = { lang: 'en', timeZone: 'Asia/Tokyo', now };
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;

  it.each([
    [-30_000, 'now'],
    [-7 * minute, '7 minutes ago'],
    [-59 * minute, '59 minutes ago'],
    [-3 * hour, '3 hours ago'],
    [-day, 'yesterday'],
    [-29 * day, '29 days ago'],
    [-30 * day, 'last month'],
    [-200 * day, '7 months ago'],
    [-400 * day, 'last year'],
    [-800 * day, '2 years ago'],
    [2 * hour, 'in 2 hours'],
  ])('tells %d ms from now as "%s"', (offset, text) => {
    expect(formatRelative(now + offset, en)).toBe(text);
  });

  it('formats in the kintone time zone and language, and in the browser zone when Intl does not know the zone', () => {
    expect(formatDay(now, en)).toBe('11/4');
    expect(formatDay(Date.UTC(2026, 10, 4, 20, 0, 0), en)).toBe('11/5');
    expect(formatDay(now, { ...en, lang: 'ja' })).toBe('11/4');
    const unknownZone = dateFormat({ ...en, timeZone: 'Not/AZone' }, { hour: 'numeric' });
    expect(unknownZone.resolvedOptions().timeZone).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(dateFormat(en, { hour: 'numeric' }).resolvedOptions()).toMatchObject({
      timeZone: 'Asia/Tokyo',
      locale: 'en-US',
    });
  });
});
