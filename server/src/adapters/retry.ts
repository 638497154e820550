/** Retries with exponential backoff and full jitter (`exponential-backoff`), as every adapter to a remote API does. */
import { backOff } from 'exponential-backoff';

export interface RetryPolicy {
  attempts: number;
  startingDelayMs: number;
  maxDelayMs: number;
}

export function withBackoff<T>(call: () => Promise<T>, policy: RetryPolicy, isTransient: (error: unknown) => boolean): Promise<T> {
  return backOff(call, {
    numOfAttempts: policy.attempts,
    startingDelay: policy.startingDelayMs,
    maxDelay: policy.maxDelayMs,
    timeMultiple: 2,
    jitter: 'full',
    retry: (error: unknown) => isTransient(error),
  });
}
