/**
 * "Add the missing fields to this app" for an app in a guest space, in headless Chromium: every app settings call
 * goes through kintone.api.url(path, true), the guest space's path (kintone answers /k/v1/... with GAIA_IL23).
 */
import type { Browser } from 'playwright-core';
import {
  ADMIN_LOGIN,
  ADMIN_PASSWORD,
  basicCustomerAppDefinition,
  startKintoneEmulator,
  type KintoneEmulator,
} from '../../scripts/kintone-emulator';
import { startPreviewServer, type PreviewServer } from '../../scripts/preview/server';
import { launchBrowser, openPage } from './support/browser';
import { PLUGIN_DIR, ensurePluginBuilt } from './support/build';

jest.setTimeout(60_000);

let kintone: KintoneEmulator;
let preview: PreviewServer;
let browser: Browser;
let appId: string;

beforeAll(async () => {
  ensurePluginBuilt();
  kintone = await startKintoneEmulator({ port: 0, seedDemo: false, deployDelayMs: 300 });
  appId = kintone.createApp({ ...basicCustomerAppDefinition(), guestSpaceId: '9' });
  [preview, browser] = await Promise.all([
    startPreviewServer({ port: 0, kintoneBaseUrl: kintone.url, appId, guestSpaceId: '9', pluginDir: PLUGIN_DIR }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await kintone?.close();
});

it('adds the missing fields to a guest space app through the guest space API path', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(preview.pages.settings('en'));
  await page.locator('.mks-screen').waitFor();
  await page.locator('button[data-action="add-fields"]').click();
  await expect(page.locator('[data-role="plan"] li').first().textContent()).resolves.toBe(
    'Status (mkto_status): Drop-down',
  );
  await page.locator('button[data-action="confirm-add-fields"]').click();
  await page.locator('[data-role="create-outcome"] .mks-alert--success').waitFor({ timeout: 30_000 });

  const auth = Buffer.from(`${ADMIN_LOGIN}:${ADMIN_PASSWORD}`).toString('base64');
  const response = await fetch(`${kintone.url}/k/guest/9/v1/app/form/fields.json?app=${appId}`, {
    headers: { 'X-Cybozu-Authorization': auth },
  });
  const live = (await response.json()) as { properties: Record<string, { type: string }> };
  expect(live.properties.mkto_history?.type).toBe('SUBTABLE');
  expect(live.properties.mkto_last_opened?.type).toBe('DATETIME');
  await expect(page.locator('select[data-slot="history.table"]').inputValue()).resolves.toBe('mkto_history');
  expect(errors).toEqual([]);
  await page.close();
});
