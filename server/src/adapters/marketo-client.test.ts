import { startMarketoEmulator, type MarketoEmulator } from '../../../scripts/marketo-emulator';
import {
  MarketoApiError,
  MarketoBudgetError,
  marketoClient,
  MarketoQuotaError,
  type MarketoConnection,
} from './marketo-client';

const FAST = { attempts: 8, startingDelayMs: 20, maxDelayMs: 200 };
const EMAIL_TYPES = [6, 7, 8, 9, 10, 11, 27];
const SINCE = new Date('2026-10-01T00:00:00Z');

let emu: MarketoEmulator;
afterEach(() => emu?.close());

const connection = (overrides: Partial<MarketoConnection> = {}): MarketoConnection => ({
  restUrl: emu.url,
  identityUrl: emu.identityUrl,
  clientId: emu.clientId,
  clientSecret: emu.clientSecret,
  ...overrides,
});

/** Every activity from SINCE on, page by page, as a reconciliation reads them. */
async function readAll(client: ReturnType<typeof marketoClient>, onPage: (page: number) => void = () => undefined) {
  const read = [];
  let token = await client.pagingToken(SINCE);
  for (let page = 0, more = true; more; page++) {
    onPage(page);
    const result = await client.activities(token, EMAIL_TYPES);
    read.push(...result.activities);
    token = result.nextPageToken;
    more = result.moreResult;
  }
  return read;
}

it('pages through every email activity once, oldest first, counting its calls as Marketo does', async () => {
  emu = await startMarketoEmulator({
    activities: { count: 700, since: SINCE, until: new Date('2026-11-01T00:00:00Z'), seed: 3 },
  });
  // The REST endpoint as Marketo's Web Services page shows it, with /rest.
  const client = marketoClient(connection({ restUrl: `${emu.url}/rest/` }), { retry: FAST });
  const read = await readAll(client);
  const expected = emu.activities();
  expect(read.map((a) => a.marketoGUID)).toEqual(expected.map((a) => a.marketoGUID));
  expect(new Set(read.map((a) => a.marketoGUID)).size).toBe(read.length);
  const restCalls = Object.entries(emu.stats().byPath)
    .filter(([path]) => path.startsWith('/rest/'))
    .reduce((n, [, calls]) => n + calls, 0);
  expect(client.callsMade()).toBe(restCalls);
});

it('renews an access token that expires in the middle of a run, and goes on where it was', async () => {
  emu = await startMarketoEmulator({
    activities: { count: 900, since: SINCE, until: new Date('2026-11-01T00:00:00Z'), seed: 4 },
  });
  const client = marketoClient(connection(), { retry: FAST });
  const read = await readAll(client, (page) => {
    if (page === 2) emu.expireTokens();
  });
  expect(read).toHaveLength(emu.activities().length);
  expect(emu.stats().errorsByCode['602']).toBe(1);
});

it('waits out the rate limit (606) and the concurrency limit (615), and stops at the daily quota (607)', async () => {
  emu = await startMarketoEmulator({
    activities: { count: 900, since: SINCE, until: new Date('2026-11-01T00:00:00Z'), seed: 5 },
    rateLimit: { max: 2, windowMs: 300 },
  });
  // Full jitter can draw short waits: enough attempts that their sum outlasts the 300 ms window even under load.
  const read = await readAll(marketoClient(connection(), { retry: { ...FAST, attempts: 30 } }));
  expect(read).toHaveLength(emu.activities().length);
  expect(emu.stats().errorsByCode['606']).toBeGreaterThan(0);

  emu.setLimits({ rateLimit: false, maxConcurrent: 2 });
  emu.faults.add({ path: '/rest/asset/v1/email/1201.json', latencyMs: 100 });
  const client = marketoClient(connection(), { retry: FAST });
  const subjects = await Promise.all(Array.from({ length: 6 }, () => client.email(1201)));
  expect(new Set(subjects.map((s) => s?.subject)).size).toBe(1);
  expect(emu.stats().errorsByCode['615']).toBeGreaterThan(0);

  // Without a budget of its own the client meets Marketo's quota.
  emu.setLimits({ maxConcurrent: false, dailyQuota: emu.stats().dailyUsed + 1 });
  const quota = marketoClient(connection(), { retry: FAST, dailyBudget: false });
  await quota.email(1202);
  const before = quota.callsMade();
  await expect(quota.email(1203)).rejects.toBeInstanceOf(MarketoQuotaError);
  // No retry against a spent quota.
  expect(quota.callsMade()).toBe(before + 1);
});

it('reads email subjects and lead emails, says so when an email does not exist, and keeps the secret out of errors', async () => {
  emu = await startMarketoEmulator();
  const client = marketoClient(connection(), { retry: FAST });
  const email = await client.email(1201);
  expect(email).toMatchObject({ id: 1201, subject: expect.stringMatching(/\S/) });
  expect(await client.email(999_999)).toBeUndefined();
  const emails = await client.leadEmails([emu.leads[0]!.id, emu.leads[1]!.id, 424242]);
  expect(emails).toEqual(
    new Map([
      [emu.leads[0]!.id, emu.leads[0]!.email],
      [emu.leads[1]!.id, emu.leads[1]!.email],
    ]),
  );

  const wrong = marketoClient(connection({ clientSecret: 'wrong-secret-value' }), { retry: FAST });
  const error = await wrong.email(1201).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MarketoApiError);
  expect(String((error as Error).message)).not.toContain('wrong-secret-value');
});

/** A clock both sides share, whose sleep moves time on at once: no test waits for real seconds. */
function fakeClock(start = Date.parse('2026-11-28T00:00:00Z')) {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), elapsed: () => t - start };
}

