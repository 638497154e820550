/**
 * Keeps a client under a share of a sliding-window rate limit by waiting before a call, instead of meeting the
 * limit and backing off: Marketo asks each integration to assume it shares the instance's 100 calls per 20 s with
 * others ("Marketo Integration Best Practices", Quick Tips and Rate Limiting).
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface RateShare {
  calls: number;
  windowMs: number;
}

export interface CallPacer {
  /** Resolves when one more call keeps the window's count within the share, and counts that call. */
  take(): Promise<void>;
}

export function slidingWindowPacer(share: RateShare, clock: Clock): CallPacer {
  if (!Number.isInteger(share.calls) || share.calls < 1 || !(share.windowMs > 0))
    throw new Error('a rate share needs at least 1 call per window');
  const recent: number[] = [];
  // Callers may take concurrently: each waits for the one before it.
  let queue: Promise<void> = Promise.resolve();
  const takeOne = async (): Promise<void> => {
    for (;;) {
      const now = clock.now();
      while (recent.length > 0 && recent[0]! <= now - share.windowMs) recent.shift();
      if (recent.length < share.calls) {
        recent.push(now);
        return;
      }
      await clock.sleep(recent[0]! + share.windowMs - now);
    }
  };
  return {
    take: () => {
      const next = queue.then(takeOne);
      queue = next;
      return next;
    },
  };
}
