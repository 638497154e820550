/**
 * Renders plugin/image/icon.png from the SVG below with Debian's chromium. Run it again only when the icon
 * design changes: `npx tsx scripts/plugin/render-icon.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const SIZE = 112;

const ICON_SVG = `
<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 56 56">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#4aa3df"/>
      <stop offset="1" stop-color="#2a80b9"/>
    </linearGradient>
  </defs>
  <rect x="2" y="2" width="52" height="52" rx="10" fill="url(#bg)"/>
  <rect x="8" y="14" width="27" height="19" rx="2.5" fill="#fff"/>
  <path d="M9 15.5 21.5 24.5 34 15.5" fill="none" stroke="#2a80b9" stroke-width="2.2" stroke-linejoin="round"/>
  <rect x="30" y="31" width="5" height="11" rx="1" fill="#f1c40f"/>
  <rect x="37" y="25" width="5" height="17" rx="1" fill="#2ecc71"/>
  <rect x="44" y="19" width="5" height="23" rx="1" fill="#fff"/>
  <path d="M8 44h41" stroke="#fff" stroke-width="2" stroke-linecap="round" opacity="0.7"/>
</svg>`;

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${ICON_SVG}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    const out = join(resolve(__dirname, '..', '..'), 'plugin', 'image', 'icon.png');
    writeFileSync(out, png);
    console.log(`wrote ${out} (${png.length} bytes)`);
  } finally {
    await browser.close();
  }
}

void main();
