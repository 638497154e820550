/**
 * The Admin API between the server and its callers (the plug-in's settings screen, `npm run admin`): routes,
 * headers, and the schema of every request and answer. The server validates requests and type-checks its answers
 * against these; the callers parse answers with them.
 *
 * kintone's plug-in proxy adds whatever the settings screen stored with setProxyConfig to every matching call, and
 * the proxy works on record screens too: every app user can send requests with the stored values. So the admin
 * secret and the kintone API token are never stored there; the admin types them when registering. The one value
 * the screen may store is the app's status key, for GET …/status only: it shows that app's counters, nothing more.
 */
import { z } from 'zod';
import { KINTONE_ID } from './kintone-id';

export const ADMIN_SECRET_HEADER = 'X-Admin-Secret';
export const STATUS_KEY_HEADER = 'X-Status-Key';
export const API_TOKEN_KEY = 'apiToken';

/** Every route sits under `<server URL>/apps/<app id>/`. */
export const ADMIN_ROUTES = {
  register: { method: 'PUT', path: 'registration' },
  status: { method: 'GET', path: 'status' },
  testEvent: { method: 'POST', path: 'test-event' },
} as const;

export function normalizeServerUrl(serverUrl: string): string {
  return serverUrl.trim().replace(/\/+$/, '');
}

export function adminUrlPrefix(serverUrl: string, appId: number | string): string {
  return `${normalizeServerUrl(serverUrl)}/apps/${encodeURIComponent(String(appId))}/`;
}

export const registrationRequestSchema = z.strictObject({
  /** The plug-in config; the server migrates and checks it against the app's form. */
  config: z.unknown(),
  kintoneBaseUrl: z.string().trim().min(1, 'is required').max(2000),
  /** Typed by the admin the first time, or to replace the token the server keeps sealed. */
  [API_TOKEN_KEY]: z.string().trim().min(1, 'is required').max(1000).optional(),
  /** The guest space the app lives in, as the settings screen learns it from kintone.api.url(path, true). */
  guestSpaceId: z.string().regex(KINTONE_ID, 'is not a kintone guest space id').optional(),
  rotateWebhookSecret: z.boolean().optional(),
  enabled: z.boolean().optional(),
});
export type RegistrationRequest = z.infer<typeof registrationRequestSchema>;

export const testEventRequestSchema = z.object({
  leadKey: z.string().trim().min(1, 'is required').max(320),
});

export const registrationAnswerSchema = z.object({
  appId: z.string(),
  webhookUrl: z.string(),
  /** Only when a secret was issued: the server keeps its hash alone. */
  webhookSecret: z.string().optional(),
  webhookSecretIssued: z.boolean(),
  statusKey: z.string(),
  enabled: z.boolean(),
  updatedAt: z.string(),
});
export type RegistrationAnswer = z.infer<typeof registrationAnswerSchema>;

/** Where events came from: the webhook, Marketo's activity log (reconciliation, backfill), test events, replies. */
export const STATUS_SOURCES = ['webhook', 'reconcile', 'test', 'mail'] as const;
export type StatusSource = (typeof STATUS_SOURCES)[number];

const sourceCountersSchema = z.object({
  accepted: z.number().optional(),
  written: z.number().optional(),
  duplicates: z.number().optional(),
  trimmed: z.number().optional(),
  unmatched: z.number().optional(),
  filtered: z.number().optional(),
  failed: z.number().optional(),
  deferred: z.number().optional(),
});

export const statusAnswerSchema = z.object({
  appId: z.string(),
  enabled: z.boolean(),
  updatedAt: z.string(),
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
  /** alert comments posted to records' owners (each one kintone request); absent from servers without alerts */
  alertsPosted: z.number().optional(),
  /** alert comments not posted: the daily request budget was spent or kintone refused them (lastError says why) */
  alertsSkipped: z.number().optional(),
  /**
   * The counters by where the events came from, counted since the server version that introduced it (older
   * servers send none; events counted before are in the totals only).
   */
  bySource: z.partialRecord(z.enum(STATUS_SOURCES), sourceCountersSchema).optional(),
  /** kintone requests the server spent per kintone day (see kintone-day) */
  kintoneRequests: z.record(z.string(), z.number()).optional(),
  lastEventAt: z.string().optional(),
  /**
   * `code` says what failed (one of LAST_ERROR_CODES, contract/src/last-error), for callers to word it; absent on
   * statuses stored before codes existed. A string, so a caller older than the server still reads a newer code.
   */
  lastError: z.object({ at: z.string(), message: z.string(), code: z.string().optional() }).optional(),
  /** Marketo activities before this moment have been checked against what the webhooks wrote */
  reconciledUntil: z.string().optional(),
  /**
   * The latest daily re-score of the engagement scores: records read (score at least 1; all of them on the first pass),
   * rewritten (moved a point or more), left for later (written meanwhile), kintone requests spent, and why it stopped
   * early if it did.
   */
  lastRescore: z.optional(
    z.object({
      at: z.string(),
      examined: z.number(),
      changed: z.number(),
      skipped: z.number(),
      requests: z.number(),
      stopped: z.optional(z.object({ reason: z.enum(['budget', 'time', 'error']), message: z.string() })),
      /** Every record was read once for this score field (the first pass, which scores records of earlier events). */
      everyRecordScoredIn: z.optional(z.string()),
    }),
  ),
  /** Set when the app's kintone domain is no longer served by this deployment: nothing is written. */
  notServed: z.string().optional(),
  /** The registered mapping (no secret in it), for callers with the admin secret only. */
  config: z.unknown().optional(),
});
export type StatusAnswer = z.infer<typeof statusAnswerSchema>;

/** What became of a test event; callers word it from the outcome (the message is the server's English). */
export const TEST_OUTCOMES = [
  'written',
  'duplicate',
  'trimmed',
  'unmatched',
  'ambiguous',
  'filtered',
  'failed',
] as const;

export const testEventAnswerSchema = z.object({
  outcome: z.string(),
  eventKey: z.string(),
  message: z.string(),
  /** A failed write's cause, as the status's last error names it (last-error.ts); absent from older servers. */
  code: z.string().optional(),
});
export type TestEventAnswer = z.infer<typeof testEventAnswerSchema>;

/**
 * Machine-readable kinds of a refused input, so a caller can word it in its user's language (the message stays the
 * server's English sentence, for logs and tools). Absent on answers of older servers and on generic schema problems.
 */
export const PROBLEM_CODES = [
  /** the API token is needed: the app is registered for the first time */
  'api_token_required',
  /** the API token lacks the right to view or edit the app's records */
  'api_token_rights',
  /** kintone refused the API token */
  'api_token_refused',
  /** kintone refused the app id */
  'app_refused',
  /** the app is in a guest space the request did not name */
  'guest_space',
  /** something in front of kintone answered (a proxy, a maintenance page) */
  'kintone_proxy',
  /** the kintone URL is not one this deployment serves (or not https) */
  'kintone_url',
  /** the mapping does not fit the app's deployed form */
  'mapping',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** A 400: what was wrong, field by field. */
export const invalidAnswerSchema = z.object({
  error: z.literal('invalid_request'),
  errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })),
});
export type InvalidAnswer = z.infer<typeof invalidAnswerSchema>;

/** Every other refusal or failure: a code to branch on and a sentence for people. */
export const errorAnswerSchema = z.object({ error: z.string(), message: z.string() });
export type ErrorAnswer = z.infer<typeof errorAnswerSchema>;
