import { normalisePatterns, pageMatches, pageOf } from './page-pattern';

describe('pageOf', () => {
  it.each([
    ['https://WWW.Example.com:443/Pricing?utm_source=x#top', 'www.example.com/pricing'],
    ['http://user:pw@example.com/contact', 'example.com/contact'],
    ['www.example.com/pricing/enterprise', 'www.example.com/pricing/enterprise'],
    ['example.com', 'example.com'],
    ['/pricing?x=1', '/pricing'],
    ['  https://example.com/a#b  ', 'example.com/a'],
    ['', ''],
  ])('%s → %s', (address, page) => {
    expect(pageOf(address)).toBe(page);
  });
});

describe('pageMatches', () => {
  it('matches when host + path contains a pattern, in any letter case', () => {
    expect(pageMatches('https://www.example.com/Pricing/enterprise', ['/pricing'])).toBe(true);
    expect(pageMatches('https://shop.example.com/cart', ['Example.com/products', 'shop.EXAMPLE.com'])).toBe(true);
  });

  it('never matches on the scheme, the query or the fragment', () => {
    expect(pageMatches('https://example.com/blog?next=/pricing', ['/pricing'])).toBe(false);
    expect(pageMatches('https://example.com/blog#pricing', ['pricing'])).toBe(false);
    expect(pageMatches('https://example.com/blog', ['https'])).toBe(false);
  });

  it('matches nothing without patterns, with blank patterns or for an empty page', () => {
    expect(pageMatches('https://example.com/pricing', [])).toBe(false);
    expect(pageMatches('https://example.com/pricing', ['  '])).toBe(false);
    expect(pageMatches('', ['/'])).toBe(false);
  });

  it('does not match a page that only shares the start of a pattern', () => {
    expect(pageMatches('https://example.com/price', ['/pricing'])).toBe(false);
  });
});

describe('normalisePatterns', () => {
  it('trims, lower-cases and drops blanks', () => {
    expect(normalisePatterns([' /Pricing ', '', 'Example.com'])).toEqual(['/pricing', 'example.com']);
  });
});
