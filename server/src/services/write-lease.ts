/**
 * One writer at a time per app. Writers run side by side (the event source's MaximumConcurrency); two batches that
 * touch the same record would both read its revision and PUT with it, and kintone refuses the whole bulk PUT of the
 * second (409 GAIA_CO02), costing a re-read and a second PUT of up to 100 records. Holding the app's lease while
 * reading and writing keeps every batch at its request floor; writers of other apps are not held up.
 */
import { errorMessage } from '../core/error-message';
import type { Log, Registry } from './ports';

export interface WriteLeaseOptions {
  /** Who asks: unique per invocation (Lambda's request id). */
  holder: string;
  /** How long a lease lasts if its holder never gives it back (a crashed writer): the writer's timeout. */
  ttlMs: number;
  /** How long to wait for another writer's lease before giving the batch back to the queue. */
  waitMs: number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

const FIRST_RETRY_MS = 20;
const LONGEST_RETRY_MS = 250;

export type Leased<T> = { ok: true; value: T } | { ok: false; waitedMs: number };

export async function withWriteLease<T>(
  registry: Registry,
  appId: string,
  options: WriteLeaseOptions,
  logger: Log,
  work: () => Promise<T>,
): Promise<Leased<T>> {
  const started = options.now().getTime();
  for (let attempt = 0; ; attempt++) {
    const now = options.now().getTime();
    if (await registry.acquireWriteLease(appId, options.holder, now, now + options.ttlMs)) break;
    if (now - started >= options.waitMs) return { ok: false, waitedMs: now - started };
    // Jittered, so writers that queue up behind the same lease do not ask in step.
    const ceiling = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
    await options.sleep(ceiling / 2 + options.random() * (ceiling / 2));
  }
  try {
    return { ok: true, value: await work() };
  } finally {
    await registry.releaseWriteLease(appId, options.holder).catch((error: unknown) => {
      // It runs out by itself; the next writer waits at most until then.
      logger.warn('write lease not given back', { appId, error: errorMessage(error) });
    });
  }
}
