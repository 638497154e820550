/**
 * The admin API the plug-in's settings screen calls through kintone's proxy (DESIGN.md "Contracts"):
 * register an app's mapping, read its status, write a test event. Every call carries the deployment's admin
 * secret; no answer ever contains the kintone API token.
 */
import { KintoneRestAPIError } from '@kintone/rest-api-client';
import { z } from 'zod';
import { ADMIN_SECRET_HEADER, API_TOKEN_KEY, NEW_API_TOKEN_KEY } from '../core/admin-api';
import { migrateConfig } from '../core/config';
import { eventKey } from '../core/event-key';
import type { EngagementEvent, EventType } from '../core/events';
import { checkMapping } from '../core/field-rules';
import { newSecret, secretsMatch } from '../core/secrets';
import type { HttpAnswer } from './accept-webhook';
import type { AppInspector, AppRegistration, Log, RecordStore, Registry } from './ports';
import { writeAppEvents } from './write-events';

export interface AdminDeps {
  registry: Registry;
  adminSecret: string;
  /** Base URL of this deployment as Marketo reaches it, e.g. https://abc.execute-api.ap-northeast-1.amazonaws.com/prod */
  publicBaseUrl: string;
  /** Plain-HTTP kintone URLs are refused unless this is set (the local stack sets it). */
  allowHttpKintone: boolean;
  inspectApp: (connection: { baseUrl: string; apiToken: string; appId: string }) => AppInspector;
  recordStore: (connection: { baseUrl: string; apiToken: string; appId: string }) => RecordStore;
  now: () => Date;
  logger: Log;
}

export interface AdminRequest {
  appId: string;
  /** Every admin secret the caller presented (the stored one and one just typed); one must match. */
  adminSecrets: string[];
  body: string;
}

const APP_ID = /^[1-9]\d{0,17}$/;

const apiToken = z.string().trim().min(1, 'is required').max(1000);
const registrationBody = z.object({
  config: z.unknown(),
  kintoneBaseUrl: z.url({ protocol: /^https?$/ }),
  [API_TOKEN_KEY]: apiToken.optional(),
  [NEW_API_TOKEN_KEY]: apiToken.optional(),
  rotateWebhookSecret: z.boolean().optional(),
  enabled: z.boolean().optional(),
  replaceOtherDomain: z.boolean().optional(),
}).refine((body) => body[API_TOKEN_KEY] ?? body[NEW_API_TOKEN_KEY], { message: 'is required', path: [API_TOKEN_KEY] });

const testEventBody = z.object({
  leadKey: z.string().trim().min(1, 'is required').max(320),
});

type Guarded = { ok: true } | { ok: false; answer: HttpAnswer };

function guard(request: AdminRequest, deps: AdminDeps): Guarded {
  if (!request.adminSecrets.some((presented) => secretsMatch(presented, deps.adminSecret))) {
    deps.logger.warn('admin call refused: bad or missing admin secret', { appId: request.appId });
    return { ok: false, answer: error(401, 'unauthorized', `missing or wrong ${ADMIN_SECRET_HEADER} header`) };
  }
  if (!APP_ID.test(request.appId)) return { ok: false, answer: error(404, 'unknown_app', 'not a kintone app id') };
  return { ok: true };
}

export async function registerApp(request: AdminRequest, deps: AdminDeps): Promise<HttpAnswer> {
  const guarded = guard(request, deps);
  if (!guarded.ok) return guarded.answer;
  const body = parseJson(request.body, registrationBody);
  if (!body.ok) return body.answer;
  const { kintoneBaseUrl } = body.value;
  const apiToken = (body.value[NEW_API_TOKEN_KEY] ?? body.value[API_TOKEN_KEY])!;

  const url = new URL(kintoneBaseUrl);
  if (url.protocol !== 'https:' && !deps.allowHttpKintone) {
    return invalid([{ path: 'kintoneBaseUrl', message: 'must start with https://' }]);
  }
  const baseUrl = url.origin;
  const migrated = migrateConfig(body.value.config);
  if (!migrated.ok) return invalid(migrated.problems.map((p) => ({ path: p.path ? `config.${p.path}` : 'config', message: p.message })));
  const config = migrated.config;

  const inspector = deps.inspectApp({ baseUrl, apiToken, appId: request.appId });
  try {
    const rights = await inspector.probeRights();
    const missing = [rights.view ? undefined : 'view records', rights.edit ? undefined : 'edit records'].filter(Boolean);
    if (missing.length > 0) {
      return invalid([{ path: 'apiToken', message: `the API token lacks the permission to ${missing.join(' and ')} of app ${request.appId}` }]);
    }
    const form = await inspector.readForm();
    const problems = checkMapping(config, form.properties, form.spaces);
    if (problems.length > 0) return invalid(problems.map((p) => ({ path: `config.${p.path}`, message: p.message })));
  } catch (cause) {
    return kintoneRefusal(cause, baseUrl, request.appId, deps);
  }

  const existing = await deps.registry.get(request.appId).catch(() => undefined);
  if (existing && existing.kintoneBaseUrl !== baseUrl && !body.value.replaceOtherDomain) {
    return error(
      409,
      'app_id_taken',
      `app ${request.appId} is registered for ${existing.kintoneBaseUrl}; webhook URLs name the app id only, so one deployment serves one app per id (deploy another stage for this domain, or send replaceOtherDomain to move the registration)`,
    );
  }
  const webhookSecret = existing && !body.value.rotateWebhookSecret ? existing.webhookSecret : newSecret();
  const registration: AppRegistration = {
    appId: request.appId,
    kintoneBaseUrl: baseUrl,
    apiToken,
    webhookSecret,
    enabled: body.value.enabled ?? true,
    config,
    updatedAt: deps.now().toISOString(),
  };
  await deps.registry.put(registration);
  return {
    statusCode: 200,
    body: {
      appId: request.appId,
      webhookUrl: `${deps.publicBaseUrl}/webhook/${request.appId}`,
      webhookSecret,
      enabled: registration.enabled,
      updatedAt: registration.updatedAt,
    },
  };
}

