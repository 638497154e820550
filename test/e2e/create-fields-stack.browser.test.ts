/**
 * The first setup of an app that has only company, contact and email, against the real local stack in headless
 * Chromium: the settings screen adds the missing fields to the app (preview form, deploy), maps them, registers
 * with the real Admin API, and its test event is written to the customer's record by the real writer.
 */
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import type { Browser } from 'playwright-core';
import { ADMIN_LOGIN, ADMIN_PASSWORD, basicCustomerAppDefinition } from '../../scripts/kintone-emulator';
import { launchBrowser, openPage, screenshot } from '../../plugin/test/support/browser';
import { ensurePluginBuilt } from '../../plugin/test/support/build';
import { startTestStack, type TestStack } from '../support/local-stack';

jest.setTimeout(180_000);

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  ensurePluginBuilt();
  [stack, browser] = await Promise.all([startTestStack({ preview: true }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

type Row = { value: Record<string, { value: string }> };

it('adds the missing fields to an app with only company, contact and email, registers it and writes a test event', async () => {
  const { emulator, dev } = stack;
  const preview = stack.preview!;
  const appId = emulator.createApp(basicCustomerAppDefinition());
  const addToken = emulator.createToken(appId, { view: true, add: true, edit: false });
  const apiToken = emulator.createToken(appId, { view: true, add: false, edit: true });
  const email = 'hanako.suzuki@example.co.jp';
  const seeder = new KintoneRestAPIClient({ baseUrl: emulator.url, auth: { apiToken: addToken } });
  const { id } = await seeder.record.addRecord({
    app: appId,
    record: { company_name: { value: '鈴木商事' }, contact: { value: '鈴木 花子' }, mail: { value: email } },
  });

  const { page, errors } = await openPage(browser, { width: 1366, height: 768 });
  await page.goto(`${preview.url}/k/admin/app/${appId}/plugin/config?lang=en`);
  await page.locator('.mks-screen').waitFor();
  await expect(page.locator('select[data-slot="leadKey"]').inputValue()).resolves.toBe('mail');
  // With the engagement score kept, its field and the "Hot customers" view are added too.
  await page.locator('input[type="checkbox"][value="scoreOn"] + label').click();

  await page.locator('button[data-action="add-fields"]').click();
  await page.locator('[data-role="plan"] li').first().waitFor();
  await page.locator('[data-role="plan"] li[data-view="Hot customers"]').waitFor();
  await page.locator('button[data-action="confirm-add-fields"]').click();
  const outcome = page.locator('[data-role="create-outcome"] .mks-alert');
  await outcome.waitFor({ timeout: 30_000 });
  await expect(page.locator('select[data-slot="summary.status"]').inputValue()).resolves.toBe('mkto_status');
  await expect(page.locator('select[data-slot="history.table"]').inputValue()).resolves.toBe('mkto_history');
  await expect(page.locator('select[data-slot="summary.score"]').inputValue()).resolves.toBe('mkto_score');

  await page.locator('input[data-slot="connection.serverUrl"]').fill(dev.serverUrl);
  await page.locator('input[data-slot="connection.adminSecret"]').fill(dev.adminSecret);
  await page.locator('input[data-slot="connection.apiToken"]').fill(apiToken);
  await page.locator('button[data-action="register"]').click();
  const registered = page.locator('.mks-result[data-result="register"] .mks-alert');
  await registered.waitFor({ timeout: 30_000 });
  await expect(registered.getAttribute('class')).resolves.toContain('success');

  await page.locator('input[data-slot="test.leadKey"]').fill(email);
  await page.locator('button[data-action="test-event"]').click();
  const tested = page.locator('.mks-result[data-result="test"] .mks-alert');
  await tested.waitFor({ timeout: 30_000 });
  await expect(tested.getAttribute('data-outcome')).resolves.toBe('written');
  await screenshot(page.locator('#mks-section-connection'), 'e2e-create-fields-test-written');
  expect(errors).toEqual([]);
  await page.close();

  // Registered with the real Admin API: the mapping of the fields just added, and the app's own token.
  const registration = (await stack.registry.get(appId))!;
  expect(registration.config).toMatchObject({
    leadKey: { source: 'email', field: 'mail' },
    summary: { status: 'mkto_status', score: 'mkto_score' },
    history: { table: 'mkto_history' },
  });
  await expect(stack.vault.open(appId, registration.apiTokenSealed)).resolves.toBe(apiToken);

  // The record in the local kintone, read over its REST API: the event the real writer put there.
  const reader = new KintoneRestAPIClient({ baseUrl: emulator.url, auth: { apiToken } });
  const { record } = await reader.record.getRecord({ app: appId, id });
  expect(record.mkto_status!.value).toBe('Opened');
  expect(record.mkto_open_count!.value).toBe('1');
  expect(record.mkto_last_opened!.value).not.toBe('');
  const history = (record.mkto_history!.value as Row[]).map((row) => row.value);
  expect(history).toHaveLength(1);
  expect(history[0]).toMatchObject({
    mkto_h_type: { value: 'open' },
    mkto_h_subject: { value: 'Connection test' },
  });
  expect(history[0]!.mkto_h_key!.value).not.toBe('');
  expect(record.mail!.value).toBe(email);

  // The view is live, sorted by the score; the test event's open counts one point.
  const views = await new KintoneRestAPIClient({
    baseUrl: emulator.url,
    auth: { username: ADMIN_LOGIN, password: ADMIN_PASSWORD },
  }).app.getViews({ app: appId });
  expect(views.views['Hot customers']).toMatchObject({ type: 'LIST', sort: 'mkto_score desc' });
  expect(record.mkto_score!.value).toBe('1');
});
