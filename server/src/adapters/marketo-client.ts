/**
 * Marketo Engage's REST API (the only code that talks to Marketo): OAuth2 client credentials with the token
 * renewed before it expires or when Marketo calls it invalid (601/602), the Activities API by paging token, leads
 * by id, and email assets. Rate limits (606), concurrency limits (615) and transient errors (604/608/611, 5xx,
 * dropped connections) are retried with exponential backoff and full jitter; the daily quota (607) stops the run.
 * Every answer is validated before it is used.
 */
import { z } from 'zod';
import type { LeadDirectory } from '../services/ports';
import { withBackoff, type RetryPolicy } from './retry';

export interface MarketoConnection {
  /** The REST endpoint as Admin > Web Services shows it, e.g. https://123-ABC-456.mktorest.com/rest (/rest optional). */
  restUrl: string;
  /** The Identity endpoint without /oauth/token, e.g. https://123-ABC-456.mktorest.com/identity */
  identityUrl: string;
  clientId: string;
  clientSecret: string;
}

/** 606 means "at most 100 calls in 20 s": waiting up to 20 s clears it. */
export const DEFAULT_MARKETO_RETRY: RetryPolicy = { attempts: 8, startingDelayMs: 1_000, maxDelayMs: 20_000 };

const activitySchema = z.object({
  id: z.number(),
  marketoGUID: z.string().min(1),
  leadId: z.number(),
  activityDate: z.string().min(1),
  activityTypeId: z.number(),
  campaignId: z.number().optional(),
  primaryAttributeValueId: z.number().optional(),
  primaryAttributeValue: z.string().optional(),
  attributes: z.array(z.object({ name: z.string(), value: z.unknown() })).default([]),
});
export type MarketoActivity = z.infer<typeof activitySchema>;

export interface ActivityPage {
  activities: MarketoActivity[];
  nextPageToken: string;
  moreResult: boolean;
}

export interface MarketoEmail {
  id: number;
  name: string;
  subject: string;
  fromName: string;
}

const errorList = z.array(z.object({ code: z.coerce.string(), message: z.string().default('') }));
const envelope = z.object({ success: z.boolean(), errors: errorList.optional() });
const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number() });
const pagingTokenAnswer = z.object({ nextPageToken: z.string().min(1) });
const activitiesAnswer = z.object({
  nextPageToken: z.string().min(1),
  moreResult: z.boolean(),
  result: z.array(activitySchema).default([]),
});
const leadsAnswer = z.object({ result: z.array(z.object({ id: z.number(), email: z.string().nullish() })).default([]) });
/** Asset fields are {type, value} objects in the Asset API; a plain string is taken as the value. */
const assetText = z.union([z.string(), z.object({ value: z.string().nullish() })]).nullish();
const emailAnswer = z.object({
  result: z.array(z.object({ id: z.number(), name: z.string(), subject: assetText, fromName: assetText })).default([]),
});

/** Marketo's error codes that waiting cures. */
const TRANSIENT_CODES = new Set(['604', '606', '608', '611', '615']);
const TOKEN_CODES = new Set(['601', '602']);
const QUOTA_CODE = '607';
const NOT_FOUND_CODES = new Set(['702', '709']);

/** Marketo answered success:false with these codes. */
export class MarketoApiError extends Error {
  constructor(
    readonly codes: string[],
    message: string,
  ) {
    super(message);
  }
}

/** The subscription's daily API quota is spent; nothing more can be fetched until it resets. */
export class MarketoQuotaError extends MarketoApiError {}

export interface MarketoClient {
  /** A paging token for activities from `since` on. */
  pagingToken(since: Date): Promise<string>;
  activities(pageToken: string, activityTypeIds: readonly number[]): Promise<ActivityPage>;
  /** Email addresses of these leads (at most 300 ids a call; the client splits longer lists). */
  leadEmails(leadIds: readonly number[]): Promise<Map<number, string>>;
  email(id: number): Promise<MarketoEmail | undefined>;
  /** REST calls made so far (token requests excluded), retries included: each counts against the daily quota. */
  callsMade(): number;
}

