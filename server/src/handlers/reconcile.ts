import type { Context } from 'aws-lambda';
import { DEFAULT_DAILY_BUDGET, DEFAULT_RATE_SHARE, marketoClient } from '../adapters/marketo-client';
import { reconcileRegisteredApps } from '../services/reconcile-apps';
import { publishReconcileMetrics } from '../lambda/metrics';
import { getKintoneDomains, getQueue, getRegistry, logger, marketoConnection } from '../lambda/runtime';

const DEFAULT_LAG_MINUTES = 30;
const DEFAULT_FIRST_RUN_HOURS = 24;
/** Marketo does not say how late it may log an activity; an hour re-read costs Marketo calls only. */
const DEFAULT_OVERLAP_MINUTES = 60;
/** Left for saving the watermark and returning: the run stops paging this long before the function's timeout. */
const STOP_BEFORE_TIMEOUT_MS = 60_000;

/** The schedule (EventBridge) lands here: every registered app caught up with Marketo's Activities API. */
export async function handler(_event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>): Promise<{ skipped: string } | { events: number }> {
  const connection = await marketoConnection();
  if (!connection) {
    logger.warn('reconciliation skipped: MARKETO_REST_URL is not set (serverless.yml param marketoRestUrl)');
    return { skipped: 'Marketo is not configured' };
  }
  const source = marketoClient(connection, {
    rate: { calls: nonNegative('MARKETO_CALLS_PER_20S', DEFAULT_RATE_SHARE.calls), windowMs: DEFAULT_RATE_SHARE.windowMs },
    dailyBudget: nonNegative('MARKETO_DAILY_BUDGET', DEFAULT_DAILY_BUDGET),
  });
  const result = await reconcileRegisteredApps({
    registry: getRegistry(),
    kintoneDomains: getKintoneDomains(),
    source,
    queue: getQueue(),
    logger,
    now: () => new Date(),
    lagMs: nonNegative('RECONCILE_LAG_MINUTES', DEFAULT_LAG_MINUTES) * 60_000,
    firstRunLookbackMs: nonNegative('RECONCILE_FIRST_RUN_HOURS', DEFAULT_FIRST_RUN_HOURS) * 3_600_000,
    overlapMs: nonNegative('RECONCILE_OVERLAP_MINUTES', DEFAULT_OVERLAP_MINUTES) * 60_000,
    keepGoing: () => context.getRemainingTimeInMillis() > STOP_BEFORE_TIMEOUT_MS,
  }).finally(() => logger.info('Marketo calls', { marketoCalls: source.callsMade() }));
  logger.info(result.complete ? 'reconciled' : 'reconciled part of the range; the next run continues', {
    until: result.until,
    apps: result.apps,
    activities: result.activities,
    events: result.events,
    byApp: result.byApp,
  });
  publishReconcileMetrics({ activities: result.activities, events: result.events, marketoCalls: source.callsMade() });
  return { events: result.events };
}

function nonNegative(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of at least 0, got "${raw}"`);
  return value;
}
