/**
 * The admin API the plug-in's settings screen calls through kintone's proxy (docs/contracts.md, "The Admin API"):
 * register an app's mapping, read its status, write a test event.
 *
 * Who may do what: registering and test events need the deployment's admin secret, typed by the admin at that
 * moment; an app's status is also open to that app's status key (derived from the admin secret, stored in kintone's
 * proxy config, usable by every app user: counters only). The API token is sent only when the admin types it, is
 * kept sealed, and only ever goes to a kintone host this deployment serves. An app stays on the host it was first
 * registered for: moving it is the operator's (`npm run admin -- move`), never the Admin API's.
 */
import { z } from 'zod';
import {
  ADMIN_SECRET_HEADER,
  API_TOKEN_KEY,
  registrationRequestSchema,
  STATUS_KEY_HEADER,
  testEventRequestSchema,
  type InvalidAnswer,
  type ProblemCode,
  type RegistrationAnswer,
  type StatusAnswer,
  type TestEventAnswer,
} from '../../../contract/src/admin-api';
import { migrateConfig } from '../../../contract/src/config';
import { errorMessage } from '../core/error-message';
import { eventKey } from '../core/event-key';
import type { EngagementEvent, EventType } from '../../../contract/src/events';
import { checkMapping } from '../../../contract/src/field-rules';
import { KINTONE_ID } from '../../../contract/src/kintone-id';
import { checkKintoneUrl, isServed, type KintoneDomainPolicy } from '../core/kintone-domains';
import { hashSecret, newSecret, secretsMatch, statusKeyFor } from '../core/secrets';
import { errorAnswer, type HttpAnswer } from './http-answer';
import { kintoneDay } from '../../../contract/src/kintone-day';
import {
  KintoneRefusedError,
  type AppInspector,
  type AppRegistration,
  type Log,
  type KintoneConnection,
  type RecordStore,
  type Registry,
  type TokenVault,
} from './ports';
import { lastErrorOf, writeAppEvents } from './write-events';

export interface AdminDeps {
  registry: Registry;
  adminSecret: string;
  /** Base URL of this deployment as Marketo reaches it, e.g. https://abc.execute-api.ap-northeast-1.amazonaws.com/prod */
  publicBaseUrl: string;
  kintoneDomains: KintoneDomainPolicy;
  vault: TokenVault;
  /** kintone requests per app and kintone day the server may spend; test events count against it too. */
  dailyRequestBudget: number;
  inspectApp: (connection: KintoneConnection) => AppInspector;
  recordStore: (connection: KintoneConnection) => RecordStore;
  now: () => Date;
  logger: Log;
}

export interface AdminRequest {
  appId: string;
  /** Every X-Admin-Secret value the caller sent; exactly one is accepted. */
  adminSecrets: string[];
  /** Every X-Status-Key value the caller sent (GET status only). */
  statusKeys: string[];
  body: string;
}

type Guarded = { ok: true; asAdmin: boolean } | { ok: false; answer: HttpAnswer };

/** Unknown app and wrong secret are answered alike, after the same constant-time comparisons. */
function guard(request: AdminRequest, deps: AdminDeps, statusKeyAllowed = false): Guarded {
  const [adminSecret, ...extraSecrets] = request.adminSecrets;
  const [statusKey, ...extraKeys] = request.statusKeys;
  const asAdmin = extraSecrets.length === 0 && secretsMatch(adminSecret, deps.adminSecret);
  // A caller that sends an admin secret is judged by it alone: the status key kintone's proxy adds to every GET
  // …/status must not make a mistyped secret look accepted (the settings screen checks a typed secret this way).
  const asReader =
    request.adminSecrets.length === 0 &&
    statusKeyAllowed &&
    extraKeys.length === 0 &&
    secretsMatch(statusKey, statusKeyFor(deps.adminSecret, request.appId));
  if ((!asAdmin && !asReader) || !KINTONE_ID.test(request.appId)) {
    deps.logger.warn('admin call refused: bad or missing credential', { appId: request.appId.slice(0, 40) });
    const accepted = statusKeyAllowed ? `${ADMIN_SECRET_HEADER} or ${STATUS_KEY_HEADER}` : ADMIN_SECRET_HEADER;
    return { ok: false, answer: errorAnswer(401, 'unauthorized', `missing or wrong ${accepted} header`) };
  }
  return { ok: true, asAdmin };
}

