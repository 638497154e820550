/**
 * The plug-in settings screen in headless Chromium: the real config bundle on the preview's settings page,
 * reading the form of apps in the local kintone, talking to a stand-in Admin API through the proxy.
 */
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_SCORE_SETTINGS, defaultConfig, migrateConfig, type PluginConfig } from '../../contract/src/config';
import {
  WEBHOOK_CONTENT_TYPE,
  WEBHOOK_TOKEN_ENCODING,
  webhookHeaders,
  webhookTemplate,
} from '../../contract/src/marketo-setup';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { startFakeAdmin, type FakeAdmin } from './support/fake-admin';
import { startStack, unusedPort, type Stack } from './support/stack';

jest.setTimeout(60_000);

const ADMIN_SECRET = 'admin-s3cret-value';
const API_TOKEN = 'kintone-token-value-123';

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

async function openSettings(url = stack.preview.pages.settings()): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(browser);
  await page.goto(url);
  await page.locator('.mks-screen').waitFor();
  return { page, errors };
}

/** The first setup of the demo app: the defaults, and the score on, since the app has an engagement score field. */
function demoSetup(): PluginConfig {
  const base = defaultConfig();
  return { ...base, summary: { ...base.summary, score: 'mkto_score' }, score: DEFAULT_SCORE_SETTINGS };
}

const optionValues = (page: Page, slot: string) =>
  page
    .locator(`select[data-slot="${slot}"] option`)
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
const fieldError = (page: Page, target: string) => page.locator(`.mks-row[data-target="${target}"] > .mks-field-error`);

