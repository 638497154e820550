/**
 * Renders a webhook request the way Marketo's "Call Webhook" does, and no kinder: the template's {{tokens}} replaced
 * by the lead's and trigger's values, each value encoded for the Request Token Encoding, string-type tokens enclosed
 * in double quotes by Marketo itself under JSON ("Webhooks", Payload Template). Where Marketo's documentation is
 * silent (quotes under Form/Url, dates, unresolved tokens, its own Content-Type) a Rendering picks one plausible
 * behaviour, and PLAUSIBLE_RENDERINGS lists them all.
 */
import { formatInTimeZone } from 'date-fns-tz';
import {
  TRIGGER_NAME_BY_TYPE,
  WEBHOOK_TOKENS,
  WEBHOOK_TOKEN_ENCODING,
  webhookHeaders,
  webhookTemplate,
} from '../../contract/src/marketo-setup';
import type { MarketoEventType } from '../../contract/src/events';

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
  /** The page visited, or the page a form was filled out on (visits and form fills only). */
  page?: string;
  /** The form filled out (form fills only). */
  formName?: string;
  campaign: string;
  campaignId: string;
  at: Date;
}

/** A JSON template with bare tokens, as Marketo's examples and practitioners write one. */
export function jsonTemplate(): string {
  const lines = Object.entries(WEBHOOK_TOKENS).map(([key, token]) => `  "${key}": ${token}`);
  return `{\n${lines.join(',\n')}\n}`;
}

/** What kind of value each token is: Marketo quotes string-type tokens only. */
const TOKEN_KINDS: Record<string, 'string' | 'integer' | 'datetime'> = {
  [WEBHOOK_TOKENS.leadId]: 'integer',
  [WEBHOOK_TOKENS.campaignId]: 'integer',
  [WEBHOOK_TOKENS.occurredAt]: 'datetime',
};

export interface Rendering {
  template: string;
  encoding: TokenEncoding;
  /** Under Form/Url, whether string-type tokens are quoted too (undocumented). Under JSON they always are. */
  quoteStringsInForm: boolean;
  /** Whether {{system.dateTime}} counts as a string-type token (undocumented). */
  quoteDates: boolean;
  /** A token with no value in this trigger's scope: rendered empty, or left as written (undocumented). */
  unresolved: 'empty' | 'literal';
  /** The Content-Type Marketo sends of its own (undocumented); null: none. */
  defaultContentType: string | null;
  /** A custom header with the name of a default one: replaces it, or is sent beside it (undocumented). */
  customHeaders: 'replace' | 'add';
}

/** The setup the settings screen generates, rendered one plausible way. */
export const GENERATED: Rendering = {
  template: webhookTemplate(),
  encoding: WEBHOOK_TOKEN_ENCODING === 'Form/Url' ? 'form' : 'json',
  quoteStringsInForm: false,
  quoteDates: true,
  unresolved: 'empty',
  defaultContentType: 'application/x-www-form-urlencoded',
  customHeaders: 'replace',
};

/** Every combination of the undocumented choices, for a template and encoding. */
export function plausibleRenderings(base: Pick<Rendering, 'template' | 'encoding'>): Rendering[] {
  const renderings: Rendering[] = [];
  for (const quoteStringsInForm of base.encoding === 'form' ? [false, true] : [false])
    for (const quoteDates of [true, false])
      for (const unresolved of ['empty', 'literal'] as const)
        for (const defaultContentType of ['application/x-www-form-urlencoded', 'text/plain; charset=ISO-8859-1', null])
          for (const customHeaders of ['replace', 'add'] as const)
            renderings.push({ ...base, quoteStringsInForm, quoteDates, unresolved, defaultContentType, customHeaders });
  return renderings;
}

/**
 * Token values for an activity; undefined where the trigger does not carry the token ("Trigger Tokens for Interesting
 * Moments": the web triggers carry {{trigger.Name}}, the asset that triggered, and {{trigger.Web Page}}, no subject).
 */
function tokenValues(activity: SimulatedActivity, timeZone: string): Record<string, string | undefined> {
  const web = activity.type === 'visit' || activity.type === 'form';
  const assetName =
    activity.type === 'visit' ? activity.page : activity.type === 'form' ? activity.formName : activity.emailName;
  return {
    [WEBHOOK_TOKENS.trigger]: TRIGGER_NAME_BY_TYPE[activity.type],
    [WEBHOOK_TOKENS.leadId]: activity.lead.leadId || undefined,
    [WEBHOOK_TOKENS.email]: activity.lead.email,
    [WEBHOOK_TOKENS.emailName]: assetName,
    [WEBHOOK_TOKENS.subject]: web ? undefined : activity.subject,
    // Only "Clicks Link in Email" carries {{trigger.Link}}.
    [WEBHOOK_TOKENS.link]: activity.type === 'click' ? activity.link : undefined,
    [WEBHOOK_TOKENS.page]: web ? activity.page : undefined,
    [WEBHOOK_TOKENS.campaign]: activity.campaign,
    [WEBHOOK_TOKENS.campaignId]: activity.campaignId || undefined,
    [WEBHOOK_TOKENS.occurredAt]: formatInTimeZone(activity.at, timeZone, 'yyyy-MM-dd HH:mm:ss'),
  };
}

export interface RenderedRequest {
  /** Header name and value pairs as sent, a name possibly twice. */
  headers: [string, string][];
  body: string;
}

export function renderWebhook(
  activity: SimulatedActivity,
  rendering: Rendering,
  secret: string,
  timeZone: string,
): RenderedRequest {
  const values = tokenValues(activity, timeZone);
  const body = rendering.template.replace(/\{\{[^}]+\}\}/g, (token) => renderToken(token, values[token], rendering));
  const custom = webhookHeaders(secret).map(({ name, value }): [string, string] => [name, value]);
  if (rendering.encoding === 'json') custom[1] = ['Content-Type', 'application/json'];
  const overridden =
    rendering.customHeaders === 'replace' && custom.some(([name]) => name.toLowerCase() === 'content-type');
  const defaults: [string, string][] =
    rendering.defaultContentType && !overridden ? [['Content-Type', rendering.defaultContentType]] : [];
  return { headers: [...defaults, ...custom], body };
}

function renderToken(token: string, value: string | undefined, rendering: Rendering): string {
  const kind = TOKEN_KINDS[token] ?? 'string';
  const text = value ?? (rendering.unresolved === 'literal' ? token : '');
  const quoted = kind === 'string' || (kind === 'datetime' && rendering.quoteDates);
  // An empty bare token would leave `"leadId": ,`: assumed rendered as null (undocumented; never so in Form/Url).
  if (rendering.encoding === 'json') return quoted ? JSON.stringify(text) : text || 'null';
  return encodeURIComponent(quoted && rendering.quoteStringsInForm ? JSON.stringify(text) : text);
}

export function renderingFor(encoding: TokenEncoding): Rendering {
  return encoding === GENERATED.encoding ? GENERATED : { ...GENERATED, template: jsonTemplate(), encoding };
}

/**
 * One request as the simulator and the end-to-end tests send it: the generated Form/Url setup (form), or a
 * bare-token JSON template (json), each with the Content-Type header the setup adds.
 */
export function renderRequest(
  activity: SimulatedActivity,
  encoding: TokenEncoding,
  timeZone: string,
): { contentType: string; body: string } {
  const { headers, body } = renderWebhook(activity, renderingFor(encoding), '', timeZone);
  const contentType = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  return { contentType, body };
}
