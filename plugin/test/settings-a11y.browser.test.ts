/**
 * The settings screen as a kintone admin who is not an engineer meets it, in headless Chromium: accessible (axe-core,
 * in both languages, on a laptop and a phone), Save always in reach, errors that lead to the setting and go once
 * fixed, a typed admin secret checked alone before Save, and every message in the admin's language.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defaultConfig } from '../../contract/src/config';
import { launchBrowser, screenshot } from './support/browser';
import { startFakeAdmin, type FakeAdmin } from './support/fake-admin';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(90_000);

const ADMIN_SECRET = 'admin-s3cret-value';
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let stack: Stack;
let browser: Browser;
let admin: FakeAdmin;

beforeAll(async () => {
  [stack, browser, admin] = await Promise.all([startStack(), launchBrowser(), startFakeAdmin(ADMIN_SECRET)]);
});
afterAll(async () => {
  await browser?.close();
  await admin?.close();
  await stack?.close();
});
beforeEach(() => stack.preview.setPluginConfig({}));

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

/** axe needs a page of its own context. */
async function openSettings(lang: 'en' | 'ja' = 'en', viewport = LAPTOP): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(stack.preview.pages.settings(lang));
  await page.locator('.mks-screen').waitFor();
  return { page, errors };
}

/** A saved connection to the stand-in server, with the app's status key in the proxy config as Save leaves it. */
async function connected(): Promise<void> {
  stack.preview.setPluginConfig({
    config: JSON.stringify(defaultConfig()),
    connection: JSON.stringify({ serverUrl: admin.url, webhookUrl: `${admin.url}/webhook/1` }),
  });
  await fetch(`${stack.preview.url}/_preview/apps/${stack.kintone.demo.appId}/proxy-config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      url: `${admin.url}/apps/${stack.kintone.demo.appId}/status`,
      method: 'GET',
      headers: { 'X-Status-Key': admin.statusKey },
      data: {},
    }),
  });
}

/** Serious or critical axe-core violations inside `selector`, each with the elements it found. */
const seriousViolations = async (page: Page, selector: string) =>
  (await new AxeBuilder({ page }).include(selector).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

const fieldError = (page: Page, target: string) => page.locator(`.mks-row[data-target="${target}"] > .mks-field-error`);
const secretCheck = (page: Page) => page.locator('[data-role="secret-check"]');
const inViewport = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth;
  });

describe('accessibility (axe-core)', () => {
  it.each([
    ['en', LAPTOP],
    ['en', PHONE],
    ['ja', LAPTOP],
    ['ja', PHONE],
  ] as const)('has no serious or critical violations in %s at %o', async (lang, viewport) => {
    const { page, errors } = await openSettings(lang, viewport);
    await page.locator('.mks-server-status').waitFor();
    // Printed on failure: each rule with the elements it found.
    expect(await seriousViolations(page, '#mks-config')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('names every control by its label, and shows the focus on a checked checkbox', async () => {
    const { page } = await openSettings();
    const unnamed = await page
      .locator('#mks-config')
      .evaluate((root) =>
        [...root.querySelectorAll<HTMLInputElement>('input, select, textarea')]
          .filter((c) => !(c.labels?.length || c.getAttribute('aria-labelledby') || c.getAttribute('aria-label')))
          .map((c) => c.outerHTML.slice(0, 80)),
      );
    expect(unnamed).toEqual([]);
    await expect(
      page.getByRole('combobox', { name: 'Field that holds it' }).first().getAttribute('data-slot'),
    ).resolves.toBe('leadKey');

    const opened = page.locator('input[type="checkbox"][value="open"]');
    await expect(opened.isChecked()).resolves.toBe(true);
    await opened.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Space');
    const outline = await opened.evaluate((input) => {
      const style = getComputedStyle(input.nextElementSibling!, '::before');
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
    expect(outline).toBe('solid 2px');
  });
});

describe('Save within reach, errors that lead to the setting', () => {
  it.each([
    ['a laptop', LAPTOP],
    ['a phone', PHONE],
  ] as const)('keeps Save on screen without scrolling on %s, and at the middle of the page', async (_, viewport) => {
    const { page } = await openSettings('en', viewport);
    expect(await inViewport(page, 'button[data-action="save"]')).toBe(true);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    expect(await inViewport(page, 'button[data-action="save"]')).toBe(true);
    await screenshot(page, `settings-sticky-save-${viewport.width}`);
  });

  it('jumps to a section from the page navigation', async () => {
    const { page } = await openSettings();
    await page.locator('nav.mks-nav a', { hasText: 'Server connection' }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('mks-section-connection-title');
    expect(await inViewport(page, '#mks-section-connection-title')).toBe(true);
  });

  it('focuses the first setting with an error on Save, and clears an error as soon as it is fixed', async () => {
    const { page } = await openSettings();
    await page.locator('input[data-slot="history.maxRows"]').fill('0');
    await page.locator('select[data-slot="leadKey"]').selectOption('');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('button[data-action="save"]').click();

    // The first in the page's order is the lead key, above the history table.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-slot'))).resolves.toBe('leadKey');
    expect(await inViewport(page, 'select[data-slot="leadKey"]')).toBe(true);
    await expect(page.locator('select[data-slot="leadKey"]').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(fieldError(page, 'history.maxRows').isVisible()).resolves.toBe(true);
    await expect(page.locator('nav.mks-nav a[data-invalid]').allTextContents()).resolves.toEqual([
      'Customer record',
      'History table',
    ]);

    await page.locator('input[data-slot="history.maxRows"]').fill('50');
    await expect(fieldError(page, 'history.maxRows').isHidden()).resolves.toBe(true);
    await expect(fieldError(page, 'leadKey.field').isVisible()).resolves.toBe(true);
    await page.locator('select[data-slot="leadKey"]').selectOption('email');
    await expect(fieldError(page, 'leadKey.field').isHidden()).resolves.toBe(true);
    await expect(page.locator('.mks-feedback').textContent()).resolves.toBe('');
    await expect(page.locator('nav.mks-nav a[data-invalid]').count()).resolves.toBe(0);
    expect(stack.preview.getPluginConfig()).toEqual({});
  });
});

describe('the admin secret, checked before Save', () => {
  it('refuses a mistyped secret next to the field although the stored status key is sent, and verifies the right one', async () => {
    await connected();
    const { page, errors } = await openSettings();
    await page.locator('.mks-count[data-count="written"]').waitFor();
    admin.requests.length = 0;

    await page.locator('input[data-slot="connection.adminSecret"]').fill('admin-s3cret-valeu');
    await expect(secretCheck(page).getAttribute('data-secret-check')).resolves.toBe('checking');
    await page.locator('[data-secret-check="refused"]').waitFor();
    await expect(secretCheck(page).textContent()).resolves.toBe(
      'Refused: the server does not accept this admin secret.',
    );
    await expect(fieldError(page, 'connection.adminSecret').textContent()).resolves.toBe(
      'The server refused this admin secret. Check it with the person who runs the server and type it again.',
    );
    // The check sent the typed secret, and kintone's proxy added the status key: the server judged the secret alone.
    const check = admin.requests.find((r) => r.method === 'GET' && r.headers['x-admin-secret']);
    expect(check?.headers['x-admin-secret']).toBe('admin-s3cret-valeu');
    expect(check?.headers['x-status-key']).toBe(admin.statusKey);

    // Save does not register or save with it, and leads to the field.
    await page.locator('button[data-action="save"]').click();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-slot'))).resolves.toBe(
      'connection.adminSecret',
    );
    expect(admin.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(JSON.parse(stack.preview.getPluginConfig().connection ?? '{}')).toMatchObject({ serverUrl: admin.url });
    expect(page.url()).not.toMatch(/saved=1/);

    await page.locator('input[data-slot="connection.adminSecret"]').fill(ADMIN_SECRET);
    await page.locator('[data-secret-check="verified"]').waitFor();
    await expect(secretCheck(page).textContent()).resolves.toBe('Verified: the server accepts this admin secret.');
    await expect(fieldError(page, 'connection.adminSecret').isHidden()).resolves.toBe(true);
    await screenshot(page.locator('#mks-section-connection'), 'settings-secret-verified');
    expect(errors).toEqual([]);
  });

  it('says whose status it shows, counts by source, and greys it out while the server URL is edited', async () => {
    await connected();
    const { page } = await openSettings();
    await page.locator('.mks-count[data-count="written"]').waitFor();
    const host = new URL(admin.url).host;
    await expect(page.locator('[data-role="status-whose"]').textContent()).resolves.toBe(
      `App ${stack.kintone.demo.appId} on the server ${host}`,
    );
    await expect(page.locator('[data-role="sources"] li').allTextContents()).resolves.toEqual([
      'Marketo webhook calls: 6',
      "Marketo's activity log (hourly check, imports of past activity): 4",
    ]);
    await expect(page.locator('[data-role="sources-explain"]').textContent()).resolves.toContain(
      '"Written" also counts events read from Marketo\'s activity log',
    );
    // The daily re-score's last run, and why it stopped early (the server's English reason stays with the operator).
    await expect(page.locator('[data-role="last-rescore"]').textContent()).resolves.toMatch(
      /^Engagement scores last updated .+ \(daily\): 10,000 records read, 1,841 rewritten, 38 kintone requests\. It stopped early, at today's kintone request limit: the rest is updated by the next run\.$/,
    );
    // The connected status box, as the scans above (not connected) do not show it.
    expect(await seriousViolations(page, '.mks-server-status')).toEqual([]);

    await page.locator('input[data-slot="connection.serverUrl"]').fill('https://other.example.com/prod');
    await expect(page.locator('.mks-server-status').getAttribute('data-stale')).resolves.toBe('');
    await expect(page.locator('[data-role="status-stale"]').textContent()).resolves.toContain(
      `these figures are from ${host}`,
    );
    await page.locator('input[data-slot="connection.serverUrl"]').fill(admin.url);
    await expect(page.locator('.mks-server-status').getAttribute('data-stale')).resolves.toBeNull();
  });
});

describe('the Japanese screen', () => {
  it('words refusals, test-event outcomes, validation and the server status in Japanese', async () => {
    await connected();
    const { page, errors } = await openSettings('ja');
    await page.locator('.mks-count[data-count="written"]').waitFor();
    const all: string[] = [];

    // A mistyped secret.
    await page.locator('input[data-slot="connection.adminSecret"]').fill('wrong-secret');
    await page.locator('[data-secret-check="refused"]').waitFor();
    all.push(await secretCheck(page).innerText(), await fieldError(page, 'connection.adminSecret').innerText());
    await page.locator('button[data-action="register"]').click();
    const registerResult = page.locator('.mks-result[data-result="register"]');
    await registerResult.locator('.kintoneplugin-alert').waitFor();
    all.push(await registerResult.innerText());
    expect(await registerResult.innerText()).toContain('サーバーが管理シークレットを拒否しました');

    // The server's refusal of the input, sent as a code (a first registration without the API token).
    await page.locator('input[data-slot="connection.adminSecret"]').fill(ADMIN_SECRET);
    await page.locator('[data-secret-check="verified"]').waitFor();
    all.push(await secretCheck(page).innerText());
    await admin.close();
    admin = await startFakeAdmin(ADMIN_SECRET);
    await page.locator('input[data-slot="connection.serverUrl"]').fill(admin.url);
    await page.locator('input[data-slot="connection.serverUrl"]').blur();
    await page.locator('[data-secret-check="verified"]').waitFor();
    await page.locator('button[data-action="register"]').click();
    await registerResult.locator('.kintoneplugin-alert').waitFor();
    all.push(await registerResult.innerText(), await fieldError(page, 'connection.apiToken').innerText());
    await expect(fieldError(page, 'connection.apiToken').innerText()).resolves.toBe(
      'API トークンを入力してください。最初の登録で必要です。',
    );

    // A test event's outcome.
    await page.locator('input[data-slot="connection.apiToken"]').fill('kintone-token-value-123');
    await page.locator('button[data-action="register"]').click();
    await registerResult.locator('.mks-alert--success').waitFor();
    all.push(await registerResult.innerText());
    await page.locator('input[data-slot="test.leadKey"]').fill('taro.yamada@example.co.jp');
    await page.locator('button[data-action="test-event"]').click();
    const testResult = page.locator('.mks-result[data-result="test"]');
    await testResult.locator('.mks-alert').waitFor();
    all.push(await testResult.innerText());
    await expect(testResult.innerText()).resolves.toBe(
      '書き込みました: 「Email」が taro.yamada@example.co.jp のレコードにテストイベントを追加しました。レコードを開いて確認してください。',
    );
    // A failed write, worded by its cause as the status box words it; kintone's own sentence folded away.
    admin.setTestAnswer({
      outcome: 'failed',
      eventKey: 'test-event-key',
      message: 'kintone refused the write: CB_VA01 mkto_subject: required',
      code: 'records_invalid',
    });
    await page.locator('button[data-action="test-event"]').click();
    const failed = testResult.locator('[data-outcome="failed"]');
    await failed.waitFor();
    all.push(await testResult.innerText());
    await expect(failed.getAttribute('role')).resolves.toBe('alert');
    await expect(failed.locator(':scope > p').innerText()).resolves.toMatch(
      /^テストイベントは書き込まれませんでした \(テストイベントは再送されません\)。kintone が一部のレコードへの書き込みを値の不備で拒否しました/,
    );
    await expect(failed.locator('details').textContent()).resolves.toContain('CB_VA01 mkto_subject: required');
    expect(await seriousViolations(page, '.mks-result[data-result="test"]')).toEqual([]);
    all.push(
      await page.locator('[data-role="status-whose"]').innerText(),
      await page.locator('.mks-counts').innerText(),
      await page.locator('[data-role="last-rescore"]').innerText(),
    );

    // The status box's last error: the server's code worded with what to do, its English sentence folded away.
    // An hour old while events were written 5 minutes ago: a muted note that it is probably resolved, not an alarm.
    const lastError = page.locator('.mks-server-status [data-role="last-error"]');
    all.push(await lastError.innerText());
    await expect(lastError.getAttribute('data-resolved')).resolves.toBe('true');
    await expect(lastError.getAttribute('role')).resolves.toBeNull();
    await expect(lastError.locator('p').first().innerText()).resolves.toMatch(
      /^以前の問題 \(.+\)。その後イベントが書き込まれているので、おそらく解決しています。内容: kintone が API トークンを拒否しました。「レコード閲覧」と「レコード編集」を許可した新しいトークンを発行し/,
    );
    await expect(lastError.locator('summary').innerText()).resolves.toBe('サーバーの運用担当者向けの詳細');
    await expect(lastError.locator('details').textContent()).resolves.toContain(
      'kintone does not accept this API token',
    );
    // A status stored before codes existed, and a code of a newer server: a generic sentence, the details kept.
    for (const code of [undefined, 'from_a_newer_server']) {
      const message = `sentence of the server (${code ?? 'no code'})`;
      admin.setLastError({ at: new Date().toISOString(), message, ...(code ? { code } : {}) });
      await page.locator('button[data-action="refresh-status"]').click();
      await lastError.locator(`details:has-text("${message}")`).waitFor({ state: 'attached' });
      await expect(lastError.getAttribute('data-code')).resolves.toBe('');
      // Newer than the last written event: still the red alert.
      await expect(lastError.getAttribute('data-resolved')).resolves.toBe('false');
      await expect(lastError.getAttribute('role')).resolves.toBe('alert');
      await expect(lastError.locator('p').first().innerText()).resolves.toMatch(
        /^最新のエラー \(.+\): サーバーで問題が起きました。繰り返し起きる場合は、下の詳細をサーバーの運用担当者に伝えてください。$/,
      );
      all.push(await lastError.innerText());
    }

    // Validation.
    await page.locator('select[data-slot="leadKey"]').selectOption('');
    await page.locator('input[data-slot="history.maxRows"]').fill('0');
    await page.locator('button[data-action="save"]').click();
    await page.locator('.mks-feedback .kintoneplugin-alert').waitFor();
    all.push(
      await page.locator('.mks-feedback').innerText(),
      await fieldError(page, 'leadKey.field').innerText(),
      await fieldError(page, 'history.maxRows').innerText(),
    );
    await screenshot(page, 'settings-ja-messages');

    const text = all.join('\n');
    // Every message is Japanese: no English sentence, no HTTP status, no engineer's word.
    expect(text).not.toMatch(/\b(the|server|refused|secret|written|record|HTTP|ECONNREFUSED|serverless|README)\b/i);
    expect(text).not.toMatch(/lead key/i);
    expect(text).toMatch(/[ぁ-んァ-ン]/);
    expect(errors).toEqual([]);
  });
});
