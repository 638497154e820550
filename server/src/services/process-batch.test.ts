import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { makeEvent } from '../../../test/support/events';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { fileRegistry } from '../adapters/registry-file';
import { localTokenVault } from '../adapters/token-vault-local';
import { parseKintoneDomains } from '../core/kintone-domains';
import { hashSecret } from '../core/secrets';
import { defaultConfig } from '../../../contract/src/config';
import type { AppRegistration, Registry, StatusUpdate, TokenVault } from './ports';
import { processBatch, type BatchDeps } from './process-batch';

let emu: KintoneEmulator;
let dir: string;
let registry: Registry;
let vault: TokenVault;
let deps: BatchDeps;
let errors: string[];
let requeued: { key: string; delaySeconds: number | undefined }[];
let emails: string[];

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0 });
  const client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: emu.demo.fullToken } });
  const { records } = await client.record.getRecords({
    app: '1',
    query: 'order by $id asc limit 3',
    fields: ['email'],
  });
  emails = records.map((r) => String(r.email!.value));
});
afterAll(() => emu.close());

beforeEach(async () => {
  emu.faults.clear();
  dir = await mkdtemp(path.join(os.tmpdir(), 'batch-'));
  registry = fileRegistry(path.join(dir, 'registry.json'));
  vault = localTokenVault(path.join(dir, 'token.key'));
  await registry.put({
    appId: '1',
    kintoneBaseUrl: emu.url,
    apiTokenSealed: await vault.seal('1', emu.demo.fullToken),
    webhookSecretHash: hashSecret('secret-0123456789abcdef'),
    enabled: true,
    config: defaultConfig(),
    updatedAt: '2026-11-28T00:00:00.000Z',
  });
  errors = [];
  requeued = [];
  deps = {
    registry,
    vault,
    kintoneDomains: parseKintoneDomains(new URL(emu.url).host, true),
    recordStore: (c) => kintoneRecordStore(c, { attempts: 2, startingDelayMs: 5, maxDelayMs: 10 }),
    queue: {
      send: async (event, options) => void requeued.push({ key: event.key, delaySeconds: options?.delaySeconds }),
    },
    dailyRequestBudget: 8_000,
    maxReceives: 5,
    writeLease: {
      holder: 'test-writer',
      ttlMs: 60_000,
      waitMs: 10_000,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
    },
    logger: { info: () => undefined, warn: () => undefined, error: (m) => void errors.push(m) },
    now: () => new Date('2026-11-28T12:00:00.000Z'),
  };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const message = (id: string, body: unknown, receiveCount = 1) => ({
  messageId: id,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  receiveCount,
});

it('writes valid events, reports only unusable messages for redelivery, and keeps the counters', async () => {
  const opened = makeEvent({ email: emails[0]!, occurredAt: '2026-11-27T00:00:00.000Z' });
  const stranger = makeEvent({ email: 'nobody@example.com' });
  const otherApp = makeEvent({ appId: '42', email: emails[1]! });
  const result = await processBatch(
    [
      message('m1', opened),
      message('m2', opened),
      message('m3', stranger),
      message('m4', 'not json'),
      message('m5', { ...opened, key: 'short' }),
      message('m6', otherApp),
    ],
    deps,
  );
  expect(result.failedMessageIds.sort()).toEqual(['m4', 'm5', 'm6']);
  // m2 carries the same event as m1 (SQS delivers at least once): written once, counted once.
  expect(result.outcomes).toEqual({ written: 1, duplicate: 1, unmatched: 1, invalid: 2, failed: 1 });
  const status = await registry.status('1');
  expect(status).toMatchObject({
    written: 1,
    duplicates: 1,
    unmatched: 1,
    failed: 0,
    lastEventAt: '2026-11-27T00:00:00.000Z',
  });
  expect(errors).toEqual(
    expect.arrayContaining(['queue message is not a valid event', 'events of app could not be written']),
  );
});

it('counts events by where they came from: webhook, reconciliation (Marketo activity log), replies', async () => {
  const webhook = makeEvent({ email: emails[0]!, occurredAt: '2026-11-25T05:00:00.000Z' });
  const reconciled = makeEvent({ email: emails[1]!, occurredAt: '2026-11-25T06:00:00.000Z', source: 'reconcile' });
  const reconciledAgain = { ...reconciled };
  const unknown = makeEvent({ email: 'nobody@example.com', source: 'reconcile' });
  await processBatch(
    [message('m1', webhook), message('m2', reconciled), message('m3', reconciledAgain), message('m4', unknown)],
    deps,
  );
  const status = await registry.status('1');
  expect(status).toMatchObject({ written: 2, duplicates: 1, unmatched: 1 });
  expect(status.bySource).toEqual({
    webhook: { written: 1 },
    reconcile: { written: 1, duplicates: 1, unmatched: 1 },
  });
});

it('counts an event the full history does not keep as trimmed, not as a duplicate', async () => {
  const current = (await registry.get('1'))!;
  await registry.put({ ...current, config: { ...current.config, history: { ...current.config.history, maxRows: 1 } } });
  const click = makeEvent({
    email: emails[0]!,
    type: 'click',
    link: 'https://example.com/p',
    occurredAt: '2026-11-27T06:00:00.000Z',
  });
  const oldOpen = makeEvent({ email: emails[0]!, occurredAt: '2026-11-01T00:00:00.000Z' });
  await processBatch([message('c', click)], deps);
  const result = await processBatch([message('o', oldOpen)], deps);
  expect(result).toMatchObject({ failedMessageIds: [], outcomes: { trimmed: 1 } });
  expect(await registry.status('1')).toMatchObject({ written: 1, trimmed: 1, duplicates: 0 });
});

it('reports the events of a record that lacks a mapped field as failed, with the reason, in the status', async () => {
  // The admin deleted the history table after registering the app.
  const appId = emu.createApp(demoAppDefinition());
  const token = emu.createToken(appId, { view: true, add: true, edit: true });
  await new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token } }).record.addRecord({
    app: appId,
    record: { email: { value: 'gone@example.com' } },
  });
  emu.deleteField(appId, 'mkto_history');
  const current = (await registry.get('1'))!;
  await registry.put({ ...current, appId, apiTokenSealed: await vault.seal(appId, token) });

  const result = await processBatch([message('g', makeEvent({ appId, email: 'gone@example.com' }))], deps);
  expect(result.failedMessageIds).toEqual(['g']);
  expect(await registry.status(appId)).toMatchObject({
    failed: 1,
    written: 0,
    lastError: {
      code: 'fields_changed',
      message: expect.stringMatching(
        /^record \d+: field mkto_history is missing from the record \(removed or renamed since the app was registered\?\)$/,
      ),
    },
  });
});

