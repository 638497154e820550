import * as z from 'zod/mini';

/** Marketo's email engagement (trigger campaigns, Activities API), in increasing order of strength for the status field. */
export const MARKETO_EMAIL_EVENT_TYPES = ['send', 'delivered', 'open', 'click', 'bounce', 'unsubscribe'] as const;
export type MarketoEmailEventType = (typeof MARKETO_EMAIL_EVENT_TYPES)[number];

/**
 * Marketo's web activity of a known lead: a visit to a tracked page ("Visits Web Page" / "Visit Webpage") and a form
 * fill ("Fills Out Form" / "Fill Out Form"). Neither is a step in an email's life, so neither has a status.
 */
export const MARKETO_WEB_EVENT_TYPES = ['visit', 'form'] as const;
export type MarketoWebEventType = (typeof MARKETO_WEB_EVENT_TYPES)[number];

/** Everything Marketo reports that this product records. */
export const MARKETO_EVENT_TYPES = [...MARKETO_EMAIL_EVENT_TYPES, ...MARKETO_WEB_EVENT_TYPES] as const;
export type MarketoEventType = (typeof MARKETO_EVENT_TYPES)[number];

/**
 * The kinds of engagement this product records: Marketo's email engagement, a human reply to a marketing email, which
 * arrives by inbound mail (Marketo cannot see it) and has no place in the status field, then web activity.
 */
export const EVENT_TYPES = [...MARKETO_EMAIL_EVENT_TYPES, 'reply', ...MARKETO_WEB_EVENT_TYPES] as const;
export type EventType = (typeof EVENT_TYPES)[number];

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
