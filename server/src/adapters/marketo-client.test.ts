import { startMarketoEmulator, type MarketoEmulator } from '../../../scripts/marketo-emulator';
import { MarketoApiError, marketoClient, MarketoQuotaError, type MarketoConnection } from './marketo-client';

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
  emu = await startMarketoEmulator({ activities: { count: 700, since: SINCE, until: new Date('2026-11-01T00:00:00Z'), seed: 3 } });
  // The REST endpoint as Marketo's Web Services page shows it, with /rest.
  const client = marketoClient(connection({ restUrl: `${emu.url}/rest/` }), FAST);
  const read = await readAll(client);
  const expected = emu.activities();
  expect(read.map((a) => a.marketoGUID)).toEqual(expected.map((a) => a.marketoGUID));
  expect(new Set(read.map((a) => a.marketoGUID)).size).toBe(read.length);
  const restCalls = Object.entries(emu.stats().byPath).filter(([path]) => path.startsWith('/rest/')).reduce((n, [, calls]) => n + calls, 0);
  expect(client.callsMade()).toBe(restCalls);
});

it('renews an access token that expires in the middle of a run, and goes on where it was', async () => {
  emu = await startMarketoEmulator({ activities: { count: 900, since: SINCE, until: new Date('2026-11-01T00:00:00Z'), seed: 4 } });
  const client = marketoClient(connection(), FAST);
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
  const read = await readAll(marketoClient(connection(), { ...FAST, attempts: 30 }));
  expect(read).toHaveLength(emu.activities().length);
  expect(emu.stats().errorsByCode['606']).toBeGreaterThan(0);

  emu.setLimits({ rateLimit: false, maxConcurrent: 2 });
  emu.faults.add({ path: '/rest/asset/v1/email/1201.json', latencyMs: 100 });
  const client = marketoClient(connection(), FAST);
  const subjects = await Promise.all(Array.from({ length: 6 }, () => client.email(1201)));
  expect(new Set(subjects.map((s) => s?.subject)).size).toBe(1);
  expect(emu.stats().errorsByCode['615']).toBeGreaterThan(0);

  emu.setLimits({ maxConcurrent: false, dailyQuota: emu.stats().dailyUsed + 1 });
  const quota = marketoClient(connection(), FAST);
  await quota.email(1202);
  const before = quota.callsMade();
  await expect(quota.email(1203)).rejects.toBeInstanceOf(MarketoQuotaError);
  // No retry against a spent quota.
  expect(quota.callsMade()).toBe(before + 1);
});

it('reads email subjects and lead emails, says so when an email does not exist, and keeps the secret out of errors', async () => {
  emu = await startMarketoEmulator();
  const client = marketoClient(connection(), FAST);
  const email = await client.email(1201);
  expect(email).toMatchObject({ id: 1201, subject: expect.stringMatching(/\S/) });
  expect(await client.email(999_999)).toBeUndefined();
  const emails = await client.leadEmails([emu.leads[0]!.id, emu.leads[1]!.id, 424242]);
  expect(emails).toEqual(new Map([[emu.leads[0]!.id, emu.leads[0]!.email], [emu.leads[1]!.id, emu.leads[1]!.email]]));

  const wrong = marketoClient(connection({ clientSecret: 'wrong-secret-value' }), FAST);
  const error = await wrong.email(1201).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MarketoApiError);
  expect(String((error as Error).message)).not.toContain('wrong-secret-value');
});
