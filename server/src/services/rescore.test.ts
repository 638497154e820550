/**
 * The daily re-score against the local kintone (real HTTP) and a file registry: which records it rewrites, what it
 * costs, how it meets a concurrent write and the daily budget, and what it leaves in the app's status.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { defaultConfig, type PluginConfig } from '../../../contract/src/config';
import { kintoneDay } from '../../../contract/src/kintone-day';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { fileRegistry } from '../adapters/registry-file';
import { localTokenVault } from '../adapters/token-vault-local';
import { parseKintoneDomains } from '../core/kintone-domains';
import { hashSecret } from '../core/secrets';
import type { Registry, TokenVault } from './ports';
import { rescoreRegisteredApps, type RescoreDeps } from './rescore';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-01T18:00:00.000Z');
const TODAY = kintoneDay(NOW);
const BUDGET = 8_000;
const SCORED: PluginConfig = { ...defaultConfig(), summary: { ...defaultConfig().summary, score: 'mkto_score' } };

let emu: KintoneEmulator;
let dir: string;
let registry: Registry;
let vault: TokenVault;
let appId: string;
let token: string;
let client: KintoneRestAPIClient;

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0, seedDemo: false });
});
afterAll(() => emu.close());

beforeEach(async () => {
  const definition = demoAppDefinition();
  appId = emu.createApp({
    ...definition,
    properties: { ...definition.properties, mkto_score: { type: 'NUMBER', code: 'mkto_score', label: 'Score' } },
  });
  token = emu.createToken(appId, { view: true, add: true, edit: true });
  client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'rescore-'));
  registry = fileRegistry(path.join(dir, 'registry.json'));
  vault = localTokenVault(path.join(dir, 'token.key'));
  await register(appId, SCORED);
  // Past its first pass (tested below on its own): a daily run reads only records with a score.
  await lastRescoreScoredEveryRecordIn('mkto_score');
  emu.resetStats();
});
afterEach(async () => {
  emu.faults.clear();
  await rm(dir, { recursive: true, force: true });
});

async function register(id: string, config: PluginConfig): Promise<void> {
  await registry.put({
    appId: id,
    kintoneBaseUrl: emu.url,
    apiTokenSealed: await vault.seal(id, token),
    webhookSecretHash: hashSecret('secret-0123456789abcdef'),
    enabled: true,
    config,
    updatedAt: NOW.toISOString(),
  });
}

/** As a run of the day before leaves the status; `field` unset: the app has not had its first pass. */
async function lastRescoreScoredEveryRecordIn(field: string | undefined): Promise<void> {
  const yesterday = new Date(NOW.getTime() - DAY).toISOString();
  await registry.recordStatus(appId, {
    add: {},
    lastRescore: {
      at: yesterday,
      examined: 0,
      changed: 0,
      skipped: 0,
      requests: 0,
      ...(field ? { everyRecordScoredIn: field } : {}),
    },
  });
}

function deps(change: Partial<RescoreDeps> = {}): RescoreDeps {
  return {
    registry,
    vault,
    kintoneDomains: parseKintoneDomains(new URL(emu.url).host, true),
    recordStore: (c) => kintoneRecordStore(c, { attempts: 2, startingDelayMs: 5, maxDelayMs: 10 }),
    dailyRequestBudget: BUDGET,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    now: () => NOW,
    ...change,
  };
}

const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A customer with one history row of `type` `daysAgo` days before NOW and the score stored for it. */
const customer = (i: number, score: string, type: string, daysAgo: number) => ({
  email: { value: `c${i}@example.com` },
  mkto_score: { value: score },
  mkto_history: {
    value: [
      { value: { mkto_h_at: { value: at(daysAgo) }, mkto_h_type: { value: type }, mkto_h_key: { value: `k${i}` } } },
    ],
  },
});

async function add(records: ReturnType<typeof customer>[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < records.length; i += 100)
    ids.push(...(await client.record.addRecords({ app: appId, records: records.slice(i, i + 100) })).ids);
  emu.resetStats();
  return ids;
}

async function stored(ids: readonly string[]): Promise<{ score: string; revision: string }[]> {
  const { records } = await client.record.getRecords({
    app: appId,
    query: `$id in (${ids.join(', ')}) order by $id asc limit 500`,
    fields: ['mkto_score', '$revision'],
  });
  return records.map((r) => ({ score: String(r.mkto_score!.value), revision: String(r.$revision!.value) }));
}

