import * as z from 'zod/mini';
import { EVENT_TYPES, type EventType } from './event-types';

export {
  EVENT_TYPES,
  MARKETO_EMAIL_EVENT_TYPES,
  MARKETO_EVENT_TYPES,
  MARKETO_WEB_EVENT_TYPES,
  type EventType,
  type MarketoEmailEventType,
  type MarketoEventType,
  type MarketoWebEventType,
} from './event-types';

/** Where an event came from; it does not change its identity. */
export type EventSource = 'webhook' | 'reconcile' | 'test' | 'mail';

/** The most of a reply's new text an event carries. */
export const MAX_SNIPPET_LENGTH = 200;

/** One engagement, normalised from a webhook body or a Marketo activity. Every string is plain text. */
export interface EngagementEvent {
  /** Stable identity: the same engagement always gets the same key (see eventKey). */
  key: string;
  appId: string;
  type: EventType;
  /** Marketo lead id, digits only, or '' when the webhook template did not send one. */
  leadId: string;
  /** Lead email address as Marketo sent it, or ''. */
  email: string;
  emailName: string;
  subject: string;
  /** A reply's new text (quoted history and signature removed), at most MAX_SNIPPET_LENGTH; '' for other types. */
  snippet: string;
  /** The clicked link; for a visit the page visited, for a form fill the page the form was on ('' when unknown). */
  link: string;
  /** A form fill's form name; '' for other types. */
  formName: string;
  campaign: string;
  campaignId: string;
  /** ISO 8601 UTC, e.g. 2026-11-28T06:15:00.000Z */
  occurredAt: string;
  isBot: boolean;
  source: EventSource;
  receivedAt: string;
}

/** Queue messages are parsed back with this schema: the writer trusts nothing it did not validate. */
export const engagementEventSchema = z.object({
  key: z.string().check(z.regex(/^([0-9a-f]{32}|mkto-[\w.:-]{1,64})$/)),
  appId: z.string().check(z.minLength(1)),
  type: z.enum(EVENT_TYPES),
  leadId: z.string(),
  email: z.string(),
  emailName: z.string(),
  subject: z.string(),
  // Messages queued by a version without replies carry no snippet.
  snippet: z._default(z.string().check(z.maxLength(MAX_SNIPPET_LENGTH)), ''),
  link: z.string(),
  // Messages queued by a version without web activity carry no form name.
  formName: z._default(z.string(), ''),
  campaign: z.string(),
  campaignId: z.string(),
  occurredAt: z.iso.datetime(),
  isBot: z.boolean(),
  source: z.enum(['webhook', 'reconcile', 'test', 'mail']),
  receivedAt: z.iso.datetime(),
}) satisfies z.ZodMiniType<EngagementEvent>;
