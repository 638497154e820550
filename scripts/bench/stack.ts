/** The local stack as both benchmarks run it: as deployed (DynamoDB registry, writers side by side), quiet. */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Registry } from '../../server/src/services/ports';
import { freePort } from '../local/ports';
import { DEMO_APP_ID, startLocalStack, type LocalStack } from '../local/stack';

export interface BenchStackOptions {
  batchSize: number;
  batchingWindowMs: number;
  writers: number;
  log: (line: string) => void;
  onBatch: (bodies: string[]) => void;
}

export async function startBenchStack(options: BenchStackOptions): Promise<{ stack: LocalStack; stateDir: string }> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'kms-bench-'));
  const stack = await startLocalStack({
    stateDir,
    persistKintone: false,
    ports: { http: await freePort(), kintone: 0, sqs: 0 },
    preview: false,
    registry: 'dynamodb',
    batchSize: options.batchSize,
    batchingWindowMs: options.batchingWindowMs,
    writerConcurrency: options.writers,
    visibilityTimeoutSeconds: 60,
    logLevel: 'ERROR',
    log: options.log,
    onBatch: options.onBatch,
  });
  return { stack, stateDir };
}

/** Waits until the writer has dealt with `events` events of the demo app (written, duplicate, trimmed, unmatched or filtered). */
export async function settle(registry: Registry, events: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await registry.status(DEMO_APP_ID);
    if (s.written + s.duplicates + s.trimmed + s.unmatched + s.filtered >= events) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
