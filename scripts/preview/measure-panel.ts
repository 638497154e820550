/**
 * Measures (does not assert) how long the record panel takes to render 1,000 history rows in headless Chromium:
 * the time kintone's record-show handlers take (the panel's whole synchronous render) plus the layout that follows,
 * on the desktop and the mobile record screens, several runs each; prints the medians.
 *
 *   npx tsx scripts/preview/measure-panel.ts [runs]
 */
import { defaultConfig } from '../../contract/src/config';
import { launchBrowser } from '../../plugin/test/support/browser';
import { saveConfig, startStack, writeEngagement } from '../../plugin/test/support/stack';
import { manyRows } from './fixtures/engagement';

const runs = Number(process.argv[2] ?? 7);

// Wraps kintone.events.on as the shim defines the global, so each record-show handler is timed, layout included.
const TIMER = `(() => {
  let api;
  Object.defineProperty(window, 'kintone', {
    configurable: true,
    get: () => api,
    set(value) {
      const on = value.events.on.bind(value.events);
      value.events.on = (type, handler) => on(type, async (event) => {
        document.body.offsetHeight; // the record's own layout is not the panel's
        const started = performance.now();
        const result = await handler(event);
        document.body.offsetHeight;
        window.__panelRenderMs = (window.__panelRenderMs || 0) + performance.now() - started;
        return result;
      });
      api = value;
    },
  });
})();`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function main(): Promise<void> {
  const [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  try {
    const config = defaultConfig();
    saveConfig(stack, { ...config, history: { ...config.history, maxRows: 1000 } });
    await writeEngagement(stack, 4, manyRows(Date.now(), 1000));
    for (const [variant, url, viewport] of [
      ['desktop', stack.preview.pages.record(4), { width: 1366, height: 768 }],
      ['mobile', stack.preview.pages.mobileRecord(4), { width: 390, height: 844 }],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < runs + 1; i++) {
        const page = await browser.newPage({ viewport });
        await page.addInitScript(TIMER);
        await page.goto(url);
        await page.waitForFunction(() => document.body.dataset.previewReady !== undefined);
        const ms = await page.evaluate(() => (window as unknown as { __panelRenderMs: number }).__panelRenderMs);
        if (i > 0) times.push(ms); // the first run warms the browser's caches
        await page.close();
      }
      console.log(
        `${variant}: median ${median(times).toFixed(1)} ms over ${times.length} runs (${times.map((t) => t.toFixed(1)).join(', ')})`,
      );
    }
  } finally {
    await browser.close();
    await stack.close();
  }
}

void main();
