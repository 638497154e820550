import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { makeEvent } from '../../../test/support/events';
import { defaultConfig } from '../../../contract/src/config';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { requestFloor } from '../../../contract/src/kintone-record';
import { RecordValidationError, type RecordStore } from './ports';
import { writeAppEvents } from './write-events';

const config = defaultConfig();
let emu: KintoneEmulator;
let client: KintoneRestAPIClient;
let leads: { id: string; email: string }[];

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0 });
  client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: emu.demo.fullToken } });
  const { records } = await client.record.getRecords({
    app: '1',
    query: 'order by $id asc limit 20',
    fields: ['$id', 'email'],
  });
  leads = records.map((r) => ({ id: String(r.$id!.value), email: String(r.email!.value) }));
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.faults.clear();
  emu.resetStats();
});

const store = () =>
  kintoneRecordStore(
    { baseUrl: emu.url, apiToken: emu.demo.fullToken, appId: '1' },
    { attempts: 3, startingDelayMs: 5, maxDelayMs: 20 },
  );
const read = async (id: string) => (await client.record.getRecord({ app: '1', id })).record;
const historyKeys = async (id: string) =>
  ((await read(id)).mkto_history!.value as unknown as { value: { mkto_h_key: { value: string } } }[]).map(
    (r) => r.value.mkto_h_key.value,
  );

it('writes many events on a few records with one GET and one PUT, and a replay with one GET and no PUT', async () => {
  const [a, b, c] = [leads[0]!, leads[1]!, leads[2]!];
  const events = [
    makeEvent({ email: a.email, occurredAt: '2026-11-20T01:00:00.000Z' }),
    makeEvent({ email: a.email, occurredAt: '2026-11-20T02:00:00.000Z' }),
    makeEvent({
      email: a.email.toUpperCase(),
      type: 'click',
      link: 'https://example.com/x',
      occurredAt: '2026-11-20T02:05:00.000Z',
    }),
    makeEvent({ email: b.email, occurredAt: '2026-11-21T01:00:00.000Z' }),
    makeEvent({ email: c.email, type: 'bounce', occurredAt: '2026-11-21T03:00:00.000Z' }),
  ];
  const report = await writeAppEvents([...events, events[0]!], config, store());
  expect([...report.outcomes.values()]).toEqual(['written', 'written', 'written', 'written', 'written']);
  expect(emu.stats().requestsByApp['1']).toBe(2);

  const recordA = await read(a.id);
  expect(recordA.mkto_open_count!.value).toBe('2');
  expect(recordA.mkto_click_count!.value).toBe('1');
  expect(recordA.mkto_first_opened!.value).toBe('2026-11-20T01:00:00Z');
  expect(recordA.mkto_last_opened!.value).toBe('2026-11-20T02:00:00Z');
  expect(recordA.mkto_last_clicked!.value).toBe('2026-11-20T02:05:00Z');
  expect(recordA.mkto_status!.value).toBe('clicked');
  expect(await historyKeys(a.id)).toEqual([events[2]!.key, events[1]!.key, events[0]!.key]);
  expect((await read(c.id)).mkto_status!.value).toBe('bounced');

  emu.resetStats();
  const replay = await writeAppEvents(events, config, store());
  expect([...replay.outcomes.values()]).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
  expect(emu.stats().requestsByApp['1']).toBe(1);
  expect((await read(a.id)).mkto_open_count!.value).toBe('2');
});

it('recomputes from a fresh read when someone edits the record between its GET and PUT, keeping both changes', async () => {
  const lead = leads[5]!;
  const inner = store();
  let edited = false;
  const racing: RecordStore = {
    ...inner,
    async updateRecords(updates) {
      if (!edited) {
        edited = true;
        await client.record.updateRecord({ app: '1', id: lead.id, record: { company: { value: 'Edited by sales' } } });
      }
      return inner.updateRecords(updates);
    },
  };
  const event = makeEvent({ email: lead.email, occurredAt: '2026-11-22T00:00:00.000Z' });
  const report = await writeAppEvents([event], config, racing);
  expect(report.outcomes.get(event.key)).toBe('written');
  const record = await read(lead.id);
  expect(record.company!.value).toBe('Edited by sales');
  expect(record.mkto_open_count!.value).toBe('1');
  expect(await historyKeys(lead.id)).toEqual([event.key]);
});

it('marks events failed when the conflict never clears, and writes nothing', async () => {
  const lead = leads[6]!;
  emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', status: 409, code: 'GAIA_CO02' });
  const event = makeEvent({ email: lead.email });
  const inner = store();
  let puts = 0;
  let rereads = 0;
  const counting: RecordStore = {
    ...inner,
    updateRecords: (updates) => (puts++, inner.updateRecords(updates)),
    findByIds: (ids, fields) => (rereads++, inner.findByIds(ids, fields)),
  };
  const report = await writeAppEvents([event], config, counting, { conflictRetries: 2 });
  expect(report.outcomes.get(event.key)).toBe('failed');
  expect(report.errors[0]).toEqual({ code: 'write_conflict', message: expect.stringMatching(/GAIA_CO02/) });
  // The first PUT and two retries, each after a fresh read: no more.
  expect({ puts, rereads }).toEqual({ puts: 3, rereads: 2 });
  emu.faults.clear();
  expect(await historyKeys(lead.id)).toEqual([]);
});

