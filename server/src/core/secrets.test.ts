import { adminSecretProblem, hashSecret, newSecret, secretMatchesHash, secretsMatch, statusKeyFor } from './secrets';

describe('secretsMatch', () => {
  const expected = 'c2VjcmV0LXZhbHVlLWZvci10ZXN0cw';

  it('accepts the same secret', () => expect(secretsMatch(expected, expected)).toBe(true));
  it('refuses a different secret of the same length', () =>
    expect(secretsMatch(`${expected.slice(0, -1)}X`, expected)).toBe(false));
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

describe('hashSecret and secretMatchesHash', () => {
  const secret = newSecret();
  it('stores no part of the secret and matches only the same secret', () => {
    const hash = hashSecret(secret);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hash).not.toContain(secret);
    expect(secretMatchesHash(secret, hash)).toBe(true);
    expect(secretMatchesHash(`${secret}x`, hash)).toBe(false);
    expect(secretMatchesHash(undefined, hash)).toBe(false);
  });
  it('matches nothing when there is no stored hash (an unknown app)', () => {
    expect(secretMatchesHash(secret, undefined)).toBe(false);
    expect(secretMatchesHash('', undefined)).toBe(false);
  });
});

describe('statusKeyFor', () => {
  it('is one key per app, changes with the admin secret, and does not contain it', () => {
    const admin = newSecret();
    expect(statusKeyFor(admin, '1')).toBe(statusKeyFor(admin, '1'));
    expect(statusKeyFor(admin, '1')).not.toBe(statusKeyFor(admin, '2'));
    expect(statusKeyFor(newSecret(), '1')).not.toBe(statusKeyFor(admin, '1'));
    expect(statusKeyFor(admin, '1')).not.toContain(admin);
  });
});

describe('adminSecretProblem', () => {
  it.each([
    ['short', 'a'.repeat(20), /shorter than 32/],
    ['repetitive', 'ab'.repeat(20), /too few different/],
  ])('refuses a %s secret', (_label, secret, problem) => expect(adminSecretProblem(secret)).toMatch(problem));
  it('accepts a generated one', () => expect(adminSecretProblem(newSecret())).toBeUndefined());
});
