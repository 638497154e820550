/** How registrations are stored; shared by every registry implementation. Stored data is validated on read. */
import { z } from 'zod';
import { migrateConfig } from '../../../contract/src/config';
import { KINTONE_ID } from '../../../contract/src/kintone-id';
import { LAST_ERROR_CODES } from '../../../contract/src/last-error';
import type { AppCounters, AppRegistration, AppStatus, CountersBySource, LastError } from '../services/ports';

const storedConfig = z.unknown().transform((raw, ctx) => {
  const result = migrateConfig(raw);
  if (result.ok) return result.config;
  for (const problem of result.problems)
    ctx.addIssue({ code: 'custom', message: `config.${problem.path}: ${problem.message}` });
  return z.NEVER;
});

export const registrationSchema = z.object({
  appId: z.string().min(1),
  kintoneBaseUrl: z.url(),
  apiTokenSealed: z.string().min(1),
  webhookSecretHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'webhook secret hash is not a SHA-256 hash'),
  guestSpaceId: z.string().regex(KINTONE_ID, 'guest space id is not a number').optional(),
  enabled: z.boolean(),
  config: storedConfig,
  updatedAt: z.string(),
}) satisfies z.ZodType<AppRegistration, unknown>;

/** A code this version does not know (a newer one stored it) is dropped: the status still reads, worded generically. */
const errorSchema = z
  .object({ at: z.string(), message: z.string(), code: z.enum(LAST_ERROR_CODES).optional().catch(undefined) })
  .transform(({ code, ...error }): LastError => (code ? { ...error, code } : error));

export const COUNTER_NAMES: readonly (keyof AppCounters)[] = [
  'accepted',
  'written',
  'duplicates',
  'trimmed',
  'unmatched',
  'filtered',
  'failed',
  'deferred',
  'alertsPosted',
  'alertsSkipped',
];
export const EVENT_SOURCES = ['webhook', 'reconcile', 'test', 'mail'] as const;

/** One source's counters; unknown names are dropped, so a later version's counters do not break reading. */
const sourceCounters = z
  .record(z.string(), z.unknown())
  .transform((raw): Partial<AppCounters> =>
    Object.fromEntries(COUNTER_NAMES.flatMap((name) => (typeof raw[name] === 'number' ? [[name, raw[name]]] : []))),
  );
const bySourceSchema = z
  .record(z.string(), sourceCounters)
  .transform((raw): CountersBySource =>
    Object.fromEntries(EVENT_SOURCES.flatMap((source) => (raw[source] ? [[source, raw[source]]] : []))),
  );

export const statusSchema = z.object({
  accepted: z.number().default(0),
  written: z.number().default(0),
  duplicates: z.number().default(0),
  trimmed: z.number().default(0),
  unmatched: z.number().default(0),
  filtered: z.number().default(0),
  failed: z.number().default(0),
  deferred: z.number().default(0),
  alertsPosted: z.number().default(0),
  alertsSkipped: z.number().default(0),
  bySource: bySourceSchema.optional(),
  lastEventAt: z.string().optional(),
  lastError: errorSchema.optional(),
  kintoneRequests: z.record(z.string(), z.number()).optional(),
  reconciledUntil: z.string().optional(),
  lastRescore: z
    .object({
      at: z.string(),
      examined: z.number(),
      changed: z.number(),
      skipped: z.number(),
      requests: z.number(),
      stopped: z.object({ reason: z.enum(['budget', 'time', 'error']), message: z.string() }).optional(),
      everyRecordScoredIn: z.string().optional(),
    })
    .optional(),
}) satisfies z.ZodType<AppStatus, unknown>;

export class StoredRegistrationError extends Error {
  constructor(appId: string, error: z.ZodError) {
    super(`stored registration of app ${appId} is invalid: ${error.issues.map((i) => i.message).join('; ')}`);
  }
}
