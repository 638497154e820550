/**
 * The plug-in against the real local server in headless Chromium: the settings screen registers its mapping
 * through the Admin API, the next webhook is written with that mapping, and the record panel shows what the
 * pipeline wrote. Everything runs as `npm start` runs it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import type { Browser, Page } from 'playwright-core';
import { fileRegistry } from '../../server/src/adapters/registry-file';
import { startLocalStack, type LocalStack } from '../../scripts/local/stack';
import { freePort } from '../../scripts/local/ports';
import { launchBrowser, openPage, screenshot } from '../../plugin/test/support/browser';
import { ensurePluginBuilt } from '../../plugin/test/support/build';
import { waitFor } from '../support/wait';

jest.setTimeout(180_000);

let stack: LocalStack;
let browser: Browser;
let stateDir: string;
let client: KintoneRestAPIClient;

beforeAll(async () => {
  ensurePluginBuilt();
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'kms-plugin-e2e-'));
  [stack, browser] = await Promise.all([
    startLocalStack({
      stateDir,
      persistKintone: false,
      ports: { http: await freePort(), kintone: 0, sqs: 0, preview: 0 },
      preview: true,
      batchSize: 100,
      batchingWindowMs: 200,
      visibilityTimeoutSeconds: 2,
      logLevel: 'ERROR',
      log: () => undefined,
    }),
    launchBrowser(),
  ]);
  client = new KintoneRestAPIClient({ baseUrl: stack.dev.kintoneBaseUrl, auth: { apiToken: stack.dev.apiToken } });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

const registry = () => fileRegistry(path.join(stateDir, 'registry.json'));
const preview = () => stack.preview!;

async function customer(offset: number): Promise<{ id: string; email: string; leadId: string }> {
  const { records } = await client.record.getRecords({
    app: '1',
    query: `order by $id asc limit 1 offset ${offset}`,
    fields: ['$id', 'email', 'marketo_lead_id'],
  });
  const record = records[0]!;
  return {
    id: String(record.$id!.value),
    email: String(record.email!.value),
    leadId: String(record.marketo_lead_id!.value),
  };
}

function postWebhook(body: Record<string, string>, secret: string) {
  return fetch(stack.dev.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-webhook-secret': secret },
    body: JSON.stringify(body),
  });
}

async function historyOf(id: string): Promise<Record<string, { value: string }>[]> {
  const { record } = await client.record.getRecord({ app: '1', id });
  return (record.mkto_history!.value as { value: Record<string, { value: string }> }[]).map((row) => row.value);
}

async function openSettings(): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(browser);
  await page.goto(preview().pages.settings());
  await page.locator('.mks-screen').waitFor();
  return { page, errors };
}

it('starts with the demo app connected: the settings screen shows the live status of the local server', async () => {
  const { page, errors } = await openSettings();
  await page.locator('.mks-count[data-count="written"]').waitFor();
  await expect(page.locator('.mks-count[data-count="failed"] .mks-count__value').textContent()).resolves.toBe('0');
  expect(errors).toEqual([]);
  await page.close();
});

it('saving the settings registers the mapping, and the next webhook is written with it', async () => {
  const before = (await registry().get('1'))!;
  expect(before.config.leadKey).toEqual({ source: 'email', field: 'email' });

  const { page, errors } = await openSettings();
  await page.locator('.kintoneplugin-input-radio-item', { hasText: 'Marketo lead ID' }).click();
  await expect(page.locator('select[data-slot="leadKey"]').inputValue()).resolves.toBe('marketo_lead_id');
  await page.locator('input[data-slot="connection.adminSecret"]').fill(stack.dev.adminSecret);
  await Promise.all([page.waitForURL(/\/plugin\/\?saved=1$/), page.locator('button[data-action="save"]').click()]);
  expect(errors).toEqual([]);
  await page.close();

  const after = (await registry().get('1'))!;
  expect(after.config.leadKey).toEqual({ source: 'leadId', field: 'marketo_lead_id' });
  expect(after.webhookSecretHash).toBe(before.webhookSecretHash);
  expect(after.apiTokenSealed).toBe(before.apiTokenSealed);

  // Matched by lead id alone: the email in the body belongs to nobody.
  const target = await customer(4);
  const response = await postWebhook(
    {
      type: 'open',
      leadId: target.leadId,
      email: 'someone-else@example.com',
      emailName: 'Dec Newsletter',
      subject: 'Winter',
      occurredAt: '2026-11-29 09:30:00',
    },
    stack.dev.webhookSecret,
  );
  expect(response.status).toBe(202);
  const rows = await waitFor('the open on the record found by lead id', async () => {
    const history = await historyOf(target.id);
    return history.length > 0 ? history : undefined;
  });
  expect(rows.map((row) => row.mkto_h_email!.value)).toEqual(['Dec Newsletter']);
});

it('shows the reason on the settings screen when the server refuses the API token', async () => {
  const { page } = await openSettings();
  await page.locator('input[data-slot="connection.adminSecret"]').fill(stack.dev.adminSecret);
  await page.locator('input[data-slot="connection.apiToken"]').fill(stack.emulator.demo.viewOnlyToken);
  await page.locator('button[data-action="register"]').click();
  const result = page.locator('.mks-result[data-result="register"] .kintoneplugin-alert');
  await result.waitFor();
  // The server's code, worded for the admin: what to do, not the server's own sentence.
  await expect(result.textContent()).resolves.toContain(
    'The API token must allow "View records" and "Edit records". Change it in App Settings > API Token',
  );
  await expect(
    page.locator('.mks-row[data-target="connection.apiToken"] > .mks-field-error').textContent(),
  ).resolves.toContain('The API token must allow');
  await screenshot(page.locator('#mks-section-connection'), 'e2e-settings-token-refused');
  const kept = (await registry().get('1'))!.apiTokenSealed;
  await expect(stack.vault.open('1', kept)).resolves.toBe(stack.emulator.demo.fullToken);
  await page.close();
});

it('the record panel shows an event that came through the real pipeline, with Marketo text kept as text', async () => {
  const target = await customer(7);
  const { page, errors, dialogs } = await openPage(browser);
  await page.goto(preview().pages.record(target.id));
  await page.waitForFunction(() => document.body.dataset.previewReady !== undefined);
  // The demo app does not record sends, so an empty history says what it would show.
  await expect(page.locator('.mks-panel .mks-empty__title').textContent()).resolves.toBe(
    'No opens or clicks recorded yet',
  );

  const { config } = (await registry().get('1'))!;
  const { webhookSecret } = stack.dev;
  const leadKey =
    config.leadKey.source === 'leadId' ? { leadId: target.leadId, email: '' } : { leadId: '', email: target.email };
  const hostile = '<img src=x onerror=alert(1)>';
  const response = await postWebhook(
    {
      type: 'open',
      ...leadKey,
      emailName: 'Hostile mail',
      subject: hostile,
      campaign: 'Nov',
      occurredAt: '2026-11-29 10:15:00',
    },
    webhookSecret,
  );
  expect(response.status).toBe(202);
  await waitFor('the open on the record', async () => ((await historyOf(target.id)).length > 0 ? true : undefined));

  await page.reload();
  await page.waitForFunction(() => document.body.dataset.previewReady !== undefined);
  const panel = page.locator('.mks-panel');
  await expect(panel.locator('.mks-status').textContent()).resolves.toBe('Opened');
  await expect(panel.locator('[data-metric="opens"] .mks-metric__value').textContent()).resolves.toBe('1');
  await expect(panel.locator('.mks-event__subject').textContent()).resolves.toBe(hostile);
  expect(await panel.locator('img').count()).toBe(0);
  await screenshot(panel, 'e2e-panel-after-pipeline');
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});
