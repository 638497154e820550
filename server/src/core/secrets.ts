import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Compares a presented secret with the expected one in time that does not depend on where they differ or on
 * the presented length (both sides are hashed to equal-length digests first).
 */
export function secretsMatch(presented: string | undefined, expected: string): boolean {
  if (presented === undefined || expected.length === 0) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * What is stored of a webhook secret. The secrets are 256 random bits, so one SHA-256 is enough: there is no
 * dictionary to try, and the table, its backups and the local registry file hold nothing Marketo's header could use.
 */
export function hashSecret(secret: string): string {
  return `sha256:${digest(secret).toString('hex')}`;
}

/** Constant-time check of a presented secret against a stored hash; an absent hash compares against a dummy. */
export function secretMatchesHash(presented: string | undefined, storedHash: string | undefined): boolean {
  const expected = Buffer.from((storedHash ?? UNKNOWN_HASH).replace(/^sha256:/, ''), 'hex');
  const actual = digest(presented ?? '');
  const match = expected.length === actual.length && timingSafeEqual(expected, actual);
  return match && presented !== undefined && storedHash !== undefined;
}

// Compared against when the app is unknown, so "unknown app" and "wrong secret" take the same path.
const UNKNOWN_HASH = hashSecret(randomBytes(32).toString('hex'));

/** A new random secret: 256 bits, URL- and header-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The read-only key of one app's status, derived from the admin secret: the settings screen may keep it in kintone's
 * proxy config (every app user can use that), because it opens nothing but that app's counters. It changes when the
 * admin secret does, and reveals nothing about it.
 */
export function statusKeyFor(adminSecret: string, appId: string): string {
  return createHmac('sha256', adminSecret).update(`status:${appId}`, 'utf8').digest('base64url');
}

export const MIN_ADMIN_SECRET_LENGTH = 32;

/** Why the deployment's admin secret is too weak to guard every app, or undefined. */
export function adminSecretProblem(secret: string): string | undefined {
  if (secret.length < MIN_ADMIN_SECRET_LENGTH) return `is shorter than ${MIN_ADMIN_SECRET_LENGTH} characters`;
  if (new Set(secret).size < 12) return 'repeats too few different characters';
  return undefined;
}
