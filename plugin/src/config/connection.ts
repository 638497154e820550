/**
 * The connection to the server: which secrets are known (typed now or stored with setProxyConfig), an
 * Admin API client that uses them, storing them, and wording the server's answers for the admin.
 */
import { ADMIN_SECRET_HEADER, API_TOKEN_KEY, NEW_ADMIN_SECRET_HEADER, NEW_API_TOKEN_KEY } from '../../../server/src/core/admin-api';
import { h } from '../common/dom';
import { kintone } from '../common/kintone';
import { adminUrlPrefix, createAdminClient, type AdminClient, type AdminError } from './admin-client';
import type { ScreenContext } from './context';
import type { Problem } from './validate';
import { alertBox } from './widgets';

const METHODS = ['PUT', 'GET', 'POST'] as const;

export interface StoredSecrets {
  secret: string;
  token: string;
}

export function storedSecrets(serverUrl: string, appId: number): StoredSecrets {
  if (!serverUrl.trim()) return { secret: '', token: '' };
  const stored = kintone().plugin.app.getProxyConfig(adminUrlPrefix(serverUrl, appId), 'PUT');
  return { secret: stored?.headers[ADMIN_SECRET_HEADER] ?? '', token: stored?.data[API_TOKEN_KEY] ?? '' };
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

/** What is missing before the server can be called; `forRegistration` also needs the API token. */
export function connectionProblems(ctx: ScreenContext, forRegistration: boolean): Problem[] {
  const { t } = ctx;
  const { serverUrl, adminSecret, apiToken } = ctx.store.session;
  const urlProblem = serverUrlProblem(serverUrl);
  if (urlProblem) return [{ target: 'connection.serverUrl', message: t(urlProblem) }];
  const stored = storedSecrets(serverUrl, ctx.appId);
  const problems: Problem[] = [];
  if (!adminSecret && !stored.secret) problems.push({ target: 'connection.adminSecret', message: t('needSecret') });
  if (forRegistration && !apiToken && !stored.token) problems.push({ target: 'connection.apiToken', message: t('needToken') });
  return problems;
}

/** What the admin has just typed goes under its own names: kintone would let the stored values win over it. */
export function adminClient(ctx: ScreenContext): AdminClient {
  const { serverUrl, adminSecret, apiToken } = ctx.store.session;
  return createAdminClient(
    (url, method, headers, data) => kintone().plugin.app.proxy(ctx.pluginId, url, method, headers, data),
    serverUrl,
    ctx.appId,
    adminSecret ? { [NEW_ADMIN_SECRET_HEADER]: adminSecret } : {},
    apiToken ? { [NEW_API_TOKEN_KEY]: apiToken } : {},
  );
}

/** Keeps the secrets for the current server URL, and forgets those of a server URL no longer used. */
export async function storeProxyConfigs(ctx: ScreenContext, previousServerUrl: string): Promise<void> {
  const { serverUrl, adminSecret, apiToken } = ctx.store.session;
  const prefix = serverUrl.trim() ? adminUrlPrefix(serverUrl, ctx.appId) : '';
  const previousPrefix = previousServerUrl.trim() ? adminUrlPrefix(previousServerUrl, ctx.appId) : '';
  if (previousPrefix && previousPrefix !== prefix) {
    // kintone deletes a proxy config that is set with empty headers and data.
    for (const method of METHODS) await setProxyConfig(previousPrefix, method, {}, {});
  }
  if (!prefix) return;
  const stored = storedSecrets(serverUrl, ctx.appId);
  const secret = adminSecret || stored.secret;
  const token = apiToken || stored.token;
  const headers = { [ADMIN_SECRET_HEADER]: secret };
  await setProxyConfig(prefix, 'PUT', headers, token ? { [API_TOKEN_KEY]: token } : {});
  await setProxyConfig(prefix, 'GET', headers, {});
  await setProxyConfig(prefix, 'POST', headers, {});
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
