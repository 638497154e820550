import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { KintoneRefusedError, RevisionConflictError } from '../services/ports';
import { kintoneRecordStore } from './kintone-records';

const FAST_RETRY = { attempts: 3, startingDelayMs: 5, maxDelayMs: 20 };
const FIELDS = ['$id', '$revision', 'email', 'mkto_open_count', 'mkto_history'];

let emu: KintoneEmulator;
let client: KintoneRestAPIClient;
let demo: { id: string; email: string }[];

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0 });
  client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: emu.demo.fullToken } });
  const { records } = await client.record.getRecords({
    app: '1',
    query: 'order by $id asc limit 5',
    fields: ['$id', 'email'],
  });
  demo = records.map((r) => ({ id: String(r.$id!.value), email: String(r.email!.value) }));
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.faults.clear();
  emu.resetStats();
});

const store = (token = emu.demo.fullToken) =>
  kintoneRecordStore({ baseUrl: emu.url, apiToken: token, appId: '1' }, FAST_RETRY);

describe('findByLeadKeys', () => {
  it('returns exactly the records whose field equals one of the values, with id, revision and fields', async () => {
    const found = await store().findByLeadKeys('email', [demo[0]!.email, demo[2]!.email, 'nobody@example.com'], FIELDS);
    expect(found.map((r) => r.id).sort()).toEqual([demo[0]!.id, demo[2]!.id].sort());
    const first = found.find((r) => r.id === demo[0]!.id)!;
    expect(first.fields.email?.value).toBe(demo[0]!.email);
    expect(first.revision).toMatch(/^\d+$/);
    expect(Array.isArray(first.fields.mkto_history?.value)).toBe(true);
  });

  it('treats kintone query syntax inside a value as text, never as query', async () => {
    const found = await store().findByLeadKeys('email', ['x" or $id > "0', 'a\\" or email != "'], FIELDS);
    expect(found).toEqual([]);
  });

  it('asks for the total only where it can save a request: never for a lookup that cannot fill a page', async () => {
    await store().findByLeadKeys('email', [demo[0]!.email, demo[1]!.email], FIELDS);
    await store().findByIds([demo[0]!.id], FIELDS);
    await store().searchByLeadKeys('email', [demo[2]!.email], FIELDS);
    expect(emu.stats()).toMatchObject({ requestsByApp: { '1': 3 }, totalCountRequests: 0 });
  });

  it('spends one GET per 500 values', async () => {
    const values = Array.from({ length: 600 }, (_, i) => `lead${i}@example.com`).concat(demo[1]!.email);
    const found = await store().findByLeadKeys('email', values, FIELDS);
    expect(found.map((r) => r.id)).toEqual([demo[1]!.id]);
    expect(emu.stats().requestsByApp['1']).toBe(2);
  });

  it('pages through more than 500 matches, and knows from the total when a full page was the last', async () => {
    const appId = emu.createApp({
      name: 'Shared keys',
      properties: { team: { type: 'SINGLE_LINE_TEXT', code: 'team', label: 'Team' } },
    });
    const token = emu.createToken(appId, { view: true, add: true, edit: true });
    const admin = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token } });
    const teams = [...Array<string>(1_100).fill('red'), ...Array<string>(400).fill('blue')];
    for (let i = 0; i < teams.length; i += 100) {
      await admin.record.addRecords({
        app: appId,
        records: teams.slice(i, i + 100).map((team) => ({ team: { value: team } })),
      });
    }
    const teamStore = kintoneRecordStore({ baseUrl: emu.url, apiToken: token, appId }, FAST_RETRY);

    emu.resetStats();
    const red = await teamStore.findByLeadKeys('team', ['red'], ['$id', '$revision', 'team']);
    expect(new Set(red.map((r) => r.id)).size).toBe(1_100);
    expect(emu.stats().requestsByApp[appId]).toBe(3);

    emu.resetStats();
    const fullPage = await teamStore.findByIds(
      red.slice(0, 500).map((r) => r.id),
      ['$id', '$revision'],
    );
    expect(fullPage).toHaveLength(500);
    expect(emu.stats()).toMatchObject({ requestsByApp: { [appId]: 1 }, totalCountRequests: 1 });
  });
});

describe('searchByLeadKeys', () => {
  it("finds records by kintone's word search whatever the letter case, one GET per 100 values", async () => {
    const values = [demo[0]!.email.toUpperCase(), ...Array.from({ length: 100 }, (_, i) => `nobody${i}@example.com`)];
    const found = await store().searchByLeadKeys('email', values, FIELDS);
    expect(found.map((r) => r.id)).toEqual([demo[0]!.id]);
    expect(emu.stats().requestsByApp['1']).toBe(2);
  });

  it('finds nothing, rather than failing, when kintone refuses to run the search', async () => {
    emu.faults.add({ method: 'GET', path: '/k/v1/records.json', status: 400, code: 'CB_VA01' });
    await expect(store().searchByLeadKeys('email', [demo[0]!.email], FIELDS)).resolves.toEqual([]);
  });
});

