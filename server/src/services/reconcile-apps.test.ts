/**
 * The scheduled reconciliation over real HTTP against the local Marketo, with a file registry: each app from its
 * own watermark, the watermark saved page by page, and a run stopped by Marketo's daily quota resumed by the next.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startMarketoEmulator, type MarketoEmulator } from '../../../scripts/marketo-emulator';
import { marketoClient } from '../adapters/marketo-client';
import { sampleRegistration } from '../../../test/support/registry-contract';
import { fileRegistry } from '../adapters/registry-file';
import { parseKintoneDomains } from '../core/kintone-domains';
import { defaultConfig } from '../../../contract/src/config';
import type { EngagementEvent } from '../../../contract/src/events';
import { EMAIL_ACTIVITY_TYPES } from '../core/marketo-activity';
import type { Log, Registry } from './ports';
import { reconcileRegisteredApps, type ReconcileAppsDeps } from './reconcile-apps';

const NOW = new Date('2026-10-05T00:30:00Z');
const UNTIL = '2026-10-05T00:00:00.000Z';
const HOUR = 3_600_000;

let marketo: MarketoEmulator;
let dir: string;
beforeAll(async () => {
  marketo = await startMarketoEmulator({
    activities: { count: 1_500, since: '2026-10-01T00:00:00Z', until: '2026-10-05T01:00:00Z', seed: 4 },
  });
  dir = await mkdtemp(path.join(os.tmpdir(), 'kms-reconcile-apps-'));
});
afterAll(async () => {
  await marketo.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  marketo.setLimits({ dailyQuota: false });
  marketo.resetStats();
});

const config = defaultConfig();
const isBot = (a: ReturnType<MarketoEmulator['activities']>[number]) =>
  a.attributes.some((x) => x.name === 'Is Bot Activity' && x.value === true);
/** The keys an app with the default settings records for the activities in [since, until). */
const expectedKeys = (since: string, until: string) =>
  marketo
    .activities()
    .filter((a) => a.activityDate >= since.slice(0, 19) && Date.parse(a.activityDate) < Date.parse(until))
    .filter((a) => config.eventTypes.includes(EMAIL_ACTIVITY_TYPES[a.activityTypeId]!) && !isBot(a))
    .map((a) => `mkto-${a.marketoGUID}`)
    .sort();

const silent: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };
let registryCount = 0;
const newRegistry = () => fileRegistry(path.join(dir, `registry-${++registryCount}.json`));

function deps(
  registry: Registry,
  queued: EngagementEvent[],
  overrides: Partial<ReconcileAppsDeps> = {},
): ReconcileAppsDeps {
  return {
    registry,
    kintoneDomains: parseKintoneDomains('example.cybozu.com', false),
    source: marketoClient(
      {
        restUrl: marketo.url,
        identityUrl: marketo.identityUrl,
        clientId: marketo.clientId,
        clientSecret: marketo.clientSecret,
      },
      { retry: { attempts: 3, startingDelayMs: 10, maxDelayMs: 50 } },
    ),
    queue: { send: async (event) => void queued.push(event) },
    logger: silent,
    now: () => NOW,
    lagMs: 30 * 60_000,
    firstRunLookbackMs: 24 * HOUR,
    overlapMs: 0,
    ...overrides,
  };
}
const keysFor = (queued: EngagementEvent[], appId: string) =>
  queued
    .filter((e) => e.appId === appId)
    .map((e) => e.key)
    .sort();

it('reads Marketo once for all apps, each from its own watermark up to the lag, and moves every watermark to the end', async () => {
  const registry = newRegistry();
  await Promise.all(['1', '2', '3', '4'].map((id) => registry.put(sampleRegistration(id))));
  await registry.put({ ...sampleRegistration('3'), enabled: false });
  await registry.recordReconciled('1', '2026-10-03T00:00:00.000Z');
  await registry.recordReconciled('4', UNTIL);

  const queued: EngagementEvent[] = [];
  const result = await reconcileRegisteredApps(deps(registry, queued));

  expect(result.until).toBe(UNTIL);
  expect(result.complete).toBe(true);
  expect(result.apps).toEqual([
    { appId: '1', since: '2026-10-03T00:00:00.000Z' },
    { appId: '2', since: '2026-10-04T00:00:00.000Z' },
  ]);
  expect(keysFor(queued, '1')).toEqual(expectedKeys('2026-10-03T00:00:00Z', UNTIL));
  expect(keysFor(queued, '2')).toEqual(expectedKeys('2026-10-04T00:00:00Z', UNTIL));
  expect(keysFor(queued, '2').length).toBeGreaterThan(50);
  expect(queued.filter((e) => e.appId === '3' || e.appId === '4')).toEqual([]);
  // One pass for both apps: the pages from app 1's watermark, not once per app.
  expect(marketo.stats().byPath['/rest/v1/activities/pagingtoken.json']).toBe(1);

  for (const id of ['1', '2']) expect((await registry.status(id)).reconciledUntil).toBe(UNTIL);
  expect((await registry.status('3')).reconciledUntil).toBeUndefined();

  // An hour later the next run reads only that hour.
  const later: EngagementEvent[] = [];
  const next = await reconcileRegisteredApps(deps(registry, later, { now: () => new Date(NOW.getTime() + HOUR) }));
  expect(next.apps.map((a) => a.since)).toEqual([UNTIL, UNTIL, UNTIL]);
  expect(keysFor(later, '1')).toEqual(expectedKeys(UNTIL, '2026-10-05T01:00:00Z'));
});

