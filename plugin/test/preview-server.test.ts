/** The preview server over real HTTP: kintone's proxy rules, saved plug-in settings, REST forwarding, pages. */
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKintoneEmulator, type KintoneEmulator } from '../../scripts/kintone-emulator';
import { matchProxyConfig } from '../../scripts/preview/proxy';
import { startPreviewServer, type PreviewServer } from '../../scripts/preview/server';
import { ensurePluginBuilt, PLUGIN_DIR } from './support/build';
import { unusedPort } from './support/stack';

jest.setTimeout(180_000);

let kintone: KintoneEmulator;
let preview: PreviewServer;
let echo: FastifyInstance;
let echoUrl: string;
const received: { method: string; url: string; headers: Record<string, unknown>; body: unknown }[] = [];
const statePath = join(mkdtempSync(join(tmpdir(), 'preview-')), 'state.json');

beforeAll(async () => {
  ensurePluginBuilt();
  kintone = await startKintoneEmulator({ port: 0 });
  preview = await startPreviewServer({
    port: 0,
    kintoneBaseUrl: kintone.url,
    appId: kintone.demo.appId,
    pluginDir: PLUGIN_DIR,
    serverUrl: 'https://server.example',
    statePath,
    pluginId: 'testpluginid',
  });
  echo = Fastify();
  echo.all('/*', async (request) => {
    received.push({ method: request.method, url: request.url, headers: request.headers, body: request.body });
    return { ok: true };
  });
  await echo.listen({ port: 0, host: '127.0.0.1' });
  const address = echo.server.address();
  echoUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await preview?.close();
  await echo?.close();
  await kintone?.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${preview.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('kintone.plugin.app.proxy in the preview', () => {
  it('adds the stored headers and data of the longest matching URL prefix and method, stored values winning', async () => {
    await post('/_preview/apps/1/proxy-config', {
      url: `${echoUrl}/apps/1/`,
      method: 'PUT',
      headers: { 'X-Admin-Secret': 's' },
      data: { apiToken: 't' },
    });
    await post('/_preview/apps/1/proxy-config', {
      url: `${echoUrl}/apps/`,
      method: 'PUT',
      headers: { 'X-Admin-Secret': 'shorter' },
      data: {},
    });
    received.length = 0;
    const response = await post('/_preview/apps/1/proxy', {
      url: `${echoUrl}/apps/1/registration`,
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Admin-Secret': 'from-page' },
      data: { config: { a: 1 }, apiToken: 'from-page' },
    });
    await expect(response.json()).resolves.toEqual({
      body: '{"ok":true}',
      status: 200,
      headers: expect.objectContaining({ 'content-type': expect.any(String) }),
    });
    expect(received[0]).toMatchObject({
      method: 'PUT',
      url: '/apps/1/registration',
      headers: expect.objectContaining({ 'x-admin-secret': 's' }),
      body: { config: { a: 1 }, apiToken: 't' },
    });
  });

  it('adds nothing for another method, sends no body with GET, and deletes a config set empty', async () => {
    received.length = 0;
    await post('/_preview/apps/1/proxy', {
      url: `${echoUrl}/apps/1/status`,
      method: 'GET',
      headers: {},
      data: { ignored: true },
    });
    expect(received[0]?.headers['x-admin-secret']).toBeUndefined();
    expect(received[0]?.body).toBeUndefined();
    expect(matchProxyConfig(preview.getProxyConfigs(), `${echoUrl}/apps/1/x`, 'PUT')?.url).toBe(`${echoUrl}/apps/1/`);
    await post('/_preview/apps/1/proxy-config', { url: `${echoUrl}/apps/1/`, method: 'PUT', headers: {}, data: {} });
    expect(preview.getProxyConfigs().map((p) => p.url)).toEqual([`${echoUrl}/apps/`]);
  });

  it('answers with an error when the server cannot be reached, like kintone rejecting the call', async () => {
    const response = await post('/_preview/apps/1/proxy', {
      url: `http://127.0.0.1:${await unusedPort()}/x`,
      method: 'POST',
      headers: {},
      data: {},
    });
    await expect(response.json()).resolves.toEqual({ error: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('plug-in settings in the preview', () => {
  it('seeds the server URL, keeps saved settings in the state file across restarts', async () => {
    expect(JSON.parse(preview.getPluginConfig().connection ?? '')).toEqual({
      serverUrl: 'https://server.example',
      webhookUrl: '',
    });
    await post('/_preview/apps/1/plugin-config', { config: { config: '{"x":1}' } });
    const again = await startPreviewServer({
      port: 0,
      kintoneBaseUrl: kintone.url,
      appId: '1',
      pluginDir: PLUGIN_DIR,
      statePath,
    });
    try {
      expect(again.getPluginConfig()).toEqual({ config: '{"x":1}' });
      expect(again.getProxyConfigs().map((p) => p.url)).toEqual([`${echoUrl}/apps/`]);
    } finally {
      await again.close();
    }
  });
});

describe('kintone REST through the preview', () => {
  it('uses password auth for the pages, and the caller’s API token when it sends one', async () => {
    const records = await fetch(`${preview.url}/k/v1/records.json?app=1&query=limit%202`);
    expect(records.status).toBe(200);
    await expect(records.json()).resolves.toMatchObject({ records: [expect.any(Object), expect.any(Object)] });

    const write = (token?: string) =>
      fetch(`${preview.url}/k/v1/record.json`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Cybozu-API-Token': token } : {}) },
        body: JSON.stringify({ app: 1, id: 1, record: { company: { value: 'Renamed' } } }),
      });
    expect((await write(kintone.demo.viewOnlyToken)).status).toBe(403);
    expect((await write()).status).toBe(200);
  });
});

describe('pages', () => {
  it('load the built plug-in files named by the manifest, with the boot data the shim reads', async () => {
    const record = await (await fetch(preview.pages.record(3, 'ja'))).text();
    expect(record).toContain('<script src="/plugin/js/desktop.js"></script>');
    expect(record).toContain('<link rel="stylesheet" href="/plugin/css/panel.css">');
    expect(record).toContain('"pluginId":"testpluginid"');
    expect(record).toContain('"language":"ja"');
    expect(record).not.toContain('X-Admin-Secret');

    const settings = await (await fetch(preview.pages.settings())).text();
    expect(settings).toContain('<div id="mks-config" class="mks-config">');
    expect(settings).toContain('<script src="/plugin/js/config.js"></script>');
    expect(settings).toContain('"proxyConfigs":[{');

    const mobile = await (await fetch(preview.pages.mobileRecord(3))).text();
    expect(mobile).toContain('<script src="/plugin/js/mobile.js"></script>');
    expect(mobile).toContain('"recordId":3');

    const shim = await fetch(`${preview.url}/_preview/shim.js`);
    expect(shim.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${preview.url}/plugin/../package.json`)).status).toBe(404);
    const list = await (await fetch(preview.pages.list())).text();
    expect(list).toContain('Renamed');
  });
});
