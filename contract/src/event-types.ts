/**
 * The kinds of engagement, without zod: the record panel imports them (also through events.ts's re-exports) and its
 * bundle must not carry the schema library that events.ts's queue-message schema needs.
 */
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