it("writes to an app in a guest space under its guest space's path", async () => {
  const appId = emu.createApp({ ...demoAppDefinition(), guestSpaceId: '33' });
  const token = emu.createToken(appId, { view: true, add: true, edit: true });
  const guest = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token }, guestSpaceId: '33' });
  await guest.record.addRecord({ app: appId, record: { email: { value: 'in.guest.space@example.com' } } });
  const current = (await registry.get('1'))!;
  await registry.put({ ...current, appId, guestSpaceId: '33', apiTokenSealed: await vault.seal(appId, token) });

  const result = await processBatch([message('s', makeEvent({ appId, email: 'in.guest.space@example.com' }))], deps);
  expect(result).toMatchObject({ failedMessageIds: [], outcomes: { written: 1 } });
  const { records } = await guest.record.getRecords({ app: appId, fields: ['mkto_open_count'] });
  expect(records[0]!.mkto_open_count!.value).toBe('1');
});

it('reports every message of an app for redelivery when kintone keeps failing, and records the error', async () => {
  emu.resetStats();
  emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', status: 500, code: 'GAIA_UN03' });
  const event = makeEvent({ email: emails[2]! });
  const result = await processBatch(
    [message('a', event), message('b', makeEvent({ email: emails[2]!, type: 'click' }))],
    deps,
  );
  expect(result.failedMessageIds.sort()).toEqual(['a', 'b']);
  const status = await registry.status('1');
  expect(status.failed).toBe(2);
  expect(status.lastError).toMatchObject({ code: 'kintone_unreachable', message: expect.stringMatching(/500/) });
  // The failed attempts cost the app's daily quota too, and are counted.
  expect(status.kintoneRequests).toEqual({ '2026-11-28': emu.stats().requestsByApp['1'] });
});

it('parks events of a disabled app instead of writing them', async () => {
  const current = (await registry.get('1'))!;
  await registry.put({ ...current, enabled: false });
  const result = await processBatch([message('x', makeEvent({ email: emails[0]! }))], deps);
  expect(result.failedMessageIds).toEqual(['x']);
  expect((await registry.status('1')).lastError).toMatchObject({ code: 'app_disabled', message: 'app 1 is disabled' });
});