it('saves the watermark page by page: a run stopped by the daily quota records why, and the next run goes on from there', async () => {
  const registry = newRegistry();
  await registry.put(sampleRegistration('1'));
  await registry.recordReconciled('1', '2026-10-01T00:00:00.000Z');
  // A token, the paging token, then a few pages (activities, their leads, the emails' subjects) and no more.
  marketo.setLimits({ dailyQuota: 12 });

  const first: EngagementEvent[] = [];
  await expect(reconcileRegisteredApps(deps(registry, first))).rejects.toThrow(/607/);
  const stopped = await registry.status('1');
  expect(stopped.reconciledUntil! > '2026-10-01T00:00:00.000Z').toBe(true);
  expect(stopped.reconciledUntil! < UNTIL).toBe(true);
  expect(stopped.lastError).toMatchObject({
    code: 'marketo_quota',
    message: expect.stringMatching(/^reconciliation with Marketo stopped: .*607/),
  });
  expect(first.length).toBeGreaterThan(0);

  marketo.setLimits({ dailyQuota: false });
  const second: EngagementEvent[] = [];
  const resumed = await reconcileRegisteredApps(deps(registry, second));
  expect(resumed.apps).toEqual([{ appId: '1', since: stopped.reconciledUntil }]);
  // Nothing is missing between the runs; only the watermark's own moment may be read twice.
  const both = new Set([...keysFor(first, '1'), ...keysFor(second, '1')]);
  expect([...both].sort()).toEqual(expectedKeys('2026-10-01T00:00:00Z', UNTIL));
  expect(second.length).toBeLessThan(expectedKeys('2026-10-01T00:00:00Z', UNTIL).length);
  expect((await registry.status('1')).reconciledUntil).toBe(UNTIL);
});

it('stops paging when told to (a Lambda near its timeout), keeping the watermark at the last page read', async () => {
  const registry = newRegistry();
  await registry.put(sampleRegistration('1'));
  await registry.recordReconciled('1', '2026-10-01T00:00:00.000Z');
  let pages = 0;
  const queued: EngagementEvent[] = [];
  const result = await reconcileRegisteredApps(deps(registry, queued, { keepGoing: () => pages++ < 1 }));
  expect(result.complete).toBe(false);
  const newest = queued
    .map((e) => e.occurredAt)
    .sort()
    .at(-1)!;
  expect((await registry.status('1')).reconciledUntil! >= newest.slice(0, 19)).toBe(true);
  expect((await registry.status('1')).reconciledUntil! < UNTIL).toBe(true);
  expect(marketo.stats().byPath['/rest/v1/activities.json']).toBe(1);
});

describe('an activity Marketo logs after later ones were read', () => {
  // Dated half an hour before the first run's end, but logged only after that run.
  const lateActivity = () =>
    marketo.addActivity({
      leadId: 1003,
      activityTypeId: 10,
      emailId: 1202,
      activityDate: new Date(Date.parse(UNTIL) - 30 * 60_000),
    });

  it('is found by the next run, which reads an hour before its watermark again and queues nothing twice', async () => {
    const registry = newRegistry();
    await registry.put(sampleRegistration('1'));
    await registry.recordReconciled('1', '2026-10-04T12:00:00.000Z');
    const first: EngagementEvent[] = [];
    await reconcileRegisteredApps(deps(registry, first, { overlapMs: HOUR }));
    const late = lateActivity();

    const second: EngagementEvent[] = [];
    const next = await reconcileRegisteredApps(
      deps(registry, second, { overlapMs: HOUR, now: () => new Date(NOW.getTime() + HOUR) }),
    );
    expect(next.apps).toEqual([{ appId: '1', since: new Date(Date.parse(UNTIL) - HOUR).toISOString() }]);
    const laterKeys = expectedKeys(UNTIL, '2026-10-05T01:00:00Z');
    expect(keysFor(second, '1')).toEqual([...laterKeys, `mkto-${late.marketoGUID}`].sort());
    // The overlap's other activities were queued by the first run and are not queued again.
    expect(new Set([...keysFor(first, '1'), ...keysFor(second, '1')]).size).toBe(first.length + second.length);
  });

  it('is lost without the overlap: why the overlap exists', async () => {
    const registry = newRegistry();
    await registry.put(sampleRegistration('1'));
    await registry.recordReconciled('1', '2026-10-04T12:00:00.000Z');
    await reconcileRegisteredApps(deps(registry, []));
    const late = lateActivity();
    const second: EngagementEvent[] = [];
    await reconcileRegisteredApps(deps(registry, second, { now: () => new Date(NOW.getTime() + HOUR) }));
    expect(keysFor(second, '1')).not.toContain(`mkto-${late.marketoGUID}`);
  });
});

