/** Retries with exponential backoff and full jitter (`exponential-backoff`), as every adapter to a remote API does. */
import { backOff } from 'exponential-backoff';

export interface RetryPolicy {
  attempts: number;
  startingDelayMs: number;
  maxDelayMs: number;
}

export function withBackoff<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  isTransient: (error: unknown) => boolean,
): Promise<T> {
  return backOff(call, {
    numOfAttempts: policy.attempts,
    startingDelay: policy.startingDelayMs,
    maxDelay: policy.maxDelayMs,
    timeMultiple: 2,
    jitter: 'full',
    retry: (error: unknown) => isTransient(error),
  });
}

/**
 * Socket errors worth another try, whichever HTTP client raised them (axios under rest-api-client names them on the
 * error, fetch/undici on its cause): the connection dropped, was refused, timed out or could not resolve for now.
 */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

export function isTransientNetworkCode(code: unknown): boolean {
  return typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code);
}
