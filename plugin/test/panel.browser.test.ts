/**
 * The record-detail panel in headless Chromium: the real desktop and mobile bundles on the preview's
 * kintone-like pages, reading records written to the local kintone through its REST API.
 */
import type { Browser, Page } from 'playwright-core';
import { defaultConfig } from '../../contract/src/config';
import { listeningCampaign } from '../../contract/src/marketo-setup';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { minutesAgo, saveConfig, startStack, writeEngagement, type HistoryRowInput, type Stack } from './support/stack';

jest.setTimeout(60_000);

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  saveConfig(stack);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function showRecord(page: Page, url: string): Promise<void> {
  // The desktop record is named in the URL's hash; going to the same URL again would not reload the page.
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.previewReady !== undefined);
}

const DAY = 24 * 60;
const TYPES = ['send', 'delivered', 'open', 'click', 'open', 'bounce'] as const;

describe('record panel (desktop)', () => {
  it('shows a clear empty state for a record without history', async () => {
    const { page, errors } = await openPage(browser);
    await showRecord(page, stack.preview.pages.record(2));
    const panel = page.locator('#pv-space-mkto_panel .mks-panel');
    await expect(panel.getAttribute('data-state')).resolves.toBe('ready');
    // The default settings record no sends: an empty history does not mean the customer was never emailed.
    await expect(panel.locator('.mks-empty__title').textContent()).resolves.toBe('No opens or clicks recorded yet');
    await expect(panel.locator('.mks-status').textContent()).resolves.toBe('No activity');
    expect(await panel.locator('.mks-event').count()).toBe(0);
    await screenshot(panel, 'panel-empty');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows one open with its summary, subject, campaign and times', async () => {
    const at = minutesAgo(3 * 60);
    await writeEngagement(
      stack,
      3,
      [{ at, type: 'open', emailName: 'Nov Newsletter', subject: 'Winter offers', campaign: 'Newsletter 2026-11' }],
      { mkto_status: 'opened', mkto_open_count: '1', mkto_first_opened: at, mkto_last_opened: at },
    );
    const { page, errors } = await openPage(browser);
    await showRecord(page, stack.preview.pages.record(3));
    const panel = page.locator('.mks-panel');
    await expect(panel.locator('.mks-status').textContent()).resolves.toBe('Opened');
    await expect(panel.locator('[data-metric="opens"] .mks-metric__value').textContent()).resolves.toBe('1');
    await expect(panel.locator('[data-metric="clicks"] .mks-metric__value').textContent()).resolves.toBe('0');
    const event = panel.locator('.mks-event');
    expect(await event.count()).toBe(1);
    await expect(event.locator('.mks-event__type').textContent()).resolves.toBe('Opened');
    // Subject first; the email's name in its title.
    await expect(event.locator('.mks-event__subject').textContent()).resolves.toBe('Winter offers');
    await expect(event.locator('.mks-event__subject').getAttribute('title')).resolves.toBe('Email: Nov Newsletter');
    await expect(event.locator('.mks-event__campaign').textContent()).resolves.toBe('Campaign: Newsletter 2026-11');
    await expect(event.locator('time').textContent()).resolves.toBe('3 hours ago');
    await expect(event.locator('time').getAttribute('datetime')).resolves.toBe(new Date(at).toISOString());
    await expect(panel.locator('.mks-chart').getAttribute('data-total')).resolves.toBe('1');
    await screenshot(panel, 'panel-one-event');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("names a webhook row's campaign as the trigger campaign that recorded it, not as the email's", async () => {
    const at = minutesAgo(60);
    await writeEngagement(
      stack,
      7,
      [
        {
          at,
          type: 'open',
          emailName: 'Nov Newsletter',
          subject: 'Winter offers',
          campaign: listeningCampaign('kintone: Opens Email'),
        },
      ],
      {
        mkto_status: 'opened',
        mkto_open_count: '1',
      },
    );
    const { page, errors } = await openPage(browser);
    await showRecord(page, stack.preview.pages.record(7));
    // Not printed on the row (it is the same on every webhook row): said in the subject's title.
    const event = page.locator('.mks-panel .mks-event');
    expect(await event.locator('.mks-event__campaign').count()).toBe(0);
    await expect(event.locator('.mks-event__subject').getAttribute('title')).resolves.toBe(
      'Email: Nov Newsletter\nRecorded by trigger campaign: kintone: Opens Email',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders 300 rows quickly, by email first, pages them, filters by type and charts the last 90 days', async () => {
    const rows: HistoryRowInput[] = Array.from({ length: 300 }, (_, i) => ({
      at: minutesAgo(i * 7 * 60 + 30),
      type: TYPES[i % TYPES.length] ?? 'open',
      emailName: `Campaign mail ${i % 12}`,
      subject: `Subject ${i}`,
      link: i % TYPES.length === 3 ? `https://example.com/offer/${i}` : '',
      campaign: `Program ${i % 5}`,
    }));
    await writeEngagement(stack, 4, rows, {
      mkto_status: 'bounced',
      mkto_open_count: '100',
      mkto_click_count: '50',
      mkto_last_opened: rows[2]?.at ?? '',
    });
    const config = defaultConfig();
    saveConfig(stack, { ...config, history: { ...config.history, maxRows: 300 } });
    try {
      const { page, errors } = await openPage(browser);
      const started = Date.now();
      await showRecord(page, stack.preview.pages.record(4));
      expect(Date.now() - started).toBeLessThan(5_000);
      const panel = page.locator('.mks-panel');
      await expect(panel.locator('[data-metric="opens"] .mks-metric__value').textContent()).resolves.toBe('100');
      // Opens came after the last bounce: the address works, so no bounce warning.
      expect(await panel.locator('.mks-warning--bounced').count()).toBe(0);
      // 12 emails: the by-email view first, five of them.
      expect(await panel.locator('.mks-email').count()).toBe(5);
      await panel.locator('.mks-view-button[data-view="timeline"]').click();
      expect(await panel.locator('.mks-event').count()).toBe(5);
      await expect(panel.locator('.mks-capped').textContent()).resolves.toContain('newest 300 events');

      const within91Days = rows.filter((r) => Date.now() - Date.parse(r.at) < 91 * DAY * 60_000).length;
      await expect(panel.locator('.mks-chart').getAttribute('data-total')).resolves.toBe(String(within91Days));
      expect(await panel.locator('.mks-chart__week').count()).toBe(13);
      await screenshot(panel, 'panel-300-rows');

      await panel.locator('.mks-list__more button').click();
      expect(await panel.locator('.mks-event').count()).toBe(300);
      await panel.locator('.mks-chip[data-filter="click"]').click();
      await expect(panel.locator('.mks-chip[data-filter="click"]').getAttribute('aria-pressed')).resolves.toBe('true');
      const types = await panel
        .locator('.mks-event')
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-type')));
      expect(types).toHaveLength(5);
      expect(new Set(types)).toEqual(new Set(['click']));
      const link = panel.locator('.mks-event a.mks-event__link').first();
      await expect(link.getAttribute('href')).resolves.toMatch(/^https:\/\/example\.com\/offer\/\d+$/);
      await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
      await screenshot(panel, 'panel-300-rows-clicks');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      saveConfig(stack);
    }
  });

  it('renders every Marketo string as text: no markup, no script, no javascript: link', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    await writeEngagement(stack, 5, [
      {
        at: minutesAgo(10),
        type: 'click',
        emailName: '<b>bold</b>',
        subject: payload,
        link: 'javascript:alert(2)',
        campaign: '<script>alert(3)</script>',
      },
    ]);
    const { page, errors, dialogs } = await openPage(browser);
    await showRecord(page, stack.preview.pages.record(5));
    const panel = page.locator('.mks-panel');
    await expect(panel.locator('.mks-event__subject').textContent()).resolves.toBe(payload);
    await expect(panel.locator('.mks-event__subject').getAttribute('title')).resolves.toBe('Email: <b>bold</b>');
    expect(await panel.locator('img, script, b').count()).toBe(0);
    expect(await panel.locator('a').count()).toBe(0);
    await expect(panel.locator('.mks-event__link').textContent()).resolves.toBe('javascript:alert(2)');
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await screenshot(panel, 'panel-escaped-markup');
    await page.close();
  });

  it('shows a reply with its snippet as text, its count and last time, in the chart and under its own filter', async () => {
    const snippet = '<img src=x onerror=alert(1)>\nCould you send the price list?';
    const repliedAt = minutesAgo(2 * 60);
    await writeEngagement(
      stack,
      6,
      [
        { at: repliedAt, type: 'reply', subject: 'Re: Winter offers', snippet },
        { at: minutesAgo(5 * 60), type: 'open', emailName: 'Nov Newsletter', subject: 'Winter offers' },
      ],
      { mkto_status: 'opened', mkto_open_count: '1', mkto_reply_count: '1', mkto_last_replied: repliedAt },
    );
    const { page, errors, dialogs } = await openPage(browser);
    await showRecord(page, stack.preview.pages.record(6));
    const panel = page.locator('.mks-panel');
    await expect(panel.locator('.mks-status').textContent()).resolves.toBe('Opened');
    const replies = panel.locator('[data-metric="replies"]');
    await expect(replies.locator('.mks-metric__label').textContent()).resolves.toBe('Replies');
    await expect(replies.locator('.mks-metric__value').textContent()).resolves.toBe('1');
    await expect(replies.locator('time').textContent()).resolves.toBe('Last replied 2 hours ago');
    await expect(replies.locator('time').getAttribute('datetime')).resolves.toBe(new Date(repliedAt).toISOString());

    const event = panel.locator('.mks-event[data-type="reply"]');
    await expect(event.locator('.mks-event__type').textContent()).resolves.toBe('Reply');
    await expect(event.locator('.mks-event__subject').textContent()).resolves.toBe('Re: Winter offers');
    await expect(event.locator('.mks-event__snippet').textContent()).resolves.toBe(snippet);
    await expect(event.locator('.mks-event__snippet').evaluate((e) => getComputedStyle(e).whiteSpace)).resolves.toBe(
      'pre-line',
    );
    expect(await panel.locator('img, script').count()).toBe(0);
    await expect(panel.locator('.mks-chart').getAttribute('data-total')).resolves.toBe('2');
    await expect(panel.locator('.mks-chart__week').last().getAttribute('title')).resolves.toContain('Reply 1');
    expect(await panel.locator('.mks-bar--reply').count()).toBe(1);

    await panel.locator('.mks-chip[data-filter="reply"]').click();
    const types = await panel
      .locator('.mks-event')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-type')));
    expect(types).toEqual(['reply']);
    await screenshot(panel, 'panel-reply');
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('speaks Japanese to a Japanese user', async () => {
    const { page } = await openPage(browser);
    await showRecord(page, stack.preview.pages.record(3, 'ja'));
    const panel = page.locator('.mks-panel');
    await expect(panel.locator('.mks-panel__title').textContent()).resolves.toBe('Marketo メール反応');
    await expect(panel.locator('.mks-status').textContent()).resolves.toBe('開封');
    await expect(panel.locator('.mks-event time').textContent()).resolves.toBe('3 時間前');
    await screenshot(panel, 'panel-one-event-ja');
    await showRecord(page, stack.preview.pages.record(6, 'ja'));
    await expect(panel.locator('.mks-event[data-type="reply"] .mks-event__type').textContent()).resolves.toBe('返信');
    await expect(panel.locator('[data-metric="replies"] .mks-metric__label').textContent()).resolves.toBe('返信');
    await page.close();
  });

  it('explains when the plug-in is not set up or its settings name a missing field', async () => {
    stack.preview.setPluginConfig({});
    const { page } = await openPage(browser);
    try {
      await showRecord(page, stack.preview.pages.record(3));
      await expect(page.locator('.mks-panel').getAttribute('data-state')).resolves.toBe('notConfigured');
      await expect(page.locator('#pv-header-menu-space .mks-notice').textContent()).resolves.toContain(
        'not set up yet',
      );

      const config = defaultConfig();
      saveConfig(stack, { ...config, summary: { ...config.summary, openCount: 'removed_field' } });
      await showRecord(page, stack.preview.pages.record(3));
      await expect(page.locator('.mks-panel').getAttribute('data-state')).resolves.toBe('missingField');
      await expect(page.locator('.mks-notice').textContent()).resolves.toContain('"removed_field"');
    } finally {
      saveConfig(stack);
      await page.close();
    }
  });
});

describe('record panel (mobile)', () => {
  it('renders in the Space field of the mobile record screen', async () => {
    const { page, errors } = await openPage(browser, { width: 390, height: 844 });
    await showRecord(page, stack.preview.pages.mobileRecord(4, 'ja'));
    const panel = page.locator('#pv-space-mkto_panel .mks-panel--mobile');
    await expect(panel.getAttribute('data-state')).resolves.toBe('ready');
    await expect(panel.locator('.mks-panel__title').textContent()).resolves.toBe('Marketo メール反応');
    expect(await panel.locator('.mks-email').count()).toBe(5);
    await screenshot(page, 'panel-mobile-ja');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a reply and its snippet as text on mobile', async () => {
    const { page, errors } = await openPage(browser, { width: 390, height: 844 });
    await showRecord(page, stack.preview.pages.mobileRecord(6));
    const panel = page.locator('#pv-space-mkto_panel .mks-panel--mobile');
    await expect(panel.locator('[data-metric="replies"] .mks-metric__value').textContent()).resolves.toBe('1');
    await expect(panel.locator('.mks-event[data-type="reply"] .mks-event__snippet').textContent()).resolves.toBe(
      '<img src=x onerror=alert(1)>\nCould you send the price list?',
    );
    expect(await panel.locator('img').count()).toBe(0);
    const tiles = await panel
      .locator('.mks-metric')
      .evaluateAll((items) => items.map((i) => Math.round(i.getBoundingClientRect().width)));
    expect(new Set(tiles).size).toBe(1);
    await screenshot(page, 'panel-mobile-reply');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('goes to the header space when the settings say so', async () => {
    saveConfig(stack, { ...defaultConfig(), panel: { placement: 'headerMenu' } });
    try {
      const { page } = await openPage(browser, { width: 390, height: 844 });
      await showRecord(page, stack.preview.pages.mobileRecord(3));
      await expect(page.locator('#pv-mobile-header-space .mks-panel--mobile').count()).resolves.toBe(1);
      await expect(page.locator('#pv-space-mkto_panel .mks-panel').count()).resolves.toBe(0);
      await screenshot(page, 'panel-mobile-header-en');
      await page.close();
    } finally {
      saveConfig(stack);
    }
  });
});