describe('its share of the rate limit', () => {
  it.each([
    ['the default share, 50 calls per 20 s', undefined, 50],
    ['a configured share, 10 calls per 20 s', { calls: 10, windowMs: 20_000 }, 10],
  ])('keeps to %s and never meets a 606', async (_name, rate, perWindow) => {
    const clock = fakeClock();
    // The emulated instance allows exactly the share: one call more in a window would be refused.
    emu = await startMarketoEmulator({ now: clock.now, rateLimit: { max: perWindow, windowMs: 20_000 } });
    const client = marketoClient(connection(), {
      retry: { attempts: 1, startingDelayMs: 1, maxDelayMs: 1 },
      clock,
      dailyBudget: false,
      ...(rate ? { rate } : {}),
    });
    for (let i = 0; i < perWindow * 2 + 1; i++) await client.email(1201);
    expect(emu.stats().errorsByCode['606']).toBeUndefined();
    expect(client.callsMade()).toBe(perWindow * 2 + 1);
    // Two full windows waited out, no more.
    expect(clock.elapsed()).toBe(40_000);
  });
});

describe('its daily budget', () => {
  it("stops before Marketo's quota, says so, and counts every integration's calls of the day", async () => {
    emu = await startMarketoEmulator({ rateLimit: false, dailyQuota: 30 });
    // Another integration has spent 15 of the day's calls.
    const other = marketoClient(connection(), { retry: FAST, dailyBudget: false });
    for (let i = 0; i < 15; i++) await other.email(1201);

    const client = marketoClient(connection(), { retry: FAST, dailyBudget: 25 });
    let done = 0;
    const stopped = await (async () => {
      for (;;) {
        await client.email(1201);
        done++;
      }
    })().catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(MarketoBudgetError);
    expect((stopped as Error).message).toMatch(/daily call budget reached: 25 calls used today of the 25/);
    // 15 + 1 usage read + 9 emails = 25: one call short of nothing, and Marketo's 607 never seen.
    expect(done).toBe(9);
    expect(emu.stats().dailyUsed).toBe(25);
    expect(emu.stats().errorsByCode['607']).toBeUndefined();
  });

  it('reads the day’s usage again as it goes, so calls others make meanwhile count too', async () => {
    const clock = fakeClock();
    emu = await startMarketoEmulator({ rateLimit: false, now: clock.now });
    const client = marketoClient(connection(), { retry: FAST, dailyBudget: 1_000, clock });
    await client.email(1201);
    const other = marketoClient(connection(), { retry: FAST, dailyBudget: false, clock });
    for (let i = 0; i < 600; i++) await other.email(1202);
    const error = await (async () => {
      for (let i = 0; i < 1_000; i++) await client.email(1201);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketoBudgetError);
    // It stops at its next reading of the day's usage, 500 of its own calls on (2 reads and 500 emails), long before
    // its own count alone (1,000) would have stopped it.
    expect(client.callsMade()).toBe(502);
    expect(emu.stats().dailyUsed).toBe(1_102);
  });
});

it('retries 614 (subscription temporarily unreachable)', async () => {
  emu = await startMarketoEmulator();
  emu.faults.add({ path: '/rest/asset/v1/email/1201.json', code: '614', times: 2 });
  const client = marketoClient(connection(), { retry: FAST });
  expect(await client.email(1201)).toMatchObject({ id: 1201 });
  expect(emu.stats().errorsByCode['614']).toBe(2);
});

it('asks for a paging token in the documented form, to the second', async () => {
  emu = await startMarketoEmulator();
  const client = marketoClient(connection(), { retry: FAST });
  await expect(client.pagingToken(new Date('2026-11-28T09:15:30.789Z'))).resolves.toEqual(expect.any(String));
});

describe('activities Marketo describes more loosely than the emulator by default', () => {
  it('reads activities without id, and with null campaign and primary attribute', async () => {
    emu = await startMarketoEmulator({ omitActivityIds: true });
    emu.addActivity({ leadId: 1001, activityTypeId: 10, activityDate: new Date('2026-10-02T00:00:00Z') });
    emu.addActivity({
      leadId: 1002,
      activityTypeId: 7,
      activityDate: new Date('2026-10-02T00:01:00Z'),
      fields: { campaignId: null, primaryAttributeValueId: null, primaryAttributeValue: null },
    });
    const client = marketoClient(connection(), { retry: FAST });
    const page = await client.activities(await client.pagingToken(SINCE), EMAIL_TYPES);
    expect(page.activities.map((a) => [a.leadId, a.id, a.campaignId, a.primaryAttributeValue])).toEqual([
      [1001, undefined, 3201, '2026-11 Newsletter'],
      [1002, undefined, undefined, undefined],
    ]);
  });

  it('reads no subject from an email whose subject is dynamic content, and none from an email it may not read', async () => {
    emu = await startMarketoEmulator();
    emu.addEmail({
      id: 1300,
      name: 'Segmented',
      subject: '',
      dynamicSubject: 2001,
      campaignId: 3300,
      campaignName: 'Segmented',
    });
    const client = marketoClient(connection(), { retry: FAST });
    expect(await client.email(1300)).toMatchObject({ id: 1300, name: 'Segmented', subject: '' });
    emu.faults.add({ path: '/rest/asset/v1/email/1201.json', code: '603', message: 'Access denied' });
    expect(await client.email(1201)).toBeUndefined();
  });
});

it("names an email's sending campaign, and none it cannot find", async () => {
  emu = await startMarketoEmulator();
  const client = marketoClient(connection(), { retry: FAST });
  expect(await client.campaign(3202)).toEqual({ name: 'Webinar Sales DX' });
  expect(await client.campaign(999_999)).toBeUndefined();
});