it('rewrites only the scores that moved by a point or more, at one GET and one PUT, and records the run', async () => {
  // Stored as the writer left them: a reply 14 days ago is worth 10 × ½ = 5 today, a click 1 day ago 3 × 0.5^(1/14)
  // = 2.85 → 3, a form fill 28 days ago 8 × ¼ = 2; the reply stored 10 and the form fill stored 4 have moved.
  const ids = await add([
    customer(0, '10', 'reply', 14),
    customer(1, '3', 'click', 1),
    customer(2, '4', 'form', 28),
    customer(3, '0', 'reply', 0),
  ]);
  const before = await stored(ids);
  emu.resetStats();

  const result = await rescoreRegisteredApps(deps());
  const requests = emu.stats().requestsByApp[appId];

  const after = await stored(ids);
  expect(after.map((r) => r.score)).toEqual(['5', '3', '2', '0']);
  // The unchanged record and the one stored as 0 (never read: a 0 never falls) keep their revisions.
  expect(after[1]!.revision).toBe(before[1]!.revision);
  expect(after[3]!.revision).toBe(before[3]!.revision);
  const run = {
    at: NOW.toISOString(),
    examined: 3,
    changed: 2,
    skipped: 0,
    requests: 2,
    everyRecordScoredIn: 'mkto_score',
  };
  expect(result.apps).toEqual([{ appId, run }]);
  expect(requests).toBe(2);
  const status = await registry.status(appId);
  expect(status.lastRescore).toEqual(run);
  expect(status.kintoneRequests).toEqual({ [TODAY]: 2 });
});

describe('the first run after a score field is mapped', () => {
  // Events written before the field was mapped: their customers' scores are empty, and `score >= 1` never finds them.
  const earlier = () =>
    add([
      customer(0, '', 'click', 0),
      { ...customer(1, '', 'open', 0), mkto_history: { value: [] } },
      customer(2, '9', 'click', 0),
      customer(3, '', 'open', 400),
    ]);

  it('reads every record once: customers with earlier events get a score, those without stay as they are', async () => {
    await lastRescoreScoredEveryRecordIn(undefined);
    const ids = await earlier();
    const before = await stored(ids);

    const [first] = (await rescoreRegisteredApps(deps())).apps;

    expect(first!.run).toMatchObject({ examined: 4, changed: 2, requests: 2, everyRecordScoredIn: 'mkto_score' });
    const after = await stored(ids);
    expect(after.map((r) => r.score)).toEqual(['3', '', '3', '']);
    expect([after[1]!.revision, after[3]!.revision]).toEqual([before[1]!.revision, before[3]!.revision]);
    expect((await registry.status(appId)).lastRescore?.everyRecordScoredIn).toBe('mkto_score');

    // From then on, only the records with a score are read.
    emu.resetStats();
    const [next] = (await rescoreRegisteredApps(deps())).apps;
    expect(next!.run).toMatchObject({ examined: 2, changed: 0, requests: 1, everyRecordScoredIn: 'mkto_score' });
  });

  it('reads every record again when another score field is mapped', async () => {
    await lastRescoreScoredEveryRecordIn('old_score');
    await earlier();
    const [app] = (await rescoreRegisteredApps(deps())).apps;
    expect(app!.run).toMatchObject({ examined: 4, changed: 2, everyRecordScoredIn: 'mkto_score' });
  });

  it('is done again whole by the next run when it stopped early', async () => {
    await lastRescoreScoredEveryRecordIn(undefined);
    await earlier();
    await registry.recordStatus(appId, { add: {}, kintoneRequests: { day: TODAY, count: BUDGET - 1 } });

    const [stopped] = (await rescoreRegisteredApps(deps())).apps;

    expect(stopped!.run).toMatchObject({ examined: 4, changed: 0, stopped: { reason: 'budget' } });
    expect(stopped!.run.everyRecordScoredIn).toBeUndefined();
    const nextDay = new Date(NOW.getTime() + DAY);
    const [again] = (await rescoreRegisteredApps(deps({ now: () => nextDay }))).apps;
    expect(again!.run).toMatchObject({ examined: 4, changed: 2, everyRecordScoredIn: 'mkto_score' });
  });
});

it('pages 500 records a GET past its own writes and writes 100 a PUT', async () => {
  // 1,100 customers stored at 9: half of them clicked today (now 3), half opened 200 days ago (now 0, which drops them
  // out of `score >= 1` while the run pages: reading by offset would skip records after each PUT).
  const ids = await add(
    Array.from({ length: 1_100 }, (_, i) => (i % 2 ? customer(i, '9', 'click', 0) : customer(i, '9', 'open', 200))),
  );

  const [app] = (await rescoreRegisteredApps(deps())).apps;
  const requests = emu.stats().requestsByApp[appId];

  expect(app!.run).toMatchObject({ examined: 1_100, changed: 1_100, requests: 3 + 11 });
  expect(requests).toBe(3 + 11);
  const scores = [
    ...(await stored(ids.slice(0, 500))),
    ...(await stored(ids.slice(500, 1_000))),
    ...(await stored(ids.slice(1_000))),
  ];
  expect(scores.map((r) => r.score)).toEqual(ids.map((_, i) => (i % 2 ? '3' : '0')));
});

