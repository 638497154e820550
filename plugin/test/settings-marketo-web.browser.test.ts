/**
 * The Marketo section of the settings screen for web activity, in headless Chromium: the visit campaign listens only
 * on the pages whose visits are recorded (and says not to create it before any are chosen), the form campaign on any
 * form, both in the card the email campaigns use.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(60_000);

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});
beforeEach(() => stack.preview.setPluginConfig({}));

async function openSettings(lang?: 'ja'): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(browser);
  await page.goto(stack.preview.pages.settings(lang));
  await page.locator('.mks-screen').waitFor();
  return { page, errors };
}

const tick = (page: Page, type: string) =>
  page
    .locator('.mks-checklist__item', { has: page.locator(`input[value="${type}"]`) })
    .locator('label')
    .click();

it('shows a visit campaign on the chosen pages and a form campaign on any form', async () => {
  const { page, errors } = await openSettings();
  await tick(page, 'visit');
  await tick(page, 'form');
  const marketo = page.locator('#mks-section-marketo');
  const cards = () =>
    marketo.locator('.mks-campaign').evaluateAll((all) => all.map((c) => c.getAttribute('data-type')));
  expect(await cards()).toEqual(['open', 'click', 'bounce', 'unsubscribe', 'visit', 'form']);

  const visit = marketo.locator('.mks-campaign[data-type="visit"]');
  await expect(visit.locator('.mks-copy__text').allTextContents()).resolves.toEqual([
    'kintone: Visits Web Page',
    'Visits Web Page',
  ]);
  // No pages yet: the card says not to create the campaign, and lists no pattern.
  await expect(visit.locator('[data-note="visit-pages"]').textContent()).resolves.toContain('No pages chosen yet');
  await page.locator('textarea[data-slot="visitPages"]').fill('/pricing\n  \nexample.com/contact ');
  await page.locator('textarea[data-slot="visitPages"]').dispatchEvent('change');
  const note = visit.locator('[data-note="visit-pages"]');
  await expect(note.locator('code').first().textContent()).resolves.toBe('contains');
  await expect(note.locator('.mks-copy__text').allTextContents()).resolves.toEqual(['/pricing', 'example.com/contact']);
  await expect(note.textContent()).resolves.toContain('The server records only these pages either way.');
  // Visits and form fills carry no bot flag: no bot constraint on their cards.
  await expect(visit.textContent()).resolves.not.toContain('Is Bot Activity');

  const form = marketo.locator('.mks-campaign[data-type="form"]');
  await expect(form.locator('.mks-copy__text').allTextContents()).resolves.toEqual([
    'kintone: Fills Out Form',
    'Fills Out Form',
  ]);
  await expect(form.textContent()).resolves.toContain('is any');
  await expect(form.textContent()).resolves.toContain('Call Webhook');
  await screenshot(marketo, 'settings-marketo-web');
  expect(errors).toEqual([]);
  await page.close();
});

it('words the web campaigns in Japanese', async () => {
  const { page } = await openSettings('ja');
  await tick(page, 'visit');
  await tick(page, 'form');
  const marketo = page.locator('#mks-section-marketo');
  await expect(marketo.locator('.mks-campaign[data-type="visit"]').textContent()).resolves.toContain(
    'まだページが選ばれていません',
  );
  await expect(marketo.locator('.mks-campaign[data-type="form"]').textContent()).resolves.toContain(
    'いずれか (is any)',
  );
  await page.close();
});