it('counts the kintone requests it spends per kintone day, and defers an app that has spent its budget', async () => {
  const first = makeEvent({ email: emails[1]!, occurredAt: '2026-11-26T00:00:00.000Z' });
  emu.resetStats();
  await processBatch([message('a', first)], { ...deps, dailyRequestBudget: 3 });
  const spent = emu.stats().requestsByApp['1'];
  expect(spent).toBe(2);
  expect((await registry.status('1')).kintoneRequests).toEqual({ '2026-11-28': 2 });

  // 2 of 3 spent: one more batch may run, and its requests are added.
  await processBatch([message('b', makeEvent({ email: emails[2]!, occurredAt: '2026-11-26T01:00:00.000Z' }))], {
    ...deps,
    dailyRequestBudget: 3,
  });
  expect((await registry.status('1')).kintoneRequests).toEqual({ '2026-11-28': 4 });

  emu.resetStats();
  const late = makeEvent({ email: emails[1]!, occurredAt: '2026-11-26T02:00:00.000Z' });
  const result = await processBatch([message('c', late)], { ...deps, dailyRequestBudget: 3 });
  expect(result).toEqual({ failedMessageIds: [], outcomes: { deferred: 1 }, parked: 0, kintoneRequests: 0 });
  expect(requeued).toEqual([{ key: late.key, delaySeconds: 900 }]);
  expect(emu.stats().requestsTotal).toBe(0);
  const status = await registry.status('1');
  expect(status.deferred).toBe(1);
  expect(status.lastError).toMatchObject({
    code: 'budget_used',
    message: expect.stringMatching(/daily kintone request budget \(3\) is used up \(4 today\)/),
  });

  // The next kintone day starts at midnight UTC (09:00 JST) with a fresh budget.
  const nextDay = { ...deps, dailyRequestBudget: 3, now: () => new Date('2026-11-29T00:00:01.000Z') };
  expect(await processBatch([message('d', late)], nextDay)).toEqual({
    failedMessageIds: [],
    outcomes: { written: 1 },
    parked: 0,
    kintoneRequests: 2,
  });
  expect((await registry.status('1')).kintoneRequests).toMatchObject({ '2026-11-28': 4, '2026-11-29': 2 });
});

it('defers at exactly the budget: an app that has spent all of it writes nothing more that day', async () => {
  await registry.recordStatus('1', { add: {}, kintoneRequests: { day: '2026-11-28', count: 4 } });
  emu.resetStats();
  const atBudget = await processBatch(
    [message('x', makeEvent({ email: emails[0]!, occurredAt: '2026-11-26T03:00:00.000Z' }))],
    { ...deps, dailyRequestBudget: 4 },
  );
  expect(atBudget.outcomes).toEqual({ deferred: 1 });
  expect(emu.stats().requestsTotal).toBe(0);
  // One request below it, the batch runs.
  const below = await processBatch(
    [message('y', makeEvent({ email: emails[0]!, occurredAt: '2026-11-26T04:00:00.000Z' }))],
    { ...deps, dailyRequestBudget: 5 },
  );
  expect(below.outcomes).toEqual({ written: 1 });
});

it('redelivers rather than drops an event that cannot be put back on the queue', async () => {
  await registry.recordStatus('1', { add: {}, kintoneRequests: { day: '2026-11-28', count: 10 } });
  const broken = { ...deps, dailyRequestBudget: 5, queue: { send: () => Promise.reject(new Error('queue down')) } };
  const result = await processBatch([message('z', makeEvent({ email: emails[0]! }))], broken);
  expect(result.failedMessageIds).toEqual(['z']);
});