describe('settings screen', () => {
  it('offers for each slot only the fields of a fitting type', async () => {
    const { page, errors } = await openSettings();
    expect(await optionValues(page, 'leadKey')).toEqual(['', 'email', 'marketo_lead_id', 'company', 'contact_name']);
    expect(await optionValues(page, 'summary.openCount')).toEqual([
      '',
      'mkto_click_count',
      'mkto_score',
      'mkto_form_count',
      'mkto_open_count',
      'mkto_reply_count',
      'mkto_visit_count',
    ]);
    expect(await optionValues(page, 'summary.lastOpened')).toEqual([
      '',
      'mkto_first_opened',
      'mkto_last_clicked',
      'mkto_last_form',
      'mkto_last_opened',
      'mkto_last_replied',
      'mkto_last_visited',
    ]);
    expect(await optionValues(page, 'summary.status')).toEqual([
      '',
      'company',
      'contact_name',
      'mkto_status',
      'marketo_lead_id',
    ]);
    expect(await optionValues(page, 'history.table')).toEqual(['', 'mkto_history']);
    expect(await optionValues(page, 'history.columns.occurredAt')).toEqual(['', 'mkto_h_at']);
    expect(await optionValues(page, 'history.columns.eventKey')).toHaveLength(8);
    expect(await optionValues(page, 'panel.spaceId')).toEqual(['', 'mkto_panel']);
    await expect(page.locator('select[data-slot="leadKey"] option[value="email"]').textContent()).resolves.toBe(
      'Email (email) [no duplicates]',
    );

    await page.locator('.kintoneplugin-input-radio-item', { hasText: 'Marketo lead ID' }).click();
    expect(await optionValues(page, 'leadKey')).toEqual([
      '',
      'marketo_lead_id',
      'mkto_click_count',
      'company',
      'contact_name',
      'mkto_score',
      'mkto_form_count',
      'mkto_open_count',
      'mkto_reply_count',
      'mkto_visit_count',
    ]);
    await expect(page.locator('select[data-slot="leadKey"]').inputValue()).resolves.toBe('marketo_lead_id');
    await page.locator('.kintoneplugin-input-radio-item', { hasText: 'Email address' }).click();
    await screenshot(page, 'settings-en');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says why a slot has no candidate', async () => {
    const appId = stack.kintone.createApp({
      name: 'Leads',
      properties: {
        homepage: { type: 'LINK', code: 'homepage', label: 'Homepage', protocol: 'WEB' },
        visited: { type: 'DATETIME', code: 'visited', label: 'Visited' },
      },
    });
    const { page, errors } = await openSettings(`${stack.preview.url}/k/admin/app/${appId}/plugin/config`);
    const why = (target: string) => page.locator(`.mks-row[data-target="${target}"] .mks-why`).textContent();
    await expect(why('leadKey.field')).resolves.toMatch(
      /No field fits.*Homepage \(homepage\): link of the wrong kind/s,
    );
    await expect(why('summary.openCount')).resolves.toContain('this needs a Number field and the form has none');
    await expect(why('summary.status')).resolves.toContain('this needs a Drop-down, Radio button or Text field');
    await expect(why('history.table')).resolves.toContain('The form has no Table');
    await expect(page.locator('select[data-slot="summary.lastOpened"] option').allTextContents()).resolves.toEqual([
      '(not recorded)',
      'Visited (visited)',
    ]);
    await page.locator('.kintoneplugin-input-radio-item', { hasText: 'In a Space field' }).click();
    await expect(why('panel.spaceId')).resolves.toContain('no Space field with an element ID');
    await screenshot(page, 'settings-no-candidates');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses an invalid mapping and shows why next to each setting', async () => {
    const { page } = await openSettings();
    // The summary fields are folded under "Advanced" (matched for the admin); open it to change one.
    await page.locator('[data-role="summary-advanced"] > summary').click();
    await page.locator('select[data-slot="summary.firstOpened"]').selectOption('mkto_last_opened');
    await page.locator('input[data-slot="history.maxRows"]').fill('0');
    await page.locator('.kintoneplugin-input-checkbox-item', { hasText: 'Opened' }).locator('label').click();
    for (const type of ['Clicked a link', 'Bounced', 'Unsubscribed', 'Replied']) {
      await page.locator('.kintoneplugin-input-checkbox-item', { hasText: type }).locator('label').click();
    }
    await page.locator('button[data-action="save"]').click();

    const feedback = page.locator('.mks-feedback .kintoneplugin-alert');
    await expect(feedback.locator('p').first().textContent()).resolves.toBe('Fix these before saving:');
    await expect(fieldError(page, 'summary.firstOpened').textContent()).resolves.toBe(
      '"mkto_last_opened" is also chosen for "Last opened". Each field can hold one value.',
    );
    await expect(fieldError(page, 'summary.lastOpened').textContent()).resolves.toContain(
      'also chosen for "First opened"',
    );
    await expect(fieldError(page, 'history.maxRows').textContent()).resolves.toBe(
      'Enter a whole number from 1 to 1000.',
    );
    await expect(fieldError(page, 'eventTypes').textContent()).resolves.toBe('Choose at least one event type.');
    expect(await feedback.locator('li').count()).toBe(4);
    await expect(page.locator('#mks-section-marketo .mks-why').textContent()).resolves.toContain(
      'Choose at least one event type',
    );
    await screenshot(page, 'settings-invalid');
    expect(page.url()).toBe(stack.preview.pages.settings());
    expect(stack.preview.getPluginConfig()).toEqual({});
    await page.close();
  });

  it('shows the Marketo webhook and one trigger campaign per event type', async () => {
    const { page } = await openSettings();
    const marketo = page.locator('#mks-section-marketo');
    await expect(marketo.locator('.mks-copy__text--block').textContent()).resolves.toBe(webhookTemplate());
    const row = (key: string) =>
      marketo.locator('.mks-setup__row', { has: page.locator('.mks-setup__key', { hasText: key }) }).first();
    await expect(row('Request Type').locator('.mks-setup__value').textContent()).resolves.toBe('POST');
    await expect(row('Request Token Encoding').locator('code').textContent()).resolves.toBe(WEBHOOK_TOKEN_ENCODING);
    await expect(row('Response type').locator('.mks-setup__value').textContent()).resolves.toBe('None');
    const headerRows = marketo.locator('.mks-setup__row', {
      has: page.locator('.mks-setup__key', { hasText: /^Header$/ }),
    });
    await expect(headerRows.locator('code').allTextContents()).resolves.toEqual(
      webhookHeaders('').map((header) => header.name),
    );
    const valueRows = marketo.locator('.mks-setup__row', {
      has: page.locator('.mks-setup__key', { hasText: /^Value$/ }),
    });
    await expect(valueRows.nth(1).locator('code').textContent()).resolves.toBe(WEBHOOK_CONTENT_TYPE);

    const campaigns = () =>
      marketo.locator('.mks-campaign').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-type')));
    expect(await campaigns()).toEqual(['open', 'click', 'bounce', 'unsubscribe']);
    const constrained = () =>
      marketo
        .locator('.mks-campaign')
        .evaluateAll((cards) =>
          cards
            .filter((c) => c.textContent?.includes('Is Bot Activity = False'))
            .map((c) => c.getAttribute('data-type')),
        );
    expect(await constrained()).toEqual(['open', 'click']);
    await expect(marketo.locator('.mks-campaign[data-type="click"]').textContent()).resolves.toContain(
      'Clicks Link in Email',
    );
    await expect(marketo.locator('.mks-campaign[data-type="click"]').textContent()).resolves.toContain('Call Webhook');

    await page
      .locator('.kintoneplugin-input-checkbox-item', { hasText: 'Ignore bot activity' })
      .locator('label')
      .click();
    expect(await constrained()).toEqual([]);
    await page.locator('.kintoneplugin-input-checkbox-item', { hasText: 'Sent' }).locator('label').click();
    expect(await campaigns()).toEqual(['send', 'open', 'click', 'bounce', 'unsubscribe']);
    await expect(marketo.locator('.mks-campaign[data-type="send"]').textContent()).resolves.toContain('Was Sent Email');

    await expect(marketo.locator('[data-note="reply"]').textContent()).resolves.toBe(
      'Replies need no smart campaign: they reach the server by email.',
    );
    await marketo.locator('.mks-copy--block .mks-copy__button').click();
    await marketo.locator('.mks-copy--block .mks-copy__feedback:not(:empty)').waitFor();
    await expect(marketo.locator('.mks-copy--block .mks-copy__feedback').textContent()).resolves.toBe('Copied');
    await page.close();
  });

  it('maps the reply slots and records replies, with a hint and no Marketo campaign for them', async () => {
    const { page, errors } = await openSettings();
    const label = (target: string) =>
      page.locator(`.mks-row[data-target="${target}"] > .kintoneplugin-label`).textContent();
    await expect(label('summary.replyCount')).resolves.toBe('Reply count');
    await expect(label('summary.lastReplied')).resolves.toBe('Last replied');
    await expect(label('history.columns.snippet')).resolves.toBe('Reply text');
    await expect(page.locator('select[data-slot="summary.replyCount"]').inputValue()).resolves.toBe('mkto_reply_count');
    await expect(page.locator('select[data-slot="summary.lastReplied"]').inputValue()).resolves.toBe(
      'mkto_last_replied',
    );
    await expect(page.locator('select[data-slot="history.columns.snippet"]').inputValue()).resolves.toBe(
      'mkto_h_snippet',
    );
    expect(await optionValues(page, 'history.columns.snippet')).toEqual([
      '',
      'mkto_h_type',
      'mkto_h_campaign',
      'mkto_h_email',
      'mkto_h_key',
      'mkto_h_form',
      'mkto_h_link',
      'mkto_h_snippet',
      'mkto_h_subject',
    ]);

    const reply = page.locator('.mks-checklist__item', { has: page.locator('input[value="reply"]') });
    await expect(reply.locator('input').isChecked()).resolves.toBe(true);
    await expect(reply.locator('label').textContent()).resolves.toBe('Replied');
    await expect(reply.locator('.mks-hint').textContent()).resolves.toContain(
      'once the person who runs the server has set up the address replies go to',
    );

    // With replies alone there is no campaign to create, and the screen says why.
    for (const type of ['Opened', 'Clicked a link', 'Bounced', 'Unsubscribed']) {
      await page.locator('.kintoneplugin-input-checkbox-item', { hasText: type }).locator('label').click();
    }
    const marketo = page.locator('#mks-section-marketo');
    expect(await marketo.locator('.mks-campaign').count()).toBe(0);
    await expect(marketo.locator('[data-note="reply"]').isVisible()).resolves.toBe(true);
    await expect(marketo.locator('.mks-why').count()).resolves.toBe(0);
    await screenshot(page.locator('#mks-section-events'), 'settings-replies');

    await page.locator('select[data-slot="history.columns.snippet"]').selectOption('mkto_h_subject');
    await page.locator('button[data-action="save"]').click();
    await expect(fieldError(page, 'history.columns.snippet').textContent()).resolves.toBe(
      '"mkto_h_subject" is also chosen for "Subject". Each field can hold one value.',
    );
    expect(stack.preview.getPluginConfig()).toEqual({});
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains connection problems: bad URL, unreachable server, refused secret', async () => {
    const { page } = await openSettings();
    const register = () => page.locator('button[data-action="register"]').click();
    const result = page.locator('.mks-result[data-result="register"]');

    await page.locator('input[data-slot="connection.serverUrl"]').fill('ftp://example.com');
    await register();
    await expect(fieldError(page, 'connection.serverUrl').textContent()).resolves.toContain('starts with https://');

    const closed = `http://localhost:${await unusedPort()}`;
    await page.locator('input[data-slot="connection.serverUrl"]').fill(closed);
    await page.locator('input[data-slot="connection.adminSecret"]').fill(ADMIN_SECRET);
    await page.locator('input[data-slot="connection.apiToken"]').fill(API_TOKEN);
    await register();
    await result.locator('.kintoneplugin-alert').waitFor();
    // Said for the admin; the technical detail is folded away for the person who runs the server.
    await expect(result.locator('.kintoneplugin-alert > p').first().textContent()).resolves.toBe(
      `Could not reach the server at ${closed}. Check the server URL with the person who runs the server.`,
    );
    await expect(result.locator('details').textContent()).resolves.toMatch(/ECONNREFUSED/);
    await expect(result.locator('details p').isVisible()).resolves.toBe(false);

    await page.locator('input[data-slot="connection.serverUrl"]').fill(admin.url);
    await page.locator('input[data-slot="connection.adminSecret"]').fill('wrong');
    await register();
    await result.locator('.kintoneplugin-alert').waitFor();
    await expect(result.textContent()).resolves.toContain('The server refused the admin secret.');
    await expect(fieldError(page, 'connection.adminSecret').textContent()).resolves.toContain(
      'The server refused this admin secret.',
    );
    await page.close();
  });

  it('registers with the server, sends a test event and saves the settings keeping only the read-only status key', async () => {
    admin.requests.length = 0;
    const { page, errors } = await openSettings();
    await page.locator('input[data-slot="connection.serverUrl"]').fill(`${admin.url}/`);
    await page.locator('input[data-slot="connection.adminSecret"]').fill(ADMIN_SECRET);
    await page.locator('input[data-slot="connection.apiToken"]').fill(API_TOKEN);
    await page.locator('button[data-action="register"]').click();
    await page.locator('.mks-result[data-result="register"] .mks-alert--success').waitFor();

    const registration = admin.requests.find((r) => r.method === 'PUT');
    expect(registration?.path).toBe(`/apps/${stack.kintone.demo.appId}/registration`);
    expect(registration?.headers['x-admin-secret']).toBe(ADMIN_SECRET);
    expect(registration?.body).toMatchObject({
      apiToken: API_TOKEN,
      kintoneBaseUrl: stack.preview.url,
      config: JSON.parse(JSON.stringify(demoSetup())),
    });

    const marketo = page.locator('#mks-section-marketo');
    await expect(marketo.locator('.mks-copy__button').nth(1).getAttribute('data-copy')).resolves.toBe(
      `${admin.url}/webhook/1`,
    );
    await expect(marketo.locator(`code:text("${admin.webhookSecret}")`).count()).resolves.toBe(1);
    await expect(page.locator('.mks-count[data-count="written"] .mks-count__value').textContent()).resolves.toBe('10');
    await expect(page.locator('.mks-count[data-count="deferred"] .mks-count__value').textContent()).resolves.toBe('3');
    // What the full history did not keep is counted as that, not among the duplicates; the row cap says why.
    await expect(page.locator('.mks-count[data-count="trimmed"]').textContent()).resolves.toBe(
      '2Not kept (history full)',
    );
    await expect(
      page.locator('.mks-row[data-target="history.maxRows"] .kintoneplugin-desc').textContent(),
    ).resolves.toMatch(/^When the table is full, .*A flood of opens never pushes out a click or a reply\./);
    await expect(page.locator('[data-requests-today]').textContent()).resolves.toContain('1,234');
    await expect(page.locator('[data-reconciled-until]').textContent()).resolves.toMatch(
      /^Checked against Marketo's activity log up to Nov 28, 2026, 10:30 AM /,
    );
    // The last error worded from its code with what to do; the server's sentence folded under the details. It is an
    // hour older than the last written event, so it reads as an earlier, probably resolved problem.
    const lastError = page.locator('.mks-server-status [data-role="last-error"]');
    await expect(lastError.getAttribute('data-code')).resolves.toBe('kintone_refused_token');
    await expect(lastError.getAttribute('data-resolved')).resolves.toBe('true');
    await expect(lastError.locator('p').first().textContent()).resolves.toMatch(
      /^An earlier problem \(.+\), probably resolved: events have been written since\. What it was: kintone refused the API token: issue a new token with "View records" and "Edit records"/,
    );
    await expect(lastError.locator('details').getAttribute('open')).resolves.toBeNull();
    await expect(lastError.locator('details').textContent()).resolves.toBe(
      'Details for the person who runs the serverkintone does not accept this API token',
    );

    await page.locator('input[data-slot="test.leadKey"]').fill('taro.yamada@example.co.jp');
    await page.locator('button[data-action="test-event"]').click();
    await page.locator('.mks-result[data-result="test"] .mks-alert').waitFor();
    await expect(page.locator('.mks-result[data-result="test"]').textContent()).resolves.toBe(
      'Written: a test event was added to the record whose "Email" is taro.yamada@example.co.jp. Open the record to see it.',
    );
    await screenshot(page.locator('#mks-section-connection'), 'settings-connection');
    await screenshot(marketo, 'settings-marketo-setup');

    await Promise.all([page.waitForURL(/\/plugin\/\?saved=1$/), page.locator('button[data-action="save"]').click()]);
    await expect(page.locator('.pv-saved').isVisible()).resolves.toBe(true);

    const saved = stack.preview.getPluginConfig();
    expect(Object.keys(saved).sort()).toEqual(['config', 'connection']);
    const result = migrateConfig(JSON.parse(saved.config ?? ''));
    expect(result).toEqual({ ok: true, config: JSON.parse(JSON.stringify(demoSetup())) });
    expect(JSON.parse(saved.connection ?? '')).toEqual({ serverUrl: admin.url, webhookUrl: `${admin.url}/webhook/1` });
    const everything = JSON.stringify(saved);
    for (const secret of [ADMIN_SECRET, API_TOKEN, admin.webhookSecret]) expect(everything).not.toContain(secret);

    // Every app user can send requests with what the proxy config holds: only the status key, for GET …/status.
    const proxies = stack.preview.getProxyConfigs();
    expect(proxies).toEqual([
      {
        url: `${admin.url}/apps/${stack.kintone.demo.appId}/status`,
        method: 'GET',
        headers: { 'X-Status-Key': admin.statusKey },
        data: {},
      },
    ]);
    expect(JSON.stringify(proxies)).not.toMatch(new RegExp(`${ADMIN_SECRET}|${API_TOKEN}`));
    expect(errors).toEqual([]);

    // Reopened, the screen shows the status with the status key alone, and changing anything asks for the admin secret.
    admin.requests.length = 0;
    await page.goto(stack.preview.pages.settings());
    await page.locator('.mks-count[data-count="written"]').waitFor();
    const statusCall = admin.requests.find((r) => r.method === 'GET');
    expect(statusCall?.headers['x-status-key']).toBe(admin.statusKey);
    expect(statusCall?.headers['x-admin-secret']).toBeUndefined();
    await expect(
      page.locator('.mks-row[data-target="connection.adminSecret"] .kintoneplugin-desc').textContent(),
    ).resolves.toContain('it is never stored');
    await page.locator('button[data-action="register"]').click();
    await expect(
      page.locator('.mks-row[data-target="connection.adminSecret"] > .mks-field-error').textContent(),
    ).resolves.toBe('Enter the admin secret.');
    expect(admin.requests.filter((r) => r.method === 'PUT')).toEqual([]);

    // Typed again, the secret registers the changed settings; the server keeps the token, so none is typed.
    await page.locator('input[data-slot="connection.adminSecret"]').fill(ADMIN_SECRET);
    await page.locator('button[data-action="register"]').click();
    await page.locator('.mks-result[data-result="register"] .mks-alert--success').waitFor();
    await expect(page.locator('.mks-result[data-result="register"]').textContent()).resolves.toContain(
      'The webhook secret is unchanged',
    );
    expect(admin.requests.find((r) => r.method === 'PUT')?.body).not.toHaveProperty('apiToken');
    await page.close();
  });

  it('says so when the form of the app cannot be read', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${stack.preview.url}/k/admin/app/999/plugin/config`);
    const alert = page.locator('#mks-config .kintoneplugin-alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/^The form of this app could not be read: .+/);
    await page.close();
  });

  it('upgrades settings saved by an older version', async () => {
    stack.preview.setPluginConfig({
      config: JSON.stringify({ emailField: 'email', historyTable: 'mkto_history', maxRows: 50 }),
    });
    const { page } = await openSettings();
    await expect(page.locator('.mks-alert--info').first().textContent()).resolves.toContain(
      'saved by an older version',
    );
    await expect(page.locator('input[data-slot="history.maxRows"]').inputValue()).resolves.toBe('50');
    await page.close();
  });

  it('removes, on the first save, the admin secret and API token that versions before 0.2 kept in the proxy config', async () => {
    const prefix = `${admin.url}/apps/${stack.kintone.demo.appId}/`;
    stack.preview.setPluginConfig({
      config: JSON.stringify(defaultConfig()),
      connection: JSON.stringify({ serverUrl: admin.url, webhookUrl: '' }),
    });
    for (const method of ['PUT', 'GET', 'POST'] as const) {
      await fetch(`${stack.preview.url}/_preview/apps/${stack.kintone.demo.appId}/proxy-config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          url: prefix,
          method,
          headers: { 'X-Admin-Secret': ADMIN_SECRET },
          data: method === 'PUT' ? { apiToken: API_TOKEN } : {},
        }),
      });
    }
    const { page, errors } = await openSettings();
    await page.locator('input[data-slot="connection.adminSecret"]').fill(ADMIN_SECRET);
    await Promise.all([page.waitForURL(/\/plugin\/\?saved=1$/), page.locator('button[data-action="save"]').click()]);
    const proxies = stack.preview.getProxyConfigs();
    expect(JSON.stringify(proxies)).not.toMatch(new RegExp(`${ADMIN_SECRET}|${API_TOKEN}`));
    expect(proxies.map((p) => `${p.method} ${p.url}`)).toEqual([`GET ${prefix}status`]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('speaks Japanese to a Japanese administrator', async () => {
    const { page, errors } = await openSettings(stack.preview.pages.settings('ja'));
    await expect(page.locator('.mks-page-title').textContent()).resolves.toBe('Marketo メール反応: 設定');
    await expect(page.locator('#mks-section-lead-title').textContent()).resolves.toBe('顧客レコード');
    const reply = page.locator('.mks-checklist__item', { has: page.locator('input[value="reply"]') });
    await expect(reply.locator('label').textContent()).resolves.toBe('返信');
    await expect(reply.locator('.mks-hint').textContent()).resolves.toContain('返信の届け先');
    await expect(
      page.locator('.mks-row[data-target="summary.replyCount"] > .kintoneplugin-label').textContent(),
    ).resolves.toBe('返信回数');
    await expect(
      page.locator('.mks-row[data-target="history.columns.snippet"] > .kintoneplugin-label').textContent(),
    ).resolves.toBe('返信の本文');
    await expect(page.locator('button[data-action="save"]').textContent()).resolves.toBe('保存する');
    await page.locator('[data-role="summary-advanced"] > summary').click();
    await page.locator('select[data-slot="summary.lastOpened"]').selectOption('mkto_first_opened');
    await page.locator('button[data-action="save"]').click();
    await expect(fieldError(page, 'summary.lastOpened').textContent()).resolves.toContain('にも選ばれています');
    await screenshot(page, 'settings-ja');
    expect(errors).toEqual([]);
    await page.close();
  });
});
