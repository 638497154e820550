/**
 * Marketo activities (Activities API) as engagement events, the same events the webhook produces, so the
 * reconciler and the backfill feed the writer exactly what Marketo's trigger campaigns would have sent.
 */
import { activityKey } from '../../../contract/src/activity-key';
import type { EngagementEvent, EventType, MarketoEventType } from '../../../contract/src/events';

/**
 * Activity type ids of email engagement, as Marketo lists them (REST API `GET /rest/v1/activities/types.json`; Adobe
 * developer documentation, Marketo Engage "Activities"), and what each is. 27 "Email Bounced Soft" is not read: a soft
 * bounce is temporary ("automatically gets resolved", Marketo Engage "Hard and Soft Bounces in Email"; a Velocity
 * error in the email is one too), and as a bounce it would tell sales to check a good address and set the score to 0,
 * which only a hard bounce (8) and an unsubscribe do.
 */
export const EMAIL_ACTIVITY_TYPES: Readonly<Record<number, MarketoEventType>> = {
  6: 'send',
  7: 'delivered',
  8: 'bounce',
  9: 'unsubscribe',
  10: 'open',
  11: 'click',
};

/**
 * Activity type ids of web activity (same sources): 1 "Visit Webpage" (primary attribute Webpage ID, whose value is
 * the page as host + path, e.g. "localhost/munchkintest2.html"; attributes Client IP Address, Query Parameters,
 * Referrer URL, Search Engine, Search Query, User Agent, Webpage URL, the path alone) and 2 "Fill Out Form" (primary
 * attribute Webform ID, whose value is the form's name; attributes Client IP Address, Form Fields, Query Parameters,
 * Referrer URL, the page the form was on, User Agent, Webpage ID).
 */
export const WEB_ACTIVITY_TYPES: Readonly<Record<number, MarketoEventType>> = {
  1: 'visit',
  2: 'form',
};

/** Every activity type id this product reads, and the event type each becomes. */
export const ACTIVITY_TYPES: Readonly<Record<number, MarketoEventType>> = {
  ...EMAIL_ACTIVITY_TYPES,
  ...WEB_ACTIVITY_TYPES,
};

/** The activity type ids to read for apps that record these event types: no visits read when no app records them. */
export function activityTypeIdsFor(recorded: Iterable<EventType>): number[] {
  const wanted = new Set<string>(recorded);
  return Object.entries(ACTIVITY_TYPES)
    .filter(([, type]) => wanted.has(type))
    .map(([id]) => Number(id));
}

/**
 * Marketo's docs name the attribute "Bot Activity" in one place and "Is Bot Activity" (the trigger constraint) in
 * another, with True/False (and N/A for a human) as values: either name, any case.
 */
const BOT_ATTRIBUTE_NAMES = new Set(['bot activity', 'is bot activity']);

export function isBotActivity(attributes: readonly { name: string; value: unknown }[]): boolean {
  const value = attributes.find((a) => BOT_ATTRIBUTE_NAMES.has(a.name.trim().toLowerCase()))?.value;
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** What the core reads of an activity; the Marketo adapter's validated activities have this shape. */
export interface ActivityRecord {
  marketoGUID: string;
  leadId: number;
  activityDate: string;
  activityTypeId: number;
  campaignId?: number | undefined;
  primaryAttributeValue?: string | undefined;
  attributes: { name: string; value: unknown }[];
}

export interface ActivityContext {
  appId: string;
  /** The lead's email address, from the Leads API ('' when Marketo has none). */
  email: string;
  /** The email's subject from the Asset API, when known. */
  subject?: string;
  /** The name of the activity's campaign (the one that sent the email), when known. */
  campaign?: string;
  receivedAt: Date;
}

/** The event for an email or web activity, or undefined for any other activity type or an unreadable date. */
export function activityEvent(activity: ActivityRecord, ctx: ActivityContext): EngagementEvent | undefined {
  const type = ACTIVITY_TYPES[activity.activityTypeId];
  const occurred = Date.parse(activity.activityDate);
  if (!type || Number.isNaN(occurred)) return undefined;
  const attribute = (name: string) => attributeText(activity, name);
  const primary = activity.primaryAttributeValue ?? '';
  const web = type === 'visit' || type === 'form';
  const identity = {
    type,
    leadId: String(activity.leadId),
    email: ctx.email,
    emailName: web ? '' : primary,
    link: linkOf(type, primary, attribute),
    occurredAt: new Date(occurred).toISOString(),
  };
  return {
    ...identity,
    key: activityKey(activity.marketoGUID),
    appId: ctx.appId,
    subject: web ? '' : (ctx.subject ?? ''),
    snippet: '',
    formName: type === 'form' ? primary : '',
    campaign: ctx.campaign ?? '',
    campaignId: activity.campaignId === undefined ? '' : String(activity.campaignId),
    isBot: isBotActivity(activity.attributes),
    source: 'reconcile',
    receivedAt: ctx.receivedAt.toISOString(),
  };
}

/** A visit's page as its event carries it: the primary attribute (host + path), else the Webpage URL (the path). */
export function visitPageOf(activity: Pick<ActivityRecord, 'primaryAttributeValue' | 'attributes'>): string {
  return linkOf('visit', activity.primaryAttributeValue ?? '', (name) => attributeText(activity, name));
}

function attributeText(activity: Pick<ActivityRecord, 'attributes'>, name: string): string {
  const value = activity.attributes.find((a) => a.name === name)?.value;
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** A click's link; a visit's page (host + path, the path alone when Marketo gives no host); a form fill's page. */
function linkOf(type: MarketoEventType, primary: string, attribute: (name: string) => string): string {
  if (type === 'click') return attribute('Link');
  if (type === 'visit') return primary || attribute('Webpage URL');
  if (type === 'form') return attribute('Referrer URL');
  return '';
}