it('reports leads that match no record as unmatched and spends no PUT on them', async () => {
  const event = makeEvent({ email: 'stranger@example.com' });
  const report = await writeAppEvents([event], config, store());
  expect(report.outcomes.get(event.key)).toBe('unmatched');
  // The lookup, and the word search for a stored spelling in other letter case or with spaces around it.
  expect(emu.stats().requestsByApp['1']).toBe(2);
});

it('skips event types the app does not record without touching kintone', async () => {
  const event = makeEvent({ email: leads[7]!.email, type: 'send' });
  const report = await writeAppEvents([event], config, store());
  expect(report.outcomes.get(event.key)).toBe('filtered');
  expect(emu.stats().requestsTotal).toBe(0);
});

it('spends exactly the request floor on a workload wider than one GET page and one PUT', async () => {
  // 1,200 events on 600 records: more lead keys than one records GET returns, more records than one PUT takes.
  const appId = emu.createApp(demoAppDefinition());
  const token = emu.createToken(appId, { view: true, add: true, edit: true });
  const admin = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token } });
  const emails = Array.from({ length: 600 }, (_, i) => `economy-${String(i).padStart(4, '0')}@example.com`);
  for (let i = 0; i < emails.length; i += 100) {
    await admin.record.addRecords({
      app: appId,
      records: emails.slice(i, i + 100).map((email) => ({ email: { value: email } })),
    });
  }
  const events = emails.flatMap((email, i) => [
    makeEvent({ appId, email, occurredAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString() }),
    makeEvent({
      appId,
      email,
      type: 'click',
      link: 'https://example.com/p',
      occurredAt: new Date(Date.UTC(2026, 10, 2, 0, i)).toISOString(),
    }),
  ]);
  emu.resetStats();

  const economyStore = kintoneRecordStore(
    { baseUrl: emu.url, apiToken: token, appId },
    { attempts: 3, startingDelayMs: 5, maxDelayMs: 20 },
  );
  const report = await writeAppEvents(events, config, economyStore);

  expect(report.errors).toEqual([]);
  expect([...report.outcomes.values()].filter((o) => o === 'written')).toHaveLength(1_200);
  expect(emu.stats().requestsByApp[appId]).toBe(requestFloor(600));
  const sample = (await admin.record.getRecords({ app: appId, query: `email = "${emails[599]!}"` })).records[0]!;
  expect(sample.mkto_open_count!.value).toBe('1');
  expect(sample.mkto_click_count!.value).toBe('1');
});

it('sets aside a record kintone refuses as invalid, writes the others, and says why', async () => {
  // An admin limited the subject column to 20 characters; one email's subject is longer.
  const definition = demoAppDefinition();
  const history = definition.properties.mkto_history;
  if (history?.type !== 'SUBTABLE') throw new Error('demo app has no history table');
  const subject = history.fields.mkto_h_subject;
  if (subject?.type !== 'SINGLE_LINE_TEXT') throw new Error('demo subject column is not text');
  history.fields.mkto_h_subject = { ...subject, maxLength: '20' };
  const appId = emu.createApp(definition);
  const token = emu.createToken(appId, { view: true, add: true, edit: true });
  const admin = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token } });
  const emails = ['v1@example.com', 'v2@example.com', 'v3@example.com'];
  await admin.record.addRecords({ app: appId, records: emails.map((email) => ({ email: { value: email } })) });
  const events = [
    makeEvent({ appId, email: emails[0]!, subject: 'Short' }),
    makeEvent({ appId, email: emails[1]!, subject: 'A subject far longer than twenty characters' }),
    makeEvent({ appId, email: emails[2]!, subject: 'Also short' }),
  ];
  emu.resetStats();

  const validating = kintoneRecordStore(
    { baseUrl: emu.url, apiToken: token, appId },
    { attempts: 3, startingDelayMs: 5, maxDelayMs: 20 },
  );
  const report = await writeAppEvents(events, config, validating);

  expect(events.map((e) => report.outcomes.get(e.key))).toEqual(['written', 'failed', 'written']);
  expect(report.errors).toEqual([
    { code: 'records_invalid', message: expect.stringMatching(/CB_VA01.*mkto_h_subject/) },
  ]);
  // One GET, the refused PUT, and the PUT without the invalid record.
  expect(emu.stats().requestsByApp[appId]).toBe(3);
  const counts = await Promise.all(
    emails.map(
      async (email) =>
        (await admin.record.getRecords({ app: appId, query: `email = "${email}"` })).records[0]!.mkto_open_count!.value,
    ),
  );
  expect(counts).toEqual(['1', '0', '1']);
});