export async function registerApp(request: AdminRequest, deps: AdminDeps): Promise<HttpAnswer> {
  const guarded = guard(request, deps);
  if (!guarded.ok) return guarded.answer;
  const { appId } = request;
  const body = parseJson(request.body, registrationRequestSchema);
  if (!body.ok) return body.answer;

  // Before anything leaves: the host must be one this deployment serves.
  const target = checkKintoneUrl(body.value.kintoneBaseUrl, deps.kintoneDomains);
  if (!target.ok) return invalid([{ path: 'kintoneBaseUrl', message: target.message, code: 'kintone_url' }]);
  const { baseUrl } = target;
  const migrated = migrateConfig(body.value.config);
  if (!migrated.ok)
    return invalid(
      migrated.problems.map((p) => ({ path: p.path ? `config.${p.path}` : 'config', message: p.message })),
    );
  const config = migrated.config;

  const existing = await readRegistration(appId, deps);
  if (!existing.ok) return existing.answer;
  const before = existing.registration;
  if (before && before.kintoneBaseUrl !== baseUrl) {
    return errorAnswer(
      409,
      'app_id_taken',
      `app ${appId} is registered for ${before.kintoneBaseUrl}; webhook URLs name the app id only, so one deployment serves one app per id. Only the operator can move a registration to another domain (npm run admin -- move)`,
    );
  }

  let apiToken = body.value[API_TOKEN_KEY];
  if (!apiToken && before) {
    try {
      apiToken = await deps.vault.open(appId, before.apiTokenSealed);
    } catch (cause) {
      deps.logger.error('stored API token could not be opened', { appId, error: errorMessage(cause) });
      return errorAnswer(
        503,
        'vault_unavailable',
        'the stored API token could not be opened; nothing was changed (type the API token to replace it)',
      );
    }
  }
  if (!apiToken)
    return invalid([
      {
        path: API_TOKEN_KEY,
        message: 'is required when the app is registered for the first time',
        code: 'api_token_required',
      },
    ]);

  const { guestSpaceId } = body.value;
  const inspector = deps.inspectApp({ baseUrl, apiToken, appId, guestSpaceId });
  try {
    const rights = await inspector.probeRights();
    const missing = [rights.view ? undefined : 'view records', rights.edit ? undefined : 'edit records'].filter(
      Boolean,
    );
    if (missing.length > 0) {
      return invalid([
        {
          path: API_TOKEN_KEY,
          message: `the API token lacks the permission to ${missing.join(' and ')} of app ${appId}`,
          code: 'api_token_rights',
        },
      ]);
    }
    const form = await inspector.readForm();
    const problems = checkMapping(config, form.properties, form.spaces);
    if (problems.length > 0)
      return invalid(problems.map((p) => ({ path: `config.${p.path}`, message: p.message, code: 'mapping' })));
  } catch (cause) {
    return kintoneRefusal(cause, baseUrl, appId, deps);
  }

  const webhookSecret = !before || body.value.rotateWebhookSecret ? newSecret() : undefined;
  let registration: AppRegistration;
  try {
    registration = {
      appId,
      kintoneBaseUrl: baseUrl,
      apiTokenSealed:
        body.value[API_TOKEN_KEY] || !before ? await deps.vault.seal(appId, apiToken) : before.apiTokenSealed,
      webhookSecretHash: webhookSecret ? hashSecret(webhookSecret) : before!.webhookSecretHash,
      ...(guestSpaceId ? { guestSpaceId } : {}),
      enabled: body.value.enabled ?? true,
      config,
      updatedAt: deps.now().toISOString(),
    };
    await deps.registry.put(registration);
  } catch (cause) {
    deps.logger.error('registration could not be stored', { appId, error: errorMessage(cause) });
    return errorAnswer(503, 'registry_unavailable', 'the registration could not be stored; nothing was changed');
  }
  if (before && before.config.summary.score !== config.summary.score) await forgetFirstPass(appId, deps);
  return {
    statusCode: 200,
    body: {
      appId,
      webhookUrl: `${deps.publicBaseUrl}/webhook/${appId}`,
      // Only the hash is kept: the secret is shown when it is issued, and a lost one is replaced by rotating.
      ...(webhookSecret ? { webhookSecret } : {}),
      webhookSecretIssued: webhookSecret !== undefined,
      statusKey: statusKeyFor(deps.adminSecret, appId),
      enabled: registration.enabled,
      updatedAt: registration.updatedAt,
    } satisfies RegistrationAnswer,
  };
}

