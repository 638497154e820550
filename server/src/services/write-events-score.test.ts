/**
 * The writer stores the engagement score in the same PUT as the events, against the local kintone: mapping a score
 * field costs no request.
 */
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { makeEvent } from '../../../test/support/events';
import { defaultConfig, type PluginConfig } from '../../../contract/src/config';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { writeAppEvents } from './write-events';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-11-28T12:00:00.000Z');
const SCORED: PluginConfig = { ...defaultConfig(), summary: { ...defaultConfig().summary, score: 'mkto_score' } };

let emu: KintoneEmulator;
let client: KintoneRestAPIClient;
let appId: string;
let token: string;

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0, seedDemo: false });
  const definition = demoAppDefinition();
  appId = emu.createApp({
    ...definition,
    properties: { ...definition.properties, mkto_score: { type: 'NUMBER', code: 'mkto_score', label: 'Score' } },
  });
  token = emu.createToken(appId, { view: true, add: true, edit: true });
  client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token } });
  await client.record.addRecords({
    app: appId,
    records: ['a', 'b'].map((name) => ({ email: { value: `${name}@example.com` } })),
  });
});
afterAll(() => emu.close());

const store = () => kintoneRecordStore({ baseUrl: emu.url, apiToken: token, appId });
const scoreOf = async (email: string) =>
  (await client.record.getRecords({ app: appId, query: `email = "${email}"`, fields: ['mkto_score'] })).records[0]!
    .mkto_score!.value;

/** Two clicks 14 days ago and an open today, on the customer with `email`. */
const month = (email: string) => [
  makeEvent({
    appId,
    email,
    type: 'click',
    link: 'https://example.com/a',
    occurredAt: new Date(NOW - 14 * DAY).toISOString(),
  }),
  makeEvent({
    appId,
    email,
    type: 'click',
    link: 'https://example.com/b',
    occurredAt: new Date(NOW - 14 * DAY).toISOString(),
  }),
  makeEvent({ appId, email, type: 'open', occurredAt: new Date(NOW).toISOString() }),
];

it('writes the score with the events at the same requests as without it', async () => {
  const withScore = store();
  const scored = await writeAppEvents(month('a@example.com'), SCORED, withScore, { now: NOW });
  const withoutScore = store();
  const plain = await writeAppEvents(month('b@example.com'), defaultConfig(), withoutScore, { now: NOW });

  expect([...scored.outcomes.values()]).toEqual(['written', 'written', 'written']);
  expect([...plain.outcomes.values()]).toEqual(['written', 'written', 'written']);
  // 3 × 0.5 + 3 × 0.5 + 1 = 4
  expect(await scoreOf('a@example.com')).toBe('4');
  expect(await scoreOf('b@example.com')).toBe('');
  // One GET of the lead keys and one PUT, either way.
  expect(withScore.requestsSent()).toBe(2);
  expect(withoutScore.requestsSent()).toBe(2);
});
