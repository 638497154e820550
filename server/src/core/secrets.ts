import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented secret with the expected one in time that does not depend on where they differ or on
 * the presented length (both sides are hashed to equal-length digests first).
 */
export function secretsMatch(presented: string | undefined, expected: string): boolean {
  if (presented === undefined || expected.length === 0) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** A new random secret: 256 bits, URL- and header-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