/**
 * The operator's move of an app's registration to another kintone domain this deployment serves (`npm run admin --
 * move`, run with the registry's own credentials, never through the Admin API): checked against the app in the new
 * domain with its API token, then stored with the mapping, webhook secret and counters it had.
 */
export async function moveRegistration(
  appId: string,
  move: { kintoneBaseUrl: string; apiToken: string },
  deps: Pick<AdminDeps, 'registry' | 'kintoneDomains' | 'vault' | 'inspectApp' | 'now' | 'logger'>,
): Promise<HttpAnswer> {
  const target = checkKintoneUrl(move.kintoneBaseUrl, deps.kintoneDomains);
  if (!target.ok) return invalid([{ path: 'kintoneBaseUrl', message: target.message }]);
  const existing = await readRegistration(appId, deps);
  if (!existing.ok) return existing.answer;
  const before = existing.registration;
  if (!before) return errorAnswer(404, 'unknown_app', `app ${appId} is not registered`);
  const inspector = deps.inspectApp({
    baseUrl: target.baseUrl,
    apiToken: move.apiToken,
    appId,
    guestSpaceId: before.guestSpaceId,
  });
  try {
    const rights = await inspector.probeRights();
    if (!rights.view || !rights.edit)
      return invalid([
        { path: API_TOKEN_KEY, message: `the API token cannot view and edit app ${appId} in ${target.baseUrl}` },
      ]);
    const form = await inspector.readForm();
    const problems = checkMapping(before.config, form.properties, form.spaces);
    if (problems.length > 0) return invalid(problems.map((p) => ({ path: `config.${p.path}`, message: p.message })));
  } catch (cause) {
    return kintoneRefusal(cause, target.baseUrl, appId, deps);
  }
  const updatedAt = deps.now().toISOString();
  await deps.registry.put({
    ...before,
    kintoneBaseUrl: target.baseUrl,
    apiTokenSealed: await deps.vault.seal(appId, move.apiToken),
    updatedAt,
  });
  deps.logger.info('registration moved', { appId, from: before.kintoneBaseUrl, to: target.baseUrl });
  return {
    statusCode: 200,
    body: { appId, kintoneBaseUrl: target.baseUrl, movedFrom: before.kintoneBaseUrl, updatedAt },
  };
}

export async function appStatus(request: AdminRequest, deps: AdminDeps): Promise<HttpAnswer> {
  const guarded = guard(request, deps, true);
  if (!guarded.ok) return guarded.answer;
  const existing = await readRegistration(request.appId, deps);
  if (!existing.ok) return existing.answer;
  const { registration } = existing;
  if (!registration) return errorAnswer(404, 'unknown_app', `app ${request.appId} is not registered`);
  let status;
  try {
    status = await deps.registry.status(request.appId);
  } catch (cause) {
    deps.logger.error('status unreadable', { appId: request.appId, error: errorMessage(cause) });
    return errorAnswer(503, 'registry_unavailable', 'the status could not be read');
  }
  const served = isServed(registration.kintoneBaseUrl, deps.kintoneDomains);
  return {
    statusCode: 200,
    body: {
      appId: request.appId,
      enabled: registration.enabled,
      updatedAt: registration.updatedAt,
      ...(served
        ? {}
        : {
            notServed: `registered for ${registration.kintoneBaseUrl}, which this deployment no longer serves: nothing is written`,
          }),
      // The mapping (no secret in it) is for the admin's tools, such as the backfill; the status key sees counters only.
      ...(guarded.asAdmin ? { config: registration.config } : {}),
      ...status,
    } satisfies StatusAnswer,
  };
}

