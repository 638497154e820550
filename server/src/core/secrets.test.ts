import { newSecret, secretsMatch } from './secrets';

describe('secretsMatch', () => {
  const expected = 'c2VjcmV0LXZhbHVlLWZvci10ZXN0cw';

  it('accepts the same secret', () => expect(secretsMatch(expected, expected)).toBe(true));
  it('refuses a different secret of the same length', () => expect(secretsMatch(`${expected.slice(0, -1)}X`, expected)).toBe(false));
  it('refuses a prefix', () => expect(secretsMatch(expected.slice(0, 10), expected)).toBe(false));
  it('refuses a longer value', () => expect(secretsMatch(`${expected}x`, expected)).toBe(false));
  it('is case-sensitive', () => expect(secretsMatch(expected.toUpperCase(), expected)).toBe(false));
  it('refuses a missing header', () => expect(secretsMatch(undefined, expected)).toBe(false));
  it('refuses everything when no secret is set, even an empty one', () => {
    expect(secretsMatch('', '')).toBe(false);
    expect(secretsMatch('anything', '')).toBe(false);
  });
  it('refuses an empty value against a set secret', () => expect(secretsMatch('', expected)).toBe(false));
});

describe('newSecret', () => {
  it('is 256 bits in base64url: 43 URL- and header-safe characters', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
  });

  it('is different every time', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => newSecret()));
    expect(secrets.size).toBe(50);
  });

  it('matches itself', () => {
    const secret = newSecret();
    expect(secretsMatch(secret, secret)).toBe(true);
  });
});
