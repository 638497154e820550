import { checkKintoneUrl, isServed, parseKintoneDomains } from './kintone-domains';

describe('parseKintoneDomains', () => {
  it("takes hosts of kintone's own domain families, lower-cased, and nothing else", () => {
    expect(
      parseKintoneDomains(' Example.cybozu.com, example.s.cybozu.com,acme.kintone.com , x.cybozu.cn,', false).hosts,
    ).toEqual(['example.cybozu.com', 'example.s.cybozu.com', 'acme.kintone.com', 'x.cybozu.cn']);
    expect(parseKintoneDomains('', false).hosts).toEqual([]);
  });

  it.each([
    'attacker.example.com',
    'cybozu.com',
    'evil-cybozu.com',
    'example.cybozu.com.evil.test',
    '169.254.169.254',
    'a..cybozu.com',
    'localhost:3100',
  ])('refuses %s at start', (entry) => expect(() => parseKintoneDomains(entry, false)).toThrow(/KINTONE_DOMAINS/));

  it('admits localhost only for the local stack', () => {
    expect(parseKintoneDomains('localhost:3100', true).hosts).toEqual(['localhost:3100']);
    expect(() => parseKintoneDomains('127.0.0.1:3100', true)).toThrow(/not a kintone domain/);
  });
});

describe('checkKintoneUrl', () => {
  const policy = parseKintoneDomains('example.cybozu.com', false);
  const local = parseKintoneDomains('localhost:3100', true);

  it('gives the origin of a served host, whatever path or letter case came with it', () => {
    expect(checkKintoneUrl('https://EXAMPLE.cybozu.com/k/1/', policy)).toEqual({
      ok: true,
      baseUrl: 'https://example.cybozu.com',
    });
    expect(checkKintoneUrl('http://localhost:3100', local)).toEqual({ ok: true, baseUrl: 'http://localhost:3100' });
  });

  it.each([
    [
      'https://other.cybozu.com',
      /other\.cybozu\.com is not a kintone domain this deployment serves \(it serves: example\.cybozu\.com\)/,
    ],
    ['https://example.cybozu.com:8443', /not a kintone domain this deployment serves/],
    ['https://example.cybozu.com@attacker.test', /must not carry a user name/],
    ['http://example.cybozu.com', /^must start with https:\/\//],
    ['ftp://example.cybozu.com', /^must start with https:\/\/$/],
    ['example.cybozu.com', /is not a URL/],
  ])('refuses %s', (url, message) => {
    const result = checkKintoneUrl(url, policy);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(message);
  });

  it("names why a plain-http URL that kintone's REST client would refuse is refused", () => {
    const result = checkKintoneUrl('http://127.0.0.1:3100', local);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/https:\/\/.*localhost.*127\.0\.0\.1/) });
  });

  it('tells a stored registration from before that is no longer served', () => {
    expect(isServed('https://example.cybozu.com', policy)).toBe(true);
    expect(isServed('https://old.cybozu.com', policy)).toBe(false);
  });
});
