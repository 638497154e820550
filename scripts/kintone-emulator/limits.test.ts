import { KintoneRestAPIError } from '@kintone/rest-api-client';
import { startKintoneEmulator, type KintoneEmulator } from './index';
import { clientFor, raw } from './test-support';

describe('concurrency limit', () => {
  let emu: KintoneEmulator;
  beforeAll(async () => {
    emu = await startKintoneEmulator({ port: 0, maxConcurrent: 2 });
  });
  afterAll(() => emu.close());

  it('answers 429 GAIA_TO04 beyond maxConcurrent in-flight requests', async () => {
    emu.faults.add({ path: '/k/v1/records.json', latencyMs: 300 });
    const client = clientFor(emu, emu.demo.viewOnlyToken);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => client.record.getRecords({ app: '1', query: 'limit 1' })),
    );
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(rejected).toHaveLength(3);
    for (const error of rejected) {
      expect(error).toBeInstanceOf(KintoneRestAPIError);
      expect(error).toMatchObject({ status: 429, code: 'GAIA_TO04' });
    }
    // At most 2 held plus the one being refused existed at any moment.
    expect(emu.stats()).toMatchObject({ requestsTotal: 5, maxConcurrentSeen: 3, requestsByApp: { '1': 2 } });
    emu.faults.clear();
    const after = await raw(emu, 'GET', '/k/v1/records.json?app=1&query=limit%201', { token: emu.demo.viewOnlyToken });
    expect(after.status).toBe(200);
    expect(after.headers.get('x-concurrencylimit-limit')).toBe('2');
    expect(after.headers.get('x-concurrencylimit-running')).toBe('1');
  });
});

