/**
 * The settings of the sales signals in headless Chromium against the local kintone: web visits and form fills with
 * their page patterns, the engagement score (field, weights under "Advanced"), alerts to the record's owner, the
 * fields and the "Hot customers" view the screen adds, and an axe scan of the new sections opened.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_SCORE_SETTINGS, defaultConfig, migrateConfig } from '../../contract/src/config';
import {
  basicCustomerAppDefinition,
  japaneseCustomerAppDefinition,
  type AppDefinition,
} from '../../scripts/kintone-emulator';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { kintoneRequest, saveConfig, startStack, type Stack } from './support/stack';

jest.setTimeout(120_000);

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

async function openSettings(
  appId: string,
  lang: 'ja' | 'en',
  viewport = LAPTOP,
): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(browser, viewport);
  await page.goto(`${stack.preview.url}/k/admin/app/${appId}/plugin/config?lang=${lang}`);
  await page.locator('.mks-screen').waitFor();
  return { page, errors };
}

const value = (page: Page, slot: string) => page.locator(`select[data-slot="${slot}"]`).inputValue();
const fieldError = (page: Page, target: string) => page.locator(`.mks-row[data-target="${target}"] > .mks-field-error`);
/** kintone's checkbox look draws the box on the label, which takes the click. */
async function tick(page: Page, checkboxValue: string): Promise<void> {
  await page.locator(`input[type="checkbox"][value="${checkboxValue}"] + label`).click();
  await expect(page.locator(`input[type="checkbox"][value="${checkboxValue}"]`).isChecked()).resolves.toBe(true);
}

async function untick(page: Page, checkboxValue: string): Promise<void> {
  await page.locator(`input[type="checkbox"][value="${checkboxValue}"] + label`).click();
  await expect(page.locator(`input[type="checkbox"][value="${checkboxValue}"]`).isChecked()).resolves.toBe(false);
}

