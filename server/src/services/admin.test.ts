import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { kintoneAppInspector } from '../adapters/kintone-app';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { fileRegistry } from '../adapters/registry-file';
import { localTokenVault } from '../adapters/token-vault-local';
import { defaultConfig, type PluginConfig } from '../../../contract/src/config';
import { statusAnswerSchema } from '../../../contract/src/admin-api';
import { parseKintoneDomains } from '../core/kintone-domains';
import { hashSecret, statusKeyFor } from '../core/secrets';
import { acceptWebhook } from './accept-webhook';
import type { HttpAnswer } from './http-answer';
import { appStatus, registerApp, sendTestEvent, type AdminDeps } from './admin';
import type { EventQueue, Registry, TokenVault } from './ports';

const ADMIN_SECRET = 'admin-secret-0123456789abcdefghijklmnop';

let emu: KintoneEmulator;
let client: KintoneRestAPIClient;
let dir: string;
let registry: Registry;
let vault: TokenVault;
let deps: AdminDeps;
let logLines: string[];
let answers: HttpAnswer[];
let demoEmail: string;

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0 });
  client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: emu.demo.fullToken } });
  const { records } = await client.record.getRecords({
    app: '1',
    query: 'order by $id asc limit 1',
    fields: ['email'],
  });
  demoEmail = String(records[0]!.email!.value);
});
afterAll(() => emu.close());

