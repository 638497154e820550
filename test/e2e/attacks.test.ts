/**
 * The attacks an insider could try, replayed as an attacker inside kintone would, through the real local stack: app
 * users calling the plug-in's proxy from a record screen (the preview's proxy merges stored values as kintone's
 * does), a holder of the deployment's admin secret aiming at other hosts and other apps, forged replies, a broken
 * registry, and the odd header or form key. A fake kintone on localhost records every request that reaches it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { defaultConfig } from '../../contract/src/config';
import { feedReply } from '../../scripts/marketo-simulator/reply';
import { freePort } from '../../scripts/local/ports';
import { startTestStack, type TestStack } from '../support/local-stack';
import { waitFor } from '../support/wait';

jest.setTimeout(120_000);

const CORPUS = path.resolve(__dirname, '../fixtures/replies');

let stack: TestStack;
let fakeKintone: Server;
let fakeKintoneUrl: string;
const reachedFakeKintone: { method: string; url: string; apiToken: string | undefined }[] = [];

beforeAll(async () => {
  fakeKintone = createServer((request: IncomingMessage, response) => {
    reachedFakeKintone.push({
      method: request.method ?? '',
      url: request.url ?? '',
      apiToken: request.headers['x-cybozu-api-token'] as string | undefined,
    });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => fakeKintone.listen(0, '127.0.0.1', resolve));
  // localhost, so kintone's REST client would send the token there over plain http if anything let it.
  fakeKintoneUrl = `http://localhost:${(fakeKintone.address() as AddressInfo).port}`;
  stack = await startTestStack({ preview: true, ports: { http: await freePort(), kintone: 0, sqs: 0, preview: 0 } });
});
afterAll(async () => {
  await stack?.stop();
  await new Promise((resolve) => fakeKintone?.close(resolve));
});
beforeEach(() => void (reachedFakeKintone.length = 0));

const adminUrl = (appId: string, action: string) => `${stack.dev.serverUrl}/apps/${appId}/${action}`;

/** kintone.plugin.app.proxy(…) from the browser console of any record screen of app 1: stored values are merged in. */
async function asAppUser(
  url: string,
  method: 'GET' | 'PUT' | 'POST',
  data: unknown = {},
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${stack.preview!.url}/_preview/apps/1/proxy`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url, method, headers: { 'Content-Type': 'application/json', ...headers }, data }),
  });
  const result = (await response.json()) as { body: string; status: number };
  return { status: result.status, body: result.body };
}

async function asAdminSecretHolder(appId: string, body: unknown) {
  const response = await fetch(adminUrl(appId, 'registration'), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-admin-secret': stack.dev.adminSecret },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.text() };
}

const registryFile = () => path.join(stack.stateDir, 'registry.json');
const storedRegistry = async () =>
  JSON.parse(await readFile(registryFile(), 'utf8')) as {
    apps: Record<string, { registration: Record<string, unknown> }>;
  };

function webhook(
  appId: string,
  secret: string,
  extraHeaders: Record<string, string> = {},
  body = JSON.stringify({ type: 'open', email: 'nobody@example.com', emailName: 'x' }),
) {
  return fetch(`${stack.dev.serverUrl}/webhook/${appId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-webhook-secret': secret, ...extraHeaders },
    body,
  });
}

describe('finding 1: nothing stored in the proxy config can change anything', () => {
  const registration = () => ({ config: defaultConfig(), kintoneBaseUrl: stack.preview!.url });

  it('an app user cannot register the app and learn its webhook secret', async () => {
    const answer = await asAppUser(adminUrl('1', 'registration'), 'PUT', registration());
    expect(answer.status).toBe(401);
    expect(answer.body).not.toMatch(/webhookSecret/);
  });

  it("an app user cannot send the app's API token to a host of their choosing", async () => {
    const answer = await asAppUser(adminUrl('1', 'registration'), 'PUT', {
      config: defaultConfig(),
      kintoneBaseUrl: fakeKintoneUrl,
      replaceOtherDomain: true,
    });
    expect(answer.status).toBe(401);
    expect(reachedFakeKintone).toEqual([]);
    expect((await storedRegistry()).apps['1']!.registration.kintoneBaseUrl).toBe(stack.preview!.url);
  });

  it("an app user cannot disable the app or rotate its webhook secret: Marketo's calls keep working", async () => {
    for (const change of [{ enabled: false }, { rotateWebhookSecret: true }]) {
      expect((await asAppUser(adminUrl('1', 'registration'), 'PUT', { ...registration(), ...change })).status).toBe(
        401,
      );
    }
    expect((await webhook('1', stack.dev.webhookSecret)).status).toBe(202);
  });

  it("an app user can read this app's counters, and only them", async () => {
    const own = await asAppUser(adminUrl('1', 'status'), 'GET');
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body)).toEqual(expect.objectContaining({ appId: '1', accepted: expect.any(Number) }));
    expect(JSON.parse(own.body)).not.toHaveProperty('config');
    expect((await asAppUser(adminUrl('1', 'test-event'), 'POST', { leadKey: 'x@example.com' })).status).toBe(401);
    // A path that climbs out of app 1's prefix is a call for another app, and gets nothing of app 1's.
    expect((await asAppUser(`${adminUrl('1', 'status')}/../../77/status`, 'GET')).status).toBe(401);
  });

  it('keeps neither the API token nor the webhook secret readable in the registry file', async () => {
    const text = await readFile(registryFile(), 'utf8');
    expect(text).not.toContain(stack.dev.apiToken);
    expect(text).not.toContain(stack.dev.webhookSecret);
  });
});

