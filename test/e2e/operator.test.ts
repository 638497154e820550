/**
 * What an operator does without the plug-in, through the real local stack: register a second app with its own
 * field codes from the command line, rotate its webhook secret, and see events parked in the dead-letter queue
 * (with the reason on the status) once the app's form no longer fits the registered mapping.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import type { PluginConfig } from '../../contract/src/config';
import { defaultConfig } from '../../contract/src/config';
import { MKTO_STATUSES, startKintoneEmulator, type KintoneEmulator } from '../../scripts/kintone-emulator';
import { renderRequest } from '../../scripts/marketo-simulator/render';
import { startTestStack, type TestStack } from '../support/local-stack';
import { waitFor } from '../support/wait';

jest.setTimeout(120_000);

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

let stack: TestStack;
let leadsApp: string;
let token: string;
let client: KintoneRestAPIClient;

const leadsConfig = (): PluginConfig => ({
  ...defaultConfig(),
  leadKey: { source: 'email', field: 'mail' },
  summary: {
    ...defaultConfig().summary,
    status: 'stage',
    firstOpened: undefined,
    lastOpened: 'last_open',
    openCount: 'opens',
    lastClicked: undefined,
    clickCount: undefined,
    lastReplied: undefined,
    replyCount: undefined,
    lastVisited: undefined,
    visitCount: undefined,
    lastFormFilled: undefined,
    formCount: undefined,
    score: undefined,
  },
  history: {
    table: 'log',
    columns: {
      occurredAt: 'at',
      type: 'kind',
      emailName: undefined,
      subject: undefined,
      link: undefined,
      formName: undefined,
      campaign: undefined,
      snippet: undefined,
      eventKey: 'key',
    },
    maxRows: 20,
  },
  panel: { placement: 'headerMenu' },
});

const leadsAppDefinition = (): Parameters<KintoneEmulator['createApp']>[0] => ({
  name: 'Leads',
  properties: {
    mail: { type: 'LINK', protocol: 'MAIL', code: 'mail', label: 'Mail', unique: true },
    stage: { type: 'DROP_DOWN', code: 'stage', label: 'Stage', options: [...MKTO_STATUSES] },
    opens: { type: 'NUMBER', code: 'opens', label: 'Opens' },
    last_open: { type: 'DATETIME', code: 'last_open', label: 'Last open' },
    log: {
      type: 'SUBTABLE',
      code: 'log',
      label: 'Log',
      fields: {
        at: { type: 'DATETIME', code: 'at', label: 'At' },
        kind: { type: 'SINGLE_LINE_TEXT', code: 'kind', label: 'Kind' },
        key: { type: 'SINGLE_LINE_TEXT', code: 'key', label: 'Key' },
      },
    },
  },
});

beforeAll(async () => {
  stack = await startTestStack({ visibilityTimeoutSeconds: 1 });
  leadsApp = stack.emulator.createApp(leadsAppDefinition());
  token = stack.emulator.createToken(leadsApp, { view: true, add: true, edit: true });
  client = new KintoneRestAPIClient({ baseUrl: stack.dev.kintoneBaseUrl, auth: { apiToken: token } });
  await client.record.addRecords({
    app: leadsApp,
    records: [{ mail: { value: 'ops@example.com' } }, { mail: { value: 'other@example.com' } }],
  });
});

afterAll(() => stack?.stop());

async function admin(args: string[], env: Record<string, string> = {}) {
  const result = await run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/admin/cli.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ADMIN_SECRET: stack.dev.adminSecret, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
  // Whatever the command printed, the kintone API token never appears in it.
  expect(result.stdout + result.stderr).not.toContain(token);
  return result;
}

const target = () => ['--app', leadsApp, '--server', stack.dev.serverUrl];

async function configFile(config: unknown): Promise<string> {
  const file = path.join(stack.stateDir, `config-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(config));
  return file;
}

async function register(
  config: unknown,
  extra: string[] = [],
  env: Record<string, string> = { KINTONE_API_TOKEN: token },
) {
  return admin(
    [
      'register',
      ...target(),
      '--config',
      await configFile(config),
      '--kintone-url',
      stack.dev.kintoneBaseUrl,
      '--json',
      ...extra,
    ],
    env,
  );
}

function postOpen(webhookUrl: string, secret: string, minute: number) {
  const { body, contentType } = renderRequest(
    {
      type: 'open',
      lead: { leadId: '', email: 'ops@example.com' },
      emailName: 'Ops mail',
      subject: 'Hello',
      link: '',
      campaign: 'Ops',
      campaignId: '9',
      at: new Date(Date.UTC(2026, 10, 28, 1, minute)),
    },
    // As the generated setup has Marketo send it.
    'form',
    'Asia/Tokyo',
  );
  return fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-webhook-secret': secret },
    body,
  });
}

const opsRecord = async () =>
  (await client.record.getRecords({ app: leadsApp, query: 'mail = "ops@example.com"' })).records[0]!;

it('refuses a mapping that does not fit the app, field by field, and registers nothing', async () => {
  const wrong = { ...leadsConfig(), summary: { ...leadsConfig().summary, status: 'opens', openCount: undefined } };
  const refused = await register(wrong);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('server answered 400 invalid_request');
  expect(refused.stderr).toMatch(/config\.summary\.status: field "opens" is NUMBER/);

  const status = await admin(['status', ...target()]);
  expect(status.code).toBe(1);
  expect(status.stderr).toContain('404 unknown_app');
});

it('refuses a wrong admin secret and a token that cannot edit', async () => {
  const badSecret = await register(leadsConfig(), [], {
    KINTONE_API_TOKEN: token,
    ADMIN_SECRET: 'not-the-admin-secret',
  });
  expect(badSecret.code).toBe(1);
  expect(badSecret.stderr).toContain('401 unauthorized');

  const viewOnly = stack.emulator.createToken(leadsApp, { view: true, add: false, edit: false });
  const noEdit = await register(leadsConfig(), [], { KINTONE_API_TOKEN: viewOnly });
  expect(noEdit.stderr).toMatch(/apiToken: the API token lacks the permission to edit records/);
  expect(noEdit.stderr + noEdit.stdout).not.toContain(viewOnly);
});

it('registers a second app from the command line; its webhooks are written with its own mapping; rotation retires the old secret', async () => {
  const registered = await register(leadsConfig());
  expect(registered.code).toBe(0);
  const first = JSON.parse(registered.stdout) as { webhookUrl: string; webhookSecret: string };
  expect(first.webhookUrl).toBe(`${stack.dev.serverUrl}/webhook/${leadsApp}`);

  expect((await postOpen(first.webhookUrl, first.webhookSecret, 5)).status).toBe(202);
  const written = await waitFor('the open on the Leads app', async () => {
    const r = await opsRecord();
    return r.opens!.value === '1' ? r : undefined;
  });
  expect(written.stage!.value).toBe('opened');
  expect(written.last_open!.value).toBe('2026-11-28T01:05:00Z');
  expect(
    (written.log!.value as unknown as { value: { kind: { value: string } } }[]).map((row) => row.value.kind.value),
  ).toEqual(['open']);

  const rotated = await register(leadsConfig(), ['--rotate-webhook-secret']);
  const second = JSON.parse(rotated.stdout) as { webhookSecret: string };
  expect(second.webhookSecret).not.toBe(first.webhookSecret);
  expect((await postOpen(first.webhookUrl, first.webhookSecret, 6)).status).toBe(401);
  expect((await postOpen(first.webhookUrl, second.webhookSecret, 6)).status).toBe(202);
  await waitFor('the second open', async () => ((await opsRecord()).opens!.value === '2' ? true : undefined));

  const status = await admin(['status', ...target(), '--json']);
  expect(JSON.parse(status.stdout)).toMatchObject({ appId: leadsApp, enabled: true, accepted: 2, written: 2 });
  // The demo app kept its own registration and secret.
  expect((await postOpen(stack.dev.webhookUrl, first.webhookSecret, 7)).status).toBe(401);
});

it('registers again without the API token, showing the webhook secret only when it is issued', async () => {
  const again = await register(leadsConfig(), [], {});
  expect(again.code).toBe(0);
  const body = JSON.parse(again.stdout) as { webhookSecret?: string; webhookSecretIssued: boolean };
  expect(body).toMatchObject({ webhookSecretIssued: false });
  expect(body.webhookSecret).toBeUndefined();
  const text = await admin([
    'register',
    ...target(),
    '--kintone-url',
    stack.dev.kintoneBaseUrl,
    '--config',
    await configFile(leadsConfig()),
  ]);
  expect(text.stdout).toContain('webhook secret: unchanged');
});

it('sends a test event from the command line, and names the cause of a refused write as the status does', async () => {
  const written = await admin(['test-event', ...target(), '--lead-key', 'other@example.com']);
  expect(written.code).toBe(0);
  expect(written.stdout).toMatch(
    /^written: a test open event was written to the record whose mail is other@example\.com/,
  );

  stack.emulator.faults.add({ method: 'PUT', path: '/k/v1/records.json', status: 400, code: 'CB_VA01', times: 10 });
  try {
    const refused = await admin(['test-event', ...target(), '--lead-key', 'other@example.com']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^failed \(records_invalid\): kintone refused the write: .*CB_VA01/);
  } finally {
    stack.emulator.faults.clear();
  }
});

it("moves an app to another kintone domain only as the operator, with the registry's own access", async () => {
  const other = await startKintoneEmulator({ port: 0 });
  try {
    // The same app id in the company's second domain, with the same form.
    const movedApp = other.createApp(leadsAppDefinition());
    expect(movedApp).toBe(leadsApp);
    const otherToken = other.createToken(movedApp, { view: true, add: true, edit: true });
    const otherHost = new URL(other.url).host;

    // Through the Admin API, even with the admin secret: refused before anything is sent.
    const refused = await admin(
      ['register', ...target(), '--kintone-url', other.url, '--config', await configFile(leadsConfig())],
      { KINTONE_API_TOKEN: otherToken },
    );
    expect(refused.stderr).toMatch(/is not a kintone domain this deployment serves/);
    expect(other.stats().requestsByApp[movedApp] ?? 0).toBe(0);

    const registry = {
      REGISTRY_FILE: path.join(stack.stateDir, 'registry.json'),
      TOKEN_KEY_FILE: path.join(stack.stateDir, 'token.key'),
    };
    const notServed = await admin(['move', '--app', leadsApp, '--kintone-url', other.url], {
      ...registry,
      KINTONE_API_TOKEN: otherToken,
      KINTONE_DOMAINS: new URL(stack.dev.kintoneBaseUrl).host,
      ALLOW_HTTP_KINTONE: 'true',
    });
    expect(notServed.code).toBe(1);
    expect(notServed.stderr).toMatch(/not a kintone domain this deployment serves/);

    const moved = await admin(['move', '--app', leadsApp, '--kintone-url', other.url], {
      ...registry,
      KINTONE_API_TOKEN: otherToken,
      KINTONE_DOMAINS: `${new URL(stack.dev.kintoneBaseUrl).host},${otherHost}`,
      ALLOW_HTTP_KINTONE: 'true',
    });
    expect(moved.stdout + moved.stderr).not.toContain(otherToken);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain(`moved from ${stack.dev.kintoneBaseUrl} to ${other.url}`);
    expect((await stack.registry.get(leadsApp))!.kintoneBaseUrl).toBe(other.url);
    await expect(stack.vault.open(leadsApp, (await stack.registry.get(leadsApp))!.apiTokenSealed)).resolves.toBe(
      otherToken,
    );
  } finally {
    // Back where the other tests expect it.
    await admin(['move', '--app', leadsApp, '--kintone-url', stack.dev.kintoneBaseUrl], {
      REGISTRY_FILE: path.join(stack.stateDir, 'registry.json'),
      TOKEN_KEY_FILE: path.join(stack.stateDir, 'token.key'),
      KINTONE_API_TOKEN: token,
      KINTONE_DOMAINS: new URL(stack.dev.kintoneBaseUrl).host,
      ALLOW_HTTP_KINTONE: 'true',
    });
    await other.close();
  }
});

it('parks events in the dead-letter queue, with the reason on the status, when the form no longer fits the mapping', async () => {
  const registered = JSON.parse((await register(leadsConfig(), ['--rotate-webhook-secret'])).stdout) as {
    webhookUrl: string;
    webhookSecret: string;
  };
  stack.emulator.deleteField(leadsApp, 'mail');

  expect((await postOpen(registered.webhookUrl, registered.webhookSecret, 30)).status).toBe(202);

  const sqs = new SQSClient({
    endpoint: stack.dev.sqsEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const parked = await waitFor(
    'the event in the dead-letter queue',
    async () => {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: stack.dev.deadLetterQueueUrl, MaxNumberOfMessages: 10 }),
      );
      return Messages && Messages.length > 0 ? Messages : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  expect(parked).toHaveLength(1);
  expect(JSON.parse(parked[0]!.Body!)).toMatchObject({ appId: leadsApp, email: 'ops@example.com', type: 'open' });

  const status = JSON.parse((await admin(['status', ...target(), '--json'])).stdout) as {
    failed: number;
    lastError: { message: string };
  };
  expect(status.failed).toBeGreaterThanOrEqual(1);
  expect(status.lastError.message).toMatch(/mail/);

  // Registering the same mapping again is now refused with the reason, instead of silently failing later.
  const again = await register(leadsConfig());
  expect(again.stderr).toMatch(/config\.leadKey\.field: field "mail" does not exist/);
});
