import { DEMO_CUSTOMERS, startKintoneEmulator, type KintoneEmulator } from './index';
import { clientFor } from './test-support';

async function allDemoRecords(emu: KintoneEmulator) {
  return clientFor(emu, emu.demo.viewOnlyToken).record.getAllRecords({ app: emu.demo.appId });
}

describe('demo seed', () => {
  let a: KintoneEmulator;
  let b: KintoneEmulator;
  beforeAll(async () => {
    [a, b] = await Promise.all([startKintoneEmulator({ port: 0 }), startKintoneEmulator({ port: 0 })]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('seeds at least 60 untouched customers with lead ids 1001.. and stress-test emails', async () => {
    const records = await allDemoRecords(a);
    expect(records.length).toBe(DEMO_CUSTOMERS.length);
    expect(records.length).toBeGreaterThanOrEqual(60);
    const leadIds = records.map((r) => r.marketo_lead_id?.value).sort();
    expect(leadIds[0]).toBe('1001');
    expect(new Set(leadIds).size).toBe(records.length);
    const emails = records.map((r) => String(r.email?.value));
    expect(emails).toContain('taro.yamada@example.co.jp');
    expect(emails.some((e) => e.includes('+'))).toBe(true);
    expect(emails).toContain("o'brien@example.com");
    expect(emails.every((e) => /@example\.(com|net|org|jp|co\.jp)$/.test(e))).toBe(true);
    expect(new Set(records.map((r) => r.mkto_status?.value))).toEqual(new Set(['not sent']));
    expect(new Set(records.map((r) => r.mkto_open_count?.value))).toEqual(new Set(['0']));
    expect(new Set(records.map((r) => r.mkto_reply_count?.value))).toEqual(new Set(['0']));
    expect(records.every((r) => Array.isArray(r.mkto_history?.value) && r.mkto_history.value.length === 0)).toBe(true);
  });

  it('seeds the same data on every start, with fresh tokens', async () => {
    const strip = (records: Awaited<ReturnType<typeof allDemoRecords>>) => JSON.stringify(records);
    expect(strip(await allDemoRecords(a))).toBe(strip(await allDemoRecords(b)));
    expect(a.demo.fullToken).not.toBe(b.demo.fullToken);
    expect(a.demo.appId).toBe('1');
  });
});
