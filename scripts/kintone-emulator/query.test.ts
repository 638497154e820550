import type { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { DEMO_CUSTOMERS, startKintoneEmulator, type KintoneEmulator } from './index';
import { clientFor, raw } from './test-support';

/** Same escaping as the server's kintone-query.ts: backslash first, then double quote. */
const q = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

let emu: KintoneEmulator;
let client: KintoneRestAPIClient;
let trickyId: string;

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0 });
  client = clientFor(emu, emu.demo.fullToken);
  ({ id: trickyId } = await client.record.addRecord({
    app: '1',
    record: { company: { value: 'Quote "Q" \\ Backslash Ltd.' }, marketo_lead_id: { value: 'tricky' } },
  }));
  const history = (...types: string[]) => ({
    value: types.map((type, i) => ({
      value: { mkto_h_type: { value: type }, mkto_h_key: { value: `k-${type}-${i}` } },
    })),
  });
  const engagement: Array<[number, Record<string, { value: unknown }>]> = [
    [2, { mkto_status: { value: 'sent' } }],
    [3, { mkto_status: { value: 'delivered' } }],
    [
      5,
      {
        mkto_open_count: { value: '2' },
        mkto_last_clicked: { value: '2025-04-01T07:00:00Z' },
        mkto_history: history('open', 'click'),
      },
    ],
    [6, { mkto_status: { value: 'bounced' } }],
    [11, { mkto_open_count: { value: '2' } }],
    [12, { mkto_open_count: { value: '3' }, mkto_history: history('click') }],
    [13, { mkto_status: { value: 'bounced' } }],
    [18, { mkto_open_count: { value: '3' } }],
    [20, { mkto_status: { value: 'bounced' } }],
    [24, { mkto_first_opened: { value: '2025-04-02T00:00:00Z' } }],
    [25, { mkto_first_opened: { value: '2025-04-02T03:00:00Z' } }],
    [26, { mkto_first_opened: { value: '2025-04-02T23:59:00Z' } }],
    [40, { mkto_first_opened: { value: '2025-04-03T00:00:00Z' } }],
  ];
  await client.record.updateRecords({ app: '1', records: engagement.map(([id, record]) => ({ id, record })) });
});
afterAll(() => emu.close());

const ids = async (query: string): Promise<string[]> =>
  (await client.record.getRecords({ app: '1', query, fields: ['$id'] })).records.map((r) => String(r.$id?.value));
const leadIds = async (query: string): Promise<string[]> =>
  (await client.record.getRecords({ app: '1', query, fields: ['marketo_lead_id'] })).records.map((r) =>
    String(r.marketo_lead_id?.value),
  );

