/**
 * The webhook contract: what Marketo's "Call Webhook" sends, validated and turned into an EngagementEvent.
 * A value may arrive as a string, or, from a JSON template with bare tokens, as a number, boolean or null; each is
 * read as its text. How Marketo renders a token that did not resolve is undocumented: '' and null, and the literal
 * "{{...}}" (a typo, or a token outside its trigger's scope), all count as missing.
 */
import { z } from 'zod';
import { fromZonedTime } from 'date-fns-tz';
import { MARKETO_EVENT_TYPES, type EngagementEvent, type MarketoEventType } from '../../../contract/src/events';
import { eventKey } from './event-key';
import { listeningCampaign, TRIGGER_NAME_BY_TYPE } from '../../../contract/src/marketo-setup';

const MAX_VALUE_LENGTH = 4000;

const tokenValue = z
  .union([z.string(), z.number(), z.boolean(), z.null()], { error: 'must be a string, number, boolean or null' })
  .transform((value) => (value === null ? '' : String(value)))
  .pipe(z.string().max(MAX_VALUE_LENGTH, `must be at most ${MAX_VALUE_LENGTH} characters`))
  .transform((value) => value.trim())
  .transform((value) => (/^\{\{.*\}\}$/.test(value) ? '' : value))
  .optional()
  .transform((value) => value ?? '');

export const webhookBodySchema = z.object({
  trigger: tokenValue,
  type: tokenValue,
  leadId: tokenValue,
  email: tokenValue,
  emailName: tokenValue,
  subject: tokenValue,
  link: tokenValue,
  /** {{trigger.Web Page}}: the page visited, or the page a form was filled out on. */
  page: tokenValue,
  /** A form fill's form name; the template leaves it out, since {{trigger.Name}} (emailName) names the form. */
  formName: tokenValue,
  campaign: tokenValue,
  campaignId: tokenValue,
  occurredAt: tokenValue,
  isBot: tokenValue,
});
export type WebhookBody = z.output<typeof webhookBodySchema>;

/**
 * {{trigger.Trigger Name}} as Marketo renders it for each trigger, lower-cased with spaces removed. Web triggers are
 * also accepted under their activity names ("Visit Webpage", "Fill Out Form"), which Marketo's docs do not rule out.
 */
const TRIGGER_TYPES: Record<string, MarketoEventType> = {
  opensemail: 'open',
  clickslinkinemail: 'click',
  emailisdelivered: 'delivered',
  emailbounces: 'bounce',
  // Marketo's triggers say "Email Bounces" for hard bounces; a campaign named after its own wording still means one.
  emailbounceshard: 'bounce',
  unsubscribesfromemail: 'unsubscribe',
  wassentemail: 'send',
  emailissent: 'send',
  visitswebpage: 'visit',
  visitwebpage: 'visit',
  fillsoutform: 'form',
  filloutform: 'form',
};

export interface WebhookProblem {
  field: string;
  message: string;
}

export type NormaliseResult = { ok: true; event: EngagementEvent } | { ok: false; problems: WebhookProblem[] };

export interface NormaliseContext {
  appId: string;
  /** IANA zone in which Marketo renders {{system.dateTime}}. */
  marketoTimeZone: string;
  receivedAt: Date;
}

const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
const EARLIEST = Date.UTC(2000, 0, 1);

export function normaliseWebhook(raw: unknown, ctx: NormaliseContext): NormaliseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      problems: [{ field: '(body)', message: 'must be a JSON object or a form with the webhook keys' }],
    };
  }
  const parsed = webhookBodySchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || '(body)',
        message: issue.message,
      })),
    };
  }
  const body = parsed.data;
  const problems: WebhookProblem[] = [];

  const type = resolveType(body, problems);
  const leadId = body.leadId;
  if (leadId && !/^\d{1,18}$/.test(leadId))
    problems.push({ field: 'leadId', message: 'must be the digits of {{lead.Id}}' });
  const email = body.email;
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) problems.push({ field: 'email', message: 'is not an email address' });
  if (!leadId && !email) {
    problems.push({
      field: 'email',
      message:
        type === 'visit' || type === 'form'
          ? `an anonymous ${type === 'visit' ? 'visit' : 'form fill'} (no {{lead.Id}} and no {{lead.Email Address}}) names no customer and is not recorded`
          : 'either email ({{lead.Email Address}}) or leadId ({{lead.Id}}) is required',
    });
  }
  const web = type ? webFields(type, body, problems) : undefined;
  const occurredAt = resolveTime(body.occurredAt, ctx, problems);
  const isBot = resolveBoolean(body.isBot, problems);

  if (problems.length > 0 || !type || !web || !occurredAt) return { ok: false, problems };

  // A form fill's identity holds its form name where an email's holds the email's name.
  const identity = { type, leadId, email, emailName: web.emailName || web.formName, link: web.link, occurredAt };
  return {
    ok: true,
    event: {
      key: eventKey(identity),
      appId: ctx.appId,
      type,
      leadId,
      email,
      emailName: web.emailName,
      subject: body.subject,
      snippet: '',
      formName: web.formName,
      link: web.link,
      campaign: listeningCampaign(body.campaign),
      campaignId: body.campaignId,
      occurredAt,
      isBot,
      source: 'webhook',
      receivedAt: ctx.receivedAt.toISOString(),
    },
  };
}