describe("finding 2: the admin secret does not reach beyond the deployment's kintone domains", () => {
  it.each([
    ['a host the attacker runs', () => fakeKintoneUrl],
    ['the instance metadata address', () => 'https://169.254.169.254'],
    ['a port inside the VPC', () => 'https://10.0.0.1:8443'],
    ['another kintone customer', () => 'https://someone-else.cybozu.com'],
  ])('refuses to register an app against %s, with no request sent and no reachability said', async (_label, url) => {
    const answer = await asAdminSecretHolder('77', {
      config: defaultConfig(),
      kintoneBaseUrl: url(),
      apiToken: 'a-token-the-attacker-has',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/is not a kintone domain this deployment serves|must start with https/);
    expect(answer.body).not.toMatch(/unreachable|answered/);
    expect(reachedFakeKintone).toEqual([]);
  });

  it('cannot move an app that is registered to another domain', async () => {
    const answer = await asAdminSecretHolder('1', {
      config: defaultConfig(),
      kintoneBaseUrl: fakeKintoneUrl,
      replaceOtherDomain: true,
    });
    expect(answer.status).toBe(400);
    expect(reachedFakeKintone).toEqual([]);
    expect((await webhook('1', stack.dev.webhookSecret)).status).toBe(202);
  });

  it('a registration left on a host no longer served gets no Marketo activity, and nothing is sent there', async () => {
    const file = await storedRegistry();
    file.apps['77'] = {
      ...file.apps['1']!,
      registration: { ...file.apps['1']!.registration, appId: '77', kintoneBaseUrl: fakeKintoneUrl },
    };
    await writeFile(registryFile(), JSON.stringify(file));
    const result = (await stack.reconcile()) as { events: number };
    expect(result.events).toBeGreaterThan(0);
    const status = await waitFor('the reason on the planted app', async () => {
      const stored = (await storedRegistry()).apps['77'] as unknown as { status: { lastError?: { message: string } } };
      return stored.status.lastError ? stored.status : undefined;
    });
    expect(status.lastError!.message).toMatch(/does not serve/);
    // Time for the writer to have written anything it was going to.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(reachedFakeKintone).toEqual([]);
  });
});

describe('finding 3: replies only from authenticated senders', () => {
  it('writes nothing for a message whose From is forged, whatever it claims', async () => {
    const client = new KintoneRestAPIClient({
      baseUrl: stack.dev.kintoneBaseUrl,
      auth: { apiToken: stack.dev.apiToken },
    });
    const customer = stack.marketo.leads.find((lead) => lead.id === 1001)!.email;
    const replyCount = async () =>
      (await client.record.getRecords({ app: '1', query: `email = "${customer}"`, fields: ['mkto_reply_count'] }))
        .records[0]!.mkto_reply_count!.value;
    const before = await replyCount();
    for (const authentication of [
      { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL', envelopeFrom: customer },
      // SPF passes for the attacker's own envelope domain; the customer's domain publishes no DMARC.
      { spf: 'PASS', dkim: 'FAIL', dmarc: 'GRAY', envelopeFrom: 'attacker@attacker.example' },
    ] as const) {
      const outcome = await feedReply({
        file: path.join(CORPUS, '01-plain-text-english.eml'),
        from: customer,
        recipients: ['reply+1001@replies.example.com'],
        mailDir: stack.dev.replyMailDir!,
        invoke: (event) => stack.reply(event),
        authentication,
      });
      expect(outcome).toEqual([expect.objectContaining({ outcome: 'unauthenticated' })]);
    }
    expect(await replyCount()).toBe(before);
  });
});

describe('finding 4: a registry that cannot be read changes nothing', () => {
  it('answers 503 and neither rotates the secret nor moves the app', async () => {
    const before = await readFile(registryFile(), 'utf8');
    const file = JSON.parse(before) as { apps: Record<string, { registration: Record<string, unknown> }> };
    file.apps['1']!.registration.config = { version: 999 };
    const broken = JSON.stringify(file);
    await writeFile(registryFile(), broken);
    try {
      const answer = await asAdminSecretHolder('1', {
        config: defaultConfig(),
        kintoneBaseUrl: stack.preview!.url,
        apiToken: stack.dev.apiToken,
      });
      expect(answer.status).toBe(503);
      expect(answer.body).not.toMatch(/webhookSecret/);
      expect(await readFile(registryFile(), 'utf8')).toBe(broken);
    } finally {
      await writeFile(registryFile(), before);
    }
  });
});

describe('finding 5: no enumeration of app ids', () => {
  it('answers an unknown app exactly like a wrong secret', async () => {
    const unknown = await webhook('987654', 'anything');
    const wrong = await webhook('1', 'not-the-secret');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(await unknown.text()).toBe(await wrong.text());
  });
});

describe('finding 6: the small ones', () => {
  it('answers a request with a header named __proto__ normally', async () => {
    // Parsed, so the name is an own property rather than the object's prototype.
    const proto = JSON.parse('{"__proto__":"x"}') as Record<string, string>;
    expect((await webhook('1', stack.dev.webhookSecret, proto)).status).toBe(202);
    const admin = await fetch(adminUrl('1', 'status'), {
      headers: { 'x-admin-secret': stack.dev.adminSecret, ...proto },
    });
    expect(admin.status).toBe(200);
  });

  it('takes form keys named like Object methods as the fields they are', async () => {
    const form = new URLSearchParams({
      trigger: 'Opens Email',
      email: 'nobody@example.com',
      constructor: 'x',
      toString: 'y',
    }).toString();
    const answer = await webhook(
      '1',
      stack.dev.webhookSecret,
      { 'content-type': 'application/x-www-form-urlencoded' },
      form,
    );
    expect(answer.status).toBe(202);
  });
});