beforeEach(async () => {
  emu.faults.clear();
  dir = await mkdtemp(path.join(os.tmpdir(), 'admin-'));
  registry = fileRegistry(path.join(dir, 'registry.json'));
  vault = localTokenVault(path.join(dir, 'token.key'));
  logLines = [];
  answers = [];
  const log = (level: string) => (message: string, data?: Record<string, unknown>) =>
    void logLines.push(`${level} ${message} ${JSON.stringify(data ?? {})}`);
  deps = {
    registry,
    adminSecret: ADMIN_SECRET,
    publicBaseUrl: 'https://hooks.example.com/prod',
    kintoneDomains: parseKintoneDomains(new URL(emu.url).host, true),
    vault,
    dailyRequestBudget: 8_000,
    inspectApp: kintoneAppInspector,
    recordStore: (c) => kintoneRecordStore(c, { attempts: 2, startingDelayMs: 5, maxDelayMs: 10 }),
    now: () => new Date('2026-11-29T03:00:00.000Z'),
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
  };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function call(
  action: typeof registerApp,
  body: unknown = {},
  options: { appId?: string; secret?: string | undefined; statusKey?: string } = {},
): Promise<HttpAnswer> {
  const appId = options.appId ?? '1';
  const secret = 'secret' in options ? options.secret : ADMIN_SECRET;
  const answer = await action(
    {
      appId,
      adminSecrets: secret === undefined ? [] : [secret],
      statusKeys: options.statusKey === undefined ? [] : [options.statusKey],
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    deps,
  );
  answers.push(answer);
  return answer;
}

const register = (overrides: Record<string, unknown> = {}, config: unknown = defaultConfig()) =>
  call(registerApp, { config, kintoneBaseUrl: emu.url, apiToken: emu.demo.fullToken, ...overrides });

const errorsOf = (answer: HttpAnswer) => (answer.body as { errors: { path: string; message: string }[] }).errors;

describe('authentication', () => {
  it.each([
    ['missing', undefined],
    ['wrong', 'not-the-secret'],
    ['a prefix of the right', ADMIN_SECRET.slice(0, 10)],
  ])('refuses a %s admin secret on every route and stores nothing', async (_label, secret) => {
    for (const action of [registerApp, appStatus, sendTestEvent]) {
      const answer = await call(
        action,
        { config: defaultConfig(), kintoneBaseUrl: emu.url, apiToken: emu.demo.fullToken },
        { secret },
      );
      expect(answer.statusCode).toBe(401);
    }
    expect(await registry.get('1')).toBeUndefined();
  });
});

describe('credentials', () => {
  it('refuses a second admin secret header, even beside the right one', async () => {
    const answer = await registerApp(
      {
        appId: '1',
        adminSecrets: ['another-secret', ADMIN_SECRET],
        statusKeys: [],
        body: JSON.stringify({ config: defaultConfig(), kintoneBaseUrl: emu.url, apiToken: emu.demo.fullToken }),
      },
      deps,
    );
    expect(answer.statusCode).toBe(401);
  });

  it('registers again without the API token, with the one it keeps sealed, and replaces it only when one is typed', async () => {
    expect((await register()).statusCode).toBe(200);
    const sealed = (await registry.get('1'))!.apiTokenSealed;
    expect((await call(registerApp, { config: defaultConfig(), kintoneBaseUrl: emu.url })).statusCode).toBe(200);
    expect((await registry.get('1'))!.apiTokenSealed).toBe(sealed);

    const refused = await register({ apiToken: emu.demo.viewOnlyToken });
    expect(errorsOf(refused)[0]!.message).toMatch(/permission to edit records/);
    expect((await registry.get('1'))!.apiTokenSealed).toBe(sealed);
  });

  it('needs the API token the first time', async () => {
    const answer = await call(registerApp, { config: defaultConfig(), kintoneBaseUrl: emu.url });
    expect(answer.statusCode).toBe(400);
    expect(errorsOf(answer)).toEqual([
      { path: 'apiToken', message: expect.stringMatching(/first time/), code: 'api_token_required' },
    ]);
  });

  it('keeps the token sealed for its app and the webhook secret only as a hash', async () => {
    const answer = await register();
    const stored = await registry.get('1');
    expect(JSON.stringify(stored)).not.toContain(emu.demo.fullToken);
    expect(JSON.stringify(stored)).not.toContain(answer.body.webhookSecret as string);
    expect(stored!.webhookSecretHash).toBe(hashSecret(answer.body.webhookSecret as string));
    expect(await vault.open('1', stored!.apiTokenSealed)).toBe(emu.demo.fullToken);
    await expect(vault.open('2', stored!.apiTokenSealed)).rejects.toThrow(/another app or key/);
  });

  it("opens the app's status to its status key, counters only, and nothing else to it", async () => {
    const registered = await register();
    const statusKey = registered.body.statusKey as string;
    expect(statusKey).toBe(statusKeyFor(ADMIN_SECRET, '1'));
    const status = await call(appStatus, {}, { secret: undefined, statusKey });
    expect(status.statusCode).toBe(200);
    expect(status.body).toMatchObject({ appId: '1', written: 0 });
    expect(status.body.config).toBeUndefined();
    expect((await call(appStatus, {}, { secret: undefined, statusKey, appId: '2' })).statusCode).toBe(401);
    expect((await call(sendTestEvent, { leadKey: demoEmail }, { secret: undefined, statusKey })).statusCode).toBe(401);
    expect(
      (
        await call(
          registerApp,
          { config: defaultConfig(), kintoneBaseUrl: emu.url, enabled: false },
          { secret: undefined, statusKey },
        )
      ).statusCode,
    ).toBe(401);
    expect((await registry.get('1'))!.enabled).toBe(true);
  });

  it('judges a typed admin secret alone: the status key beside a wrong one does not open the status', async () => {
    const statusKey = (await register()).body.statusKey as string;
    // kintone's proxy adds the stored status key to every GET …/status, also the settings screen's check of a
    // secret the admin just typed: a typo must be refused, not reported as accepted.
    expect((await call(appStatus, {}, { secret: 'typo-in-the-secret', statusKey })).statusCode).toBe(401);
    const both = await call(appStatus, {}, { secret: ADMIN_SECRET, statusKey });
    expect(both.statusCode).toBe(200);
    expect(both.body.config).toBeDefined();
  });

  it('counts test events under their own source', async () => {
    await register();
    // No record has this key (a written test event would make the later tests' event a duplicate).
    expect((await call(sendTestEvent, { leadKey: 'nobody-here@example.com' })).body).toMatchObject({
      outcome: 'unmatched',
    });
    const status = await call(appStatus, {});
    expect(status.body).toMatchObject({ unmatched: 1, bySource: { test: { unmatched: 1 } } });
  });
});

describe('failing closed', () => {
  const broken = (failing: 'get' | 'put'): Registry => ({
    ...registry,
    get: failing === 'get' ? () => Promise.reject(new Error('DynamoDB unavailable')) : (appId) => registry.get(appId),
    put:
      failing === 'put'
        ? () => Promise.reject(new Error('DynamoDB unavailable'))
        : (registration) => registry.put(registration),
  });

  it('answers 503 and changes nothing when the registration cannot be read', async () => {
    await register();
    const before = await registry.get('1');
    let puts = 0;
    deps.registry = { ...broken('get'), put: async () => void puts++ };
    const answer = await register({ rotateWebhookSecret: true });
    expect(answer).toMatchObject({ statusCode: 503, body: { error: 'registry_unavailable' } });
    expect(puts).toBe(0);
    deps.registry = registry;
    expect(await registry.get('1')).toEqual(before);
  });

  it('answers 503 when a stored registration cannot be decoded, and never issues a new secret for it', async () => {
    await register();
    const file = path.join(dir, 'registry.json');
    const text = (await import('node:fs/promises')).readFile(file, 'utf8');
    const json = JSON.parse(await text) as { apps: Record<string, { registration: Record<string, unknown> }> };
    json.apps['1']!.registration.webhookSecretHash = 'not a hash';
    await (await import('node:fs/promises')).writeFile(file, JSON.stringify(json));
    const answer = await register();
    expect(answer.statusCode).toBe(503);
    expect(answer.body.webhookSecret).toBeUndefined();
  });

  it('answers 503 when the registration cannot be stored', async () => {
    deps.registry = broken('put');
    expect((await register()).statusCode).toBe(503);
  });
});

describe('registration', () => {
  it('stores the mapping and answers with the webhook URL and secret, never the token', async () => {
    const answer = await register();
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({
      webhookUrl: 'https://hooks.example.com/prod/webhook/1',
      enabled: true,
      webhookSecretIssued: true,
    });
    const stored = await registry.get('1');
    expect(stored).toMatchObject({ kintoneBaseUrl: emu.url, config: JSON.parse(JSON.stringify(defaultConfig())) });
    expect(stored!.webhookSecretHash).toBe(hashSecret(answer.body.webhookSecret as string));
    expect(JSON.stringify(answer.body)).not.toContain(emu.demo.fullToken);
  });

  it('keeps the webhook secret on re-registration (without showing it again) and replaces it when asked to rotate', async () => {
    const first = (await register()).body.webhookSecret as string;
    const again = await register();
    expect(again.body).toMatchObject({ webhookSecretIssued: false });
    expect(again.body.webhookSecret).toBeUndefined();
    const rotated = (await register({ rotateWebhookSecret: true })).body.webhookSecret as string;
    expect(rotated).not.toBe(first);

    const sent: unknown[] = [];
    const queue: EventQueue = { send: async (event) => void sent.push(event) };
    const post = (secret: string) =>
      acceptWebhook(
        {
          appId: '1',
          headers: { 'content-type': ['application/json'], 'x-webhook-secret': [secret] },
          body: Buffer.from(
            JSON.stringify({
              type: 'open',
              leadId: '7',
              email: demoEmail,
              emailName: 'Mail',
              occurredAt: '2026-11-29 10:00:00',
            }),
          ),
        },
        { registry, queue, now: deps.now, logger: deps.logger },
      );
    expect((await post(first)).statusCode).toBe(401);
    expect((await post(rotated)).statusCode).toBe(202);
    expect(sent).toHaveLength(1);
  });

  it('makes a new mapping apply to the next webhook without a restart', async () => {
    await register();
    const config: PluginConfig = { ...defaultConfig(), eventTypes: ['click'] };
    expect((await register({}, config)).statusCode).toBe(200);
    expect((await registry.get('1'))!.config.eventTypes).toEqual(['click']);
  });

  it('migrates an older saved config', async () => {
    const legacy = { emailField: 'email', statusField: 'mkto_status', historyTable: 'mkto_history', maxRows: 20 };
    expect((await register({}, legacy)).statusCode).toBe(200);
    const { config } = (await registry.get('1'))!;
    expect(config).toMatchObject({
      leadKey: { source: 'email', field: 'email' },
      history: { table: 'mkto_history', maxRows: 20 },
    });
  });

  it.each([
    ['a field that does not exist', { openCount: 'no_such_field' }, 'config.summary.openCount', /no_such_field/],
    ['a text field as a count', { openCount: 'company' }, 'config.summary.openCount', /NUMBER|number/i],
    [
      'a number field as a date',
      { lastClicked: 'mkto_click_count', clickCount: undefined },
      'config.summary.lastClicked',
      /DATETIME|date/i,
    ],
  ])(
    'refuses %s with a field-level reason and keeps the previous registration',
    async (_label, summary, where, reason) => {
      await register();
      const before = await registry.get('1');
      const config = { ...defaultConfig(), summary: { ...defaultConfig().summary, ...summary } };
      const answer = await register({}, config);
      expect(answer.statusCode).toBe(400);
      const problem = errorsOf(answer).find((e) => e.path.startsWith(where));
      expect(problem?.message).toMatch(reason);
      expect(await registry.get('1')).toEqual(before);
    },
  );

  it.each([
    ['kintone does not know', () => 'x'.repeat(40), /does not accept this API token/],
    ['may only view', () => emu.demo.viewOnlyToken, /permission to edit records/],
    ['may not edit', () => emu.demo.noEditToken, /permission to edit records/],
    [
      'belongs to another app',
      () => emu.createToken(emu.createApp({ name: 'Other', properties: {} }), { view: true, add: true, edit: true }),
      /permission to view records and edit records of app 1/,
    ],
  ])('refuses a token that %s', async (_label, token, reason) => {
    const answer = await register({ apiToken: token() });
    expect(answer.statusCode).toBe(400);
    expect(errorsOf(answer)).toEqual([
      expect.objectContaining({ path: 'apiToken', message: expect.stringMatching(reason) }),
    ]);
    expect(await registry.get('1')).toBeUndefined();
  });

  it('serves apps of several kintone domains, and never lets one domain take over the app id of another by accident', async () => {
    // A second kintone whose app 2 is a copy of the Customers app without the panel space.
    const other = await startKintoneEmulator({ port: 0 });
    try {
      const otherClient = new KintoneRestAPIClient({ baseUrl: other.url, auth: { apiToken: other.demo.fullToken } });
      const { properties } = await otherClient.app.getFormFields({ app: '1' });
      const SYSTEM = [
        'RECORD_NUMBER',
        '__ID__',
        '__REVISION__',
        'CREATOR',
        'CREATED_TIME',
        'MODIFIER',
        'UPDATED_TIME',
        'STATUS',
        'STATUS_ASSIGNEE',
        'CATEGORY',
      ];
      const userFields = Object.fromEntries(Object.entries(properties).filter(([, p]) => !SYSTEM.includes(p.type)));
      const app2 = other.createApp({
        name: 'Customers (copy)',
        properties: userFields as Parameters<KintoneEmulator['createApp']>[0]['properties'],
      });
      const token2 = other.createToken(app2, { view: true, add: true, edit: true });
      const headerPanel = { ...defaultConfig(), panel: { placement: 'headerMenu' } };

      deps.kintoneDomains = parseKintoneDomains([emu.url, other.url].map((u) => new URL(u).host).join(','), true);
      expect((await register()).statusCode).toBe(200);
      const second = await call(
        registerApp,
        { config: headerPanel, kintoneBaseUrl: other.url, apiToken: token2 },
        { appId: app2 },
      );
      expect(second.statusCode).toBe(200);
      expect(second.body.webhookUrl).toBe(`https://hooks.example.com/prod/webhook/${app2}`);
      expect((await registry.get(app2))!.kintoneBaseUrl).toBe(other.url);

      const taken = await register({ kintoneBaseUrl: other.url, apiToken: other.demo.fullToken });
      expect(taken).toMatchObject({ statusCode: 409, body: { error: 'app_id_taken' } });
      expect((await registry.get('1'))!.kintoneBaseUrl).toBe(emu.url);

      // Moving an app between domains is the operator's, never the Admin API's.
      const moved = await register({
        kintoneBaseUrl: other.url,
        apiToken: other.demo.fullToken,
        replaceOtherDomain: true,
      });
      expect(moved.statusCode).toBe(400);
      expect((await registry.get('1'))!.kintoneBaseUrl).toBe(emu.url);
    } finally {
      await other.close();
    }
  });

  it('refuses an app that does not exist in kintone', async () => {
    const answer = await call(
      registerApp,
      { config: defaultConfig(), kintoneBaseUrl: emu.url, apiToken: emu.demo.fullToken },
      { appId: '999' },
    );
    expect(answer.statusCode).toBe(400);
    expect(errorsOf(answer).map((e) => e.path)).toContain('apiToken');
  });

  it('refuses plain-http kintone URLs unless the deployment is the local stack', async () => {
    deps.kintoneDomains = parseKintoneDomains('example.cybozu.com', false);
    const answer = await register();
    expect(answer.statusCode).toBe(400);
    expect(errorsOf(answer)).toEqual([
      { path: 'kintoneBaseUrl', message: expect.stringMatching(/^must start with https:\/\//), code: 'kintone_url' },
    ]);
  });

  it("refuses, with a clear 400, an http URL kintone's REST client would refuse", async () => {
    const answer = await register({ kintoneBaseUrl: emu.url.replace('localhost', '127.0.0.1') });
    expect(answer.statusCode).toBe(400);
    expect(errorsOf(answer)).toEqual([
      {
        path: 'kintoneBaseUrl',
        message: expect.stringMatching(/https:\/\/.*localhost.*127\.0\.0\.1/),
        code: 'kintone_url',
      },
    ]);
  });

  it.each([
    ['a host outside the kintone domains served', 'https://attacker.example.com'],
    ['another cybozu.com subdomain', 'https://other-company.cybozu.com'],
    ['the instance metadata address', 'https://169.254.169.254'],
    ['a user name in the URL', `http://user@${new URL('http://localhost').host}`],
  ])('refuses %s before sending anything', async (_label, kintoneBaseUrl) => {
    let inspected = 0;
    deps.inspectApp = (c) => (inspected++, kintoneAppInspector(c));
    const answer = await register({ kintoneBaseUrl });
    expect(answer.statusCode).toBe(400);
    expect(errorsOf(answer).map((e) => e.path)).toEqual(['kintoneBaseUrl']);
    expect(inspected).toBe(0);
    expect(await registry.get('1')).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"config":', '(body)'],
    ['no token', { config: defaultConfig(), kintoneBaseUrl: 'http://localhost' }, 'apiToken'],
    ['a URL that is not one', { config: {}, kintoneBaseUrl: 'x.cybozu.com', apiToken: 't' }, 'kintoneBaseUrl'],
    [
      'a config that is not one',
      { config: { version: 99 }, kintoneBaseUrl: 'http://localhost', apiToken: 't' },
      'config',
    ],
  ])('answers 400 naming what is wrong for %s', async (_label, body, where) => {
    deps.kintoneDomains = parseKintoneDomains(`localhost,${new URL(emu.url).host}`, true);
    const answer = await call(registerApp, body);
    expect(answer.statusCode).toBe(400);
    expect(errorsOf(answer).some((e) => e.path.startsWith(where))).toBe(true);
  });

  it('has the next re-score read every record when the score field changes, not when other settings do', async () => {
    const scoredIn = (score: string | undefined) => ({
      ...defaultConfig(),
      summary: { ...defaultConfig().summary, ...(score ? { score } : {}) },
    });
    const firstPassDone = () =>
      registry.recordStatus('1', {
        add: {},
        lastRescore: {
          at: '2026-11-29T18:00:00.000Z',
          examined: 64,
          changed: 3,
          skipped: 0,
          requests: 2,
          everyRecordScoredIn: 'mkto_score',
        },
      });
    const marker = async () => (await registry.status('1')).lastRescore?.everyRecordScoredIn;

    expect((await register({}, scoredIn('mkto_score'))).statusCode).toBe(200);
    await firstPassDone();
    // Saved again with the same score field (another setting changed): the first pass stands.
    expect((await register({}, { ...scoredIn('mkto_score'), ignoreBots: false })).statusCode).toBe(200);
    await expect(marker()).resolves.toBe('mkto_score');
    // Unmapped, then mapped again: events written in between never reached the field.
    expect((await register({}, scoredIn(undefined))).statusCode).toBe(200);
    await expect(marker()).resolves.toBeUndefined();
    expect((await registry.status('1')).lastRescore).toMatchObject({ examined: 64, changed: 3 });
    expect((await register({}, scoredIn('mkto_score'))).statusCode).toBe(200);
    await expect(marker()).resolves.toBeUndefined();
  });

  it('answers 502 without storing anything when kintone cannot be reached', async () => {
    deps.kintoneDomains = parseKintoneDomains('localhost:1', true);
    const answer = await register({ kintoneBaseUrl: 'http://localhost:1' });
    expect(answer.statusCode).toBe(502);
    expect(await registry.get('1')).toBeUndefined();
  });
});

describe('an app in a guest space', () => {
  let guestApp: string;
  let guestToken: string;
  beforeAll(async () => {
    guestApp = emu.createApp({ ...demoAppDefinition(), guestSpaceId: '21' });
    guestToken = emu.createToken(guestApp, { view: true, add: true, edit: true });
    await new KintoneRestAPIClient({
      baseUrl: emu.url,
      auth: { apiToken: guestToken },
      guestSpaceId: '21',
    }).record.addRecord({
      app: guestApp,
      record: { email: { value: 'guest.customer@example.com' } },
    });
  });
  const registerGuest = (overrides: Record<string, unknown> = {}) =>
    call(
      registerApp,
      { config: defaultConfig(), kintoneBaseUrl: emu.url, apiToken: guestToken, guestSpaceId: '21', ...overrides },
      { appId: guestApp },
    );

  it('is checked in its guest space, registered with it, and gets its test event there', async () => {
    expect((await registerGuest()).statusCode).toBe(200);
    expect(await registry.get(guestApp)).toMatchObject({ guestSpaceId: '21' });
    const answer = await call(sendTestEvent, { leadKey: 'guest.customer@example.com' }, { appId: guestApp });
    expect(answer.body).toMatchObject({ outcome: 'written' });
  });

  it('is refused with the guest space named, not the API token, when the screen did not say the guest space', async () => {
    const answer = await registerGuest({ guestSpaceId: undefined });
    expect(answer.statusCode).toBe(400);
    expect(errorsOf(answer)).toEqual([
      {
        path: 'guestSpaceId',
        message: expect.stringMatching(/^app \d+ is in a guest space of kintone/),
        code: 'guest_space',
      },
    ]);
    expect(await registry.get(guestApp)).toBeUndefined();
  });

  it('refuses a guest space id that is no number', async () => {
    expect(errorsOf(await registerGuest({ guestSpaceId: '21/../1' })).map((e) => e.path)).toEqual(['guestSpaceId']);
  });
});

describe('status and test events', () => {
  it('answers 404 unknown_app for an app that is not registered', async () => {
    const answer = await call(appStatus);
    expect(answer).toEqual({ statusCode: 404, body: expect.objectContaining({ error: 'unknown_app' }) });
  });

  it('writes a test event to the matching record and counts it', async () => {
    await register();
    const answer = await call(sendTestEvent, { leadKey: demoEmail });
    expect(answer.body).toMatchObject({ outcome: 'written' });

    const { records } = await client.record.getRecords({
      app: '1',
      query: `email = "${demoEmail}"`,
      fields: ['mkto_history', 'mkto_open_count'],
    });
    const rows = records[0]!.mkto_history!.value as { value: Record<string, { value: unknown }> }[];
    expect(rows.some((row) => row.value.mkto_h_key!.value === answer.body.eventKey)).toBe(true);

    const status = await call(appStatus);
    expect(status.body).toMatchObject({ written: 1, failed: 0, lastEventAt: '2026-11-29T03:00:00.000Z' });
    // The mapping as registered, and nothing secret beside it.
    expect(status.body.config).toEqual((await registry.get('1'))!.config);
    expect(JSON.stringify(status.body)).not.toContain(emu.demo.fullToken);
  });

  it("counts a test event's kintone requests against the app's daily budget, and refuses one over it", async () => {
    await register();
    const before = emu.stats().requestsByApp['1'] ?? 0;
    await call(sendTestEvent, { leadKey: demoEmail });
    const spent = (await registry.status('1')).kintoneRequests?.['2026-11-29'];
    expect(spent).toBe((emu.stats().requestsByApp['1'] ?? 0) - before);
    expect(spent).toBeGreaterThan(0);
    deps.dailyRequestBudget = spent!;
    const refused = await call(sendTestEvent, { leadKey: demoEmail });
    expect(refused).toMatchObject({ statusCode: 429, body: { error: 'budget_used' } });
    expect((await registry.status('1')).kintoneRequests?.['2026-11-29']).toBe(spent);
  });

  it('writes nothing for a registration left on a kintone host this deployment no longer serves', async () => {
    await register();
    deps.kintoneDomains = parseKintoneDomains('example.cybozu.com', false);
    expect(await call(sendTestEvent, { leadKey: demoEmail })).toMatchObject({
      statusCode: 409,
      body: { error: 'not_served' },
    });
    expect((await call(appStatus)).body.notServed).toMatch(/no longer serves/);
  });

  it('says so when no record has the lead key, and writes nothing', async () => {
    await register();
    const answer = await call(sendTestEvent, { leadKey: 'nobody@example.com' });
    expect(answer.body).toMatchObject({ outcome: 'unmatched', message: expect.stringContaining('nobody@example.com') });
    expect((await call(appStatus)).body).toMatchObject({ unmatched: 1, written: 0 });
  });

  it('reports a kintone refusal instead of throwing', async () => {
    await register();
    deps.now = () => new Date('2026-11-29T04:00:00.000Z');
    emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', status: 500, times: 10 });
    const answer = await call(sendTestEvent, { leadKey: demoEmail });
    expect(answer.body).toMatchObject({ outcome: 'failed', code: 'kintone_unreachable' });
    expect((await call(appStatus)).body).toMatchObject({
      failed: 0,
      lastError: { at: expect.any(String), code: 'kintone_unreachable', message: expect.stringMatching(/500/) },
    });
  });

  it('records a test event kintone refuses as invalid with its code, which the status answer carries', async () => {
    await register();
    deps.now = () => new Date('2026-11-29T05:00:00.000Z');
    emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', status: 400, code: 'CB_VA01', times: 10 });
    const answer = await call(sendTestEvent, { leadKey: demoEmail });
    expect(answer.body).toMatchObject({
      outcome: 'failed',
      code: 'records_invalid',
      message: expect.stringMatching(/^kintone refused the write: .*CB_VA01/),
    });
    const status = statusAnswerSchema.parse((await call(appStatus)).body);
    expect(status.lastError).toEqual({
      at: expect.any(String),
      code: 'records_invalid',
      message: expect.stringMatching(/CB_VA01/),
    });
  });

  it('says what kintone answered when its answer carried no error code', async () => {
    await register();
    emu.faults.add({
      method: 'GET',
      path: '/k/v1/records.json',
      status: 502,
      body: '{"message":"upstream unavailable"}',
      times: 10,
    });
    const answer = await call(sendTestEvent, { leadKey: demoEmail });
    expect(errorsOf(answer)).toEqual([
      {
        path: 'kintone',
        message: 'kintone answered HTTP 502 without an error code: upstream unavailable',
        code: 'kintone_proxy',
      },
    ]);
  });

  it('requires a lead key', async () => {
    await register();
    expect((await call(sendTestEvent, { leadKey: '  ' })).statusCode).toBe(400);
  });
});

afterEach(() => {
  // No answer and no log line may ever carry the API token, the admin secret or another token.
  const said = [...answers.map((a) => JSON.stringify(a.body)), ...logLines].join('\n');
  for (const secret of [ADMIN_SECRET, emu.demo.fullToken, emu.demo.viewOnlyToken, emu.demo.noEditToken]) {
    expect(said).not.toContain(secret);
  }
});
