/** The HTML of the preview pages: a kintone-like frame around the plug-in's real files. */
import type { Boot } from './boot';

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside a script element must not contain "</script>". */
function bootScript(boot: Boot): string {
  return `<script id="preview-boot" type="application/json">${JSON.stringify(boot).replace(/</g, '\\u003c')}</script>`;
}

export type Lang = 'ja' | 'en';

export interface Chrome {
  appId: string;
  appName: string;
  lang: Lang;
  title: string;
}

const LABELS = {
  en: {
    records: 'Records',
    mobile: 'Mobile',
    settings: 'Plug-in settings',
    plugins: 'Plug-ins',
    reload: 'Reload',
    record: 'Record',
  },
  ja: {
    records: 'レコード一覧',
    mobile: 'モバイル',
    settings: 'プラグインの設定',
    plugins: 'プラグイン',
    reload: '再読み込み',
    record: 'レコード',
  },
} as const;

export const links = {
  list: (appId: string, lang?: Lang) => `/k/${appId}/${lang ? `?lang=${lang}` : ''}`,
  record: (appId: string, id: string | number, lang?: Lang) =>
    `/k/${appId}/show${lang ? `?lang=${lang}` : ''}#record=${id}`,
  mobile: (appId: string, id: string | number, lang?: Lang) =>
    `/k/m/${appId}/show?record=${id}${lang ? `&lang=${lang}` : ''}`,
  settings: (appId: string, lang?: Lang) => `/k/admin/app/${appId}/plugin/config${lang ? `?lang=${lang}` : ''}`,
  plugins: (appId: string, lang?: Lang) => `/k/admin/app/${appId}/plugin/${lang ? `?lang=${lang}` : ''}`,
};

function page(chrome: Chrome, opts: { bodyClass: string; head?: string; body: string; mobile?: boolean }): string {
  const l = LABELS[chrome.lang];
  const langLink = (lang: Lang, label: string) =>
    `<a class="pv-lang__link${lang === chrome.lang ? ' pv-lang__link--active' : ''}" href="?lang=${lang}" data-keep-hash>${label}</a>`;
  return `<!doctype html>
<html lang="${chrome.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(chrome.title)} - kintone preview</title>
<link rel="stylesheet" href="/_preview/preview.css">
${opts.head ?? ''}
</head>
<body class="pv ${opts.bodyClass}">
<header class="pv-topbar">
  <a class="pv-brand" href="/">kintone <span>preview</span></a>
  <span class="pv-app-name">${esc(chrome.appName)}</span>
  <nav class="pv-nav">
    <a href="${links.list(chrome.appId)}">${l.records}</a>
    <a href="${links.mobile(chrome.appId, 1)}">${l.mobile}</a>
    <a href="${links.settings(chrome.appId)}">${l.settings}</a>
  </nav>
  <span class="pv-lang">${langLink('en', 'English')}${langLink('ja', '日本語')}</span>
</header>
${opts.body}
</body>
</html>`;
}

const styles = (css: string[]) => css.map((href) => `<link rel="stylesheet" href="${esc(href)}">`).join('\n');
const scripts = (js: string[]) => js.map((src) => `<script src="${esc(src)}"></script>`).join('\n');

export interface PluginPageInput {
  chrome: Chrome;
  boot: Boot;
  css: string[];
  js: string[];
}

export function desktopRecordPage({ chrome, boot, css, js }: PluginPageInput): string {
  const l = LABELS[chrome.lang];
  return page(chrome, {
    bodyClass: 'pv-desktop',
    head: styles(css),
    body: `<main class="pv-main">
  <div class="pv-toolbar">
    <a class="pv-back" href="${links.list(chrome.appId)}">&larr; ${l.records}</a>
    <span class="pv-record-title">${l.record} <span id="pv-record-id"></span></span>
    <a class="pv-pager" id="pv-prev" href="#">&lsaquo;</a><a class="pv-pager" id="pv-next" href="#">&rsaquo;</a>
    <button type="button" class="pv-button" id="pv-reload" onclick="location.reload()">${l.reload}</button>
  </div>
  <div id="pv-header-menu-space" class="pv-header-menu-space"></div>
  <div id="pv-record" class="pv-record"></div>
</main>
${bootScript(boot)}
<script src="/_preview/shim.js"></script>
${scripts(js)}`,
  });
}