describe('updateRecords', () => {
  it('writes with the revision it read and refuses a stale one with RevisionConflictError, writing nothing', async () => {
    const s = store();
    const [record] = await s.findByIds([demo[3]!.id], FIELDS);
    await s.updateRecords([
      { id: record!.id, revision: record!.revision, record: { mkto_open_count: { value: '7' } } },
    ]);
    await expect(
      s.updateRecords([{ id: record!.id, revision: record!.revision, record: { mkto_open_count: { value: '8' } } }]),
    ).rejects.toBeInstanceOf(RevisionConflictError);
    const after = await client.record.getRecord({ app: '1', id: record!.id });
    expect(after.record.mkto_open_count!.value).toBe('7');
    expect(after.record.$revision!.value).toBe(String(Number(record!.revision) + 1));
  });

  it('retries a 429 and succeeds, with one request per attempt', async () => {
    const s = store();
    const [record] = await s.findByIds([demo[4]!.id], FIELDS);
    emu.resetStats();
    emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', status: 429, code: 'GAIA_TO04', times: 2 });
    await s.updateRecords([
      { id: record!.id, revision: record!.revision, record: { mkto_open_count: { value: '3' } } },
    ]);
    expect(emu.stats().requestsByApp['1']).toBe(3);
    // What the store counts against the daily budget is what kintone counted: the read and three attempts.
    expect(s.requestsSent()).toBe(4);
    const after = await client.record.getRecord({ app: '1', id: record!.id });
    expect(after.record.mkto_open_count!.value).toBe('3');
  });

  it('gives up after the configured attempts on a lasting 503 and writes nothing', async () => {
    const s = store();
    const [record] = await s.findByIds([demo[0]!.id], FIELDS);
    emu.resetStats();
    emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', status: 503, code: 'CB_UNAVAILABLE' });
    await expect(
      s.updateRecords([{ id: record!.id, revision: record!.revision, record: { mkto_open_count: { value: '99' } } }]),
    ).rejects.toThrow();
    expect(emu.stats().requestsByApp['1']).toBe(FAST_RETRY.attempts);
    expect(s.requestsSent()).toBe(1 + FAST_RETRY.attempts);
    emu.faults.clear();
    const after = await client.record.getRecord({ app: '1', id: record!.id });
    expect(after.record.mkto_open_count!.value).not.toBe('99');
  });

  it('does not retry a permission error', async () => {
    const s = store(emu.demo.viewOnlyToken);
    const [record] = await s.findByIds([demo[0]!.id], FIELDS);
    emu.resetStats();
    const attempt = s.updateRecords([
      { id: record!.id, revision: record!.revision, record: { mkto_open_count: { value: '5' } } },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(KintoneRefusedError);
    await expect(attempt).rejects.toMatchObject({
      code: 'GAIA_NO01',
      about: 'token',
      reason: 'the API token has no permission for app 1',
    });
    expect(emu.stats().requestsByApp['1']).toBe(1);
  });

  it('refuses more than 100 records before sending anything', async () => {
    const updates = Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1), revision: '1', record: {} }));
    await expect(store().updateRecords(updates)).rejects.toThrow(/at most 100/);
    expect(emu.stats().requestsTotal).toBe(0);
  });
});

describe('an app in a guest space', () => {
  it('reads and writes under /k/guest/<space>/v1/ when given the guest space id, and is refused GAIA_IL23 without it', async () => {
    const appId = emu.createApp({ ...demoAppDefinition(), guestSpaceId: '12' });
    const token = emu.createToken(appId, { view: true, add: true, edit: true });
    const guestClient = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token }, guestSpaceId: '12' });
    await guestClient.record.addRecord({ app: appId, record: { email: { value: 'guest@example.com' } } });

    const guest = kintoneRecordStore({ baseUrl: emu.url, apiToken: token, appId, guestSpaceId: '12' }, FAST_RETRY);
    const [record] = await guest.findByLeadKeys('email', ['guest@example.com'], FIELDS);
    await guest.updateRecords([
      { id: record!.id, revision: record!.revision, record: { mkto_open_count: { value: '4' } } },
    ]);
    expect((await guest.findByIds([record!.id], FIELDS))[0]!.fields.mkto_open_count!.value).toBe('4');

    const unaware = kintoneRecordStore({ baseUrl: emu.url, apiToken: token, appId }, FAST_RETRY);
    await expect(unaware.findByLeadKeys('email', ['guest@example.com'], FIELDS)).rejects.toMatchObject({
      status: 400,
      code: 'GAIA_IL23',
    });
  });
});
