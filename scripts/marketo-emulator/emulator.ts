import { z } from 'zod';
import { draftFor, type AddActivityInput } from './add-activity';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, TokenIssuer } from './auth';
import type { CatalogEmail } from './catalog';
import { Faults, type FaultController } from './faults';
import { DEFAULT_LIMITS, Limits, type LimitSettings } from './limits';
import { planSeedActivities, type SeedOptions } from './seed';
import { createServer } from './server';
import { RequestStats, type MarketoEmulatorStats } from './stats';
import { MarketoStore } from './store';
import type { Activity, EmailAsset, Lead } from './types';

export interface MarketoEmulatorOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Token lifetime; default 3600. Fractions are fine for tests (expires_in is rounded up). */
  tokenLifetimeSeconds?: number;
  /** Default 100 calls per 20,000 ms sliding window; false = off. */
  rateLimit?: { max: number; windowMs: number } | false;
  /** Default 10; false = off. */
  maxConcurrent?: number | false;
  /** Default 50,000 calls per day; false = off. */
  dailyQuota?: number | false;
  /** Seed this many generated activities at start (default: none). */
  activities?: SeedOptions;
  /** Clock for token expiry, the rate window and the quota day; default Date.now. */
  now?: () => number;
  /** Serve activities without `id`, for clients that must not need it (marketoGUID is the key). */
  omitActivityIds?: boolean;
}

export interface MarketoEmulator {
  /** Base URL, e.g. http://localhost:3200. */
  url: string;
  /** `${url}/identity`: Marketo's "Identity endpoint" (token at /oauth/token below it). */
  identityUrl: string;
  /** `${url}/rest`: Marketo's "REST endpoint". */
  restUrl: string;
  clientId: string;
  clientSecret: string;
  /** The demo leads (ids 1001.. in DEMO_CUSTOMERS order). */
  leads: readonly Lead[];
  faults: FaultController;
  stats(): MarketoEmulatorStats;
  /** Zeroes the stats and the limit counters (rate window, daily quota used, max concurrency seen). */
  resetStats(): void;
  /** Changes limits at run time; omitted ones stay. */
  setLimits(limits: Partial<LimitSettings>): void;
  /** Makes every issued token expired now (602 on next use); the next token request gets a new one. */
  expireTokens(): void;
  /** Adds generated activities; returns them in date order. */
  seedActivities(options: SeedOptions): Activity[];
  /** Adds one exact activity and returns it as the API will (id, marketoGUID, attributes). */
  addActivity(input: AddActivityInput): Activity;
  /** Adds an email asset for activities to refer to. */
  addEmail(email: CatalogEmail): EmailAsset;
  /** Every activity in (activityDate, id) order. */
  activities(): Activity[];
  close(): Promise<void>;
}

const optionsSchema = z
  .object({
    port: z.number().int().min(0).max(65535).optional(),
    host: z.string().min(1).optional(),
    clientId: z.string().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
    tokenLifetimeSeconds: z.number().positive().optional(),
    rateLimit: z
      .union([z.literal(false), z.object({ max: z.number().int().positive(), windowMs: z.number().int().positive() })])
      .optional(),
    maxConcurrent: z.union([z.literal(false), z.number().int().positive()]).optional(),
    dailyQuota: z.union([z.literal(false), z.number().int().min(0)]).optional(),
  })
  .passthrough();

const urlHost = (host: string): string =>
  ['127.0.0.1', '::1', '0.0.0.0', '::', 'localhost'].includes(host)
    ? 'localhost'
    : host.includes(':')
      ? `[${host}]`
      : host;

export async function startMarketoEmulator(options: MarketoEmulatorOptions = {}): Promise<MarketoEmulator> {
  optionsSchema.parse(options);
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const store = new MarketoStore();
  store.omitIds = options.omitActivityIds ?? false;
  const issuer = new TokenIssuer({
    clientId,
    clientSecret,
    lifetimeMs: (options.tokenLifetimeSeconds ?? 3600) * 1000,
    scope: 'api-user@example.com',
    now,
  });
  const limits = new Limits(
    {
      rateLimit: options.rateLimit ?? DEFAULT_LIMITS.rateLimit,
      maxConcurrent: options.maxConcurrent ?? DEFAULT_LIMITS.maxConcurrent,
      dailyQuota: options.dailyQuota ?? DEFAULT_LIMITS.dailyQuota,
    },
    now,
  );
  const faults = new Faults();
  const stats = new RequestStats();

  const seedActivities = (seed: SeedOptions): Activity[] =>
    planSeedActivities(seed, {
      leadIds: [...store.leads.keys()],
      emails: [...store.emails.values()].map((e) => ({ id: e.asset.id, campaignId: e.campaignId })),
      leadEmail: (leadId) => store.leadEmail(leadId),
    }).map((draft) => store.addActivity(draft));
  if (options.activities) seedActivities(options.activities);

  const server = createServer({ store, issuer, limits, faults, stats, now });
  const host = options.host ?? '127.0.0.1';
  await server.listen({ port: options.port ?? 0, host });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${urlHost(host)}:${String(port)}`;

  return {
    url,
    identityUrl: `${url}/identity`,
    restUrl: `${url}/rest`,
    clientId,
    clientSecret,
    leads: [...store.leads.values()],
    faults,
    stats: () => stats.snapshot(limits),
    resetStats: () => {
      stats.reset();
      limits.resetCounters();
    },
    setLimits: (changes) => {
      limits.settings = { ...limits.settings, ...changes };
    },
    expireTokens: () => issuer.expireAll(),
    seedActivities,
    addActivity: (input) => store.addActivity(draftFor(input, store, now())),
    addEmail: (email) => store.addEmail(email),
    activities: () => store.allActivities(),
    close: () => server.close(),
  };
}