/**
 * What the body says of the email, page or form. The webhook is one template for every campaign, and Marketo fills
 * {{trigger.Name}} with the triggering asset's name: the email's for an email trigger, the form's for "Fills Out
 * Form", the page for "Visits Web Page" ("Trigger Tokens for Interesting Moments"). So a web event takes its page from
 * {{trigger.Web Page}} (a visit falling back to {{trigger.Name}}), a form fill its name from {{trigger.Name}}, and
 * neither keeps an email name.
 */
function webFields(
  type: MarketoEventType,
  body: WebhookBody,
  problems: WebhookProblem[],
): { emailName: string; link: string; formName: string } | undefined {
  if (type === 'visit') {
    const page = body.page || body.link || body.emailName;
    if (!page) {
      problems.push({ field: 'page', message: 'a visit needs its page ({{trigger.Web Page}})' });
      return undefined;
    }
    return { emailName: '', link: page, formName: '' };
  }
  if (type === 'form')
    return { emailName: '', link: body.page || body.link, formName: body.formName || body.emailName };
  return { emailName: body.emailName, link: body.link, formName: '' };
}

const EXPECTED_TRIGGERS = `expected one of ${Object.values(TRIGGER_NAME_BY_TYPE).join(', ')}`;

function resolveType(body: WebhookBody, problems: WebhookProblem[]): MarketoEventType | undefined {
  const trigger = body.trigger.toLowerCase().replace(/\s+/g, '');
  // Whatever type the body also names: a soft bounce is never a bounce.
  if (trigger === 'emailbouncessoft') {
    problems.push({
      field: 'trigger',
      message: `soft bounces are temporary and are not recorded: take this webhook off the "Email Bounces Soft" campaign; ${EXPECTED_TRIGGERS}`,
    });
    return undefined;
  }
  if (body.type) {
    const wanted = body.type.toLowerCase();
    const explicit = MARKETO_EVENT_TYPES.find((t) => t === wanted);
    if (!explicit) {
      const expected = `must be one of ${MARKETO_EVENT_TYPES.join(', ')}`;
      problems.push({
        field: 'type',
        message:
          wanted === 'reply' ? `replies are recorded from inbound email, never from Marketo; ${expected}` : expected,
      });
    }
    return explicit;
  }
  if (!trigger) {
    problems.push({ field: 'trigger', message: 'trigger ({{trigger.Trigger Name}}) or type is required' });
    return undefined;
  }
  const mapped = TRIGGER_TYPES[trigger];
  if (!mapped) problems.push({ field: 'trigger', message: `unknown trigger "${body.trigger}"; ${EXPECTED_TRIGGERS}` });
  return mapped;
}

const NAIVE_DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/;
const ZONED_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function resolveTime(value: string, ctx: NormaliseContext, problems: WebhookProblem[]): string | undefined {
  if (!value) return ctx.receivedAt.toISOString();
  let date: Date;
  if (NAIVE_DATETIME.test(value)) date = fromZonedTime(value.replace(' ', 'T'), ctx.marketoTimeZone);
  // Date parses 2026-02-30T10:00Z as 2 March instead of refusing it, so the calendar date is checked first.
  else if (ZONED_DATETIME.test(value)) date = isCalendarDate(value) ? new Date(value) : new Date(Number.NaN);
  else {
    problems.push({
      field: 'occurredAt',
      message: 'must look like {{system.dateTime}} (2026-11-28 09:15:00) or ISO 8601',
    });
    return undefined;
  }
  const ms = date.getTime();
  if (Number.isNaN(ms) || ms < EARLIEST || ms > ctx.receivedAt.getTime() + FUTURE_TOLERANCE_MS) {
    problems.push({ field: 'occurredAt', message: 'is not a plausible date and time' });
    return undefined;
  }
  return date.toISOString();
}

/** Whether the YYYY-MM-DD at the start of value names a day that exists. */
function isCalendarDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function resolveBoolean(value: string, problems: WebhookProblem[]): boolean {
  const lower = value.toLowerCase();
  if (lower === '' || lower === 'false' || lower === '0' || lower === 'no') return false;
  if (lower === 'true' || lower === '1' || lower === 'yes') return true;
  problems.push({ field: 'isBot', message: 'must be true or false' });
  return false;
}
