import type { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { startKintoneEmulator, type KintoneEmulator } from './index';
import { clientFor, raw } from './test-support';

let emu: KintoneEmulator;
let client: KintoneRestAPIClient;
beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0 });
  client = clientFor(emu, emu.demo.fullToken);
});
afterAll(() => emu.close());

const get = async (id: string) => (await client.record.getRecord({ app: '1', id })).record;
const put = (body: unknown) => raw(emu, 'PUT', '/k/v1/records.json', { token: emu.demo.fullToken, body });

describe('updates and revisions', () => {
  it('bumps the revision on every write and refuses a stale revision with 409 GAIA_CO02', async () => {
    const before = await get('1');
    const revision = Number(before.$revision?.value);
    const { revision: next } = await client.record.updateRecord({
      app: '1',
      id: '1',
      revision,
      record: { mkto_open_count: { value: '5' } },
    });
    expect(next).toBe(String(revision + 1));
    await expect(
      client.record.updateRecord({ app: '1', id: '1', revision, record: { mkto_open_count: { value: '6' } } }),
    ).rejects.toMatchObject({ status: 409, code: 'GAIA_CO02' });
    expect((await get('1')).mkto_open_count?.value).toBe('5');
    await client.record.updateRecord({ app: '1', id: '1', revision: -1, record: {} });
    expect((await get('1')).$revision?.value).toBe(String(revision + 2));
  });

  it('writes nothing of a bulk PUT when one revision is stale, and counts the conflict', async () => {
    const conflictsBefore = emu.stats().revisionConflicts;
    const [a, b] = [await get('2'), await get('3')];
    await expect(
      client.record.updateRecords({
        app: '1',
        records: [
          { id: '2', revision: a.$revision?.value as string, record: { company: { value: 'changed A' } } },
          { id: '3', revision: Number(b.$revision?.value) - 1, record: { company: { value: 'changed B' } } },
        ],
      }),
    ).rejects.toMatchObject({ status: 409, code: 'GAIA_CO02' });
    expect(await get('2')).toEqual(a);
    expect(await get('3')).toEqual(b);
    expect(emu.stats().revisionConflicts).toBe(conflictsBefore + 1);
  });

  it('writes nothing of a bulk PUT when one record fails validation, and keys errors by index', async () => {
    const before = await get('4');
    const res = await put({
      app: 1,
      records: [
        { id: 4, record: { mkto_open_count: { value: '9' } } },
        { id: 5, record: { mkto_open_count: { value: 'many' } } },
        { id: 6, record: { mkto_status: { value: 'read' } } },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'CB_VA01',
      message: 'Missing or invalid input.',
      errors: {
        'records[1][mkto_open_count].value': { messages: ['Only numbers are allowed.'] },
        'records[2].mkto_status.value': { messages: ['The value, "read", is not in options.'] },
      },
    });
    expect(await get('4')).toEqual(before);
  });

  it('updates by updateKey on a unique text field, and refuses a LINK field as key', async () => {
    const { revision } = await client.record.updateRecord({
      app: '1',
      updateKey: { field: 'marketo_lead_id', value: '1007' },
      record: { contact_name: { value: 'Renamed' } },
    });
    const record = await get('7');
    expect(record.contact_name?.value).toBe('Renamed');
    expect(record.$revision?.value).toBe(revision);
    await expect(
      client.record.updateRecord({
        app: '1',
        updateKey: { field: 'email', value: 'taro.yamada@example.co.jp' },
        record: {},
      }),
    ).rejects.toMatchObject({ status: 400, code: 'CB_VA01', errors: { 'updateKey.field': expect.anything() } });
    await expect(
      client.record.updateRecord({ app: '1', updateKey: { field: 'marketo_lead_id', value: '999999' }, record: {} }),
    ).rejects.toMatchObject({ status: 404, code: 'GAIA_RE01' });
    const bulk = await client.record.updateRecords({
      app: '1',
      records: [
        { updateKey: { field: 'marketo_lead_id', value: '1008' }, record: { contact_name: { value: 'Bulk' } } },
      ],
    });
    expect(bulk.records).toEqual([{ id: '8', revision: '2' }]);
  });

  it('inserts or updates in upsert mode and reports the operation', async () => {
    const { records } = await client.record.updateRecords({
      app: '1',
      upsert: true,
      records: [
        { updateKey: { field: 'marketo_lead_id', value: '9001' }, record: { company: { value: 'Upserted' } } },
        { updateKey: { field: 'marketo_lead_id', value: '1009' }, record: { company: { value: 'Updated' } } },
      ],
    });
    expect(records).toEqual([
      { id: expect.any(String), revision: '1', operation: 'INSERT' },
      { id: '9', revision: '2', operation: 'UPDATE' },
    ]);
    const inserted = await get(records[0]?.id ?? '');
    expect(inserted.marketo_lead_id?.value).toBe('9001');
    await expect(
      clientFor(emu, emu.demo.noEditToken).record.updateRecords({ app: '1', upsert: true, records: [] }),
    ).rejects.toMatchObject({ code: 'GAIA_NO01' });
  });

  it('answers 404 GAIA_RE01 for a missing record', async () => {
    await expect(client.record.getRecord({ app: '1', id: '424242' })).rejects.toMatchObject({
      status: 404,
      code: 'GAIA_RE01',
    });
    await expect(client.record.updateRecord({ app: '1', id: '424242', record: {} })).rejects.toThrow(
      'The specified record (ID: 424242) is not found.',
    );
  });
});

describe('prohibit duplicate values', () => {
  it('refuses a value another record holds, also earlier in the same bulk request; empty values never collide', async () => {
    await expect(
      client.record.updateRecord({ app: '1', id: '10', record: { email: { value: 'taro.yamada@example.co.jp' } } }),
    ).rejects.toMatchObject({
      code: 'CB_VA01',
      errors: { 'record.email.value': { messages: ['This value already exists in another record.'] } },
    });
    const before = (await client.record.getRecords({ app: '1', query: 'limit 500' })).records.length;
    const res = await raw(emu, 'POST', '/k/v1/records.json', {
      token: emu.demo.fullToken,
      body: {
        app: 1,
        records: [
          { email: { value: 'twin@example.com' }, marketo_lead_id: { value: '' } },
          { email: { value: 'twin@example.com' }, marketo_lead_id: { value: '' } },
        ],
      },
    });
    expect(res.body).toMatchObject({ code: 'CB_VA01', errors: { 'records[1].email.value': expect.anything() } });
    expect(Object.keys(res.body.errors as object)).toEqual(['records[1].email.value']);
    expect((await client.record.getRecords({ app: '1', query: 'limit 500' })).records.length).toBe(before);
    const ok = await client.record.addRecords({
      app: '1',
      records: [{ email: { value: '' } }, { email: { value: '' } }],
    });
    expect(ok.ids).toHaveLength(2);
    // Keeping one's own value is fine.
    await client.record.updateRecord({
      app: '1',
      id: '11',
      record: { email: { value: (await get('11')).email?.value } },
    });
  });
});

describe('request limits', () => {
  it('refuses more than 100 records in one bulk request', async () => {
    const add = await raw(emu, 'POST', '/k/v1/records.json', {
      token: emu.demo.fullToken,
      body: { app: 1, records: Array.from({ length: 101 }, () => ({})) },
    });
    expect(add.status).toBe(400);
    expect(add.body).toMatchObject({
      code: 'CB_VA01',
      errors: { records: { messages: ['A maximum of 100 records can be added at one time.'] } },
    });
    const update = await put({ app: 1, records: Array.from({ length: 101 }, (_, i) => ({ id: i + 1, record: {} })) });
    expect(update.body).toMatchObject({
      errors: { records: { messages: ['A maximum of 100 records can be updated at one time.'] } },
    });
    expect((await get('12')).$revision?.value).toBe('1');
  });
});

describe('tables', () => {
  it('keeps rows sent with their id (merging their columns), adds rows without one, deletes the others', async () => {
    const rowIds = async (): Promise<string[]> =>
      (await client.record.getAllRecords({ app: '1' })).flatMap((r) =>
        r.mkto_history?.type === 'SUBTABLE' ? r.mkto_history.value.map((row) => row.id) : [],
      );
    await client.record.updateRecord({
      app: '1',
      id: '5',
      record: {
        mkto_history: {
          value: ['send', 'delivered', 'open', 'click', 'open'].map((type, i) => ({
            value: { mkto_h_type: { value: type }, mkto_h_key: { value: `key-${i}` } },
          })),
        },
      },
    });
    const idsBefore = await rowIds();
    const before = await get('5');
    const rows = before.mkto_history?.type === 'SUBTABLE' ? before.mkto_history.value : [];
    expect(rows.length).toBe(5);
    const [first, second] = rows;
    await client.record.updateRecord({
      app: '1',
      id: '5',
      record: {
        mkto_history: {
          value: [
            { id: first?.id, value: { mkto_h_type: { value: 'edited' } } },
            { value: { mkto_h_key: { value: 'added' } } },
            { id: '99999999', value: { mkto_h_key: { value: 'unknown id' } } },
          ],
        },
      },
    });
    const after = await get('5');
    const table = after.mkto_history?.type === 'SUBTABLE' ? after.mkto_history.value : [];
    expect(table.map((row) => [row.value.mkto_h_type?.value, row.value.mkto_h_key?.value])).toEqual([
      ['edited', first?.value.mkto_h_key?.value],
      ['', 'added'],
      ['', 'unknown id'],
    ]);
    expect(table[0]?.id).toBe(first?.id);
    const idsAfter = await rowIds();
    expect(new Set(idsAfter).size).toBe(idsAfter.length);
    expect(idsAfter).not.toContain(second?.id);
    for (const added of table.slice(1)) expect(idsBefore).not.toContain(added.id);

    await client.record.updateRecord({ app: '1', id: '5', record: { company: { value: 'table untouched' } } });
    expect((await get('5')).mkto_history).toEqual(after.mkto_history);
    await client.record.updateRecord({ app: '1', id: '5', record: { mkto_history: { value: [] } } });
    expect((await get('5')).mkto_history?.value).toEqual([]);
  });

  it('reports table errors by row and column; a non-numeric NUMBER in a table is silently emptied', async () => {
    const appId = emu.createApp({
      name: 'Tables',
      properties: {
        lines: {
          type: 'SUBTABLE',
          code: 'lines',
          label: 'Lines',
          fields: {
            qty: { type: 'NUMBER', code: 'qty', label: 'Qty' },
            kind: { type: 'RADIO_BUTTON', code: 'kind', label: 'Kind', options: ['A', 'B'], defaultValue: 'A' },
            name: { type: 'SINGLE_LINE_TEXT', code: 'name', label: 'Name', required: true },
          },
        },
      },
    });
    const tables = clientFor(emu, emu.createToken(appId, { view: true, add: true, edit: true }));
    await expect(
      tables.record.addRecord({
        app: appId,
        record: { lines: { value: [{ value: { name: { value: 'x' } } }, { value: { kind: { value: 'Z' } } }] } },
      }),
    ).rejects.toMatchObject({
      errors: {
        'record.lines.value[1].value.kind.value': { messages: ['The value, "Z", is not in options.'] },
        'record.lines.value[1].value.name.value': { messages: ['Required.'] },
      },
    });
    const { id } = await tables.record.addRecord({
      app: appId,
      record: { lines: { value: [{ value: { name: { value: 'n' }, qty: { value: 'lots' } } }] } },
    });
    const { record } = await tables.record.getRecord({ app: appId, id });
    expect(record.lines?.value).toEqual([
      {
        id: expect.any(String),
        value: {
          qty: { type: 'NUMBER', value: '' },
          kind: { type: 'RADIO_BUTTON', value: 'A' },
          name: { type: 'SINGLE_LINE_TEXT', value: 'n' },
        },
      },
    ]);
  });
});

describe('field values', () => {
  it('fills defaults and system fields on add', async () => {
    const { id, revision } = await client.record.addRecord({
      app: '1',
      record: { company: { value: 'Fresh Co.' }, nosuch: { value: 'ignored' } },
    });
    expect(revision).toBe('1');
    const record = await get(id);
    expect(record).toMatchObject({
      $id: { type: '__ID__', value: id },
      $revision: { type: '__REVISION__', value: '1' },
      Record_number: { type: 'RECORD_NUMBER', value: id },
      Created_by: { type: 'CREATOR', value: { code: 'Administrator', name: 'Administrator' } },
      mkto_status: { type: 'DROP_DOWN', value: 'not sent' },
      mkto_open_count: { type: 'NUMBER', value: '0' },
      mkto_first_opened: { type: 'DATETIME', value: '' },
      mkto_history: { type: 'SUBTABLE', value: [] },
    });
    expect(record.Created_datetime?.value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
    expect(record.nosuch).toBeUndefined();
  });

  it('normalises date-times to UTC minutes and numbers to their canonical form', async () => {
    await client.record.updateRecord({
      app: '1',
      id: '13',
      record: {
        mkto_last_opened: { value: '2025-06-01T09:30:45+09:00' },
        mkto_first_opened: { value: '2025-06-01' },
        mkto_click_count: { value: ' 1.5e1 ' },
      },
    });
    const record = await get('13');
    expect(record.mkto_last_opened?.value).toBe('2025-06-01T00:30:00Z');
    expect(record.mkto_first_opened?.value).toBe('2025-06-01T00:00:00Z');
    expect(record.mkto_click_count?.value).toBe('15');
    for (const bad of ['2025-06-01T09:30:00', '2025-13-01T00:00:00Z', 'yesterday']) {
      await expect(
        client.record.updateRecord({ app: '1', id: '13', record: { mkto_last_opened: { value: bad } } }),
      ).rejects.toMatchObject({ code: 'CB_VA01', errors: { 'record.mkto_last_opened.value': expect.anything() } });
    }
  });

  it('returns empty DATE and DROP_DOWN values as null, and checks required and length rules', async () => {
    const appId = emu.createApp({
      name: 'Rules',
      properties: {
        title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title', required: true, maxLength: '5' },
        due: { type: 'DATE', code: 'due', label: 'Due' },
        level: { type: 'DROP_DOWN', code: 'level', label: 'Level', options: ['low', 'high'] },
      },
    });
    const rules = clientFor(emu, emu.createToken(appId, { view: true, add: true, edit: true }));
    await expect(rules.record.addRecord({ app: appId, record: {} })).rejects.toMatchObject({
      errors: { 'record.title.value': { messages: ['Required.'] } },
    });
    await expect(
      rules.record.addRecords({ app: appId, records: [{ title: { value: 'ok' } }, { title: { value: '123456' } }] }),
    ).rejects.toMatchObject({
      errors: { 'records[1].title.value': { messages: ['Enter less than 6 characters.'] } },
    });
    const { id } = await rules.record.addRecord({
      app: appId,
      record: { title: { value: 'fine' }, due: { value: '2025-7-5' } },
    });
    const { record } = await rules.record.getRecord({ app: appId, id });
    expect(record.due?.value).toBe('2025-07-05');
    expect(record.level).toEqual({ type: 'DROP_DOWN', value: null });
    await rules.record.updateRecord({ app: appId, id, record: { due: { value: '' } } });
    expect((await rules.record.getRecord({ app: appId, id })).record.due?.value).toBeNull();
  });

  it('allows setting creation metadata on add only', async () => {
    const { id } = await client.record.addRecord({
      app: '1',
      record: { Created_datetime: { value: '2020-01-02T03:04:05Z' }, Created_by: { value: { code: 'migrator' } } },
    });
    const record = await get(id);
    expect(record.Created_datetime?.value).toBe('2020-01-02T03:04:00Z');
    expect(record.Created_by?.value).toEqual({ code: 'migrator', name: 'migrator' });
    await expect(
      client.record.updateRecord({ app: '1', id, record: { Created_datetime: { value: '2021-01-01T00:00:00Z' } } }),
    ).rejects.toMatchObject({ code: 'CB_VA01', errors: { 'record.Created_datetime.value': expect.anything() } });
    await expect(
      client.record.updateRecord({ app: '1', id, record: { Record_number: { value: '1' } } }),
    ).rejects.toMatchObject({
      code: 'CB_VA01',
    });
  });
});

describe('delete', () => {
  it('deletes by ids, checking revisions', async () => {
    const { ids } = await client.record.addRecords({ app: '1', records: [{}, {}] });
    const [a = '', b = ''] = ids;
    await expect(client.record.deleteRecords({ app: '1', ids: [a] })).rejects.toMatchObject({
      status: 403,
      code: 'GAIA_NO01',
    });
    const deleter = clientFor(emu, emu.createToken('1', { view: true, add: false, edit: false, delete: true }));
    await expect(deleter.record.deleteRecords({ app: '1', ids: [a, b], revisions: [1, 7] })).rejects.toMatchObject({
      status: 409,
      code: 'GAIA_CO02',
    });
    await expect(get(a)).resolves.toBeDefined();
    await deleter.record.deleteRecords({ app: '1', ids: [a, b], revisions: [1, -1] });
    await expect(get(b)).rejects.toMatchObject({ code: 'GAIA_RE01' });
  });
});