async function save(page: Page): Promise<void> {
  await Promise.all([page.waitForURL(/\/plugin\/\?saved=1$/), page.locator('button[data-action="save"]').click()]);
}
function savedConfig(appId: string) {
  const result = migrateConfig(JSON.parse(stack.preview.getPluginConfig(appId).config ?? ''));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

type ViewsAnswer = { views: Record<string, Record<string, unknown>>; revision: string };

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

/** The Japanese customer app with fields for visits, form fills, the score, an owner, and a form column. */
function japaneseSignalsApp(): AppDefinition {
  const base = japaneseCustomerAppDefinition();
  const table = base.properties.haishin_rireki as Extract<AppDefinition['properties'][string], { type: 'SUBTABLE' }>;
  return {
    name: base.name,
    properties: {
      ...base.properties,
      saishu_houmon: { type: 'DATETIME', code: 'saishu_houmon', label: '最終訪問日時' },
      houmon_kaisu: { type: 'NUMBER', code: 'houmon_kaisu', label: '訪問回数' },
      saishu_form: { type: 'DATETIME', code: 'saishu_form', label: '最終フォーム送信日時' },
      form_kaisu: { type: 'NUMBER', code: 'form_kaisu', label: 'フォーム送信回数' },
      kanshindo: { type: 'NUMBER', code: 'kanshindo', label: 'エンゲージメントスコア' },
      eigyo: { type: 'USER_SELECT', code: 'eigyo', label: '担当営業' },
      haishin_rireki: {
        ...table,
        fields: {
          ...table.fields,
          rireki_form: { type: 'SINGLE_LINE_TEXT', code: 'rireki_form', label: 'フォーム名' },
        },
      },
    },
  };
}

describe('sales signals in the settings', () => {
  it('matches the signal fields of a Japanese app, shows visit and form slots once ticked, and requires the visited pages', async () => {
    const appId = stack.kintone.createApp(japaneseSignalsApp());
    const { page, errors } = await openSettings(appId, 'ja');

    // The score field was found by its label, so the score is on; visits and form fills are not recorded yet.
    await expect(page.locator('input[type="checkbox"][value="scoreOn"]').isChecked()).resolves.toBe(true);
    await expect(value(page, 'summary.score')).resolves.toBe('kanshindo');
    await expect(page.locator('[data-role="matched"] li[data-target="summary.score"]').textContent()).resolves.toBe(
      'エンゲージメントスコア: エンゲージメントスコア (kanshindo) — 名前が一致',
    );
    await expect(page.locator('select[data-slot="summary.lastVisited"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-slot="visitPages"]').count()).resolves.toBe(0);

    await tick(page, 'visit');
    await tick(page, 'form');
    await expect(value(page, 'summary.lastVisited')).resolves.toBe('saishu_houmon');
    await expect(value(page, 'summary.visitCount')).resolves.toBe('houmon_kaisu');
    await expect(value(page, 'summary.lastFormFilled')).resolves.toBe('saishu_form');
    await expect(value(page, 'summary.formCount')).resolves.toBe('form_kaisu');
    await expect(value(page, 'history.columns.formName')).resolves.toBe('rireki_form');
    await expect(
      page.locator('.mks-row[data-target="visitPages"] .kintoneplugin-desc').textContent(),
    ).resolves.toContain(
      'kintone の 1 アプリあたり 1 日のリクエスト数の上限 (スタンダードコースで 1 万回) を超えないように',
    );
    // The pages box sits directly under 「Web ページの訪問」, not after the last event type.
    await expect(
      page.locator('.mks-checklist__item:has(input[value="visit"]) [data-slot="visitPages"]').count(),
    ).resolves.toBe(1);

    // Visits need the pages they are recorded for.
    await page.locator('button[data-action="save"]').click();
    await expect(fieldError(page, 'visitPages').textContent()).resolves.toBe(
      '/pricing のように、ページを 1 つ以上書いてください。',
    );
    await page.locator('[data-slot="visitPages"]').fill('/pricing\nexample.co.jp/seminar');
    await expect(fieldError(page, 'visitPages').isHidden()).resolves.toBe(true);
    await screenshot(page, 'settings-signals-ja-matched');
    await save(page);

    expect(savedConfig(appId)).toMatchObject({
      eventTypes: expect.arrayContaining(['visit', 'form']) as unknown,
      visitPages: ['/pricing', 'example.co.jp/seminar'],
      summary: {
        score: 'kanshindo',
        lastVisited: 'saishu_houmon',
        visitCount: 'houmon_kaisu',
        lastFormFilled: 'saishu_form',
        formCount: 'form_kaisu',
      },
      history: { columns: { formName: 'rireki_form' } },
      score: DEFAULT_SCORE_SETTINGS,
    });
    expect(savedConfig(appId).alerts).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds the score field and a "Hot customers" view sorted by it, leaving the app\'s own view as it was', async () => {
    const appId = stack.kintone.createApp(basicCustomerAppDefinition());
    const ownView = { type: 'LIST', index: '0', name: 'All customers', fields: ['company_name', 'mail'], sort: '' };
    await kintoneRequest(stack, 'PUT', '/k/v1/preview/app/views.json', {
      app: appId,
      views: { 'All customers': ownView },
    });
    await kintoneRequest(stack, 'POST', '/k/v1/preview/app/deploy.json', { apps: [{ app: appId }] });
    await waitForDeploy(appId);
    const before = (await kintoneRequest(stack, 'GET', `/k/v1/app/views.json?app=${appId}`)) as ViewsAnswer;

    const { page, errors } = await openSettings(appId, 'en');
    await expect(page.locator('select[data-slot="summary.score"]').count()).resolves.toBe(0);
    await tick(page, 'scoreOn');
    // Nothing fits yet: the screen says so, and offers to add it.
    await expect(page.locator('.mks-row[data-target="summary.score"] .mks-why').textContent()).resolves.toContain(
      'this needs a Number field',
    );
    await page.locator('button[data-action="add-fields"]').click();
    await expect(page.locator('[data-role="plan"] li[data-code="mkto_score"]').textContent()).resolves.toBe(
      'Engagement score (mkto_score): Number',
    );
    await expect(page.locator('[data-role="plan"] li[data-view]').textContent()).resolves.toBe(
      'List view "Hot customers": the customers by Engagement score, highest first',
    );
    await screenshot(page, 'settings-signals-en-plan');
    const untouched = (await kintoneRequest(stack, 'GET', `/k/v1/preview/app/views.json?app=${appId}`)) as ViewsAnswer;
    expect(Object.keys(untouched.views)).toEqual(['All customers']);

    await page.locator('button[data-action="confirm-add-fields"]').click();
    const outcome = page.locator('[data-role="create-outcome"] .mks-alert');
    await outcome.waitFor({ timeout: 30_000 });
    await expect(outcome.textContent()).resolves.toContain('The list view "Hot customers" was added.');
    await expect(value(page, 'summary.score')).resolves.toBe('mkto_score');

    // Live: the app's own view exactly as it was, and the new one sorted by the score, highest first.
    const after = (await kintoneRequest(stack, 'GET', `/k/v1/app/views.json?app=${appId}`)) as ViewsAnswer;
    expect(after.views['All customers']).toEqual(before.views['All customers']);
    expect(after.views['Hot customers']).toMatchObject({
      type: 'LIST',
      name: 'Hot customers',
      index: '1',
      sort: 'mkto_score desc',
      fields: expect.arrayContaining(['company_name', 'contact', 'mail', 'mkto_score']) as unknown,
    });
    const fields = (await kintoneRequest(stack, 'GET', `/k/v1/app/form/fields.json?app=${appId}`)) as {
      properties: Record<string, { type: string }>;
    };
    expect(fields.properties.mkto_score?.type).toBe('NUMBER');
    // Nothing is left to add: the view exists now.
    await expect(page.locator('#mks-section-fields').textContent()).resolves.toContain(
      'This app has every field the settings need.',
    );

    await save(page);
    expect(savedConfig(appId)).toMatchObject({ summary: { score: 'mkto_score' }, score: DEFAULT_SCORE_SETTINGS });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains an app without a User selection field, and checks the moments and their pages', async () => {
    const appId = stack.kintone.createApp(basicCustomerAppDefinition());
    const { page, errors } = await openSettings(appId, 'en');
    await expect(page.locator('select[data-slot="alerts.ownerField"]').count()).resolves.toBe(0);
    await tick(page, 'alertsOn');
    await expect(page.locator('.mks-row[data-target="alerts.ownerField"] .mks-why').textContent()).resolves.toBe(
      'No field fits: this needs a User selection field and the form has none. Add one in Form settings, save the form, then reopen this screen.',
    );
    await expect(page.locator('#mks-section-alerts').textContent()).resolves.toContain(
      'Comments must be enabled in this app',
    );
    await expect(page.locator('[data-slot="alerts.clickPages"]').isHidden()).resolves.toBe(true);
    // Turning alerts on ticks the recorded one of replies and form fills (replies are, form fills not), and the
    // threshold starts where a hot lead with the default weights gets.
    await expect(page.locator('input[value="onReply"]').isChecked()).resolves.toBe(true);
    await expect(page.locator('input[value="onForm"]').isChecked()).resolves.toBe(false);
    await expect(page.locator('[data-slot="alerts.scoreThreshold"]').inputValue()).resolves.toBe('30');
    await expect(page.locator('.mks-row[data-target="alerts.perRecordPerDay"] .mks-unit').textContent()).resolves.toBe(
      'per day (1 to 10)',
    );

    await untick(page, 'onReply');
    await page.locator('button[data-action="save"]').click();
    await expect(fieldError(page, 'alerts.ownerField').textContent()).resolves.toBe('Choose a field.');
    await expect(fieldError(page, 'alerts.moments').textContent()).resolves.toBe(
      'Choose at least one moment to alert on.',
    );
    await tick(page, 'onClick');
    await expect(page.locator('[data-slot="alerts.clickPages"]').isVisible()).resolves.toBe(true);
    // Each moment's pages directly under its own checkbox.
    await expect(
      page.locator('.mks-checklist__item:has(input[value="onClick"]) [data-slot="alerts.clickPages"]').count(),
    ).resolves.toBe(1);
    await expect(fieldError(page, 'alerts.moments').isHidden()).resolves.toBe(true);
    await page.locator('button[data-action="save"]').click();
    await expect(fieldError(page, 'alerts.clickPages').textContent()).resolves.toBe(
      'Write at least one page, such as /pricing.',
    );
    await tick(page, 'onScore');
    await page.locator('button[data-action="save"]').click();
    await expect(fieldError(page, 'alerts.scoreThreshold').textContent()).resolves.toBe(
      'The score is not kept: turn on "Keep an engagement score" above.',
    );

    // An alert on a page whose visits are not recorded is allowed, with a warning; a page inside a recorded one is fine.
    await tick(page, 'visit');
    await page.locator('[data-slot="visitPages"]').fill('/pricing');
    await tick(page, 'onVisit');
    await expect(
      page.locator('.mks-checklist__item:has(input[value="onVisit"]) [data-slot="alerts.visitPages"]').count(),
    ).resolves.toBe(1);
    const unrecorded = page.locator('[data-role="alert-visit-unrecorded"]');
    await page.locator('[data-slot="alerts.visitPages"]').fill('/contact\n/pricing/enterprise');
    await expect(unrecorded.textContent()).resolves.toBe(
      'Visits to /contact are not recorded, so this alert cannot fire: add them to "Pages whose visits are recorded" under "Events to record".',
    );
    await page.locator('[data-slot="alerts.visitPages"]').fill('/pricing/enterprise');
    await expect(unrecorded.count()).resolves.toBe(0);
    await page.locator('[data-slot="visitPages"]').fill('/careers');
    await expect(unrecorded.textContent()).resolves.toMatch(/^Visits to \/pricing\/enterprise are not recorded/);
    await screenshot(page, 'settings-signals-en-alerts-invalid');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("saves alerts to the owner of the demo app, in the admin's language unless changed", async () => {
    const appId = stack.kintone.demo.appId;
    saveConfig(stack, { ...defaultConfig(), summary: { ...defaultConfig().summary, score: 'mkto_score' } }, appId);
    const { page, errors } = await openSettings(appId, 'ja');
    await tick(page, 'alertsOn');
    await expect(
      page
        .locator('select[data-slot="alerts.ownerField"] option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
    ).resolves.toEqual(['', 'owner']);
    await expect(page.locator('.mks-row[data-target="alerts.language"] input:checked').inputValue()).resolves.toBe(
      'ja',
    );
    await page.locator('select[data-slot="alerts.ownerField"]').selectOption('owner');
    await expect(page.locator('input[value="onReply"]').isChecked()).resolves.toBe(true);
    await tick(page, 'onClick');
    await page.locator('[data-slot="alerts.clickPages"]').fill('/pricing');
    await tick(page, 'onScore');
    await page.locator('[data-slot="alerts.scoreThreshold"]').fill('60');
    await page.locator('[data-slot="alerts.perRecordPerDay"]').fill('2');
    // Weights under "Advanced", with the defaults one click away.
    await page.locator('[data-role="score-advanced"] summary').click();
    await page.locator('[data-slot="score.weights.form"]').fill('20');
    await page.locator('[data-slot="score.halfLifeDays"]').fill('7');
    await expect(page.locator('#mks-section-score .kintoneplugin-desc').first().textContent()).resolves.toContain(
      '7 日ごとに半分',
    );
    await save(page);
    expect(savedConfig(appId)).toMatchObject({
      score: { weights: { ...DEFAULT_SCORE_SETTINGS.weights, form: 20 }, halfLifeDays: 7 },
      alerts: {
        ownerField: 'owner',
        onReply: true,
        onForm: false,
        clickPages: ['/pricing'],
        visitPages: [],
        scoreThreshold: 60,
        perRecordPerDay: 2,
        language: 'ja',
      },
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['en', LAPTOP],
    ['en', PHONE],
    ['ja', LAPTOP],
    ['ja', PHONE],
  ] as const)(
    'has no serious or critical axe violations with the signal sections open in %s at %o',
    async (lang, viewport) => {
      const appId = stack.kintone.demo.appId;
      saveConfig(
        stack,
        {
          ...defaultConfig(),
          eventTypes: [...defaultConfig().eventTypes, 'visit', 'form'],
          visitPages: ['/pricing'],
          summary: { ...defaultConfig().summary, score: 'mkto_score', lastVisited: 'mkto_last_visited' },
          alerts: {
            ownerField: 'owner',
            onReply: true,
            onForm: true,
            clickPages: ['/pricing'],
            visitPages: ['/pricing'],
            scoreThreshold: 70,
            perRecordPerDay: 1,
            language: lang,
          },
        },
        appId,
      );
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(stack.preview.pages.settings(lang));
      await page.locator('#mks-section-alerts [data-slot="alerts.clickPages"]').waitFor();
      await page.locator('[data-role="score-advanced"] summary').click();
      await page.locator('[data-role="summary-advanced"] summary').click();
      const results = await new AxeBuilder({ page }).include('#mks-config').analyze();
      const violations = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(violations).toEqual([]);
      if (viewport === PHONE) await screenshot(page, `settings-signals-${lang}-phone`);
      await context.close();
    },
  );
});
