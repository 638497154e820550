import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sampleRegistration } from '../../../test/support/registry-contract';
import { fileRegistry } from '../adapters/registry-file';
import type { Log, Registry } from './ports';
import { withWriteLease, type WriteLeaseOptions } from './write-lease';

let dir: string;
let registry: Registry;
let clock: number;
let slept: number[];
const warnings: string[] = [];
const logger: Log = { info: () => undefined, warn: (m) => void warnings.push(m), error: () => undefined };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kms-lease-'));
  registry = fileRegistry(path.join(dir, 'registry.json'));
  await registry.put(sampleRegistration('1'));
  clock = 1_000_000;
  slept = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const options = (holder: string, overrides: Partial<WriteLeaseOptions> = {}): WriteLeaseOptions => ({
  holder,
  ttlMs: 60_000,
  waitMs: 5_000,
  now: () => new Date(clock),
  sleep: async (ms) => void (slept.push(ms), (clock += ms)),
  random: () => 0.5,
  ...overrides,
});

it('runs the work holding the lease, then gives it back', async () => {
  const result = await withWriteLease(registry, '1', options('a'), logger, async () => {
    expect(await registry.acquireWriteLease('1', 'b', clock, clock + 60_000)).toBe(false);
    return 'written';
  });
  expect(result).toEqual({ ok: true, value: 'written' });
  expect(await registry.acquireWriteLease('1', 'b', clock, clock + 60_000)).toBe(true);
});

it('gives the lease back when the work fails, and passes the failure on', async () => {
  await expect(
    withWriteLease(registry, '1', options('a'), logger, () => Promise.reject(new Error('kintone said no'))),
  ).rejects.toThrow('kintone said no');
  expect(await registry.acquireWriteLease('1', 'b', clock, clock + 60_000)).toBe(true);
});

it('waits, with growing jittered pauses, while another writer holds it, and takes it once given back', async () => {
  await registry.acquireWriteLease('1', 'other', clock, clock + 60_000);
  let polls = 0;
  const waiting: Registry = {
    ...registry,
    acquireWriteLease: async (...args) => {
      if (++polls === 4) await registry.releaseWriteLease('1', 'other');
      return registry.acquireWriteLease(...args);
    },
  };
  const result = await withWriteLease(waiting, '1', options('a'), logger, async () => 'written');
  expect(result).toEqual({ ok: true, value: 'written' });
  // Three refusals, three pauses: 20, 40 and 80 ms ceilings, half of each plus half the jitter.
  expect(slept).toEqual([15, 30, 60]);
});

it('gives up after the wait, without running the work, so the batch goes back to the queue', async () => {
  await registry.acquireWriteLease('1', 'other', clock, clock + 60_000);
  let ran = false;
  const result = await withWriteLease(
    registry,
    '1',
    options('a', { waitMs: 1_000 }),
    logger,
    async () => void (ran = true),
  );
  expect(result).toMatchObject({ ok: false });
  expect(ran).toBe(false);
  expect(slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1_000);
});

it("takes over a crashed writer's lease once it has run out", async () => {
  await registry.acquireWriteLease('1', 'crashed', clock, clock + 2_000);
  const result = await withWriteLease(registry, '1', options('a'), logger, async () => 'written');
  expect(result).toEqual({ ok: true, value: 'written' });
});