it('halves a refused PUT until the invalid record is alone when kintone does not say which one it was', async () => {
  const targets = leads.slice(10, 15);
  const invalid = targets[3]!;
  const inner = store();
  const puts: number[] = [];
  const vague: RecordStore = {
    ...inner,
    async updateRecords(updates) {
      puts.push(updates.length);
      if (updates.some((u) => u.id === invalid.id)) throw new RecordValidationError([], 'kintone refused the values');
      return inner.updateRecords(updates);
    },
  };
  const events = targets.map((lead) => makeEvent({ email: lead.email, occurredAt: '2026-11-23T00:00:00.000Z' }));
  const report = await writeAppEvents(events, config, vague);

  expect(events.map((e) => report.outcomes.get(e.key))).toEqual(['written', 'written', 'written', 'failed', 'written']);
  // 5 → 3 + 2 → (2 → …) : the halves without the invalid record are written whole.
  expect(puts).toEqual([5, 3, 2, 1, 1]);
  expect(await historyKeys(invalid.id)).toEqual([]);
  expect(await historyKeys(targets[4]!.id)).toEqual([events[4]!.key]);
});

describe('a record that lacks a mapped field', () => {
  /** A store that hands back one record the way kintone would once a field is gone from it. */
  const without = (recordId: string, strip: (fields: Record<string, { value: unknown }>) => void): RecordStore => {
    const inner = store();
    return {
      ...inner,
      async findByLeadKeys(field, values, fields) {
        const records = await inner.findByLeadKeys(field, values, fields);
        for (const record of records) if (record.id === recordId) strip(record.fields);
        return records;
      },
    };
  };

  it('is set aside with the reason while the other records of the batch are written, at one GET and one PUT', async () => {
    const [a, b, c] = [leads[15]!, leads[16]!, leads[17]!];
    const events = [a, b, c].map((lead) => makeEvent({ email: lead.email, occurredAt: '2026-11-24T00:00:00.000Z' }));
    const report = await writeAppEvents(
      events,
      config,
      without(b.id, (fields) => delete fields.mkto_history),
    );

    expect(events.map((e) => report.outcomes.get(e.key))).toEqual(['written', 'failed', 'written']);
    expect(report.errors).toEqual([
      {
        code: 'fields_changed',
        message: `record ${b.id}: field mkto_history is missing from the record (removed or renamed since the app was registered?)`,
      },
    ]);
    expect(emu.stats().requestsByApp['1']).toBe(2);
    expect(await historyKeys(a.id)).toEqual([events[0]!.key]);
    expect(await historyKeys(b.id)).toEqual([]);
    expect(await historyKeys(c.id)).toEqual([events[2]!.key]);
  });

  it('is set aside when its history rows lack the event key column, so that nothing is counted twice on a replay', async () => {
    const [a, b] = [leads[18]!, leads[19]!];
    const first = [a, b].map((lead) => makeEvent({ email: lead.email, occurredAt: '2026-11-25T00:00:00.000Z' }));
    await writeAppEvents(first, config, store());
    const next = [a, b].map((lead) => makeEvent({ email: lead.email, occurredAt: '2026-11-25T01:00:00.000Z' }));
    const stripKeys = (fields: Record<string, { value: unknown }>) => {
      for (const row of fields.mkto_history!.value as { value: Record<string, unknown> }[]) delete row.value.mkto_h_key;
    };
    const report = await writeAppEvents(next, config, without(a.id, stripKeys));

    expect(next.map((e) => report.outcomes.get(e.key))).toEqual(['failed', 'written']);
    expect(report.errors[0]).toEqual({
      code: 'fields_changed',
      message: expect.stringMatching(new RegExp(`^record ${a.id}: table mkto_history has no column mkto_h_key`)),
    });
    expect((await read(a.id)).mkto_open_count!.value).toBe('1');
    expect((await read(b.id)).mkto_open_count!.value).toBe('2');
  });
});

it('says what kintone answered when the answer carries no error code', async () => {
  const lead = leads[8]!;
  emu.faults.add({
    method: 'PUT',
    path: '/k/v1/records.json',
    status: 502,
    body: '{"message":"upstream unavailable"}',
  });
  const events = [makeEvent({ email: lead.email })];
  const report = await writeAppEvents(events, config, store());
  emu.faults.clear();
  expect(report.outcomes.get(events[0]!.key)).toBe('failed');
  expect(report.errors).toEqual([
    { code: 'kintone_unreachable', message: 'kintone answered HTTP 502 without an error code: upstream unavailable' },
  ]);

  emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', status: 504, body: '{}' });
  const bare = await writeAppEvents(events, config, store());
  emu.faults.clear();
  expect(bare.errors).toEqual([
    { code: 'kintone_unreachable', message: 'kintone answered HTTP 504 without an error code' },
  ]);
});
