/**
 * The plug-in config: one versioned schema shared by the kintone plug-in (which saves it with
 * setConfig and pushes it to the server) and the server (which writes records with it).
 *
 * Written with zod's mini build. The record panel, which must stay small, reads the stored config without zod: with a
 * reader generated from this schema (scripts/plugin/generate-config-reader.ts, checked to accept and reject exactly
 * what this schema does) and the zod-free rules in config-rules.ts, which this schema calls too. The generator
 * refuses a construct it does not know, so extending the schema with one means extending the generator.
 * The messages written here are ours; zod's own (a wrong type, an unknown option) come from the locale the process
 * loads: classic zod, which the server and the settings screen import, loads English; the panel loads none, and its
 * reader, like zod without a locale, says "Invalid input".
 */
import * as z from 'zod/mini';
import {
  blankToUndefined,
  isTimeZone,
  mappingConflicts,
  STATUSES,
  upgradeLegacyConfig,
  type MappedCodes,
  type Status,
} from './config-rules';
import { EVENT_TYPES } from './events';
import { SCORED_TYPES, type ScoredType } from './score';

export { STATUSES, type Status } from './config-rules';

export const CONFIG_VERSION = 1;

const fieldCode = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'choose a field'),
    z.maxLength(128, 'a kintone field code has at most 128 characters'),
  );
// The score's types and defaults live in score.ts, which imports nothing with zod: the record panel computes the
// score without loading zod. Re-exported here for the config's other readers.
export { DEFAULT_SCORE_SETTINGS, SCORED_TYPES, type ScoredType } from './score';
const scoreWeight = z.number().check(z.gte(0, 'at least 0'), z.lte(100, 'at most 100'));

/** A page pattern: text that a page's host + path contains, such as /pricing or example.com/products. */
const pagePattern = z
  .string()
  .check(z.trim(), z.minLength(1, 'write part of a page address'), z.maxLength(256, 'at most 256 characters'));
const MAX_PATTERNS = 20;

const optionalFieldCode = z.pipe(
  z.optional(z.string().check(z.trim(), z.maxLength(128))),
  z.transform(blankToUndefined),
);

/** Default option labels of the status DROP_DOWN; an admin whose options are worded otherwise maps them. */
export const DEFAULT_STATUS_LABELS: Record<Status, string> = {
  notSent: 'not sent',
  sent: 'sent',
  delivered: 'delivered',
  opened: 'opened',
  clicked: 'clicked',
  bounced: 'bounced',
  unsubscribed: 'unsubscribed',
};

const statusLabels = z.object(
  Object.fromEntries(STATUSES.map((s) => [s, z.string().check(z.trim(), z.minLength(1), z.maxLength(256))])) as Record<
    Status,
    z.ZodMiniString
  >,
);

/** config-rules.ts's mappingConflicts as configSchema's check; the panel's reader generator knows it by this name. */
export const mappedOnce = z.superRefine((config: MappedCodes, ctx) => {
  for (const { path, message } of mappingConflicts(config)) ctx.addIssue({ code: 'custom', message, path });
});

