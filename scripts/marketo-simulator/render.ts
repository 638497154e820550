/**
 * Renders a webhook request the way Marketo's "Call Webhook" does: the template's {{tokens}} replaced by the
 * lead's and trigger's values, each value encoded for the chosen Request Token Encoding.
 */
import { formatInTimeZone } from 'date-fns-tz';
import { TRIGGER_NAME_BY_TYPE, WEBHOOK_TOKENS, webhookTemplate } from '../../server/src/core/marketo-setup';
import type { MarketoEventType } from '../../server/src/core/events';

export type TokenEncoding = 'json' | 'form';

export interface SimulatedLead {
  leadId: string;
  email: string;
}

export interface SimulatedActivity {
  type: MarketoEventType;
  lead: SimulatedLead;
  emailName: string;
  subject: string;
  link: string;
  campaign: string;
  campaignId: string;
  at: Date;
}

/** The form-encoded template an admin would use with Request Token Encoding "Form/Url". */
export function formTemplate(): string {
  return Object.entries(WEBHOOK_TOKENS)
    .map(([key, token]) => `${key}=${token}`)
    .join('&');
}

export function tokenValues(activity: SimulatedActivity, timeZone: string): Record<string, string> {
  return {
    [WEBHOOK_TOKENS.trigger]: TRIGGER_NAME_BY_TYPE[activity.type],
    [WEBHOOK_TOKENS.leadId]: activity.lead.leadId,
    [WEBHOOK_TOKENS.email]: activity.lead.email,
    [WEBHOOK_TOKENS.emailName]: activity.emailName,
    [WEBHOOK_TOKENS.subject]: activity.subject,
    // Marketo leaves a token empty when the trigger does not carry it (only clicks have a link).
    [WEBHOOK_TOKENS.link]: activity.type === 'click' ? activity.link : '',
    [WEBHOOK_TOKENS.campaign]: activity.campaign,
    [WEBHOOK_TOKENS.campaignId]: activity.campaignId,
    [WEBHOOK_TOKENS.occurredAt]: formatInTimeZone(activity.at, timeZone, 'yyyy-MM-dd HH:mm:ss'),
  };
}

export function renderRequest(
  activity: SimulatedActivity,
  encoding: TokenEncoding,
  timeZone: string,
): { contentType: string; body: string } {
  const values = tokenValues(activity, timeZone);
  const encode = encoding === 'json' ? (v: string) => JSON.stringify(v).slice(1, -1) : encodeURIComponent;
  const template = encoding === 'json' ? webhookTemplate() : formTemplate();
  const body = template.replace(/\{\{[^}]+\}\}/g, (token) => encode(values[token] ?? ''));
  return {
    contentType: encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
    body,
  };
}