/**
 * A score field mapped anew, or again after a while without it, has missed the events written meanwhile: the next
 * re-score reads every record once (rescore.ts). Best effort: the registration stands either way.
 */
async function forgetFirstPass(appId: string, deps: Pick<AdminDeps, 'registry' | 'logger'>): Promise<void> {
  try {
    const { lastRescore } = await deps.registry.status(appId);
    if (!lastRescore?.everyRecordScoredIn) return;
    const { everyRecordScoredIn: _forgotten, ...run } = lastRescore;
    await deps.registry.recordStatus(appId, { add: {}, lastRescore: run });
  } catch (cause) {
    deps.logger.warn('the re-score will not read every record for the new score field', {
      appId,
      error: errorMessage(cause),
    });
  }
}

/** Writes one synthetic event for the given lead key straight to kintone and says what became of it. */
export async function sendTestEvent(request: AdminRequest, deps: AdminDeps): Promise<HttpAnswer> {
  const guarded = guard(request, deps);
  if (!guarded.ok) return guarded.answer;
  const { appId } = request;
  const body = parseJson(request.body, testEventRequestSchema);
  if (!body.ok) return body.answer;
  const existing = await readRegistration(appId, deps);
  if (!existing.ok) return existing.answer;
  const { registration } = existing;
  if (!registration) return errorAnswer(404, 'unknown_app', `app ${appId} is not registered`);
  if (!isServed(registration.kintoneBaseUrl, deps.kintoneDomains)) {
    return errorAnswer(
      409,
      'not_served',
      `app ${appId} is registered for ${registration.kintoneBaseUrl}, which this deployment does not serve`,
    );
  }
  const now = deps.now();
  const day = kintoneDay(now);
  let spent;
  try {
    spent = (await deps.registry.status(appId)).kintoneRequests?.[day] ?? 0;
  } catch (cause) {
    deps.logger.error('status unreadable', { appId, error: errorMessage(cause) });
    return errorAnswer(503, 'registry_unavailable', 'the status could not be read');
  }
  if (spent >= deps.dailyRequestBudget) {
    return errorAnswer(
      429,
      'budget_used',
      `app ${appId} has used its ${deps.dailyRequestBudget} kintone requests for today; try again after 09:00 JST`,
    );
  }

  const event = testEvent(appId, registration.config, body.value.leadKey, now.toISOString());
  let store: RecordStore;
  try {
    store = deps.recordStore({
      baseUrl: registration.kintoneBaseUrl,
      apiToken: await deps.vault.open(appId, registration.apiTokenSealed),
      appId,
      guestSpaceId: registration.guestSpaceId,
    });
  } catch (cause) {
    deps.logger.error('stored API token could not be opened', { appId, error: errorMessage(cause) });
    return errorAnswer(
      503,
      'vault_unavailable',
      'the stored API token could not be opened; register the app again with its API token',
    );
  }
  let report;
  try {
    report = await writeAppEvents([event], registration.config, store, { now: now.getTime() });
  } catch (cause) {
    await countRequests(appId, day, store.requestsSent(), deps);
    return kintoneRefusal(cause, registration.kintoneBaseUrl, appId, deps);
  }
  const outcome = report.outcomes.get(event.key) ?? 'failed';
  const lastError = outcome === 'failed' ? lastErrorOf(report.errors, event.occurredAt) : undefined;
  const counted =
    outcome === 'written' ? { written: 1 } : outcome === 'unmatched' || outcome === 'ambiguous' ? { unmatched: 1 } : {};
  await deps.registry
    .recordStatus(appId, {
      add: counted,
      bySource: { test: counted },
      lastEventAt: event.occurredAt,
      kintoneRequests: { day, count: store.requestsSent() },
      ...(lastError ? { lastError } : {}),
    })
    .catch((cause: unknown) =>
      deps.logger.warn('could not record the test event', { appId, error: errorMessage(cause) }),
    );
  const field = registration.config.leadKey.field;
  const leadKey = body.value.leadKey;
  const messages: Record<string, string> = {
    written: `a test ${event.type} event was written to the record whose ${field} is ${leadKey}`,
    unmatched: `no record has ${leadKey} in field ${field}`,
    ambiguous: `several records have ${leadKey} in field ${field}, and the app is set to skip such leads`,
    filtered: `the app records none of the test event's type (${event.type})`,
    failed: `kintone refused the write: ${lastError?.message ?? ''}`,
  };
  return {
    statusCode: 200,
    body: {
      outcome,
      eventKey: event.key,
      message: messages[outcome] ?? outcome,
      ...(lastError?.code ? { code: lastError.code } : {}),
    } satisfies TestEventAnswer,
  };
}

