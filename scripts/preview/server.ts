/**
 * The local preview: kintone-like record (desktop and mobile) and plug-in settings pages that load the
 * real built plug-in files with a `kintone` API shim. REST calls go to the local kintone through this
 * server, which adds password auth unless the caller sends an API token (so the server under test can
 * also use it as its kintone).
 */
import { build } from 'esbuild';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { Boot, PageKind } from './boot';
import {
  configPage,
  desktopRecordPage,
  links,
  mobileRecordPage,
  pluginsPage,
  recordListPage,
  type Chrome,
  type Lang,
} from './pages';
import { runProxy } from './proxy';
import { PreviewState, proxyConfigEntry, type AppPluginState } from './state';

export interface PreviewOptions {
  /** 0 = a random free port */
  port: number;
  host?: string;
  /** the local kintone (emulator) base URL, e.g. http://localhost:3100 */
  kintoneBaseUrl: string;
  /** the app the pages show by default */
  appId: string;
  /** webpack's output folder (dist/plugin): manifest.json, js/, css/, html/, image/ */
  pluginDir: string;
  /** pre-filled as the plug-in's server URL while the app has no saved connection */
  serverUrl?: string;
  /** the default app's plug-in settings and proxy configs when it has none saved yet (npm start pre-configures the demo app) */
  seed?: AppPluginState;
  /** keep the plug-in settings in this JSON file across restarts */
  statePath?: string;
  /** kintone.$PLUGIN_ID on the pages */
  pluginId?: string;
  /** password auth for the local kintone; default the emulator's Administrator */
  login?: { username: string; password: string };
  /** kintone user time zone on the pages; default Asia/Tokyo */
  timeZone?: string;
  /** the default app lives in this guest space of the local kintone (its REST API is under /k/guest/<id>/v1/) */
  guestSpaceId?: string;
}

export interface PreviewServer {
  url: string;
  pages: {
    list(lang?: Lang): string;
    record(id: string | number, lang?: Lang): string;
    mobileRecord(id: string | number, lang?: Lang): string;
    settings(lang?: Lang): string;
    plugins(lang?: Lang): string;
  };
  getPluginConfig(appId?: string): Record<string, string>;
  setPluginConfig(config: Record<string, string>, appId?: string): void;
  getProxyConfigs(appId?: string): Boot['proxyConfigs'];
  close(): Promise<void>;
}

const DEFAULT_PLUGIN_ID = 'kintone-marketo-sync-preview';
/** What a kintone REST caller may send; the pages send no credentials and get password auth added. */
const PASSED_HEADERS = [
  'x-cybozu-api-token',
  'x-cybozu-authorization',
  'x-http-method-override',
  'accept-language',
] as const;
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const manifestSchema = z.object({
  name: z.record(z.string(), z.string()),
  description: z.record(z.string(), z.string()).optional(),
  desktop: z.object({ js: z.array(z.string()).optional(), css: z.array(z.string()).optional() }).optional(),
  mobile: z.object({ js: z.array(z.string()).optional(), css: z.array(z.string()).optional() }).optional(),
  config: z
    .object({ html: z.string(), js: z.array(z.string()).optional(), css: z.array(z.string()).optional() })
    .optional(),
});
type Manifest = z.infer<typeof manifestSchema>;

