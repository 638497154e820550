/** Owner alerts through the writer's batch: the local kintone over HTTP, the file registry's ledger. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { defaultConfig, type PluginConfig } from '../../../contract/src/config';
import { startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { makeEvent } from '../../../test/support/events';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { fileRegistry } from '../adapters/registry-file';
import { localTokenVault } from '../adapters/token-vault-local';
import { parseKintoneDomains } from '../core/kintone-domains';
import { hashSecret } from '../core/secrets';
import type { Registry } from './ports';
import { processBatch, type BatchDeps } from './process-batch';

let emu: KintoneEmulator;
let client: KintoneRestAPIClient;
let dir: string;
let registry: Registry;
let deps: BatchDeps;
let warnings: { message: string; data: unknown }[];
/** The demo's first customers: sato.kenji owns the first, the fourth has no owner. */
let customers: { id: string; email: string }[];

const config = (change: Partial<NonNullable<PluginConfig['alerts']>> = {}): PluginConfig => ({
  ...defaultConfig(),
  ignoreBots: false,
  alerts: {
    ownerField: 'owner',
    onReply: true,
    onForm: true,
    clickPages: ['/pricing'],
    visitPages: [],
    perRecordPerDay: 1,
    language: 'en',
    ...change,
  },
});

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0 });
  client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: emu.demo.fullToken } });
  const { records } = await client.record.getRecords({
    app: '1',
    query: 'order by $id asc limit 4',
    fields: ['$id', 'email'],
  });
  customers = records.map((r) => ({ id: String(r.$id!.value), email: String(r.email!.value) }));
});
afterAll(() => emu.close());

async function register(appConfig: PluginConfig, budget = 8_000): Promise<void> {
  const vault = localTokenVault(path.join(dir, 'token.key'));
  await registry.put({
    appId: '1',
    kintoneBaseUrl: emu.url,
    // Posting comments needs no more than the writer's token has.
    apiTokenSealed: await vault.seal('1', emu.demo.fullToken),
    webhookSecretHash: hashSecret('secret-0123456789abcdef'),
    enabled: true,
    config: appConfig,
    updatedAt: '2026-11-28T00:00:00.000Z',
  });
  deps = {
    registry,
    vault,
    kintoneDomains: parseKintoneDomains(new URL(emu.url).host, true),
    recordStore: (c) => kintoneRecordStore(c, { attempts: 2, startingDelayMs: 5, maxDelayMs: 10 }),
    queue: { send: async () => undefined },
    dailyRequestBudget: budget,
    maxReceives: 5,
    writeLease: { holder: 'w', ttlMs: 60_000, waitMs: 10_000, sleep: async () => undefined, random: Math.random },
    logger: {
      info: () => undefined,
      warn: (message, data) => void warnings.push({ message, data }),
      error: () => undefined,
    },
    now: () => new Date('2026-11-28T12:00:00.000Z'),
  };
}