function testEvent(appId: string, config: AppRegistration['config'], leadKey: string, now: string): EngagementEvent {
  const type: EventType = config.eventTypes.includes('open') ? 'open' : config.eventTypes[0]!;
  const identity = {
    type,
    leadId: config.leadKey.source === 'leadId' ? leadKey : '',
    email: config.leadKey.source === 'email' ? leadKey : '',
    emailName: 'kintone-marketo-sync test event',
    link: '',
    occurredAt: now,
  };
  return {
    ...identity,
    key: eventKey(identity),
    appId,
    subject: 'Connection test',
    snippet: '',
    formName: '',
    campaign: 'kintone-marketo-sync test',
    campaignId: '',
    isBot: false,
    source: 'test',
    receivedAt: now,
  };
}

async function countRequests(appId: string, day: string, count: number, deps: AdminDeps): Promise<void> {
  if (count === 0) return;
  await deps.registry
    .recordStatus(appId, { add: {}, kintoneRequests: { day, count } })
    .catch((cause: unknown) =>
      deps.logger.warn('could not count kintone requests', { appId, error: errorMessage(cause) }),
    );
}

/** Fail closed: a registry that cannot be read, or a stored registration that cannot be decoded, changes nothing. */
async function readRegistration(
  appId: string,
  deps: Pick<AdminDeps, 'registry' | 'logger'>,
): Promise<{ ok: true; registration: AppRegistration | undefined } | { ok: false; answer: HttpAnswer }> {
  try {
    return { ok: true, registration: await deps.registry.get(appId) };
  } catch (cause) {
    deps.logger.error('registration unreadable', { appId, error: errorMessage(cause) });
    return {
      ok: false,
      answer: errorAnswer(
        503,
        'registry_unavailable',
        `the registration of app ${appId} could not be read; nothing was changed`,
      ),
    };
  }
}

/** What the admin must correct for each kind of kintone refusal: a field of the request, or `kintone` itself. */
const REFUSAL_PATHS: Record<KintoneRefusedError['about'], { path: string; code: ProblemCode }> = {
  token: { path: API_TOKEN_KEY, code: 'api_token_refused' },
  app: { path: 'appId', code: 'app_refused' },
  guestSpace: { path: 'guestSpaceId', code: 'guest_space' },
  proxy: { path: 'kintone', code: 'kintone_proxy' },
};

function kintoneRefusal(cause: unknown, baseUrl: string, appId: string, deps: Pick<AdminDeps, 'logger'>): HttpAnswer {
  if (cause instanceof KintoneRefusedError) return invalid([{ ...REFUSAL_PATHS[cause.about], message: cause.reason }]);
  deps.logger.warn('kintone unreachable during an admin call', { appId, baseUrl, error: errorMessage(cause) });
  return errorAnswer(502, 'kintone_unreachable', `could not reach kintone at ${baseUrl}`);
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
  return {
    ok: false,
    answer: invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }))),
  };
}

function invalid(errors: InvalidAnswer['errors']): HttpAnswer {
  return { statusCode: 400, body: { error: 'invalid_request', errors } satisfies InvalidAnswer };
}
