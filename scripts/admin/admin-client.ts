/**
 * The server's Admin API over plain HTTPS, for operators and CI (the plug-in reaches the same API through
 * kintone's proxy). Answers come back as parsed JSON with their status; nothing here prints a secret.
 */
import { ADMIN_SECRET_HEADER } from '../../contract/src/admin-api';
import { migrateConfig, type PluginConfig } from '../../contract/src/config';
import type { DevConfig } from '../local/dev-config';

export interface AdminTarget {
  /** Base URL of the deployment, e.g. https://abc.execute-api.ap-northeast-1.amazonaws.com/prod */
  serverUrl: string;
  adminSecret: string;
  appId: string;
}

export interface AdminAnswer {
  status: number;
  body: unknown;
}

export type AdminAction = { method: 'PUT'; path: 'registration'; body: object } | { method: 'GET'; path: 'status' } | { method: 'POST'; path: 'test-event'; body: object };

export async function callAdmin(target: AdminTarget, action: AdminAction, timeoutMs = 30_000): Promise<AdminAnswer> {
  const url = `${target.serverUrl.replace(/\/+$/, '')}/apps/${encodeURIComponent(target.appId)}/${action.path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: action.method,
      headers: { [ADMIN_SECRET_HEADER]: target.adminSecret, ...('body' in action ? { 'content-type': 'application/json' } : {}) },
      ...('body' in action ? { body: JSON.stringify(action.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    throw new Error(`could not reach ${url}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: 'not_json', message: text.slice(0, 200) };
  }
  return { status: response.status, body };
}

/**
 * Which deployment to call: `serverUrl` with ADMIN_SECRET from the environment (never an argument, which other
 * users of the machine can read), or else the local stack's dev.json.
 */
export function adminTarget(appId: string, serverUrl: string | undefined, dev: DevConfig | undefined, env = process.env): AdminTarget {
  const adminSecret = env.ADMIN_SECRET || dev?.adminSecret;
  if (!adminSecret) throw new Error("set ADMIN_SECRET to the deployment's admin secret");
  const url = serverUrl ?? dev?.serverUrl;
  if (!url) throw new Error('pass --server (the ServerUrl stack output)');
  return { serverUrl: url, adminSecret, appId };
}

/** The settings the app is registered with, as the server holds them (the status answer carries them). */
export async function registeredConfig(target: AdminTarget): Promise<PluginConfig> {
  const answer = await callAdmin(target, { method: 'GET', path: 'status' });
  if (answer.status === 404) {
    throw new Error(`app ${target.appId} is not registered with ${target.serverUrl}: save its plug-in settings or run \`npm run admin -- register\` first`);
  }
  if (answer.status >= 300) throw new Error(describeRefusal(answer));
  const result = migrateConfig((answer.body as { config?: unknown }).config);
  if (!result.ok) throw new Error(`the server sent settings this version cannot read: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return result.config;
}

/** One line per problem, e.g. "config.summary.status: field mkto_status is a NUMBER; …". */
export function describeRefusal(answer: AdminAnswer): string {
  const body = (answer.body ?? {}) as { error?: unknown; message?: unknown; errors?: unknown };
  const lines = [`server answered ${answer.status}${typeof body.error === 'string' ? ` ${body.error}` : ''}`];
  if (typeof body.message === 'string') lines.push(`  ${body.message}`);
  if (Array.isArray(body.errors)) {
    for (const problem of body.errors as { path?: unknown; message?: unknown }[]) lines.push(`  ${String(problem.path)}: ${String(problem.message)}`);
  }
  return lines.join('\n');
}