it('gathers the moved scores of several pages into full PUTs', async () => {
  // 1,000 customers, 150 of each 500 stored at 9 for a click today (3), the others at 3 already: 300 moved.
  await add(Array.from({ length: 1_000 }, (_, i) => customer(i, i % 500 < 150 ? '9' : '3', 'click', 0)));

  const [app] = (await rescoreRegisteredApps(deps())).apps;

  // Three GETs (the second page is full, the third finds nothing) and three PUTs, not two a page.
  expect(app!.run).toMatchObject({ examined: 1_000, changed: 300, requests: 3 + 3 });
  expect(emu.stats().requestsByApp[appId]).toBe(3 + 3);
});

it('leaves a record written during the run alone and writes the others of its PUT', async () => {
  const ids = await add([
    customer(0, '10', 'reply', 14),
    customer(1, '10', 'reply', 14),
    customer(2, '10', 'reply', 14),
  ]);
  // The writer stores a fresh score for the second customer between the re-score's read and its PUT.
  const racing: RescoreDeps['recordStore'] = (connection) => {
    const store = kintoneRecordStore(connection);
    return {
      ...store,
      async updateRecords(updates) {
        if (updates.length === 3)
          await client.record.updateRecord({ app: appId, id: ids[1]!, record: { mkto_score: { value: '17' } } });
        return store.updateRecords(updates);
      },
    };
  };

  const [app] = (await rescoreRegisteredApps(deps({ recordStore: racing }))).apps;

  expect((await stored(ids)).map((r) => r.score)).toEqual(['5', '17', '5']);
  // The refused PUT, a read of the revisions, and the PUT of the two others.
  expect(app!.run).toMatchObject({ examined: 3, changed: 2, skipped: 1, requests: 4 });
});

it('stops before it would exceed the daily budget, and says so', async () => {
  const ids = await add([customer(0, '10', 'reply', 14)]);
  await registry.recordStatus(appId, { add: {}, kintoneRequests: { day: TODAY, count: BUDGET - 1 } });

  const [app] = (await rescoreRegisteredApps(deps())).apps;

  // The last request of the day reads; the PUT would be one too many.
  expect(app!.run).toMatchObject({ examined: 1, changed: 0, requests: 1, stopped: { reason: 'budget' } });
  expect((await stored(ids))[0]!.score).toBe('10');
  const status = await registry.status(appId);
  expect(status.kintoneRequests?.[TODAY]).toBe(BUDGET);
  expect(status.lastRescore?.stopped?.message).toMatch(/daily kintone request budget \(8000\)/);

  emu.resetStats();
  const [spent] = (await rescoreRegisteredApps(deps())).apps;
  expect(spent!.run).toMatchObject({ examined: 0, requests: 0, stopped: { reason: 'budget' } });
  expect(emu.stats().requestsByApp[appId]).toBeUndefined();
});

it('re-scores only enabled apps that map a score field', async () => {
  await add([customer(0, '10', 'reply', 14)]);
  await register(appId, defaultConfig());
  expect(await rescoreRegisteredApps(deps())).toEqual({ apps: [] });
  expect(emu.stats().requestsTotal).toBe(0);
});

it('records why a run stopped when kintone refuses it', async () => {
  await add([customer(0, '10', 'reply', 14)]);
  emu.faults.add({ method: 'GET', status: 403, code: 'GAIA_NO01', message: 'no permission' });

  const [app] = (await rescoreRegisteredApps(deps())).apps;

  expect(app!.run.stopped).toMatchObject({
    reason: 'error',
    message: expect.stringMatching(/^the re-score stopped: /),
  });
  const status = await registry.status(appId);
  expect(status.lastError).toMatchObject({ code: 'kintone_refused_token', message: app!.run.stopped!.message });
  expect(status.lastRescore).toEqual(app!.run);
});

it('records a failure of its own as rescore_failed', async () => {
  await add([customer(0, '10', 'reply', 14)]);
  const broken: RescoreDeps['recordStore'] = (connection) => ({
    ...kintoneRecordStore(connection),
    findScoredAfter: () => Promise.reject(new Error('something unexpected')),
  });
  await rescoreRegisteredApps(deps({ recordStore: broken }));
  expect((await registry.status(appId)).lastError).toMatchObject({
    code: 'rescore_failed',
    message: 'the re-score stopped: something unexpected',
  });
});
