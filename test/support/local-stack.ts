/** The whole local stack for an end-to-end test: its own state folder and ports, quiet, removed when stopped. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/local/ports';
import { startLocalStack, type LocalStack, type StackOptions } from '../../scripts/local/stack';

export interface TestStack extends LocalStack {
  stateDir: string;
}

export async function startTestStack(options: Partial<Omit<StackOptions, 'stateDir'>> = {}): Promise<TestStack> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'kms-e2e-'));
  const removeState = () => rm(stateDir, { recursive: true, force: true });
  try {
    const stack = await startLocalStack({
      stateDir,
      persistKintone: false,
      ports: { http: await freePort(), kintone: 0, sqs: 0 },
      preview: false,
      batchSize: 100,
      batchingWindowMs: 200,
      visibilityTimeoutSeconds: 2,
      logLevel: 'ERROR',
      log: () => undefined,
      ...options,
    });
    return { ...stack, stateDir, stop: async () => void (await stack.stop(), await removeState()) };
  } catch (error) {
    await removeState();
    throw error;
  }
}
