/**
 * Marketo Engage's REST API (the only code that talks to Marketo): OAuth2 client credentials with the token
 * renewed before it expires or when Marketo calls it invalid (601/602), the Activities API by paging token, leads
 * by id, and email assets. Calls are paced under a share of the instance's rate limit and stop at a daily budget
 * short of the quota; rate limits (606), concurrency limits (615) and transient errors (604/608/611/614, 5xx,
 * dropped connections) are retried with exponential backoff and full jitter; the daily quota (607) stops the run.
 * Every answer is validated before it is used.
 */
import { z } from 'zod';
import type { LeadDirectory, MarketoStop } from '../services/ports';
import { slidingWindowPacer, SYSTEM_CLOCK, type Clock, type RateShare } from './call-pacer';
import { isTransientNetworkCode, withBackoff, type RetryPolicy } from './retry';

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

/** Half of the instance's 100 calls per 20 s: the rest is left to the instance's other integrations. */
export const DEFAULT_RATE_SHARE: RateShare = { calls: 50, windowMs: 20_000 };
/** Most subscriptions get 50,000 calls a day; stopping at 45,000 leaves the last tenth to everyone else. */
export const DEFAULT_DAILY_BUDGET = 45_000;
/** The day's usage is read again after this many calls of ours, since other integrations spend it too. */
const USAGE_RECHECK_CALLS = 500;

/** Nullish where Marketo may leave a field out or null; nothing needs `id`: marketoGUID is the activity's key. */
const absent = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);
const activitySchema = z.object({
  id: absent(z.number()),
  marketoGUID: z.union([z.string().min(1), z.number()]).transform(String),
  leadId: z.number(),
  activityDate: z.string().min(1),
  activityTypeId: z.number(),
  campaignId: absent(z.number()),
  primaryAttributeValueId: absent(z.number()),
  primaryAttributeValue: absent(z.union([z.string(), z.number()]).transform(String)),
  attributes: absent(z.array(z.object({ name: z.string(), value: z.unknown() }))).transform((list) => list ?? []),
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
  result: z.array(activitySchema).nullish(),
});
const campaignAnswer = z.object({ result: z.array(z.object({ id: z.number(), name: z.string() })).nullish() });
const usageAnswer = z.object({ result: z.array(z.object({ total: z.number() })).nullish() });
const leadsAnswer = z.object({
  result: z.array(z.object({ id: z.number(), email: z.string().nullish() })).default([]),
});
/**
 * Asset fields are {type, value} objects in the Asset API, and a subject with dynamic content holds no single text:
 * anything but a string value reads as ''.
 */
const emailAnswer = z.object({
  result: z
    .array(z.object({ id: z.number(), name: z.string(), subject: z.unknown(), fromName: z.unknown() }))
    .nullish(),
});

/** Marketo's error codes that waiting cures. */
const TRANSIENT_CODES = new Set(['604', '606', '608', '611', '614', '615']);
const TOKEN_CODES = new Set(['601', '602']);
const QUOTA_CODE = '607';
const USAGE_PATH = '/rest/v1/stats/usage.json';

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
export class MarketoQuotaError extends MarketoApiError implements MarketoStop {
  readonly marketoStop = 'quota';
}

/** Marketo refused the API credentials. */
export class MarketoAuthError extends MarketoApiError implements MarketoStop {
  readonly marketoStop = 'credentials';
}

/** This client's daily budget is spent: it stops before Marketo's quota would (607), leaving the rest to others. */
export class MarketoBudgetError extends MarketoQuotaError {}

export interface MarketoClientOptions {
  retry?: RetryPolicy;
  clock?: Clock;
  /** The share of the instance's rate limit this client keeps to. */
  rate?: RateShare;
  /** No call is made once the subscription has used this many today (all integrations, Marketo's usage count). */
  dailyBudget?: number | false;
}

export interface MarketoClient {
  /** A paging token for activities from `since` on. */
  pagingToken(since: Date): Promise<string>;
  activities(pageToken: string, activityTypeIds: readonly number[]): Promise<ActivityPage>;
  /** Email addresses of these leads (at most 300 ids a call; the client splits longer lists). */
  leadEmails(leadIds: readonly number[]): Promise<Map<number, string>>;
  /** The email asset, or undefined when Marketo cannot give it (unknown, no permission): a subject is not worth a run. */
  email(id: number): Promise<MarketoEmail | undefined>;
  /** A smart campaign's name (Campaigns API), or undefined when Marketo cannot give it, as for email(). */
  campaign(id: number): Promise<{ name: string } | undefined>;
  /** REST calls made so far (token requests excluded), retries included: each counts against the daily quota. */
  callsMade(): number;
}

