import { startMarketoEmulator, type MarketoEmulator } from './index';
import { errorCode, fakeClock, getToken, rest, type Json } from './test-support';

const LEADS = '/rest/v1/leads.json?filterType=id&filterValues=1001';

describe('rate limit (606), with an injected clock instead of waiting 20 s', () => {
  const clock = fakeClock();
  let emu: MarketoEmulator;
  let token: string;
  beforeAll(async () => {
    emu = await startMarketoEmulator({ now: clock.now });
    token = await getToken(emu);
  });
  afterAll(() => emu.close());

  it('refuses the 101st call in a sliding 20 s window and admits calls again as the window slides', async () => {
    for (let i = 0; i < 50; i++) expect(errorCode(await rest(emu, LEADS, token))).toBeUndefined();
    clock.advance(10_000);
    for (let i = 0; i < 50; i++) expect(errorCode(await rest(emu, LEADS, token))).toBeUndefined();
    const refused = await rest(emu, LEADS, token);
    expect(refused).toEqual({
      status: 200,
      body: {
        requestId: expect.any(String),
        success: false,
        errors: [{ code: '606', message: 'Max rate limit exceeded' }],
      },
    });
    clock.advance(10_001); // the first 50 have left the window
    for (let i = 0; i < 50; i++) expect(errorCode(await rest(emu, LEADS, token))).toBeUndefined();
    expect(errorCode(await rest(emu, LEADS, token))).toBe('606');
    expect(emu.stats().errorsByCode).toEqual({ '606': 2 });

    emu.setLimits({ rateLimit: false });
    expect(errorCode(await rest(emu, LEADS, token))).toBeUndefined();
  });

  it('counts the window by option', async () => {
    emu.resetStats();
    emu.setLimits({ rateLimit: { max: 3, windowMs: 1000 } });
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) codes.push(errorCode(await rest(emu, LEADS, token)));
    expect(codes).toEqual([undefined, undefined, undefined, '606']);
    clock.advance(1000);
    expect(errorCode(await rest(emu, LEADS, token))).toBeUndefined();
  });
});

describe('concurrency limit (615), daily quota (607), faults and stats', () => {
  const clock = fakeClock();
  let emu: MarketoEmulator;
  let token: string;
  beforeAll(async () => {
    emu = await startMarketoEmulator({ now: clock.now, rateLimit: false });
    token = await getToken(emu);
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.faults.clear();
    emu.resetStats();
    emu.setLimits({ dailyQuota: 50_000 });
  });

  it('refuses calls beyond 10 in flight with 615', async () => {
    emu.faults.add({ path: '/rest/v1/leads.json', latencyMs: 300 });
    const results = await Promise.all(Array.from({ length: 14 }, () => rest(emu, LEADS, token)));
    const codes = results.map(errorCode);
    expect(codes.filter((c) => c === undefined)).toHaveLength(10);
    expect(codes.filter((c) => c === '615')).toHaveLength(4);
    expect(results.find((r) => errorCode(r) === '615')?.body.errors).toEqual([
      { code: '615', message: 'Concurrent access limit reached' },
    ]);
    expect(emu.stats()).toMatchObject({ maxConcurrentSeen: 11, dailyUsed: 10, total: 14 });
  });

  it('refuses calls once the daily quota is used with 607, until the next day (US Central)', async () => {
    emu.setLimits({ dailyQuota: 5 });
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 7; i++) codes.push(errorCode(await rest(emu, LEADS, token)));
    expect(codes).toEqual([undefined, undefined, undefined, undefined, undefined, '607', '607']);
    expect((await rest(emu, LEADS, token)).body.errors).toEqual([{ code: '607', message: 'Daily quota reached' }]);
    expect(emu.stats().dailyUsed).toBe(5);
    clock.advance(24 * 3_600_000);
    emu.expireTokens();
    token = await getToken(emu);
    expect(errorCode(await rest(emu, LEADS, token))).toBeUndefined();
  });

  it('injects Marketo error codes, HTTP statuses and latency, for `times` calls or with a probability', async () => {
    emu.faults.add({ path: '/rest/v1/leads.json', code: '604', times: 1 });
    emu.faults.add({ path: '/rest/v1/activities/pagingtoken.json', status: 502, times: 1 });
    emu.faults.add({ path: '/identity/oauth/token', status: 503, times: 1 });
    emu.faults.add({ code: '611', probability: 0 });
    const timedOut = await rest(emu, LEADS, token);
    expect(timedOut.body).toMatchObject({ success: false, errors: [{ code: '604', message: 'Request timed out' }] });
    expect(errorCode(await rest(emu, LEADS, token))).toBeUndefined();
    const gateway: Json = await rest(emu, '/rest/v1/activities/pagingtoken.json?sinceDatetime=2026-11-01', token);
    expect(gateway.status).toBe(502);
    const identity = await fetch(
      `${emu.identityUrl}/oauth/token?grant_type=client_credentials&client_id=${emu.clientId}&client_secret=${emu.clientSecret}`,
    );
    expect(identity.status).toBe(503);
    expect(emu.faults.report().map((r) => r.fired)).toEqual([1, 1, 1, 0]);
  });

  it('counts calls by path and in total; resetStats zeroes them', async () => {
    await rest(emu, LEADS, token);
    await rest(emu, '/rest/asset/v1/email/1201.json', token);
    await rest(emu, LEADS);
    await getToken(emu);
    expect(emu.stats()).toEqual({
      total: 4,
      byPath: { '/rest/v1/leads.json': 2, '/rest/asset/v1/email/1201.json': 1, '/identity/oauth/token': 1 },
      errorsByCode: { '601': 1 },
      dailyUsed: 2,
      maxConcurrentSeen: 1,
    });
    emu.resetStats();
    expect(emu.stats()).toEqual({ total: 0, byPath: {}, errorsByCode: {}, dailyUsed: 0, maxConcurrentSeen: 0 });
  });

  it('answers an unknown /rest path with 610', async () => {
    expect(errorCode(await rest(emu, '/rest/v1/campaigns.json', token))).toBe('610');
  });
});