describe('query language', () => {
  it('filters with = and != on text, exactly and case-sensitively', async () => {
    expect(await leadIds(`email = ${q('taro.yamada@example.co.jp')}`)).toEqual(['1001']);
    expect(await leadIds(`email = ${q('Taro.Yamada@example.co.jp')}`)).toEqual([]);
    const all = await ids('limit 500');
    expect(await ids(`marketo_lead_id != "1001" limit 500`)).toHaveLength(all.length - 1);
  });

  it('filters with in and not in, including a drop-down and a table column', async () => {
    expect(await leadIds('marketo_lead_id in ("1003", "1005", "nope") order by $id asc')).toEqual(['1003', '1005']);
    expect(await leadIds('mkto_status in ("bounced") order by $id asc')).toEqual(['1006', '1013', '1020']);
    const rest = await leadIds(
      'mkto_status not in ("sent", "delivered", "opened", "clicked", "unsubscribed") limit 500',
    );
    expect(rest).toHaveLength(DEMO_CUSTOMERS.length + 1 - 2);
    expect(rest).not.toContain('1002');
    expect(await leadIds('mkto_h_key in ("k-click-1")')).toEqual(['1005']);
    expect(await leadIds('mkto_h_type in ("click") and marketo_lead_id in ("1005", "1012")')).toEqual(['1012', '1005']);
  });

  it('refuses = on a drop-down (GAIA_IQ03) and on a table column (GAIA_IQ07)', async () => {
    await expect(ids('mkto_status = "sent"')).rejects.toMatchObject({ status: 400, code: 'GAIA_IQ03' });
    await expect(ids('mkto_h_key = "k-click-1"')).rejects.toMatchObject({ status: 400, code: 'GAIA_IQ07' });
  });

  it('combines and / or / parentheses with and binding tighter', async () => {
    const a = '(marketo_lead_id = "1001" or marketo_lead_id = "1002") and company = "Hikari Logistics K.K."';
    expect(await leadIds(a)).toEqual(['1002']);
    const b = 'marketo_lead_id = "1001" or marketo_lead_id = "1002" and company = "Hikari Logistics K.K."';
    expect(await leadIds(`${b} order by $id asc`)).toEqual(['1001', '1002']);
    const c = 'marketo_lead_id = "1001" or marketo_lead_id = "1002" and company = "nobody"';
    expect(await leadIds(c)).toEqual(['1001']);
  });

  it('compares numbers, $id and date-times, and sorts by several keys', async () => {
    expect(await ids('$id >= 3 and $id < 6 order by $id asc')).toEqual(['3', '4', '5']);
    expect(await ids('$id in (2, 7) order by $id desc')).toEqual(['7', '2']);
    expect(await leadIds('mkto_open_count >= 2 order by mkto_open_count desc, $id asc')).toEqual([
      '1012',
      '1018',
      '1005',
      '1011',
    ]);
    expect(await leadIds('mkto_last_clicked = "2025-04-01T07:00:00Z"')).toEqual(['1005']);
    expect(await leadIds('mkto_last_clicked = "2025-04-01T16:00:59+09:00"')).toEqual(['1005']);
    expect(
      await leadIds('mkto_first_opened > "2025-04-02" and mkto_first_opened < "2025-04-03" order by $id asc'),
    ).toEqual(['1025', '1026']);
    expect(await leadIds('marketo_lead_id in ("1001","1002","1008") order by mkto_status asc, $id desc')).toEqual([
      '1008',
      '1001',
      '1002',
    ]);
  });

  it('keeps quoted values literal: escapes work and an injection attempt matches nothing', async () => {
    expect(await ids(`company = ${q('Quote "Q" \\ Backslash Ltd.')}`)).toEqual([trickyId]);
    expect(await leadIds(`email = ${q("o'brien@example.com")}`)).toEqual(['1003']);
    expect(await leadIds(`email in (${q('hanako.sato+news@example.jp')})`)).toEqual(['1002']);
    const injection = `x" or $id > "0`;
    expect(await ids(`email = ${q(injection)}`)).toEqual([]);
    expect(await ids(`email in (${q(injection)}, ${q('"')})`)).toEqual([]);
    // The same text unescaped is syntax, which is why values must be escaped.
    expect((await ids(`email = "${injection}" limit 500`)).length).toBeGreaterThan(60);
  });

  it('matches like case-insensitively as a substring', async () => {
    expect(await leadIds('company like "hikari" order by $id asc')).toEqual(['1002']);
    expect((await leadIds('company not like "Co." limit 500')).includes('1001')).toBe(false);
  });

  it('defaults to $id desc, limit 100; refuses limit > 500 and offset > 10,000', async () => {
    const first = await ids('');
    expect(first[0]).toBe(trickyId);
    expect(first).toHaveLength(DEMO_CUSTOMERS.length + 1);
    expect(await ids('order by $id asc limit 2 offset 3')).toEqual(['4', '5']);
    await expect(ids('limit 501')).rejects.toMatchObject({ status: 400, code: 'GAIA_QU01' });
    await expect(ids('limit 10 offset 10001')).rejects.toMatchObject({ status: 400, code: 'GAIA_QU02' });
  });

  it('reports unknown fields with GAIA_IQ11 and bad syntax with CB_VA01', async () => {
    await expect(ids('nosuch = "x"')).rejects.toMatchObject({ code: 'GAIA_IQ11' });
    await expect(ids('nosuch = "x"')).rejects.toThrow('Specified field (nosuch) not found.');
    await expect(ids('order by nosuch desc')).rejects.toMatchObject({ code: 'GAIA_IQ11' });
    for (const bad of [
      'email = ',
      'email = "open',
      '(email = "a"',
      'email == "a"',
      'limit 10 limit 20',
      'email = "a\tb"',
    ]) {
      await expect(ids(bad)).rejects.toMatchObject({
        status: 400,
        code: 'CB_VA01',
        errors: { query: { messages: ['The query is invalid.'] } },
      });
    }
  });

  it('returns totalCount as a string only when asked, and only the requested fields', async () => {
    const before = emu.stats().totalCountRequests;
    const counted = await client.record.getRecords({
      app: '1',
      query: 'mkto_status in ("bounced") limit 2',
      totalCount: true,
    });
    expect(counted.totalCount).toBe('3');
    expect(emu.stats().totalCountRequests).toBe(before + 1);
    expect(counted.records).toHaveLength(2);
    const plain = await client.record.getRecords({ app: '1', query: 'limit 1', fields: ['email', '$revision'] });
    expect(plain.totalCount).toBeNull();
    expect(emu.stats().totalCountRequests).toBe(before + 1);
    expect(Object.keys(plain.records[0] ?? {}).sort()).toEqual(['$revision', 'email']);
  });

  it('serves a long GET sent as POST + X-HTTP-Method-Override (400 emails through rest-api-client)', async () => {
    const emails = DEMO_CUSTOMERS.map(([, , email]) => email);
    for (let i = emails.length; i < 400; i++) emails.push(`nobody.${i}@example.com`);
    const query = `email in (${emails.map(q).join(', ')}) order by $id asc limit 500`;
    expect(query.length).toBeGreaterThan(4096);
    const { records } = await client.record.getRecords({ app: '1', query, fields: ['email'] });
    expect(records.map((r) => r.email?.value)).toEqual(DEMO_CUSTOMERS.map(([, , email]) => email));

    const res = await raw(emu, 'POST', '/k/v1/records.json', {
      token: emu.demo.viewOnlyToken,
      headers: { 'X-HTTP-Method-Override': 'GET' },
      body: { app: 1, query: 'marketo_lead_id in ("1010")', fields: ['marketo_lead_id'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.records).toEqual([{ marketo_lead_id: { type: 'SINGLE_LINE_TEXT', value: '1010' } }]);
  });

  it('reads query-string arrays the way rest-api-client writes them', async () => {
    const res = await raw(
      emu,
      'GET',
      `/k/v1/records.json?app=1&query=${encodeURIComponent('$id = 4')}&fields%5B0%5D=email&fields%5B1%5D=%24id`,
      {
        token: emu.demo.viewOnlyToken,
      },
    );
    expect(res.body).toEqual({
      records: [{ $id: { type: '__ID__', value: '4' }, email: { type: 'LINK', value: 'ichiro.suzuki@example.co.jp' } }],
      totalCount: null,
    });
  });
});

describe('text comparison when started with textCompare: ignoreCase', () => {
  let loose: KintoneEmulator;
  beforeAll(async () => {
    loose = await startKintoneEmulator({ port: 0, textCompare: 'ignoreCase' });
  });
  afterAll(() => loose.close());
  const looseLeadIds = async (query: string): Promise<string[]> =>
    (
      await clientFor(loose, loose.demo.fullToken).record.getRecords({ app: '1', query, fields: ['marketo_lead_id'] })
    ).records.map((r) => String(r.marketo_lead_id?.value));

  it('matches = / != / in / not in on text whatever the letter case', async () => {
    expect(await looseLeadIds(`email = ${q('Taro.Yamada@EXAMPLE.co.jp')}`)).toEqual(['1001']);
    expect(await looseLeadIds(`email in (${q('TARO.YAMADA@example.co.jp')}, ${q('nobody@example.com')})`)).toEqual([
      '1001',
    ]);
    expect(
      await looseLeadIds(`email != ${q('TARO.YAMADA@EXAMPLE.CO.JP')} and marketo_lead_id in ("1001", "1002")`),
    ).toEqual(['1002']);
    expect(
      await looseLeadIds(`email not in (${q('Taro.Yamada@Example.co.jp')}) and marketo_lead_id in ("1001", "1002")`),
    ).toEqual(['1002']);
  });

  it('still names drop-down options exactly', async () => {
    expect(await looseLeadIds('mkto_status in ("BOUNCED")')).toEqual([]);
  });
});
