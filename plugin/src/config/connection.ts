/**
 * The connection to the server: an Admin API client with what the admin typed, what the proxy config may keep (the
 * app's status key, nothing else), and wording the server's answers for the admin.
 */
import { h } from '../common/dom';
import { kintone, proxy, proxyConfig } from '../common/kintone';
import { adminUrlPrefix, STATUS_KEY_HEADER } from '../../../contract/src/admin-api';
import { createAdminClient, statusUrl, type AdminClient, type AdminError } from './admin-client';
import type { ScreenContext } from './context';
import type { Problem } from './validate';
import { alertBox } from './widgets';

const METHODS = ['PUT', 'GET', 'POST'] as const;

/** The status key kept in the proxy config for this server URL, if any. */
export function storedStatusKey(serverUrl: string, appId: number): string {
  if (!serverUrl.trim()) return '';
  return proxyConfig(statusUrl(serverUrl, appId), 'GET')?.headers[STATUS_KEY_HEADER] ?? '';
}

function serverUrlProblem(serverUrl: string): 'needServerUrl' | 'badServerUrl' | undefined {
  const value = serverUrl.trim();
  if (!value) return 'needServerUrl';
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return undefined;
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && local ? undefined : 'badServerUrl';
  } catch {
    return 'badServerUrl';
  }
}

/**
 * What is missing before the server can be called. Changing anything (registering, a test event) needs the admin
 * secret typed now; reading the status also works with the status key the proxy config keeps.
 */
export function connectionProblems(ctx: ScreenContext, purpose: 'change' | 'status'): Problem[] {
  const { t } = ctx;
  const { serverUrl, adminSecret, statusKey } = ctx.store.session;
  const urlProblem = serverUrlProblem(serverUrl);
  if (urlProblem) return [{ target: 'connection.serverUrl', message: t(urlProblem) }];
  const canRead = adminSecret || statusKey || storedStatusKey(serverUrl, ctx.appId);
  if (purpose === 'change' ? !adminSecret : !canRead)
    return [{ target: 'connection.adminSecret', message: t('needSecret') }];
  return [];
}

export function adminClient(ctx: ScreenContext): AdminClient {
  const { serverUrl, adminSecret, statusKey } = ctx.store.session;
  return createAdminClient(
    (url, method, headers, data) => proxy(ctx.pluginId, url, method, headers, data),
    serverUrl,
    ctx.appId,
    { ...(adminSecret ? { adminSecret } : {}), ...(statusKey ? { statusKey } : {}) },
  );
}

/**
 * Keeps, for the current server URL, only the status key a registration issued in this session, and removes every
 * other proxy config of this plug-in's Admin API: those of a server URL no longer used, and the admin secret and API
 * token that versions before 0.2 stored (any app user could have used them).
 */
export async function storeProxyConfigs(ctx: ScreenContext, previousServerUrl: string): Promise<void> {
  const { serverUrl, statusKey } = ctx.store.session;
  for (const url of new Set([previousServerUrl, serverUrl].filter((u) => u.trim()))) {
    const prefix = adminUrlPrefix(url, ctx.appId);
    for (const method of METHODS) {
      // kintone deletes a proxy config that is set with empty headers and data.
      if (proxyConfig(prefix, method)) await setProxyConfig(prefix, method, {}, {});
    }
    if (url !== serverUrl && proxyConfig(statusUrl(url, ctx.appId), 'GET'))
      await setProxyConfig(statusUrl(url, ctx.appId), 'GET', {}, {});
  }
  if (serverUrl.trim() && statusKey)
    await setProxyConfig(statusUrl(serverUrl, ctx.appId), 'GET', { [STATUS_KEY_HEADER]: statusKey }, {});
}

function setProxyConfig(
  url: string,
  method: (typeof METHODS)[number],
  headers: Record<string, string>,
  data: Record<string, string>,
): Promise<void> {
  return new Promise((resolve) => kintone().plugin.app.setProxyConfig(url, method, headers, data, resolve));
}

export function adminErrorView(error: AdminError, ctx: ScreenContext): HTMLElement {
  const { t } = ctx;
  const url = ctx.store.session.serverUrl.trim();
  switch (error.kind) {
    case 'network':
      return alertBox('error', t('error.network', { url, detail: error.detail }));
    case 'unauthorized':
      return alertBox('error', t('error.unauthorized', { status: error.status }));
    case 'forbidden':
      return alertBox('error', t('error.forbidden', { url }));
    case 'refused':
      return alertBox('error', t('error.refused', { status: error.status, detail: error.detail }));
    case 'notFound':
      return alertBox('error', t('error.notFound', { url }));
    case 'notRegistered':
      return alertBox('info', t('error.notRegistered'));
    case 'invalid':
      return alertBox(
        'error',
        h('p', null, t('error.invalid')),
        h('ul', null, ...error.problems.map((p) => h('li', null, p.path ? `${p.path}: ${p.message}` : p.message))),
      );
    case 'server':
      return alertBox('error', t('error.server', { status: error.status, detail: error.detail }));
    case 'badResponse':
      return alertBox('error', t('error.badResponse', { status: error.status }));
  }
}