describe('fault injection and request counting', () => {
  let emu: KintoneEmulator;
  beforeAll(async () => {
    emu = await startKintoneEmulator({ port: 0 });
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.faults.clear();
    emu.resetStats();
  });

  const bump = (value: string) =>
    clientFor(emu, emu.demo.fullToken).record.updateRecords({
      app: '1',
      records: [{ id: '1', record: { mkto_open_count: { value } } }],
    });
  const openCount = async () =>
    (await clientFor(emu, emu.demo.fullToken).record.getRecord({ app: '1', id: '1' })).record.mkto_open_count?.value;

  it('answers an injected error instead of doing the work, for the next `times` matching requests', async () => {
    emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', status: 503, times: 2 });
    emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', appId: '2', status: 500 });
    await expect(bump('41')).rejects.toMatchObject({ status: 503, code: 'EMULATOR_FAULT' });
    await expect(bump('42')).rejects.toMatchObject({ status: 503 });
    expect(await openCount()).toBe('0');
    await bump('43');
    expect(await openCount()).toBe('43');
    expect(emu.stats().requestsByApp).toEqual({ '1': 5 });
  });

  it('can do the work and then drop the answer, and reports how often each rule fired', async () => {
    emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', dropResponse: true, times: 1 });
    emu.faults.add({ method: 'GET', path: '/k/v1/record.json', latencyMs: 1 });
    await expect(bump('55')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await openCount()).toBe('55');
    expect(emu.faults.report().map((r) => r.fired)).toEqual([1, 1]);
    emu.faults.clear();
    expect(emu.faults.report()).toEqual([]);
  });

  it('answers a given body as it is, as what stands in front of kintone does: JSON without a code, or HTML', async () => {
    emu.faults.add({
      method: 'PUT',
      path: '/k/v1/records.json',
      status: 502,
      body: '{"message":"upstream unavailable"}',
      times: 1,
    });
    await expect(bump('1')).rejects.toMatchObject({ status: 502, code: undefined });
    emu.faults.add({
      method: 'PUT',
      path: '/k/v1/records.json',
      status: 503,
      body: '<html><body>Maintenance</body></html>',
      times: 1,
    });
    await expect(bump('1')).rejects.toThrow(/^503: /);
    await expect(bump('2')).resolves.toBeDefined();
  });

  it('uses kintone codes for injected 409 and 429, and custom code and message when given', async () => {
    emu.faults.add({ path: '/k/v1/records.json', method: 'put', status: 409, times: 1 });
    await expect(bump('1')).rejects.toMatchObject({ status: 409, code: 'GAIA_CO02' });
    emu.faults.add({ path: '/k/v1/records.json', status: 429, times: 1 });
    await expect(bump('1')).rejects.toMatchObject({ status: 429, code: 'GAIA_TO04' });
    emu.faults.add({ status: 520, code: 'GAIA_DA02', message: 'database locked', times: 1 });
    await expect(bump('1')).rejects.toThrow('[520] [GAIA_DA02] database locked');
    emu.faults.add({ status: 500, probability: 0 });
    await expect(bump('7')).resolves.toBeDefined();
  });

  it('matches an overridden GET by its effective method', async () => {
    emu.faults.add({ method: 'GET', path: '/k/v1/records.json', status: 500, times: 1 });
    const res = await raw(emu, 'POST', '/k/v1/records.json', {
      token: emu.demo.fullToken,
      headers: { 'X-HTTP-Method-Override': 'GET' },
      body: { app: '1' },
    });
    expect(res.status).toBe(500);
    const retry = await raw(emu, 'POST', '/k/v1/records.json', {
      token: emu.demo.fullToken,
      headers: { 'X-HTTP-Method-Override': 'GET' },
      body: { app: '1', query: 'limit 1' },
    });
    expect(retry.status).toBe(200);
  });

  it('counts every call with a valid credential for its app, including refused ones', async () => {
    await clientFor(emu, emu.demo.viewOnlyToken).record.getRecords({ app: '1' });
    await expect(
      clientFor(emu, emu.demo.viewOnlyToken).record.addRecord({ app: '1', record: {} }),
    ).rejects.toMatchObject({
      code: 'GAIA_NO01',
    });
    await raw(emu, 'GET', '/k/v1/records.json?app=1');
    await raw(emu, 'GET', '/k/v1/records.json?app=1', { token: 'bogus' });
    expect(emu.stats()).toEqual({
      requestsByApp: { '1': 2 },
      requestsTotal: 4,
      maxConcurrentSeen: 1,
      totalCountRequests: 0,
      revisionConflicts: 0,
    });
    emu.resetStats();
    expect(emu.stats()).toEqual({
      requestsByApp: {},
      requestsTotal: 0,
      maxConcurrentSeen: 0,
      totalCountRequests: 0,
      revisionConflicts: 0,
    });
  });

  it('offers the same controls over HTTP under /_emulator', async () => {
    const add = await raw(emu, 'POST', '/_emulator/faults', {
      body: { path: '/k/v1/record.json', status: 502, times: 1 },
    });
    expect(add.status).toBe(200);
    const failed = await raw(emu, 'GET', '/k/v1/record.json?app=1&id=1', { token: emu.demo.fullToken });
    expect(failed.status).toBe(502);
    expect((await raw(emu, 'POST', '/_emulator/faults', { body: { status: 'soon' } })).status).toBe(400);
    await raw(emu, 'POST', '/_emulator/faults', { body: { status: 500 } });
    await raw(emu, 'DELETE', '/_emulator/faults');
    expect((await raw(emu, 'GET', '/k/v1/record.json?app=1&id=1', { token: emu.demo.fullToken })).status).toBe(200);
    expect((await raw(emu, 'GET', '/_emulator/stats')).body).toEqual({
      requestsByApp: { '1': 2 },
      requestsTotal: 2,
      maxConcurrentSeen: 1,
      totalCountRequests: 0,
      revisionConflicts: 0,
    });
    await raw(emu, 'POST', '/_emulator/stats/reset');
    expect((await raw(emu, 'GET', '/_emulator/stats')).body.requestsTotal).toBe(0);
    expect((await raw(emu, 'GET', '/_emulator/demo')).body).toEqual(emu.demo);
  });

  it('answers unknown APIs with 404 and malformed JSON with CB_IJ01', async () => {
    const unknown = await raw(emu, 'GET', '/k/v1/apps.json', { token: emu.demo.fullToken });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'EMULATOR_NOT_IMPLEMENTED' } });
    const response = await fetch(`${emu.url}/k/v1/record.json`, {
      method: 'POST',
      headers: { 'X-Cybozu-API-Token': emu.demo.fullToken, 'Content-Type': 'application/json' },
      body: '{"app": 1,',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'CB_IJ01' });
  });
});
