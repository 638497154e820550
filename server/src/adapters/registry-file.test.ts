import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../../contract/src/config';
import { hashSecret } from '../core/secrets';
import { registryContract, sampleRegistration } from '../../../test/support/registry-contract';
import { fileRegistry } from './registry-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'registry-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const registration = sampleRegistration;

it('returns undefined for an unknown app and what was put for a known one', async () => {
  const registry = fileRegistry(path.join(dir, 'r.json'));
  expect(await registry.get('1')).toBeUndefined();
  await registry.put(registration('1'));
  expect(await registry.get('1')).toEqual(registration('1'));
  expect(await registry.get('2')).toBeUndefined();
});

it('keeps every counter update when many land at once', async () => {
  const file = path.join(dir, 'r.json');
  await fileRegistry(file).put(registration('1'));
  // Separate instances, as the ingest and writer processes have.
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      fileRegistry(file).recordStatus('1', {
        add: { accepted: 1, written: i % 2 },
        lastEventAt: `2026-11-28T00:00:${String(i).padStart(2, '0')}.000Z`,
      }),
    ),
  );
  const status = await fileRegistry(file).status('1');
  expect(status.accepted).toBe(40);
  expect(status.written).toBe(20);
  expect(status.lastEventAt).toBe('2026-11-28T00:00:39.000Z');
});

it('keeps counters when the registration is replaced', async () => {
  const registry = fileRegistry(path.join(dir, 'r.json'));
  await registry.put(registration('1'));
  await registry.recordStatus('1', { add: { failed: 2 }, lastError: { at: 'now', message: 'kintone said no' } });
  await registry.put({ ...registration('1'), webhookSecretHash: hashSecret('rotated-secret-0123456789') });
  expect(await registry.status('1')).toMatchObject({ failed: 2, lastError: { message: 'kintone said no' } });
  expect((await registry.get('1'))?.webhookSecretHash).toBe(hashSecret('rotated-secret-0123456789'));
});

it('reads counters stored before they were counted by source, and adds sources to them', async () => {
  const file = path.join(dir, 'r.json');
  const old = {
    accepted: 324,
    written: 861,
    duplicates: 5,
    unmatched: 1,
    failed: 0,
    lastEventAt: '2026-11-28T00:00:00.000Z',
  };
  await writeFile(file, JSON.stringify({ apps: { '1': { registration: registration('1'), status: old } } }));
  const registry = fileRegistry(file);
  const before = await registry.status('1');
  expect(before).toMatchObject({ accepted: 324, written: 861, trimmed: 0, filtered: 0, deferred: 0 });
  expect(before.bySource).toBeUndefined();
  await registry.recordStatus('1', {
    add: { written: 2 },
    bySource: { reconcile: { written: 2 } },
  });
  expect(await registry.status('1')).toMatchObject({ written: 863, bySource: { reconcile: { written: 2 } } });
});

it('drops unknown sources and counters of a stored status instead of refusing it', async () => {
  const file = path.join(dir, 'r.json');
  const status = { written: 3, bySource: { webhook: { written: 3, later: 9 }, carrierPigeon: { written: 1 } } };
  await writeFile(file, JSON.stringify({ apps: { '1': { registration: registration('1'), status } } }));
  expect((await fileRegistry(file).status('1')).bySource).toEqual({ webhook: { written: 3 } });
});

it('refuses a stored registration whose config no longer validates, naming the problem', async () => {
  const file = path.join(dir, 'r.json');
  const broken = { ...registration('1'), config: { ...defaultConfig(), eventTypes: [] } };
  await writeFile(file, JSON.stringify({ apps: { '1': { registration: broken, status: {} } } }));
  await expect(fileRegistry(file).get('1')).rejects.toThrow(/app 1 .*eventTypes/);
});

it('writes the file readable by its owner only', async () => {
  const file = path.join(dir, 'r.json');
  await fileRegistry(file).put(registration('1'));
  const { statSync } = await import('node:fs');
  expect(statSync(file).mode & 0o077).toBe(0);
  expect(JSON.parse(await readFile(file, 'utf8')).apps['1'].registration.apiTokenSealed).toBe(
    'local-aes256gcm:sealed-token-abc',
  );
});

registryContract(() => fileRegistry(path.join(dir, 'contract.json')));