describe("while another writer holds the app's lease", () => {
  const leaseHeld = async () => {
    const now = deps.now().getTime();
    expect(await registry.acquireWriteLease('1', 'other-writer', now, now + 60_000)).toBe(true);
  };
  // The clock moves, or the writer would wait forever.
  const waitingShortly = () => {
    const started = Date.now();
    const now = () => new Date(deps.now().getTime() + Date.now() - started);
    return { ...deps, now, writeLease: { ...deps.writeLease, waitMs: 30 } };
  };

  it('sends the batch again, delayed by the wait, instead of leaving it to count towards the dead-letter queue', async () => {
    await leaseHeld();
    emu.resetStats();
    const first = makeEvent({ email: emails[0]! });
    const second = makeEvent({ email: emails[1]! });
    const result = await processBatch([message('a', first, 5), message('b', second, 5)], waitingShortly());
    expect(result).toEqual({ failedMessageIds: [], outcomes: { requeued: 2 }, parked: 0, kintoneRequests: 0 });
    expect(requeued).toEqual([
      { key: first.key, delaySeconds: 1 },
      { key: second.key, delaySeconds: 1 },
    ]);
    expect(emu.stats().requestsTotal).toBe(0);
    // Waiting is not a fault of the app: nothing for the admin to read in the status.
    expect((await registry.status('1')).lastError).toBeUndefined();
  });

  it("waits once for the whole batch, not once per app: a batch of two busy apps stays within the writer's time", async () => {
    await leaseHeld();
    const second = (await registry.get('1'))!;
    await registry.put({ ...second, appId: '2', apiTokenSealed: await vault.seal('2', emu.demo.fullToken) });
    const now = deps.now().getTime();
    expect(await registry.acquireWriteLease('2', 'other-writer', now, now + 60_000)).toBe(true);
    // A clock that moves only as the writer sleeps.
    let clock = now;
    const waitMs = 1_000;
    const result = await processBatch(
      [message('a', makeEvent({ email: emails[0]! })), message('b', makeEvent({ appId: '2', email: emails[1]! }))],
      {
        ...deps,
        now: () => new Date(clock),
        writeLease: { ...deps.writeLease, waitMs, sleep: async (ms) => void (clock += ms) },
      },
    );
    expect(result.outcomes).toEqual({ requeued: 2 });
    expect(clock - now).toBeGreaterThanOrEqual(waitMs);
    expect(clock - now).toBeLessThan(2 * waitMs);
  });

  it('leaves a message it cannot send again for redelivery, parked on its last receive', async () => {
    await leaseHeld();
    const broken = { ...waitingShortly(), queue: { send: () => Promise.reject(new Error('queue down')) } };
    const result = await processBatch([message('c', makeEvent({ email: emails[0]! }), 5)], broken);
    expect(result).toMatchObject({ failedMessageIds: ['c'], outcomes: { failed: 1 }, parked: 1 });
  });
});

it('says which failing messages were on their last receive, since SQS now parks them', async () => {
  const current = (await registry.get('1'))!;
  await registry.put({ ...current, enabled: false });
  const event = makeEvent({ email: emails[0]! });
  const result = await processBatch(
    [message('early', event, 4), message('last', makeEvent({ email: emails[1]! }), 5)],
    deps,
  );
  expect(result.failedMessageIds.sort()).toEqual(['early', 'last']);
  expect(result.parked).toBe(1);
  expect(errors).toContain('event failed on its last receive; SQS parks it in the dead-letter queue');
});