export function mobileRecordPage({ chrome, boot, css, js }: PluginPageInput): string {
  const l = LABELS[chrome.lang];
  return page(chrome, {
    bodyClass: 'pv-mobile',
    head: styles(css),
    body: `<main class="pv-phone">
  <div class="pv-phone__bar">
    <a class="pv-back" href="${links.list(chrome.appId)}">&lsaquo;</a>
    <span>${esc(chrome.appName)} · ${l.record} ${boot.recordId ?? ''}</span>
    <button type="button" class="pv-button" onclick="location.reload()">${l.reload}</button>
  </div>
  <div id="pv-mobile-header-space" class="pv-mobile-header-space"></div>
  <div id="pv-record" class="pv-record"></div>
</main>
${bootScript(boot)}
<script src="/_preview/shim.js"></script>
${scripts(js)}`,
  });
}

export function configPage(input: PluginPageInput & { html: string; pluginName: string }): string {
  const { chrome, boot, css, js } = input;
  const l = LABELS[chrome.lang];
  return page(chrome, {
    bodyClass: 'pv-admin',
    head: styles(css),
    body: `<main class="pv-main">
  <nav class="pv-breadcrumb"><a href="${links.plugins(chrome.appId)}">${l.plugins}</a> &rsaquo; ${esc(input.pluginName)}</nav>
  <div id="pv-plugin-config" class="pv-plugin-config">
${input.html}
  </div>
</main>
${bootScript(boot)}
<script src="/_preview/shim.js"></script>
${scripts(js)}`,
  });
}

export function pluginsPage(
  chrome: Chrome,
  plugin: { name: string; description: string; configured: boolean },
  saved: boolean,
): string {
  const l = LABELS[chrome.lang];
  const savedText =
    chrome.lang === 'ja'
      ? 'プラグインの設定を保存しました。アプリを更新すると運用環境に反映されます (プレビューではすぐに反映されます)。'
      : 'The plug-in settings have been saved. Update the app to apply them (the preview applies them at once).';
  const notConfigured = chrome.lang === 'ja' ? '設定が必要です' : 'Settings required';
  return page(chrome, {
    bodyClass: 'pv-admin',
    body: `<main class="pv-main">
  <h1 class="pv-h1">${l.plugins}</h1>
  ${saved ? `<p class="pv-saved" role="status">${esc(savedText)}</p>` : ''}
  <div class="pv-plugin-row">
    <img src="/plugin/image/icon.png" alt="" width="56" height="56">
    <div><strong>${esc(plugin.name)}</strong>${plugin.configured ? '' : ` <span class="pv-badge">${notConfigured}</span>`}
      <p>${esc(plugin.description)}</p></div>
    <a class="pv-button" href="${links.settings(chrome.appId)}">${l.settings}</a>
  </div>
</main>`,
  });
}

export function recordListPage(
  chrome: Chrome,
  columns: { code: string; label: string }[],
  records: { id: string; cells: string[] }[],
): string {
  const l = LABELS[chrome.lang];
  const head = columns.map((c) => `<th>${esc(c.label)}</th>`).join('');
  const rows = records
    .map(
      (r) =>
        `<tr><td><a href="${links.record(chrome.appId, r.id)}">${esc(r.id)}</a> <a class="pv-muted" href="${links.mobile(chrome.appId, r.id)}">${l.mobile}</a></td>${r.cells
          .map((c) => `<td>${esc(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return page(chrome, {
    bodyClass: 'pv-list',
    body: `<main class="pv-main"><h1 class="pv-h1">${esc(chrome.appName)}</h1>
<table class="pv-table"><thead><tr><th>#</th>${head}</tr></thead><tbody>
${rows}
</tbody></table></main>`,
  });
}