it('reconciles the other apps when one registration cannot be read, and names it in the log', async () => {
  const file = path.join(dir, 'broken.json');
  const good = sampleRegistration('1');
  const broken = { ...sampleRegistration('2'), config: { version: 1, leadKey: 'nonsense' } };
  await writeFile(
    file,
    JSON.stringify({ apps: { '1': { registration: good, status: {} }, '2': { registration: broken, status: {} } } }),
  );
  const errors: unknown[] = [];
  const queued: EngagementEvent[] = [];
  const result = await reconcileRegisteredApps(
    deps(fileRegistry(file), queued, {
      logger: { ...silent, error: (message, data) => void errors.push({ message, ...data }) },
    }),
  );
  expect(result.apps.map((a) => a.appId)).toEqual(['1']);
  expect(keysFor(queued, '1')).toEqual(expectedKeys('2026-10-04T00:00:00Z', UNTIL));
  expect(errors).toEqual([
    expect.objectContaining({ message: 'registration unreadable, app not reconciled', appId: '2' }),
  ]);
});

it('feeds no app left on a kintone host this deployment no longer serves, and says so in its status', async () => {
  const registry = newRegistry();
  await registry.put(sampleRegistration('1'));
  await registry.put({ ...sampleRegistration('2'), kintoneBaseUrl: 'https://attacker-registered.cybozu.com' });
  const queued: EngagementEvent[] = [];
  const result = await reconcileRegisteredApps(deps(registry, queued));
  expect(result.apps.map((a) => a.appId)).toEqual(['1']);
  expect(queued.length).toBeGreaterThan(0);
  expect(queued.every((e) => e.appId === '1')).toBe(true);
  expect((await registry.status('2')).lastError).toMatchObject({
    code: 'domain_not_served',
    message: expect.stringMatching(/does not serve/),
  });
});

describe("a stopped run's last error says why, as a code the settings screen words", () => {
  const stoppedBy = async (overrides: Partial<ReconcileAppsDeps>) => {
    const registry = newRegistry();
    await registry.put(sampleRegistration('1'));
    await expect(reconcileRegisteredApps(deps(registry, [], overrides))).rejects.toThrow();
    return (await registry.status('1')).lastError;
  };
  const client = (clientSecret: string, dailyBudget?: number) =>
    marketoClient(
      { restUrl: marketo.url, identityUrl: marketo.identityUrl, clientId: marketo.clientId, clientSecret },
      { retry: { attempts: 1, startingDelayMs: 10, maxDelayMs: 50 }, ...(dailyBudget ? { dailyBudget } : {}) },
    );

  it('marketo_refused: Marketo refuses the API credentials', async () => {
    await expect(stoppedBy({ source: client('not-the-secret') })).resolves.toMatchObject({
      code: 'marketo_refused',
      message: expect.stringMatching(/^reconciliation with Marketo stopped: Marketo refused the API credentials/),
    });
  });

  it("marketo_quota: this deployment's share of Marketo's daily quota is spent", async () => {
    await expect(stoppedBy({ source: client(marketo.clientSecret, 1) })).resolves.toMatchObject({
      code: 'marketo_quota',
      message: expect.stringMatching(/daily call budget reached/),
    });
  });

  it('reconcile_failed: any other failure', async () => {
    const queue = { send: () => Promise.reject(new Error('queue unavailable')) };
    await expect(stoppedBy({ queue })).resolves.toEqual({
      at: NOW.toISOString(),
      code: 'reconcile_failed',
      message: 'reconciliation with Marketo stopped: queue unavailable',
    });
  });
});
