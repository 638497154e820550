/**
 * Marketo activities (Activities API) as engagement events, the same events the webhook produces, so the
 * reconciler and the backfill feed the writer exactly what Marketo's trigger campaigns would have sent.
 */
import { activityKey } from '../../../contract/src/activity-key';
import type { EngagementEvent, MarketoEventType } from '../../../contract/src/events';

/**
 * Activity type ids of email engagement, as Marketo lists them (REST API `GET /rest/v1/activities/types.json`; Adobe
 * developer documentation, Marketo Engage "Activities"), and what each is.
 */
export const EMAIL_ACTIVITY_TYPES: Readonly<Record<number, MarketoEventType>> = {
  6: 'send',
  7: 'delivered',
  8: 'bounce',
  27: 'bounce',
  9: 'unsubscribe',
  10: 'open',
  11: 'click',
};

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

/** The event for an email activity, or undefined for any other activity type or an unreadable date. */
export function activityEvent(activity: ActivityRecord, ctx: ActivityContext): EngagementEvent | undefined {
  const type = EMAIL_ACTIVITY_TYPES[activity.activityTypeId];
  const occurred = Date.parse(activity.activityDate);
  if (!type || Number.isNaN(occurred)) return undefined;
  const attribute = (name: string) => activity.attributes.find((a) => a.name === name)?.value;
  const identity = {
    type,
    leadId: String(activity.leadId),
    email: ctx.email,
    emailName: activity.primaryAttributeValue ?? '',
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- Marketo sends the Link attribute as a string.
    link: type === 'click' ? String(attribute('Link') ?? '') : '',
    occurredAt: new Date(occurred).toISOString(),
  };
  return {
    ...identity,
    key: activityKey(activity.marketoGUID),
    appId: ctx.appId,
    subject: ctx.subject ?? '',
    snippet: '',
    formName: '',
    campaign: ctx.campaign ?? '',
    campaignId: activity.campaignId === undefined ? '' : String(activity.campaignId),
    isBot: isBotActivity(activity.attributes),
    source: 'reconcile',
    receivedAt: ctx.receivedAt.toISOString(),
  };
}
