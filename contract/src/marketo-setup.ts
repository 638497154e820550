/**
 * What the Marketo admin sets up, shared by the settings screen (which shows it) and the server (which
 * accepts exactly that). Browser-safe: no Node imports.
 */
import type { MarketoEventType } from './events';

/**
 * The webhook body keys and the Marketo token that fills each (docs/contracts.md, "The webhook"). One template serves
 * every campaign; a token the trigger does not offer renders empty. {{trigger.Name}} is the triggering asset's name:
 * the email's, the form's for "Fills Out Form", the page for "Visits Web Page"; {{trigger.Web Page}} is the page
 * visited or the page the form was filled out on (Marketo, "Trigger Tokens for Interesting Moments").
 */
export const WEBHOOK_TOKENS = {
  trigger: '{{trigger.Trigger Name}}',
  leadId: '{{lead.Id}}',
  email: '{{lead.Email Address}}',
  emailName: '{{trigger.Name}}',
  subject: '{{trigger.Subject}}',
  link: '{{trigger.Link}}',
  page: '{{trigger.Web Page}}',
  campaign: '{{campaign.name}}',
  campaignId: '{{campaign.id}}',
  occurredAt: '{{system.dateTime}}',
} as const;

/**
 * {{campaign.name}} names the trigger campaign that called the webhook ("kintone: Opens Email"), not the campaign
 * that sent the email; it is stored with this mark so that no one takes it for the email's campaign.
 */
const LISTENING_CAMPAIGN_MARK = ' (trigger campaign)';

export function listeningCampaign(name: string): string {
  return name ? `${name}${LISTENING_CAMPAIGN_MARK}` : '';
}

/** The listening campaign's name when the stored text is one, else undefined. */
export function listeningCampaignName(stored: string): string | undefined {
  return stored.endsWith(LISTENING_CAMPAIGN_MARK) ? stored.slice(0, -LISTENING_CAMPAIGN_MARK.length) : undefined;
}

/** The header that carries the per-app webhook secret. */
export const WEBHOOK_SECRET_HEADER = 'X-Webhook-Secret';

/**
 * Request Token Encoding "Form/Url": Marketo percent-encodes every token value, whatever its type, so the body
 * stays a valid form whether a value is a string, a number, empty or a date. A JSON template instead hangs on
 * which tokens Marketo counts as "string-type" and encloses in quotes (dates? empty numbers?), which its
 * documentation does not say ("Webhooks", Payload Template).
 */
export const WEBHOOK_TOKEN_ENCODING = 'Form/Url';

/** Marketo's own Content-Type for a webhook is undocumented: the setup sets the header that matches the template. */
export const WEBHOOK_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Every custom header the webhook needs (Webhook Actions > Set Custom Header), in the order the admin adds them. */
export function webhookHeaders(secret: string): { name: string; value: string }[] {
  return [
    { name: WEBHOOK_SECRET_HEADER, value: secret },
    { name: 'Content-Type', value: WEBHOOK_CONTENT_TYPE },
  ];
}

/**
 * The trigger each Marketo event type's smart campaign listens on; {{trigger.Trigger Name}} renders this name.
 * Replies need no campaign: they arrive by inbound mail.
 */
export const TRIGGER_NAME_BY_TYPE: Record<MarketoEventType, string> = {
  send: 'Was Sent Email',
  delivered: 'Email is Delivered',
  open: 'Opens Email',
  click: 'Clicks Link in Email',
  bounce: 'Email Bounces',
  unsubscribe: 'Unsubscribes from Email',
  visit: 'Visits Web Page',
  form: 'Fills Out Form',
};

/** The template to paste into the webhook's Template box: one key=token pair per body key, tokens bare. */
export function webhookTemplate(): string {
  return Object.entries(WEBHOOK_TOKENS)
    .map(([key, token]) => `${key}=${token}`)
    .join('&');
}