describe('the last error says what failed, as a code the settings screen words', () => {
  const failWith = async (body: unknown, changed: Partial<BatchDeps> = {}) => {
    const result = await processBatch([message('m', body)], { ...deps, ...changed });
    expect(result.failedMessageIds).toEqual(['m']);
  };
  const reRegister = async (change: Partial<AppRegistration>) =>
    registry.put({ ...(await registry.get('1'))!, ...change });
  const lastErrorOf = async (appId = '1') => (await registry.status(appId)).lastError;

  it('app_not_registered: events of an app the server holds no registration for', async () => {
    // The registries keep no status for an unknown app, so the update is what shows the code.
    const updates: StatusUpdate[] = [];
    const watched: Registry = {
      ...registry,
      recordStatus: (appId, update) => {
        updates.push(update);
        return registry.recordStatus(appId, update);
      },
    };
    await failWith(makeEvent({ appId: '99', email: emails[0]! }), { registry: watched });
    expect(updates.map((u) => u.lastError)).toEqual([
      { at: '2026-11-28T12:00:00.000Z', code: 'app_not_registered', message: 'app 99 is not registered' },
    ]);
  });

  it('registry_unreadable: the registration could not be read', async () => {
    const unreadable: Registry = {
      ...registry,
      getWithStatus: () => Promise.reject(new Error('registry offline')),
    };
    await failWith(makeEvent({ email: emails[0]! }), { registry: unreadable });
    expect(await lastErrorOf()).toMatchObject({ code: 'registry_unreadable', message: 'registry offline' });
  });

  it('domain_not_served: the app is registered for a kintone this deployment does not serve', async () => {
    await reRegister({ kintoneBaseUrl: 'https://elsewhere.cybozu.com' });
    await failWith(makeEvent({ email: emails[0]! }));
    expect(await lastErrorOf()).toMatchObject({
      code: 'domain_not_served',
      message: expect.stringMatching(/registered for https:\/\/elsewhere\.cybozu\.com/),
    });
  });

  it('token_unreadable: the stored API token cannot be opened', async () => {
    await reRegister({ apiTokenSealed: await vault.seal('2', emu.demo.fullToken) });
    await failWith(makeEvent({ email: emails[0]! }));
    expect(await lastErrorOf()).toMatchObject({
      code: 'token_unreadable',
      message: expect.stringMatching(/^the app's API token could not be opened/),
    });
  });

  it('kintone_refused_token: kintone does not accept the token (GAIA_IA02)', async () => {
    await reRegister({ apiTokenSealed: await vault.seal('1', 'x'.repeat(40)) });
    await failWith(makeEvent({ email: emails[0]! }));
    expect(await lastErrorOf()).toMatchObject({
      code: 'kintone_refused_token',
      message: expect.stringMatching(/GAIA_IA02/),
    });
  });

  it('kintone_refused_token: a token without "Edit records" is refused the write (GAIA_NO01)', async () => {
    const viewOnly = emu.createToken('1', { view: true, add: false, edit: false });
    await reRegister({ apiTokenSealed: await vault.seal('1', viewOnly) });
    await failWith(makeEvent({ email: emails[0]! }));
    expect(await lastErrorOf()).toMatchObject({
      code: 'kintone_refused_token',
      message: expect.stringMatching(/GAIA_NO01/),
    });
  });

  it('kintone_refused_app: kintone says the app does not exist (GAIA_AP01)', async () => {
    emu.faults.add({ method: 'GET', path: '/k/v1/records.json', status: 404, code: 'GAIA_AP01' });
    await failWith(makeEvent({ email: emails[0]! }));
    expect(await lastErrorOf()).toMatchObject({ code: 'kintone_refused_app' });
  });

  it('kintone_guest_space: the app is in a guest space the registration does not name (GAIA_IL23)', async () => {
    const appId = emu.createApp({ ...demoAppDefinition(), guestSpaceId: '34' });
    const token = emu.createToken(appId, { view: true, add: true, edit: true });
    await registry.put({ ...(await registry.get('1'))!, appId, apiTokenSealed: await vault.seal(appId, token) });
    await failWith(makeEvent({ appId, email: emails[0]! }));
    expect(await lastErrorOf(appId)).toMatchObject({
      code: 'kintone_guest_space',
      message: expect.stringMatching(/GAIA_IL23/),
    });
  });

  it("kintone_refused: a refusal of another kind, with kintone's code in the details", async () => {
    emu.faults.add({ method: 'GET', path: '/k/v1/records.json', status: 400, code: 'GAIA_IQ11' });
    await failWith(makeEvent({ email: emails[0]! }));
    expect(await lastErrorOf()).toMatchObject({ code: 'kintone_refused', message: expect.stringMatching(/GAIA_IQ11/) });
  });

  it("kintone_unreachable: no answer of kintone's API (a maintenance page, no connection)", async () => {
    emu.faults.add({ method: 'GET', path: '/k/v1/records.json', status: 503, body: '<html>maintenance</html>' });
    await failWith(makeEvent({ email: emails[0]! }));
    expect(await lastErrorOf()).toMatchObject({ code: 'kintone_unreachable', message: expect.stringMatching(/^503/) });

    emu.faults.clear();
    const closed = await startKintoneEmulator({ port: 0 });
    const url = closed.url;
    await closed.close();
    await reRegister({ kintoneBaseUrl: url });
    await failWith(makeEvent({ email: emails[0]! }), { kintoneDomains: parseKintoneDomains(new URL(url).host, true) });
    expect(await lastErrorOf()).toMatchObject({
      code: 'kintone_unreachable',
      message: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('records_invalid: kintone refuses the values of a record (CB_VA01)', async () => {
    emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', status: 400, code: 'CB_VA01' });
    await failWith(makeEvent({ email: emails[0]! }));
    expect(await lastErrorOf()).toMatchObject({ code: 'records_invalid', message: expect.stringMatching(/CB_VA01/) });
  });

  it('write_conflict: records kept changing while they were written (GAIA_CO02 on every try)', async () => {
    emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', status: 409 });
    await failWith(makeEvent({ email: emails[0]! }));
    expect(await lastErrorOf()).toMatchObject({
      code: 'write_conflict',
      message: expect.stringMatching(/GAIA_CO02.*gave up after 6 attempts/),
    });
  });

  it('write_failed: a failure the server does not recognise', async () => {
    await failWith(makeEvent({ email: emails[0]! }), {
      recordStore: (c) => ({
        ...kintoneRecordStore(c),
        findByLeadKeys: () => Promise.reject(new Error('something unexpected')),
      }),
    });
    expect(await lastErrorOf()).toMatchObject({ code: 'write_failed', message: 'something unexpected' });
  });
});