export function marketoClient(
  connection: MarketoConnection,
  retry: RetryPolicy = DEFAULT_MARKETO_RETRY,
  now: () => number = Date.now,
): MarketoClient {
  let token: { value: string; renewAt: number } | undefined;
  let calls = 0;
  const restBase = marketoHost(connection.restUrl);

  const fetchToken = async (): Promise<string> => {
    const url = new URL(`${connection.identityUrl.replace(/\/+$/, '')}/oauth/token`);
    url.searchParams.set('grant_type', 'client_credentials');
    url.searchParams.set('client_id', connection.clientId);
    url.searchParams.set('client_secret', connection.clientSecret);
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    const parsed = tokenAnswer.safeParse(await response.json().catch(() => undefined));
    // The URL carries the client secret: never put it in an error.
    if (!response.ok || !parsed.success) throw new MarketoApiError([], `Marketo refused the API credentials (HTTP ${response.status})`);
    // Renew a minute early, so a long page loop never presents a token that expires on the way. Marketo hands out
    // the same token, with what is left of its hour, until it expires: one with under a minute left is used up
    // (a 602 then renews it), or every call would ask for it again.
    const seconds = parsed.data.expires_in;
    token = { value: parsed.data.access_token, renewAt: now() + (seconds > 60 ? seconds - 60 : seconds) * 1_000 };
    return token.value;
  };

  const accessToken = async () => (token && now() < token.renewAt ? token.value : fetchToken());

  /** One REST call: the parsed body, or a typed error; a token Marketo calls invalid is renewed once. */
  const call = async <T>(path: string, query: Record<string, string>, schema: z.ZodType<T>): Promise<T> => {
    const attempt = async (): Promise<T> => {
      for (let renewed = false; ; renewed = true) {
        const url = new URL(`${restBase}${path}`);
        for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
        calls++;
        const response = await fetch(url, {
          headers: { Authorization: `Bearer ${await accessToken()}` },
          signal: AbortSignal.timeout(30_000),
        });
        if (response.status >= 500) throw new MarketoApiError([String(response.status)], `Marketo answered HTTP ${response.status}`);
        const body: unknown = await response.json().catch(() => undefined);
        const head = envelope.safeParse(body);
        if (!head.success) throw new MarketoApiError([], `Marketo sent an answer that is not its REST envelope (HTTP ${response.status})`);
        if (!head.data.success) {
          const errors = head.data.errors ?? [];
          const codes = errors.map((e) => e.code);
          if (!renewed && codes.some((c) => TOKEN_CODES.has(c))) {
            token = undefined;
            continue;
          }
          const message = `Marketo ${path}: ${errors.map((e) => `${e.code} ${e.message}`).join('; ') || 'failed'}`;
          throw codes.includes(QUOTA_CODE) ? new MarketoQuotaError(codes, message) : new MarketoApiError(codes, message);
        }
        const parsed = schema.safeParse(body);
        if (!parsed.success) throw new MarketoApiError([], `Marketo ${path}: unexpected answer (${parsed.error.issues[0]?.message ?? 'invalid'})`);
        return parsed.data;
      }
    };
    return withBackoff(attempt, retry, isTransient);
  };

  return {
    callsMade: () => calls,

    async pagingToken(since) {
      return (await call('/rest/v1/activities/pagingtoken.json', { sinceDatetime: since.toISOString() }, pagingTokenAnswer)).nextPageToken;
    },

    async activities(pageToken, activityTypeIds) {
      if (activityTypeIds.length === 0 || activityTypeIds.length > 10) throw new Error('Marketo takes 1 to 10 activity types a call');
      const page = await call(
        '/rest/v1/activities.json',
        { nextPageToken: pageToken, activityTypeIds: activityTypeIds.join(',') },
        activitiesAnswer,
      );
      return { activities: page.result, nextPageToken: page.nextPageToken, moreResult: page.moreResult };
    },

    async leadEmails(leadIds) {
      const emails = new Map<number, string>();
      const unique = [...new Set(leadIds)];
      for (let i = 0; i < unique.length; i += 300) {
        const page = await call(
          '/rest/v1/leads.json',
          { filterType: 'id', filterValues: unique.slice(i, i + 300).join(','), fields: 'id,email' },
          leadsAnswer,
        );
        for (const lead of page.result) if (lead.email) emails.set(lead.id, lead.email);
      }
      return emails;
    },

    async email(id) {
      try {
        const [asset] = (await call(`/rest/asset/v1/email/${id}.json`, {}, emailAnswer)).result;
        if (!asset) return undefined;
        return { id: asset.id, name: asset.name, subject: textOf(asset.subject), fromName: textOf(asset.fromName) };
      } catch (error) {
        if (error instanceof MarketoApiError && error.codes.some((c) => NOT_FOUND_CODES.has(c))) return undefined;
        throw error;
      }
    },
  };
}

/** The instance's base URL from its REST endpoint as Admin > Web Services shows it (…mktorest.com/rest). */
export function marketoHost(restUrl: string): string {
  return restUrl.replace(/\/+$/, '').replace(/\/rest$/, '');
}

/** Leads by id through the client: who a reply's `reply+<lead id>@` address stands for. */
export function marketoLeadDirectory(client: Pick<MarketoClient, 'leadEmails'>): LeadDirectory {
  return {
    emailOf: async (leadId) => (await client.leadEmails([Number(leadId)])).get(Number(leadId)),
  };
}

function textOf(value: z.infer<typeof assetText>): string {
  if (!value) return '';
  return typeof value === 'string' ? value : value.value ?? '';
}

const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET']);

function isTransient(error: unknown): boolean {
  if (error instanceof MarketoQuotaError) return false;
  if (error instanceof MarketoApiError) return error.codes.some((c) => TRANSIENT_CODES.has(c) || /^5\d\d$/.test(c));
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return true;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && TRANSIENT_NETWORK_CODES.has(cause.code);
}