export const configSchema = z
  .object({
    version: z.literal(CONFIG_VERSION),
    leadKey: z.object({
      /** Which Marketo value identifies the customer record. */
      source: z.enum(['email', 'leadId']),
      /** The kintone field holding that value (LINK/MAIL or text for email, text or number for lead id). */
      field: fieldCode,
    }),
    /** What to do when several records carry the same lead key. */
    multipleMatches: z.enum(['all', 'newest', 'skip']),
    summary: z.object({
      status: optionalFieldCode,
      statusLabels,
      firstOpened: optionalFieldCode,
      lastOpened: optionalFieldCode,
      openCount: optionalFieldCode,
      lastClicked: optionalFieldCode,
      clickCount: optionalFieldCode,
      lastBounced: optionalFieldCode,
      unsubscribed: optionalFieldCode,
      lastReplied: optionalFieldCode,
      replyCount: optionalFieldCode,
      lastVisited: optionalFieldCode,
      visitCount: optionalFieldCode,
      lastFormFilled: optionalFieldCode,
      formCount: optionalFieldCode,
      /** A NUMBER field for the engagement score, 0-100 (score.ts). */
      score: optionalFieldCode,
    }),
    history: z.object({
      table: fieldCode,
      columns: z.object({
        occurredAt: fieldCode,
        type: fieldCode,
        emailName: optionalFieldCode,
        subject: optionalFieldCode,
        link: optionalFieldCode,
        campaign: optionalFieldCode,
        /** A reply's new text. */
        snippet: optionalFieldCode,
        /** A form fill's form name. */
        formName: optionalFieldCode,
        /** Stores each row's event key so a replayed event is never written twice. */
        eventKey: fieldCode,
      }),
      /** Rows kept at most; when full, the row that matters least goes first (record-patch's KEEP_TIER). */
      maxRows: z.int().check(z.gte(1), z.lte(1000)),
    }),
    eventTypes: z.array(z.enum(EVENT_TYPES)).check(z.minLength(1, 'record at least one event type')),
    ignoreBots: z.boolean(),
    /**
     * Which visits are recorded: a visit is kept when its page (host + path, any letter case) contains one of these.
     * Marketo's campaign listens on the same pages (marketo-setup); the server applies them too, so an over-broad
     * campaign or the reconciliation, which reads every visit of the lead, records no more. Absent: none configured.
     */
    visitPages: z.optional(z.array(pagePattern).check(z.maxLength(MAX_PATTERNS))),
    /** The engagement score's weights and half-life (score.ts). Absent: DEFAULT_SCORE_SETTINGS. */
    score: z.optional(
      z.object({
        weights: z.object(
          Object.fromEntries(SCORED_TYPES.map((t) => [t, scoreWeight])) as Record<ScoredType, typeof scoreWeight>,
        ),
        halfLifeDays: z.number().check(z.gte(1, 'at least 1 day'), z.lte(365, 'at most 365 days')),
      }),
    ),
    /** Comments to the record's owner on the moments that deserve a call (alert-moments.ts). Absent: no alerts. */
    alerts: z.optional(
      z.object({
        /** A USER_SELECT field: the users it holds are mentioned (kintone notifies them). */
        ownerField: fieldCode,
        onReply: z.boolean(),
        onForm: z.boolean(),
        /** A click on a link whose host + path contains one of these alerts; [] never. */
        clickPages: z.array(pagePattern).check(z.maxLength(MAX_PATTERNS)),
        /** A visit to a page whose host + path contains one of these alerts; [] never. */
        visitPages: z.array(pagePattern).check(z.maxLength(MAX_PATTERNS)),
        /** The score reaching this value from below alerts; absent never. */
        scoreThreshold: z.optional(z.int().check(z.gte(1), z.lte(100))),
        /** At most this many alerts per record, moment kind and kintone day. */
        perRecordPerDay: z.int().check(z.gte(1), z.lte(10)),
        /** The comment's language: the app's users'. */
        language: z.enum(['ja', 'en']),
      }),
    ),
    /** IANA zone of the Marketo subscription, used to read {{system.dateTime}}, which carries no offset. */
    marketoTimeZone: z.string().check(z.refine(isTimeZone, 'not an IANA time zone such as Asia/Tokyo')),
    panel: z.discriminatedUnion('placement', [
      z.object({ placement: z.literal('space'), spaceId: fieldCode }),
      z.object({ placement: z.literal('headerMenu') }),
    ]),
    /**
     * Hide the history table on the record screen (kintone.app.record.setFieldShown) where the panel shows its rows.
     * Absent in configs saved before the option existed: shown.
     */
    hideHistoryTable: z.optional(z.boolean()),
  })
  .check(mappedOnce);

export type PluginConfig = z.infer<typeof configSchema>;
export type ScoreSettings = NonNullable<PluginConfig['score']>;
export type AlertSettings = NonNullable<PluginConfig['alerts']>;

/** The config as the settings screen edits it, before defaults and trimming. */
export type PluginConfigInput = z.input<typeof configSchema>;

/** The config that fits the seeded demo app, and the starting point of the settings screen. */
export function defaultConfig(): PluginConfig {
  return {
    version: CONFIG_VERSION,
    leadKey: { source: 'email', field: 'email' },
    multipleMatches: 'all',
    summary: {
      status: 'mkto_status',
      statusLabels: { ...DEFAULT_STATUS_LABELS },
      firstOpened: 'mkto_first_opened',
      lastOpened: 'mkto_last_opened',
      openCount: 'mkto_open_count',
      lastClicked: 'mkto_last_clicked',
      clickCount: 'mkto_click_count',
      lastBounced: undefined,
      unsubscribed: undefined,
      lastReplied: 'mkto_last_replied',
      replyCount: 'mkto_reply_count',
      lastVisited: undefined,
      visitCount: undefined,
      lastFormFilled: undefined,
      formCount: undefined,
      score: undefined,
    },
    history: {
      table: 'mkto_history',
      columns: {
        occurredAt: 'mkto_h_at',
        type: 'mkto_h_type',
        emailName: 'mkto_h_email',
        subject: 'mkto_h_subject',
        link: 'mkto_h_link',
        campaign: 'mkto_h_campaign',
        snippet: 'mkto_h_snippet',
        formName: undefined,
        eventKey: 'mkto_h_key',
      },
      maxRows: 100,
    },
    eventTypes: ['open', 'click', 'bounce', 'unsubscribe', 'reply'],
    ignoreBots: true,
    marketoTimeZone: 'Asia/Tokyo',
    panel: { placement: 'space', spaceId: 'mkto_panel' },
  };
}

export type ConfigResult = { ok: true; config: PluginConfig } | { ok: false; problems: ConfigProblem[] };
export interface ConfigProblem {
  path: string;
  message: string;
}

/**
 * Brings any config this product ever saved up to the current version, then validates it.
 * Unversioned configs are treated as version 0, the shape of the first pre-release (flat field codes).
 */
export function migrateConfig(raw: unknown): ConfigResult {
  const migrated = upgradeLegacyConfig(raw, defaultConfig());
  const parsed = configSchema.safeParse(migrated);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  };
}
