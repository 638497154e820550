import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileRegistry } from '../adapters/registry-file';
import { defaultConfig } from '../../../contract/src/config';
import { eventKey } from '../core/event-key';
import { hashSecret } from '../core/secrets';
import type { EngagementEvent } from '../../../contract/src/events';
import { acceptWebhook, MAX_BODY_BYTES, type WebhookDeps } from './accept-webhook';
import type { Registry } from './ports';

const SECRET = 'the-webhook-secret-0123456789';
let dir: string;
let registry: Registry;
let queued: EngagementEvent[];
let deps: WebhookDeps;
let warnings: string[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'accept-'));
  registry = fileRegistry(path.join(dir, 'registry.json'));
  await registry.put({
    appId: '7',
    kintoneBaseUrl: 'https://example.cybozu.com',
    apiTokenSealed: 'local-aes256gcm:sealed',
    webhookSecretHash: hashSecret(SECRET),
    enabled: true,
    config: defaultConfig(),
    updatedAt: '2026-11-28T00:00:00.000Z',
  });
  queued = [];
  warnings = [];
  deps = {
    registry,
    queue: { send: async (event) => void queued.push(event) },
    now: () => new Date('2026-11-28T10:00:00.000Z'),
    logger: {
      info: () => undefined,
      warn: (m, d) => void warnings.push(`${m} ${JSON.stringify(d)}`),
      error: () => undefined,
    },
  };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const request = (body: string, headers: Record<string, string[]> = {}, appId = '7') => ({
  appId,
  headers: { 'content-type': ['application/json'], 'x-webhook-secret': [SECRET], ...headers },
  body: Buffer.from(body),
});
const valid = JSON.stringify({
  trigger: 'Opens Email',
  email: 'a@example.com',
  emailName: 'N',
  occurredAt: '2026-11-28 18:30:00',
});

it('queues a valid event and answers 202 with its key, counting it as accepted', async () => {
  const answer = await acceptWebhook(request(valid), deps);
  expect(answer.statusCode).toBe(202);
  expect(queued).toHaveLength(1);
  expect(queued[0]).toMatchObject({
    appId: '7',
    type: 'open',
    email: 'a@example.com',
    occurredAt: '2026-11-28T09:30:00.000Z',
  });
  expect(answer.body).toEqual({
    accepted: 1,
    eventKey: eventKey({
      type: 'open',
      leadId: '',
      email: 'a@example.com',
      emailName: 'N',
      link: '',
      occurredAt: '2026-11-28T09:30:00.000Z',
    }),
  });
  expect((await registry.status('7')).accepted).toBe(1);
});

it.each([
  ['unknown app', 401, request(valid, {}, '8')],
  ['not an app id', 401, request(valid, {}, '../7')],
  ['missing secret', 401, request(valid, { 'x-webhook-secret': [] })],
  ['wrong secret', 401, request(valid, { 'x-webhook-secret': ['nope'] })],
  ['secret sent twice', 401, request(valid, { 'x-webhook-secret': [SECRET, SECRET] })],
  ['broken JSON', 400, request('{"trigger":')],
  ['JSON array', 400, request('[1,2]')],
  ['invalid UTF-8', 400, { ...request(''), body: Buffer.from([0x7b, 0xff, 0x7d]) }],
  [
    'too large',
    413,
    request(JSON.stringify({ trigger: 'Opens Email', email: 'a@example.com', subject: 'x'.repeat(MAX_BODY_BYTES) })),
  ],
  ['no lead', 400, request(JSON.stringify({ trigger: 'Opens Email' }))],
])('%s → %i and nothing queued or counted', async (_name, expected, req) => {
  const answer = await acceptWebhook(req, deps);
  expect(answer.statusCode).toBe(expected);
  expect(queued).toEqual([]);
  expect((await registry.status('7')).accepted).toBe(0);
});

it('answers an unknown app, a disabled app and a wrong secret alike, so app ids cannot be probed', async () => {
  await registry.put({ ...(await registry.get('7'))!, appId: '9', enabled: false });
  const answers = await Promise.all([
    acceptWebhook(request(valid, {}, '8'), deps),
    acceptWebhook(request(valid, {}, '9'), deps),
    acceptWebhook(request(valid, { 'x-webhook-secret': ['nope'] }), deps),
  ]);
  expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 401]);
  expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
  expect(queued).toEqual([]);
});

it('parses form bodies, keeps a plus sign sent as %2B, and refuses a repeated key', async () => {
  const form =
    'trigger=Clicks%20Link%20in%20Email&email=jiro%2Bnews%40example.com&link=https%3A%2F%2Fexample.com%2F%3Fa%3D1';
  const ok = await acceptWebhook(
    request(form, { 'content-type': ['application/x-www-form-urlencoded; charset=UTF-8'] }),
    deps,
  );
  expect(ok.statusCode).toBe(202);
  expect(queued[0]).toMatchObject({ type: 'click', email: 'jiro+news@example.com', link: 'https://example.com/?a=1' });

  const repeated = await acceptWebhook(
    request(`${form}&email=b%40example.com`, { 'content-type': ['application/x-www-form-urlencoded'] }),
    deps,
  );
  expect(repeated).toMatchObject({
    statusCode: 400,
    body: { errors: [{ field: 'email', message: 'is sent more than once' }] },
  });
});

// Marketo's default Content-Type is undocumented, and a custom header may add a second one.
it.each([
  ['text/plain', ['text/plain; charset=ISO-8859-1']],
  ['no Content-Type', []],
  ['a form label', ['application/x-www-form-urlencoded']],
  ['two labels', ['application/x-www-form-urlencoded', 'application/json']],
])('reads a JSON object as JSON and a form as a form, labelled %s', async (_name, contentType) => {
  const json = await acceptWebhook(request(valid, { 'content-type': contentType }), deps);
  const form = await acceptWebhook(
    request('trigger=Clicks%20Link%20in%20Email&leadId=1001&email=b%40example.com', { 'content-type': contentType }),
    deps,
  );
  expect([json.statusCode, form.statusCode]).toEqual([202, 202]);
  expect(queued.map((e) => [e.type, e.email])).toEqual([
    ['open', 'a@example.com'],
    ['click', 'b@example.com'],
  ]);
});

it('lists every problem of a bad body', async () => {
  const answer = await acceptWebhook(
    request(JSON.stringify({ trigger: 'Visits Multiple Web Pages', leadId: 'abc', occurredAt: 'yesterday' })),
    deps,
  );
  expect(answer.statusCode).toBe(400);
  const fields = (answer.body.errors as { field: string }[]).map((e) => e.field).sort();
  expect(fields).toEqual(['leadId', 'occurredAt', 'trigger']);
});

it('refuses with 503 and counts nothing when the queue is down', async () => {
  deps.queue = { send: async () => Promise.reject(new Error('SQS unreachable')) };
  const answer = await acceptWebhook(request(valid), deps);
  expect(answer.statusCode).toBe(503);
  expect((await registry.status('7')).accepted).toBe(0);
});

it('never puts the presented or expected secret in a response or log line', async () => {
  const wrong = 'presented-secret-value-xyz';
  const answer = await acceptWebhook(request(valid, { 'x-webhook-secret': [wrong] }), deps);
  const everything = JSON.stringify(answer) + warnings.join('\n');
  expect(warnings.length).toBeGreaterThan(0);
  expect(everything).not.toContain(wrong);
  expect(everything).not.toContain(SECRET);
});