export function marketoClient(connection: MarketoConnection, options: MarketoClientOptions = {}): MarketoClient {
  const retry = options.retry ?? DEFAULT_MARKETO_RETRY;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const now = () => clock.now();
  const pacer = slidingWindowPacer(options.rate ?? DEFAULT_RATE_SHARE, clock);
  const budget = options.dailyBudget ?? DEFAULT_DAILY_BUDGET;
  let token: { value: string; renewAt: number } | undefined;
  let calls = 0;
  /** Today's calls, all integrations, when Marketo last told us; calls of ours since then. */
  let usage: { total: number; ourCallsThen: number } | undefined;
  const restBase = marketoHost(connection.restUrl);

  const fetchToken = async (): Promise<string> => {
    const url = new URL(`${connection.identityUrl.replace(/\/+$/, '')}/oauth/token`);
    url.searchParams.set('grant_type', 'client_credentials');
    url.searchParams.set('client_id', connection.clientId);
    url.searchParams.set('client_secret', connection.clientSecret);
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    const parsed = tokenAnswer.safeParse(await response.json().catch(() => undefined));
    // The URL carries the client secret: never put it in an error.
    if (!response.ok || !parsed.success)
      throw new MarketoAuthError([], `Marketo refused the API credentials (HTTP ${response.status})`);
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
        if (path !== USAGE_PATH) await checkBudget();
        const url = new URL(`${restBase}${path}`);
        for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
        await pacer.take();
        calls++;
        const response = await fetch(url, {
          headers: { Authorization: `Bearer ${await accessToken()}` },
          signal: AbortSignal.timeout(30_000),
        });
        if (response.status >= 500)
          throw new MarketoApiError([String(response.status)], `Marketo answered HTTP ${response.status}`);
        const body: unknown = await response.json().catch(() => undefined);
        const head = envelope.safeParse(body);
        if (!head.success)
          throw new MarketoApiError(
            [],
            `Marketo sent an answer that is not its REST envelope (HTTP ${response.status})`,
          );
        if (!head.data.success) {
          const errors = head.data.errors ?? [];
          const codes = errors.map((e) => e.code);
          if (!renewed && codes.some((c) => TOKEN_CODES.has(c))) {
            token = undefined;
            continue;
          }
          const message = `Marketo ${path}: ${errors.map((e) => `${e.code} ${e.message}`).join('; ') || 'failed'}`;
          throw codes.includes(QUOTA_CODE)
            ? new MarketoQuotaError(codes, message)
            : new MarketoApiError(codes, message);
        }
        const parsed = schema.safeParse(body);
        if (!parsed.success)
          throw new MarketoApiError(
            [],
            `Marketo ${path}: unexpected answer (${parsed.error.issues[0]?.message ?? 'invalid'})`,
          );
        return parsed.data;
      }
    };
    return withBackoff(attempt, retry, isTransient);
  };

  const checkBudget = async (): Promise<void> => {
    if (budget === false) return;
    if (!usage || calls - usage.ourCallsThen >= USAGE_RECHECK_CALLS) {
      try {
        const [today] = (await call(USAGE_PATH, {}, usageAnswer)).result ?? [];
        usage = { total: today?.total ?? 0, ourCallsThen: calls };
      } catch (error) {
        if (error instanceof MarketoQuotaError) throw error;
        // Usage unreadable (e.g. the API role lacks the permission): count our own calls from here.
        usage = { total: usage?.total ?? 0, ourCallsThen: usage?.ourCallsThen ?? calls };
      }
    }
    const used = usage.total + (calls - usage.ourCallsThen);
    if (used >= budget) {
      throw new MarketoBudgetError(
        [],
        `Marketo daily call budget reached: ${used} calls used today of the ${budget} this integration may use (MARKETO_DAILY_BUDGET); stopped before Marketo's daily quota, the next run goes on`,
      );
    }
  };

  return {
    callsMade: () => calls,

    async pagingToken(since) {
      // The documented form is yyyy-mm-ddThh:mm:ssZ: floored to the second, re-reading at most a second.
      const sinceDatetime = since.toISOString().replace(/\.\d{3}Z$/, 'Z');
      return (await call('/rest/v1/activities/pagingtoken.json', { sinceDatetime }, pagingTokenAnswer)).nextPageToken;
    },

    async activities(pageToken, activityTypeIds) {
      if (activityTypeIds.length === 0 || activityTypeIds.length > 10)
        throw new Error('Marketo takes 1 to 10 activity types a call');
      const page = await call(
        '/rest/v1/activities.json',
        { nextPageToken: pageToken, activityTypeIds: activityTypeIds.join(',') },
        activitiesAnswer,
      );
      return { activities: page.result ?? [], nextPageToken: page.nextPageToken, moreResult: page.moreResult };
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
      const [asset] = (await optional(call(`/rest/asset/v1/email/${id}.json`, {}, emailAnswer)))?.result ?? [];
      return (
        asset && { id: asset.id, name: asset.name, subject: textOf(asset.subject), fromName: textOf(asset.fromName) }
      );
    },

    async campaign(id) {
      const [campaign] = (await optional(call(`/rest/v1/campaigns/${id}.json`, {}, campaignAnswer)))?.result ?? [];
      return campaign && { name: campaign.name };
    },
  };
}

/**
 * A detail worth no run: any refusal of this one resource (not found, 603 without the permission, an answer of
 * another shape) reads as undefined; a spent quota or budget, refused credentials and an outage still end the run.
 */
async function optional<T>(answer: Promise<T>): Promise<T | undefined> {
  try {
    return await answer;
  } catch (error) {
    const ofThisResource =
      error instanceof MarketoApiError && !(error instanceof MarketoQuotaError) && !(error instanceof MarketoAuthError);
    if (ofThisResource && !isTransient(error)) return undefined;
    throw error;
  }
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

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'value' in value && typeof value.value === 'string')
    return value.value;
  return '';
}

function isTransient(error: unknown): boolean {
  if (error instanceof MarketoQuotaError) return false;
  if (error instanceof MarketoApiError) return error.codes.some((c) => TRANSIENT_CODES.has(c) || /^5\d\d$/.test(c));
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return true;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return isTransientNetworkCode(cause?.code);
}
