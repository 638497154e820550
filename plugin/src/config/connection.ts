/**
 * The connection to the server: an Admin API client with what the admin typed, what the proxy config may keep (the
 * app's status key, nothing else), and wording the server's answers for the admin.
 */
import { h } from '../common/dom';
import { guestSpaceId, kintone, proxy, proxyConfig } from '../common/kintone';
import { adminUrlPrefix, PROBLEM_CODES, STATUS_KEY_HEADER, TEST_OUTCOMES } from '../../../contract/src/admin-api';
import { isLastErrorCode } from '../../../contract/src/last-error';
import type { PluginConfig } from '../../../contract/src/config';
import {
  createAdminClient,
  statusUrl,
  type AdminClient,
  type AdminError,
  type AdminResult,
  type Registration,
  type TestOutcome,
} from './admin-client';
import type { ScreenContext } from './context';
import type { ConfigMessage } from './messages';
import type { Problem } from './validate';
import { alertBox } from './widgets';

const METHODS = ['PUT', 'GET', 'POST'] as const;

/** The status key kept in the proxy config for this server URL, if any. */
export function storedStatusKey(serverUrl: string, appId: number): string {
  if (!serverUrl.trim()) return '';
  return proxyConfig(statusUrl(serverUrl, appId), 'GET')?.headers[STATUS_KEY_HEADER] ?? '';
}

export function serverUrlProblem(serverUrl: string): 'needServerUrl' | 'badServerUrl' | undefined {
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

/** `secretOnly`: the typed admin secret alone, without the status key this session was issued. */
export function adminClient(ctx: ScreenContext, options: { secretOnly?: boolean } = {}): AdminClient {
  const { serverUrl, adminSecret, statusKey } = ctx.store.session;
  return createAdminClient(
    (url, method, headers, data) => proxy(ctx.pluginId, url, method, headers, data),
    serverUrl,
    ctx.appId,
    { ...(adminSecret ? { adminSecret } : {}), ...(statusKey && !options.secretOnly ? { statusKey } : {}) },
  );
}

export type SecretCheck = 'checking' | 'verified' | 'refused' | 'unknown';

/**
 * Asks the server whether it accepts the typed admin secret: GET …/status with that secret. The server judges a sent
 * admin secret alone, so the status key kintone's proxy adds cannot make a typo look accepted. An app that is not
 * registered yet answers 404 after the secret was accepted.
 */
export async function checkAdminSecret(ctx: ScreenContext): Promise<Exclude<SecretCheck, 'checking'>> {
  const result = await adminClient(ctx, { secretOnly: true }).status();
  if (result.ok || result.error.kind === 'notRegistered') return 'verified';
  return result.error.kind === 'unauthorized' ? 'refused' : 'unknown';
}

/** The one way to register, used by "Register with the server" and by Save alike. */
export function registerApp(
  ctx: ScreenContext,
  config: PluginConfig,
  rotateWebhookSecret = false,
): Promise<AdminResult<Registration>> {
  const apiToken = ctx.store.session.apiToken;
  const guest = guestSpaceId();
  return adminClient(ctx).register(config, location.origin, {
    ...(apiToken ? { apiToken } : {}),
    ...(guest ? { guestSpaceId: guest } : {}),
    ...(rotateWebhookSecret ? { rotateWebhookSecret: true } : {}),
  });
}

/** Where a problem the server found in the request belongs on the screen. */
function targetOf(path: string): string {
  if (path.startsWith('config.')) return path.slice('config.'.length);
  if (path === 'apiToken') return 'connection.apiToken';
  if (path === 'kintoneBaseUrl') return 'connection.serverUrl';
  return path;
}

const isProblemCode = (code: string | undefined): code is (typeof PROBLEM_CODES)[number] =>
  (PROBLEM_CODES as ReadonlyArray<string | undefined>).includes(code);

/** The server's refusals of the input, worded in the admin's language when the server sent a code. */
export function serverProblems(error: AdminError, ctx: ScreenContext): Problem[] {
  if (error.kind === 'invalid') {
    return error.problems.map((p) => ({
      origin: 'server' as const,
      target: targetOf(p.path),
      message: isProblemCode(p.code) ? ctx.t(`problem.${p.code}`) : p.path ? `${p.path}: ${p.message}` : p.message,
    }));
  }
  if (error.kind === 'unauthorized')
    return [{ origin: 'server', target: 'connection.adminSecret', message: ctx.t('error.secretRefused') }];
  return [];
}

/**
 * A test event's result in the admin's language: the server's outcome code, worded here; a failed write by its cause,
 * with the words the status box gives the same cause.
 */
export function testOutcomeText(outcome: TestOutcome, leadKey: string, ctx: ScreenContext): string {
  const known = (TEST_OUTCOMES as readonly string[]).includes(outcome.outcome);
  if (!known) return ctx.t('outcome.other', { outcome: outcome.outcome });
  if (outcome.outcome === 'failed' && isLastErrorCode(outcome.code))
    return ctx.t('outcome.failedBecause', { reason: ctx.t(`lastError.${outcome.code}`) });
  const field = ctx.form.fields.find((f) => f.code === ctx.store.draft.leadField);
  return ctx.t(`outcome.${outcome.outcome as (typeof TEST_OUTCOMES)[number]}`, {
    field: field ? field.label || field.code : ctx.store.draft.leadField,
    leadKey,
  });
}

const CODE_MESSAGES: Record<string, ConfigMessage> = {
  app_id_taken: 'code.app_id_taken',
  not_served: 'code.not_served',
  budget_used: 'code.budget_used',
  kintone_unreachable: 'code.kintone_unreachable',
  registry_unavailable: 'code.registry_unavailable',
  vault_unavailable: 'code.vault_unavailable',
  weak_admin_secret: 'code.weak_admin_secret',
};

/** What the server said in its own words, folded away: for the person who runs the server, not the admin. */
export function details(ctx: ScreenContext, detail: string): HTMLElement | null {
  if (!detail) return null;
  return h('details', { className: 'mks-details' }, h('summary', null, ctx.t('errorDetails')), h('p', null, detail));
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
      return alertBox('error', h('p', null, t('error.network', { url })), details(ctx, error.detail));
    case 'unauthorized':
      return alertBox('error', t('error.unauthorized'));
    case 'forbidden':
      return alertBox('error', t('error.forbidden', { url }));
    case 'refused':
    case 'server': {
      const worded = error.code ? CODE_MESSAGES[error.code] : undefined;
      if (worded) return alertBox('error', h('p', null, t(worded)), details(ctx, error.detail));
      return error.kind === 'refused'
        ? alertBox('error', t('error.refused', { detail: error.detail }))
        : alertBox('error', h('p', null, t('error.server', { status: error.status })), details(ctx, error.detail));
    }
    case 'notFound':
      return alertBox('error', t('error.notFound', { url }));
    case 'notRegistered':
      return alertBox('info', t('error.notRegistered'));
    case 'invalid':
      return alertBox(
        'error',
        h('p', null, t('error.invalid')),
        h(
          'ul',
          null,
          ...serverProblems(error, ctx).map((p) => h('li', { attrs: { 'data-target': p.target } }, p.message)),
        ),
      );
    case 'badResponse':
      return alertBox('error', t('error.badResponse', { status: error.status }));
  }
}
