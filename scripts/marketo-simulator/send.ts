/**
 * Sends webhook calls as Marketo does: at most 20 at a time, a 30-second timeout, and no retry — a call that
 * fails is simply lost to Marketo, so the result counts it. Each carries the custom headers of the generated setup.
 */
import { renderingFor, renderWebhook, type SimulatedActivity, type TokenEncoding } from './render';

export const MARKETO_MAX_CONNECTIONS = 20;
export const MARKETO_TIMEOUT_MS = 30_000;

export interface SendOptions {
  url: string;
  secret: string;
  encoding: TokenEncoding;
  timeZone: string;
  concurrency: number;
  timeoutMs: number;
  /** Spread the calls evenly at this many per second (a campaign's trickle) instead of as fast as possible. */
  ratePerSecond?: number;
  onResult?: (result: CallResult) => void;
}

export interface CallResult {
  status: number | 'timeout' | 'error';
  latencyMs: number;
}

export interface SendSummary {
  sent: number;
  byStatus: Record<string, number>;
  /** Acknowledgement latencies in milliseconds, in send order. */
  latenciesMs: number[];
}

export async function sendActivities(
  activities: readonly SimulatedActivity[],
  options: SendOptions,
): Promise<SendSummary> {
  const concurrency = Math.min(Math.max(1, options.concurrency), MARKETO_MAX_CONNECTIONS);
  const results = new Array<CallResult>(activities.length);
  let next = 0;
  const startedAt = performance.now();
  const worker = async () => {
    while (next < activities.length) {
      const index = next++;
      if (options.ratePerSecond) {
        const due = startedAt + (index * 1000) / options.ratePerSecond - performance.now();
        if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      }
      results[index] = await call(activities[index]!, options);
      options.onResult?.(results[index]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  const byStatus: Record<string, number> = {};
  for (const r of results) byStatus[String(r.status)] = (byStatus[String(r.status)] ?? 0) + 1;
  return { sent: results.length, byStatus, latenciesMs: results.map((r) => r.latencyMs) };
}

async function call(activity: SimulatedActivity, options: SendOptions): Promise<CallResult> {
  const { headers, body } = renderWebhook(activity, renderingFor(options.encoding), options.secret, options.timeZone);
  const started = performance.now();
  try {
    const response = await fetch(options.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.arrayBuffer();
    return { status: response.status, latencyMs: performance.now() - started };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { status: timedOut ? 'timeout' : 'error', latencyMs: performance.now() - started };
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
