/**
 * The server's Admin API, called through kintone.plugin.app.proxy (which avoids CORS). The admin secret and the API
 * token travel only as the admin typed them for this call; kintone adds nothing but the app's status key, stored for
 * GET …/status. Every answer becomes a value or a typed error.
 */
import { z } from 'zod';
import {
  ADMIN_ROUTES,
  ADMIN_SECRET_HEADER,
  adminUrlPrefix,
  API_TOKEN_KEY,
  errorAnswerSchema,
  invalidAnswerSchema,
  registrationAnswerSchema,
  statusAnswerSchema,
  STATUS_KEY_HEADER,
  testEventAnswerSchema,
  type RegistrationAnswer,
  type RegistrationRequest,
  type StatusAnswer,
  type TestEventAnswer,
} from '../../../contract/src/admin-api';
import type { PluginConfig } from '../../../contract/src/config';
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
  /** A refusal the server explains in words and a code, e.g. 409 app_id_taken when another domain holds the app id. */
  | { kind: 'refused'; status: number; detail: string; code?: string }
  | { kind: 'notFound' }
  | { kind: 'notRegistered' }
  | { kind: 'invalid'; problems: Array<{ path: string; message: string; code?: string }> }
  | { kind: 'server'; status: number; detail: string; code?: string }
  | { kind: 'badResponse'; status: number };

export type AdminResult<T> = { ok: true; value: T } | { ok: false; error: AdminError };

/** API Gateway's own refusals carry a message without a code, so each part is read on its own. */
const errorCode = errorAnswerSchema.pick({ error: true });
const sentence = errorAnswerSchema.pick({ message: true });
const problemList = invalidAnswerSchema.pick({ errors: true });

export type Registration = RegistrationAnswer;
export type ServerStatus = StatusAnswer;
export type TestOutcome = TestEventAnswer;

/** The one URL whose proxy config may hold a credential: the app's status key, which reads counters only. */
export function statusUrl(serverUrl: string, appId: number): string {
  return `${adminUrlPrefix(serverUrl, appId)}${ADMIN_ROUTES.status.path}`;
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

export function createAdminClient(
  proxy: ProxyCall,
  serverUrl: string,
  appId: number,
  credentials: Credentials = {},
): AdminClient {
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
    register: (config, kintoneBaseUrl, options = {}) => {
      const request: RegistrationRequest = {
        config,
        kintoneBaseUrl,
        ...(options.apiToken ? { [API_TOKEN_KEY]: options.apiToken } : {}),
        ...(options.guestSpaceId ? { guestSpaceId: options.guestSpaceId } : {}),
        ...(options.rotateWebhookSecret ? { rotateWebhookSecret: true } : {}),
      };
      const { path, method } = ADMIN_ROUTES.register;
      return call(path, method, request, registrationAnswerSchema);
    },
    status: () => {
      const { path, method } = ADMIN_ROUTES.status;
      return call(
        path,
        method,
        {},
        statusAnswerSchema,
        credentials.statusKey ? { [STATUS_KEY_HEADER]: credentials.statusKey } : {},
      );
    },
    testEvent: (leadKey) => {
      const { path, method } = ADMIN_ROUTES.testEvent;
      return call(path, method, { leadKey }, testEventAnswerSchema);
    },
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
    return {
      ok: false,
      error: { kind: errorCode.safeParse(json).data?.error === 'unknown_app' ? 'notRegistered' : 'notFound' },
    };
  }
  if (status >= 400 && status < 500) {
    const problems = problemList.safeParse(json);
    if (problems.success) return { ok: false, error: { kind: 'invalid', problems: problems.data.errors } };
    const message = sentence.safeParse(json);
    if (message.success)
      return { ok: false, error: { kind: 'refused', status, detail: message.data.message, ...codeOf(json) } };
  }
  if (status >= 500) {
    const message = sentence.safeParse(json);
    return {
      ok: false,
      error: { kind: 'server', status, detail: message.success ? message.data.message : '', ...codeOf(json) },
    };
  }
  return { ok: false, error: { kind: 'badResponse', status } };
}

function codeOf(json: unknown): { code?: string } {
  const code = errorCode.safeParse(json);
  return code.success ? { code: code.data.error } : {};
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
