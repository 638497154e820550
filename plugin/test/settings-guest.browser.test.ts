/**
 * The settings screen of an app in a guest space, in headless Chromium: kintone.api.url(path, true) names the guest
 * space there, the screen reads the form through it and tells the server the guest space when it registers the app.
 */
import type { Browser } from 'playwright-core';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from '../../scripts/kintone-emulator';
import { startPreviewServer, type PreviewServer } from '../../scripts/preview/server';
import { launchBrowser, openPage } from './support/browser';
import { PLUGIN_DIR, ensurePluginBuilt } from './support/build';
import { startFakeAdmin, type FakeAdmin } from './support/fake-admin';

jest.setTimeout(60_000);

const ADMIN_SECRET = 'admin-s3cret-value';
let kintone: KintoneEmulator;
let preview: PreviewServer;
let browser: Browser;
let admin: FakeAdmin;

beforeAll(async () => {
  ensurePluginBuilt();
  kintone = await startKintoneEmulator({ port: 0, seedDemo: false });
  const appId = kintone.createApp({ ...demoAppDefinition(), guestSpaceId: '9' });
  [preview, browser, admin] = await Promise.all([
    startPreviewServer({ port: 0, kintoneBaseUrl: kintone.url, appId, guestSpaceId: '9', pluginDir: PLUGIN_DIR }),
    launchBrowser(),
    startFakeAdmin(ADMIN_SECRET),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await admin?.close();
  await preview?.close();
  await kintone?.close();
});

it('reads the form of a guest space app and registers it with its guest space', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(preview.pages.settings());
  await page.locator('.mks-screen').waitFor();
  // The form came through /k/guest/9/v1/...: kintone answers /k/v1/... for this app with GAIA_IL23.
  await expect(page.locator('select[data-slot="history.table"] option[value="mkto_history"]').count()).resolves.toBe(1);

  await page.locator('input[data-slot="connection.serverUrl"]').fill(admin.url);
  await page.locator('input[data-slot="connection.adminSecret"]').fill(ADMIN_SECRET);
  await page.locator('input[data-slot="connection.apiToken"]').fill('guest-app-token');
  await page.locator('button[data-action="register"]').click();
  await page.locator('.mks-result[data-result="register"] .mks-alert--success').waitFor();

  const registration = admin.requests.find((r) => r.method === 'PUT');
  expect(registration?.body).toMatchObject({ kintoneBaseUrl: preview.url, guestSpaceId: '9' });
  expect(errors).toEqual([]);
  await page.close();
});