beforeEach(async () => {
  emu.faults.clear();
  emu.enableComments('1', true);
  warnings = [];
  dir = await mkdtemp(path.join(os.tmpdir(), 'alerts-'));
  registry = fileRegistry(path.join(dir, 'registry.json'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

let sequence = 0;
const batch = (...events: ReturnType<typeof makeEvent>[]) =>
  processBatch(
    events.map((event) => ({ messageId: `m${++sequence}`, body: JSON.stringify(event), receiveCount: 1 })),
    deps,
  );
const click = (email: string, overrides: Parameters<typeof makeEvent>[0] = {}) =>
  makeEvent({
    type: 'click',
    email,
    link: 'https://www.example.com/pricing?utm_source=newsletter',
    emailName: 'Product Update Q4',
    occurredAt: `2026-11-28T0${++sequence % 10}:00:00.000Z`,
    ...overrides,
  });
const commentsOf = async (id: string) =>
  (await client.record.getRecordComments({ app: '1', record: id, order: 'asc' })).comments;

it('posts one comment mentioning the owner, then none for a second click that day, a replay or a bot', async () => {
  await register(config());
  const [owned] = customers;
  const before = (await commentsOf(owned!.id)).length;
  const first = click(owned!.email);
  await batch(first);
  const comments = (await commentsOf(owned!.id)).slice(before);
  expect(comments).toHaveLength(1);
  expect(comments[0]!.mentions).toEqual([{ code: 'sato.kenji', type: 'USER' }]);
  expect(comments[0]!.text).toBe("佐藤 健二 \n🔥 Clicked /pricing in 'Product Update Q4' ");
  expect(await registry.status('1')).toMatchObject({ written: 1, alertsPosted: 1, alertsSkipped: 0 });

  await batch(click(owned!.email, { link: 'https://www.example.com/pricing/enterprise' }));
  await batch(first);
  expect(await registry.status('1')).toMatchObject({ written: 2, duplicates: 1, alertsPosted: 1 });

  const bot = customers[1]!;
  await batch(click(bot.email, { isBot: true }));
  expect(await commentsOf(bot.id)).toEqual([]);
  expect((await commentsOf(owned!.id)).slice(before)).toHaveLength(1);
});

it('posts nothing for a customer without an owner, and nothing for links no pattern names', async () => {
  await register(config());
  const [owned, , , ownerless] = customers;
  await batch(click(ownerless!.email), click(owned!.email, { link: 'https://www.example.com/blog' }));
  expect(await commentsOf(ownerless!.id)).toEqual([]);
  expect(await registry.status('1')).toMatchObject({ written: 2, alertsPosted: 0, alertsSkipped: 0 });
});

it('writes the events when comments are disabled, and the status says why the alert was skipped', async () => {
  await register(config());
  emu.enableComments('1', false);
  const owned = customers[2]!;
  const result = await batch(click(owned.email));
  expect(result.failedMessageIds).toEqual([]);
  const status = await registry.status('1');
  expect(status).toMatchObject({ written: 1, alertsPosted: 0, alertsSkipped: 1 });
  expect(status.lastError).toMatchObject({
    code: 'alert_refused',
    message: expect.stringMatching(/alert not posted on record \d+: comments are disabled in app 1/),
  });
  expect(warnings.map((w) => w.message)).toContain('alert comments not posted');
  expect(JSON.stringify(warnings)).not.toContain(emu.demo.fullToken);
});

it('skips the alert, claiming nothing, when the write spent the last of the daily budget', async () => {
  // Reading the customer and writing the click cost two requests: a budget of two leaves none for the comment.
  await register(config({ perRecordPerDay: 1 }), 2);
  const owned = customers[1]!;
  await batch(click(owned.email, { type: 'reply', link: '', snippet: 'Please call me' }));
  expect(await registry.status('1')).toMatchObject({ written: 1, alertsPosted: 0, alertsSkipped: 1 });
  expect(await commentsOf(owned.id)).toEqual([]);
  // Nothing was claimed: with budget again, the day's one alert is still there to post.
  expect(await registry.claimAlert('1', owned.id, 'reply', '2026-11-28', 1)).toBe(true);
});

it('says the score crossing its threshold in the same comment as the form fill that moved it, with the score', async () => {
  await register({
    ...config({ scoreThreshold: 5 }),
    eventTypes: [...defaultConfig().eventTypes, 'form'],
    summary: { ...defaultConfig().summary, score: 'mkto_score' },
  });
  const email = 'new.lead@example.com';
  const { id } = await client.record.addRecord({
    app: '1',
    record: { email: { value: email }, owner: { value: [{ code: 'ito.mika' }] } },
  });
  const form = makeEvent({
    type: 'form',
    email,
    link: 'www.example.com/pricing',
    formName: 'Demo Request',
    emailName: '',
    occurredAt: '2026-11-28T11:00:00.000Z',
  });
  await batch(form);
  const { record } = await client.record.getRecord({ app: '1', id });
  expect(record.mkto_score!.value).toBe('8');
  const comments = await commentsOf(id);
  expect(comments).toHaveLength(1);
  expect(comments[0]!.text).toBe(
    "伊藤 美香 \n📝 Filled out form 'Demo Request' on /pricing (score 8)\n📈 Engagement score reached 8 ",
  );
  // Further activity keeps the score above the threshold: no second score alert, and the form alert is spent today.
  await batch({
    ...form,
    key: makeEvent({ ...form, occurredAt: '2026-11-28T11:30:00.000Z' }).key,
    occurredAt: '2026-11-28T11:30:00.000Z',
  });
  expect(await commentsOf(id)).toHaveLength(1);
});