export async function appStatus(request: AdminRequest, deps: AdminDeps): Promise<HttpAnswer> {
  const guarded = guard(request, deps);
  if (!guarded.ok) return guarded.answer;
  const registration = await deps.registry.get(request.appId);
  if (!registration) return error(404, 'unknown_app', `app ${request.appId} is not registered`);
  const status = await deps.registry.status(request.appId);
  // The registered mapping holds no secret; the backfill filters by it before it queues anything.
  return {
    statusCode: 200,
    body: { appId: request.appId, enabled: registration.enabled, updatedAt: registration.updatedAt, config: registration.config, ...status },
  };
}

/** Writes one synthetic event for the given lead key straight to kintone and says what became of it. */
export async function sendTestEvent(request: AdminRequest, deps: AdminDeps): Promise<HttpAnswer> {
  const guarded = guard(request, deps);
  if (!guarded.ok) return guarded.answer;
  const body = parseJson(request.body, testEventBody);
  if (!body.ok) return body.answer;
  const registration = await deps.registry.get(request.appId);
  if (!registration) return error(404, 'unknown_app', `app ${request.appId} is not registered`);

  const { config } = registration;
  const now = deps.now().toISOString();
  const type: EventType = config.eventTypes.includes('open') ? 'open' : config.eventTypes[0]!;
  const leadKey = body.value.leadKey;
  const identity = {
    type,
    leadId: config.leadKey.source === 'leadId' ? leadKey : '',
    email: config.leadKey.source === 'email' ? leadKey : '',
    emailName: 'kintone-marketo-sync test event',
    link: '',
    occurredAt: now,
  };
  const event: EngagementEvent = {
    ...identity,
    key: eventKey(identity),
    appId: request.appId,
    subject: 'Connection test',
    snippet: '',
    campaign: 'kintone-marketo-sync test',
    campaignId: '',
    isBot: false,
    source: 'test',
    receivedAt: now,
  };
  const store = deps.recordStore({ baseUrl: registration.kintoneBaseUrl, apiToken: registration.apiToken, appId: request.appId });
  let report;
  try {
    report = await writeAppEvents([event], config, store);
  } catch (cause) {
    return kintoneRefusal(cause, registration.kintoneBaseUrl, request.appId, deps);
  }
  const outcome = report.outcomes.get(event.key) ?? 'failed';
  await deps.registry.recordStatus(request.appId, {
    add: outcome === 'written' ? { written: 1 } : outcome === 'unmatched' || outcome === 'ambiguous' ? { unmatched: 1 } : {},
    lastEventAt: now,
    ...(outcome === 'failed' ? { lastError: { at: now, message: report.errors.join('; ') } } : {}),
  });
  const field = config.leadKey.field;
  const messages: Record<string, string> = {
    written: `a test ${type} event was written to the record whose ${field} is ${leadKey}`,
    unmatched: `no record has ${leadKey} in field ${field}`,
    ambiguous: `several records have ${leadKey} in field ${field}, and the app is set to skip such leads`,
    filtered: `the app records none of the test event's type (${type})`,
    failed: `kintone refused the write: ${report.errors.join('; ')}`,
  };
  return { statusCode: 200, body: { outcome, eventKey: event.key, message: messages[outcome] ?? outcome } };
}

function kintoneRefusal(cause: unknown, baseUrl: string, appId: string, deps: AdminDeps): HttpAnswer {
  if (cause instanceof KintoneRestAPIError) {
    const reasons: Record<string, string> = {
      GAIA_IA02: 'kintone does not accept this API token',
      GAIA_NO01: `the API token has no permission for app ${appId}`,
      GAIA_AP01: `app ${appId} does not exist in ${baseUrl}`,
      CB_IJ01: 'kintone could not read the request',
    };
    const message = reasons[cause.code] ?? `kintone answered ${cause.status} ${cause.code}`;
    return invalid([{ path: cause.code === 'GAIA_AP01' ? 'appId' : 'apiToken', message }]);
  }
  deps.logger.warn('kintone unreachable during an admin call', { appId, baseUrl, error: cause instanceof Error ? cause.message : String(cause) });
  return error(502, 'kintone_unreachable', `could not reach kintone at ${baseUrl}`);
}

type Parsed<T> = { ok: true; value: T } | { ok: false; answer: HttpAnswer };

function parseJson<T>(text: string, schema: z.ZodType<T>): Parsed<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, answer: invalid([{ path: '(body)', message: 'is not valid JSON' }]) };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, answer: invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }))) };
}

function error(statusCode: number, code: string, message: string): HttpAnswer {
  return { statusCode, body: { error: code, message } };
}

function invalid(errors: { path: string; message: string }[]): HttpAnswer {
  return { statusCode: 400, body: { error: 'invalid_request', errors } };
}
