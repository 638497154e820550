/**
 * The server's Admin API, called through kintone.plugin.app.proxy (which avoids CORS). The admin secret and the API
 * token travel only as the admin typed them for this call; kintone adds nothing but the app's status key, stored for
 * GET …/status. Every answer becomes a value or a typed error.
 */
import { z } from 'zod';
import { ADMIN_SECRET_HEADER, API_TOKEN_KEY, STATUS_KEY_HEADER } from '../../../server/src/core/admin-api';
import type { PluginConfig } from '../../../server/src/core/config';
import type { HttpMethod, ProxyResponse } from '../common/kintone';

export type ProxyCall = (
  url: string,
  method: HttpMethod,
  headers: Record<string, string>,
  data: object | string,
) => Promise<ProxyResponse>;

export type AdminError =
  | { kind: 'network'; detail: string }
  | { kind: 'unauthorized'; status: number }
  /** API Gateway's answer to a path it does not know, typically a server URL without its stage. */
  | { kind: 'forbidden' }
  /** A refusal the server explains in words, e.g. 409 when another kintone domain holds the app id. */
  | { kind: 'refused'; status: number; detail: string }
  | { kind: 'notFound' }
  | { kind: 'notRegistered' }
  | { kind: 'invalid'; problems: { path: string; message: string }[] }
  | { kind: 'server'; status: number; detail: string }
  | { kind: 'badResponse'; status: number };

export type AdminResult<T> = { ok: true; value: T } | { ok: false; error: AdminError };

const registration = z.object({
  webhookUrl: z.string(),
  /** Only when a secret was issued: the server keeps its hash alone. */
  webhookSecret: z.string().optional(),
  statusKey: z.string(),
});
const serverStatus = z.object({
  accepted: z.number(),
  written: z.number(),
  duplicates: z.number(),
  /** events the full history did not keep (its retention rule) */
  trimmed: z.number().optional(),
  unmatched: z.number(),
  /** events the app's settings leave out (bot activity, types not recorded) */
  filtered: z.number().optional(),
  failed: z.number(),
  /** events waiting for kintone's next day because the app's daily request budget is spent */
  deferred: z.number().optional(),
  /** kintone requests the server spent per kintone day (UTC date) */
  kintoneRequests: z.record(z.string(), z.number()).optional(),
  lastEventAt: z.string().optional(),
  lastError: z.object({ at: z.string(), message: z.string() }).optional(),
  /** Marketo activities before this moment have been checked against what the webhooks wrote */
  reconciledUntil: z.string().optional(),
});
const testOutcome = z.object({ outcome: z.string(), message: z.string() });
const problemList = z.object({ errors: z.array(z.object({ path: z.string(), message: z.string() })) });
const errorMessage = z.object({ message: z.string() });
const unknownApp = z.object({ error: z.literal('unknown_app') });

export type Registration = z.infer<typeof registration>;
export type ServerStatus = z.infer<typeof serverStatus>;
export type TestOutcome = z.infer<typeof testOutcome>;

export function normalizeServerUrl(serverUrl: string): string {
  return serverUrl.trim().replace(/\/+$/, '');
}

/** Every Admin API call of one app starts with this. */
export function adminUrlPrefix(serverUrl: string, appId: number): string {
  return `${normalizeServerUrl(serverUrl)}/apps/${appId}/`;
}

/** The one URL whose proxy config may hold a credential: the app's status key, which reads counters only. */
export function statusUrl(serverUrl: string, appId: number): string {
  return `${adminUrlPrefix(serverUrl, appId)}status`;
}

export interface Credentials {
  /** As the admin typed it for this call; never stored. */
  adminSecret?: string;
  /** Issued by a registration in this session and not yet stored in the proxy config. */
  statusKey?: string;
}

export interface RegisterOptions {
  /** Typed by the admin: needed the first time, or to replace the token the server keeps. */
  apiToken?: string;
  rotateWebhookSecret?: boolean;
  /** The guest space the app lives in: the server must then call it under /k/guest/<id>/v1/. */
  guestSpaceId?: string;
}

export interface AdminClient {
  register(config: PluginConfig, kintoneBaseUrl: string, options?: RegisterOptions): Promise<AdminResult<Registration>>;
  status(): Promise<AdminResult<ServerStatus>>;
  testEvent(leadKey: string): Promise<AdminResult<TestOutcome>>;
}

export function createAdminClient(proxy: ProxyCall, serverUrl: string, appId: number, credentials: Credentials = {}): AdminClient {
  const prefix = adminUrlPrefix(serverUrl, appId);
  const headers = {
    'Content-Type': 'application/json',
    ...(credentials.adminSecret ? { [ADMIN_SECRET_HEADER]: credentials.adminSecret } : {}),
  };
  const call = async <T>(
    path: string,
    method: HttpMethod,
    body: object,
    schema: z.ZodType<T>,
    extraHeaders: Record<string, string> = {},
  ): Promise<AdminResult<T>> => {
    let response: ProxyResponse;
    try {
      response = await proxy(prefix + path, method, { ...headers, ...extraHeaders }, body);
    } catch (error) {
      return { ok: false, error: { kind: 'network', detail: describe(error) } };
    }
    return interpret(response, schema);
  };
  return {
    register: (config, kintoneBaseUrl, options = {}) =>
      call(
        'registration',
        'PUT',
        {
          config,
          kintoneBaseUrl,
          ...(options.apiToken ? { [API_TOKEN_KEY]: options.apiToken } : {}),
          ...(options.guestSpaceId ? { guestSpaceId: options.guestSpaceId } : {}),
          ...(options.rotateWebhookSecret ? { rotateWebhookSecret: true } : {}),
        },
        registration,
      ),
    status: () => call('status', 'GET', {}, serverStatus, credentials.statusKey ? { [STATUS_KEY_HEADER]: credentials.statusKey } : {}),
    testEvent: (leadKey) => call('test-event', 'POST', { leadKey }, testOutcome),
  };
}

function interpret<T>([body, status]: ProxyResponse, schema: z.ZodType<T>): AdminResult<T> {
  const json = parseJson(body);
  if (status >= 200 && status < 300) {
    const parsed = schema.safeParse(json);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: { kind: 'badResponse', status } };
  }
  if (status === 401) return { ok: false, error: { kind: 'unauthorized', status } };
  if (status === 403) return { ok: false, error: { kind: 'forbidden' } };
  if (status === 404) {
    return { ok: false, error: { kind: unknownApp.safeParse(json).success ? 'notRegistered' : 'notFound' } };
  }
  if (status >= 400 && status < 500) {
    const problems = problemList.safeParse(json);
    if (problems.success) return { ok: false, error: { kind: 'invalid', problems: problems.data.errors } };
    const message = errorMessage.safeParse(json);
    if (message.success) return { ok: false, error: { kind: 'refused', status, detail: message.data.message } };
  }
  if (status >= 500) {
    const message = errorMessage.safeParse(json);
    return { ok: false, error: { kind: 'server', status, detail: message.success ? message.data.message : '' } };
  }
  return { ok: false, error: { kind: 'badResponse', status } };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** kintone rejects proxy calls with the response body (a string); other failures are Errors. */
function describe(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  return String(error);
}
