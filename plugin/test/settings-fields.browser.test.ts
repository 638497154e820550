/**
 * The first setup's field matching and field adding, in headless Chromium against the local kintone: a Japanese
 * customer app with its own codes gets every setting matched; an app with only company, contact and email gets the
 * missing fields added (after the admin confirms the list), deployed, mapped, and saved.
 */
import type { Browser, Page } from 'playwright-core';
import { migrateConfig } from '../../contract/src/config';
import { basicCustomerAppDefinition, japaneseCustomerAppDefinition } from '../../scripts/kintone-emulator';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { kintoneRequest, startStack, type Stack } from './support/stack';

jest.setTimeout(90_000);

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openSettings(appId: string, lang: 'ja' | 'en'): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(browser, { width: 1366, height: 768 });
  await page.goto(`${stack.preview.url}/k/admin/app/${appId}/plugin/config?lang=${lang}`);
  await page.locator('.mks-screen').waitFor();
  return { page, errors };
}

const value = (page: Page, slot: string) => page.locator(`select[data-slot="${slot}"]`).inputValue();

async function values(page: Page, slots: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const slot of slots) out[slot] = await value(page, slot);
  return out;
}

/** Polls the local kintone until the app's deployment is no longer PROCESSING (it answers every second). */
async function waitForDeploy(appId: string): Promise<void> {
  for (;;) {
    const answer = (await kintoneRequest(stack, 'GET', `/k/v1/preview/app/deploy.json?apps[0]=${appId}`)) as {
      apps: { status: string }[];
    };
    if (answer.apps[0]!.status !== 'PROCESSING') {
      expect(answer.apps[0]!.status).toBe('SUCCESS');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function save(page: Page): Promise<void> {
  await Promise.all([page.waitForURL(/\/plugin\/\?saved=1$/), page.locator('button[data-action="save"]').click()]);
}

describe('fields matched and added for the admin', () => {
  it('matches every setting a Japanese customer app with its own field codes can fill, and saves it as is', async () => {
    const appId = stack.kintone.createApp(japaneseCustomerAppDefinition());
    const { page, errors } = await openSettings(appId, 'ja');

    expect(
      await values(page, [
        'leadKey',
        'summary.status',
        'summary.firstOpened',
        'summary.lastOpened',
        'summary.openCount',
        'summary.lastClicked',
        'summary.clickCount',
        'summary.lastBounced',
        'summary.unsubscribed',
        'summary.lastReplied',
        'summary.replyCount',
        'history.table',
        'history.columns.occurredAt',
        'history.columns.type',
        'history.columns.emailName',
        'history.columns.subject',
        'history.columns.link',
        'history.columns.campaign',
        'history.columns.snippet',
        'history.columns.eventKey',
        'panel.spaceId',
      ]),
    ).toEqual({
      leadKey: 'mail_address',
      'summary.status': 'haishin_status',
      'summary.firstOpened': 'shokai_kaifu',
      'summary.lastOpened': 'saishu_kaifu',
      'summary.openCount': 'kaifu_kaisu',
      'summary.lastClicked': 'saishu_click',
      'summary.clickCount': 'click_kaisu',
      'summary.lastBounced': '',
      'summary.unsubscribed': '',
      'summary.lastReplied': 'saishu_henshin',
      'summary.replyCount': 'henshin_kaisu',
      'history.table': 'haishin_rireki',
      'history.columns.occurredAt': 'rireki_nichiji',
      'history.columns.type': 'rireki_shubetsu',
      'history.columns.emailName': 'rireki_mail',
      'history.columns.subject': 'rireki_kenmei',
      'history.columns.link': 'rireki_link',
      'history.columns.campaign': 'rireki_campaign',
      'history.columns.snippet': 'rireki_henshin',
      'history.columns.eventKey': 'rireki_key',
      'panel.spaceId': 'marketo_panel',
    });
    const statusValues = await page
      .locator('select[data-status]')
      .evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).value));
    expect(statusValues).toEqual(['未送信', '送信済み', '配信済み', '開封', 'クリック', 'バウンス', '配信停止']);

    // What was matched is said, in Japanese, for the admin to confirm; the summary fields are folded.
    const matched = page.locator('[data-role="matched-details"]');
    await expect(matched.locator('summary').textContent()).resolves.toBe(
      '19 項目の設定をこのアプリのフィールドに自動で割り当てました: 確認してください',
    );
    await expect(matched.locator('li[data-target="summary.lastOpened"]').textContent({ timeout: 1000 })).resolves.toBe(
      '最終開封日時: 最終開封日時 (saishu_kaifu) — 名前が一致',
    );
    await expect(matched.locator('li[data-target="leadKey.field"]').textContent()).resolves.toContain(
      'メールアドレス (mail_address) — 当てはまる唯一のフィールド',
    );
    const advanced = page.locator('[data-role="summary-advanced"]');
    await expect(advanced.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    await expect(advanced.locator('summary').textContent()).resolves.toBe(
      '詳細: 集計フィールドとステータスの値 (10 項目中 8 項目を設定済み)',
    );
    // Two missing summary fields (last bounced, unsubscribed) can be added; nothing else is missing.
    await expect(page.locator('#mks-section-fields').textContent()).resolves.toContain('2 個足りません');
    await screenshot(page, 'settings-fields-ja-matched');

    await save(page);
    const saved = migrateConfig(JSON.parse(stack.preview.getPluginConfig(appId).config ?? ''));
    expect(saved.ok && saved.config).toMatchObject({
      leadKey: { source: 'email', field: 'mail_address' },
      summary: { status: 'haishin_status', lastOpened: 'saishu_kaifu', statusLabels: { notSent: '未送信' } },
      history: { table: 'haishin_rireki', columns: { type: 'rireki_shubetsu', eventKey: 'rireki_key' } },
      panel: { placement: 'space', spaceId: 'marketo_panel' },
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds the missing fields to an app with only company, contact and email, after confirming, then saves', async () => {
    const appId = stack.kintone.createApp(basicCustomerAppDefinition());
    type Fields = { properties: Record<string, unknown>; revision: string };
    const before = (await kintoneRequest(stack, 'GET', `/k/v1/app/form/fields.json?app=${appId}`)) as Fields;
    const { page, errors } = await openSettings(appId, 'ja');
    await expect(value(page, 'leadKey')).resolves.toBe('mail');

    await page.locator('button[data-action="add-fields"]').click();
    const plan = page.locator('[data-role="plan"] li');
    await expect(plan.count()).resolves.toBe(20);
    await expect(plan.first().textContent()).resolves.toBe('ステータス (mkto_status): ドロップダウン');
    await expect(page.locator('[data-role="plan"] li[data-code="mkto_h_key"]').textContent()).resolves.toBe(
      'イベントキー (mkto_h_key): 文字列 (1行) — Marketo メール履歴 の列',
    );
    await expect(plan.last().textContent()).resolves.toBe('パネル用のスペース (要素ID mkto_panel)');
    await screenshot(page, 'settings-fields-ja-confirm');
    // Nothing is added before the admin confirms.
    const untouched = (await kintoneRequest(stack, 'GET', `/k/v1/preview/app/form/fields.json?app=${appId}`)) as Fields;
    expect(untouched.revision).toBe(before.revision);

    await page.locator('button[data-action="confirm-add-fields"]').click();
    const outcome = page.locator('[data-role="create-outcome"] .mks-alert');
    await outcome.waitFor({ timeout: 30_000 });
    await expect(outcome.textContent()).resolves.toBe(
      '19 個のフィールドを追加し、アプリを更新しました。下の設定で選択済みです。確認して「保存」をクリックしてください。',
    );

    // Deployed to the live form; the existing fields exactly as they were.
    const after = (await kintoneRequest(stack, 'GET', `/k/v1/app/form/fields.json?app=${appId}`)) as Fields;
    for (const code of Object.keys(before.properties)) expect(after.properties[code]).toEqual(before.properties[code]);
    expect(after.properties.mkto_status).toMatchObject({ type: 'DROP_DOWN', label: 'ステータス' });
    expect(after.properties.mkto_history).toMatchObject({ type: 'SUBTABLE', label: 'Marketo メール履歴' });
    const layout = JSON.stringify(await kintoneRequest(stack, 'GET', `/k/v1/app/form/layout.json?app=${appId}`));
    expect(layout).toContain('"elementId":"mkto_panel"');

    expect(
      await values(page, [
        'summary.status',
        'summary.lastOpened',
        'history.table',
        'history.columns.eventKey',
        'panel.spaceId',
      ]),
    ).toEqual({
      'summary.status': 'mkto_status',
      'summary.lastOpened': 'mkto_last_opened',
      'history.table': 'mkto_history',
      'history.columns.eventKey': 'mkto_h_key',
      'panel.spaceId': 'mkto_panel',
    });
    await expect(page.locator('#mks-section-fields').textContent()).resolves.toContain(
      'このアプリには設定に必要なフィールドがすべてあります。',
    );
    await screenshot(page, 'settings-fields-ja-added');

    await save(page);
    const saved = migrateConfig(JSON.parse(stack.preview.getPluginConfig(appId).config ?? ''));
    expect(saved.ok && saved.config).toMatchObject({
      leadKey: { field: 'mail' },
      summary: {
        status: 'mkto_status',
        openCount: 'mkto_open_count',
        lastBounced: 'mkto_last_bounced',
        statusLabels: { notSent: '未送信', unsubscribed: '配信停止' },
      },
      history: {
        table: 'mkto_history',
        columns: { occurredAt: 'mkto_h_at', type: 'mkto_h_type', eventKey: 'mkto_h_key' },
      },
      panel: { placement: 'space', spaceId: 'mkto_panel' },
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says the fields are not live and maps nothing when kintone cannot update the app (the deployment ends FAIL), then maps them once the app is updated', async () => {
    const appId = stack.kintone.createApp(basicCustomerAppDefinition());
    stack.kintone.failDeploys(appId, true);
    type Fields = { properties: Record<string, unknown>; revision: string };
    const before = (await kintoneRequest(stack, 'GET', `/k/v1/app/form/fields.json?app=${appId}`)) as Fields;
    const { page, errors } = await openSettings(appId, 'ja');

    await page.locator('button[data-action="add-fields"]').click();
    await page.locator('[data-role="plan"] li').first().waitFor();
    const planned = await page
      .locator('[data-role="plan"] li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-code')));
    await page.locator('button[data-action="confirm-add-fields"]').click();
    const outcome = page.locator('[data-role="create-outcome"] .mks-alert');
    await outcome.waitFor({ timeout: 30_000 });
    await expect(outcome.textContent()).resolves.toBe(
      'kintone がアプリを更新できませんでした。フィールドはアプリの設定に追加されましたが、まだ運用環境に反映されていないため、設定には割り当てていません。アプリの設定を開いて「アプリを更新」をクリックしてから、この画面に戻ってください。',
    );
    // The section names what is in the app's settings but not live, and offers no second adding.
    const notLive = page.locator('#mks-section-fields [data-role="not-live"] li');
    await notLive.first().waitFor();
    await expect(notLive.evaluateAll((items) => items.map((li) => li.getAttribute('data-code')))).resolves.toEqual(
      expect.arrayContaining(planned.filter((code) => code !== null && !code.startsWith('mkto_h_'))),
    );
    await expect(page.locator('#mks-section-fields [data-role="not-live-intro"]').textContent()).resolves.toBe(
      '次の項目はアプリの設定にありますが、まだ運用環境に反映されていないため、この画面では使えません。アプリの設定を開いて「アプリを更新」をクリックしてから、この画面に戻ってください:',
    );
    await expect(page.locator('button[data-action="add-fields"]').count()).resolves.toBe(0);
    await screenshot(page, 'settings-fields-ja-deploy-failed');

    // The live form is as it was, and no setting points at a field that is not live.
    const after = (await kintoneRequest(stack, 'GET', `/k/v1/app/form/fields.json?app=${appId}`)) as Fields;
    expect(after).toEqual(before);
    const deploy = (await kintoneRequest(stack, 'GET', `/k/v1/preview/app/deploy.json?apps[0]=${appId}`)) as {
      apps: { status: string }[];
    };
    expect(deploy.apps[0]!.status).toBe('FAIL');
    const unmapped = async (p: Page) => {
      await expect(values(p, ['summary.status', 'summary.lastOpened', 'summary.openCount'])).resolves.toEqual({
        'summary.status': '',
        'summary.lastOpened': '',
        'summary.openCount': '',
      });
      // No field the failed deployment would have added is offered, and the app still has no table to choose.
      await expect(p.locator('option[value^="mkto_"]').count()).resolves.toBe(0);
      await expect(p.locator('select[data-slot="history.table"] option[value="mkto_history"]').count()).resolves.toBe(
        0,
      );
    };
    await unmapped(page);
    expect(errors).toEqual([]);
    await page.close();

    // Opened again later: the pre-live form holds the fields; the first setup matches none of them, the notice stays.
    const reopened = await openSettings(appId, 'en');
    await reopened.page.locator('#mks-section-fields [data-role="not-live"] li').first().waitFor();
    await expect(reopened.page.locator('#mks-section-fields [data-role="not-live-intro"]').textContent()).resolves.toBe(
      "These are in the app's settings but not live yet, so nothing on this screen can use them. Open the app settings and click Update App, then come back to this screen:",
    );
    await expect(reopened.page.locator('[data-role="matched"] li[data-target^="summary."]').count()).resolves.toBe(0);
    await unmapped(reopened.page);
    expect(reopened.errors).toEqual([]);
    await reopened.page.close();

    // The admin clicks Update App (kintone deploys now) and comes back: the fields are live, matched and offered.
    stack.kintone.failDeploys(appId, false);
    await kintoneRequest(stack, 'POST', '/k/v1/preview/app/deploy.json', { apps: [{ app: appId }] });
    await waitForDeploy(appId);
    const updated = await openSettings(appId, 'en');
    await expect(values(updated.page, ['summary.status', 'summary.openCount', 'history.table'])).resolves.toEqual({
      'summary.status': 'mkto_status',
      'summary.openCount': 'mkto_open_count',
      'history.table': 'mkto_history',
    });
    await expect(updated.page.locator('[data-role="not-live"]').count()).resolves.toBe(0);
    expect(updated.errors).toEqual([]);
    await updated.page.close();
  });
});