const setConfigBody = z.object({ config: z.record(z.string(), z.string()) });
const proxyBody = z.object({
  url: z.url(),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
  headers: z.record(z.string(), z.string()),
  data: z.unknown(),
});

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const pluginDir = resolve(options.pluginDir);
  const kintoneBase = options.kintoneBaseUrl.replace(/\/+$/, '');
  const login = options.login ?? { username: 'Administrator', password: 'admin-password' };
  const passwordAuth = Buffer.from(`${login.username}:${login.password}`).toString('base64');
  const pluginId = options.pluginId ?? DEFAULT_PLUGIN_ID;
  const state = new PreviewState(options.statePath);
  const shim = await bundleShim();
  const css = readFileSync(join(__dirname, 'preview.css'), 'utf8');

  if (options.seed && Object.keys(state.app(options.appId).config).length === 0) {
    state.setConfig(options.appId, options.seed.config);
    for (const entry of options.seed.proxyConfigs) state.setProxyConfig(options.appId, entry);
  }
  if (options.serverUrl && !state.app(options.appId).config.connection) {
    state.setConfig(options.appId, {
      ...state.app(options.appId).config,
      connection: JSON.stringify({ serverUrl: options.serverUrl, webhookUrl: '' }),
    });
  }

  const manifest = (): Manifest =>
    manifestSchema.parse(JSON.parse(readFileSync(join(pluginDir, 'manifest.json'), 'utf8')));
  const fileUrls = (files: string[] | undefined) => (files ?? []).map((f) => `/plugin/${f}`);

  const kintoneGet = async (path: string, params: Record<string, string>): Promise<unknown> => {
    const response = await fetch(`${kintoneBase}${path}?${new URLSearchParams(params)}`, {
      headers: { 'X-Cybozu-Authorization': passwordAuth },
    });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  };
  const appName = async (appId: string) => {
    try {
      const app = (await kintoneGet('/k/v1/app.json', { id: appId })) as { name?: string };
      return app.name ?? `App ${appId}`;
    } catch {
      return `App ${appId}`;
    }
  };

  const langOf = (request: FastifyRequest, reply: FastifyReply): Lang => {
    const query = (request.query as Record<string, string | undefined>).lang;
    if (query === 'ja' || query === 'en') {
      reply.header('Set-Cookie', `preview_lang=${query}; Path=/; SameSite=Lax`);
      return query;
    }
    return /(?:^|;\s*)preview_lang=ja/.test(request.headers.cookie ?? '') ? 'ja' : 'en';
  };
  const chromeFor = async (
    request: FastifyRequest,
    reply: FastifyReply,
    appId: string,
    title: string,
  ): Promise<Chrome> => ({
    appId,
    appName: await appName(appId),
    lang: langOf(request, reply),
    title,
  });
  const bootFor = (page: PageKind, appId: string, lang: Lang, recordId: number | null): Boot => ({
    page,
    appId: Number(appId),
    recordId,
    pluginId,
    user: { code: login.username, name: login.username, language: lang, timezone: options.timeZone ?? 'Asia/Tokyo' },
    config: { ...state.app(appId).config },
    proxyConfigs: page === 'config' ? state.app(appId).proxyConfigs.map((p) => ({ ...p })) : [],
    guestSpaceId: appId === options.appId ? (options.guestSpaceId ?? null) : null,
  });
  const html = (reply: FastifyReply, body: string) =>
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body);

  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true }, bodyLimit: 16 * 1024 * 1024 });

  app.get('/', (_request, reply) => reply.redirect(links.list(options.appId)));
  app.get('/_preview/shim.js', (_request, reply) =>
    reply
      .type(CONTENT_TYPES['.js'] ?? '')
      .header('Cache-Control', 'no-store')
      .send(shim),
  );
  app.get('/_preview/preview.css', (_request, reply) => reply.type(CONTENT_TYPES['.css'] ?? '').send(css));

  app.get('/plugin/*', (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    const file = resolve(pluginDir, rest);
    if (!file.startsWith(pluginDir + sep) || !existsSync(file)) return reply.code(404).send({ message: 'not found' });
    return reply
      .type(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
      .header('Cache-Control', 'no-store')
      .send(readFileSync(file));
  });

  app.get('/k/:appId', async (request, reply) => {
    const { appId } = request.params as { appId: string };
    const chrome = await chromeFor(request, reply, appId, 'Records');
    const [fields, layout, records] = (await Promise.all([
      kintoneGet('/k/v1/app/form/fields.json', { app: appId }),
      kintoneGet('/k/v1/app/form/layout.json', { app: appId }),
      kintoneGet('/k/v1/records.json', { app: appId, query: 'order by $id asc limit 100' }),
    ])) as [
      { properties: Record<string, { label?: string }> },
      { layout: { fields?: { type: string; code?: string }[] }[] },
      { records: Record<string, { value: unknown }>[] },
    ];
    const columns = layout.layout
      .flatMap((row) => row.fields ?? [])
      .filter((f) => f.code && !['SPACER', 'LABEL', 'HR'].includes(f.type))
      .slice(0, 7)
      .map((f) => ({ code: f.code ?? '', label: fields.properties[f.code ?? '']?.label ?? f.code ?? '' }));
    const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
    return html(
      reply,
      recordListPage(
        chrome,
        columns,
        records.records.map((r) => ({ id: text(r.$id?.value), cells: columns.map((c) => text(r[c.code]?.value)) })),
      ),
    );
  });

  app.get('/k/:appId/show', async (request, reply) => {
    const { appId } = request.params as { appId: string };
    const chrome = await chromeFor(request, reply, appId, 'Record');
    const m = manifest();
    return html(
      reply,
      desktopRecordPage({
        chrome,
        boot: bootFor('desktop', appId, chrome.lang, null),
        css: fileUrls(m.desktop?.css),
        js: fileUrls(m.desktop?.js),
      }),
    );
  });

  app.get('/k/m/:appId/show', async (request, reply) => {
    const { appId } = request.params as { appId: string };
    const recordId = Number((request.query as { record?: string }).record);
    const chrome = await chromeFor(request, reply, appId, 'Record');
    const m = manifest();
    return html(
      reply,
      mobileRecordPage({
        chrome,
        boot: bootFor('mobile', appId, chrome.lang, Number.isInteger(recordId) && recordId > 0 ? recordId : null),
        css: fileUrls(m.mobile?.css),
        js: fileUrls(m.mobile?.js),
      }),
    );
  });

  app.get('/k/admin/app/:appId/plugin/config', async (request, reply) => {
    const { appId } = request.params as { appId: string };
    const m = manifest();
    const chrome = await chromeFor(request, reply, appId, 'Plug-in settings');
    if (!m.config) return reply.code(404).send({ message: 'the plug-in has no settings screen' });
    return html(
      reply,
      configPage({
        chrome,
        boot: bootFor('config', appId, chrome.lang, null),
        css: fileUrls(m.config.css),
        js: fileUrls(m.config.js),
        html: readFileSync(join(pluginDir, m.config.html), 'utf8'),
        pluginName: m.name[chrome.lang] ?? m.name.en ?? '',
      }),
    );
  });

  app.get('/k/admin/app/:appId/plugin', async (request, reply) => {
    const { appId } = request.params as { appId: string };
    const m = manifest();
    const chrome = await chromeFor(request, reply, appId, 'Plug-ins');
    return html(
      reply,
      pluginsPage(
        chrome,
        {
          name: m.name[chrome.lang] ?? m.name.en ?? '',
          description: m.description?.[chrome.lang] ?? m.description?.en ?? '',
          configured: Boolean(state.app(appId).config.config),
        },
        (request.query as { saved?: string }).saved === '1',
      ),
    );
  });

  app.post('/_preview/apps/:appId/plugin-config', (request, reply) => {
    const { appId } = request.params as { appId: string };
    const body = setConfigBody.parse(request.body);
    state.setConfig(appId, body.config);
    return reply.send({});
  });

  app.post('/_preview/apps/:appId/proxy-config', (request, reply) => {
    const { appId } = request.params as { appId: string };
    state.setProxyConfig(appId, proxyConfigEntry.parse(request.body));
    return reply.send({});
  });

  app.post('/_preview/apps/:appId/proxy', async (request, reply) => {
    const { appId } = request.params as { appId: string };
    const body = proxyBody.parse(request.body);
    return reply.send(await runProxy(state.app(appId).proxyConfigs, body));
  });

  const forwardToKintone = {
    method: ['GET', 'POST', 'PUT', 'DELETE'],
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const headers: Record<string, string> = {};
      for (const name of PASSED_HEADERS) {
        const value = request.headers[name];
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
      }
      if (!headers['x-cybozu-api-token'] && !headers['x-cybozu-authorization'])
        headers['x-cybozu-authorization'] = passwordAuth;
      const hasBody = request.body !== undefined && request.method !== 'GET';
      if (hasBody) headers['content-type'] = 'application/json';
      const response = await fetch(`${kintoneBase}${request.url}`, {
        method: request.method,
        headers,
        ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
      });
      return reply
        .code(response.status)
        .type(response.headers.get('content-type') ?? 'application/json')
        .send(await response.text());
    },
  };
  app.route({ ...forwardToKintone, url: '/k/v1/*' });
  app.route({ ...forwardToKintone, url: '/k/guest/:space/v1/*' });

  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host && options.host !== '127.0.0.1' ? options.host : 'localhost'}:${port}`;
  const { appId } = options;

  return {
    url,
    pages: {
      list: (lang) => url + links.list(appId, lang),
      record: (id, lang) => url + links.record(appId, id, lang),
      mobileRecord: (id, lang) => url + links.mobile(appId, id, lang),
      settings: (lang) => url + links.settings(appId, lang),
      plugins: (lang) => url + links.plugins(appId, lang),
    },
    getPluginConfig: (id = appId) => ({ ...state.app(id).config }),
    setPluginConfig: (config, id = appId) => state.setConfig(id, config),
    getProxyConfigs: (id = appId) => state.app(id).proxyConfigs.map((p) => ({ ...p })),
    close: () => app.close(),
  };
}

async function bundleShim(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'shim', 'kintone-shim.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
