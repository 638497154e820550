/**
 * What the Marketo admin sets up, shared by the settings screen (which shows it) and the server (which
 * accepts exactly that). Browser-safe: no Node imports.
 */
import type { MarketoEventType } from './events';

/** The webhook body keys and the Marketo token that fills each (DESIGN.md "Contracts"). */
export const WEBHOOK_TOKENS = {
  trigger: '{{trigger.Trigger Name}}',
  leadId: '{{lead.Id}}',
  email: '{{lead.Email Address}}',
  emailName: '{{trigger.Name}}',
  subject: '{{trigger.Subject}}',
  link: '{{trigger.Link}}',
  campaign: '{{campaign.name}}',
  campaignId: '{{campaign.id}}',
  occurredAt: '{{system.dateTime}}',
} as const;

/** The header that carries the per-app webhook secret. */
export const WEBHOOK_SECRET_HEADER = 'X-Webhook-Secret';

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
};

/** The JSON template to paste into the webhook's Template box (Request Token Encoding: JSON). */
export function webhookTemplate(): string {
  const lines = Object.entries(WEBHOOK_TOKENS).map(([key, token]) => `  "${key}": "${token}"`);
  return `{\n${lines.join(',\n')}\n}`;
}
