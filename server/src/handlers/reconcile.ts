import type { Context } from 'aws-lambda';
import { DEFAULT_DAILY_BUDGET, DEFAULT_RATE_SHARE, marketoClient } from '../adapters/marketo-client';
import { sqsEventQueue } from '../adapters/sqs-queue';
import { readReconcileEnvironment } from '../lambda/environment';
import { addLambdaContext, logger } from '../lambda/logger';
import { marketoConnectionFrom } from '../lambda/marketo-connection';
import { publishReconcileMetrics } from '../lambda/metrics';
import { kintoneDomainsFrom, registryFrom } from '../lambda/wiring';
import { reconcileRegisteredApps } from '../services/reconcile-apps';

const DEFAULT_LAG_MINUTES = 30;
/** How far back the first run reads for an app that has no watermark yet. */
const FIRST_RUN_HOURS = 24;
/** Marketo does not say how late it may log an activity; an hour re-read costs Marketo calls only. */
const DEFAULT_OVERLAP_MINUTES = 60;
/** Left for saving the watermark and returning: the run stops paging this long before the function's timeout. */
const STOP_BEFORE_TIMEOUT_MS = 60_000;

const env = readReconcileEnvironment();
const marketo = marketoConnectionFrom(env);
const registry = registryFrom(env);
const queue = sqsEventQueue(env.EVENTS_QUEUE_URL);
const kintoneDomains = kintoneDomainsFrom(env);

/** The schedule (EventBridge) lands here: every registered app caught up with Marketo's Activities API. */
export async function handler(_event: unknown, context: Context): Promise<{ skipped: string } | { events: number }> {
  addLambdaContext(context);
  if (!marketo) {
    logger.warn('reconciliation skipped: MARKETO_REST_URL is not set (serverless.yml param marketoRestUrl)');
    return { skipped: 'Marketo is not configured' };
  }
  const source = marketoClient(await marketo(), {
    rate: { calls: env.MARKETO_CALLS_PER_20S ?? DEFAULT_RATE_SHARE.calls, windowMs: DEFAULT_RATE_SHARE.windowMs },
    dailyBudget: env.MARKETO_DAILY_BUDGET ?? DEFAULT_DAILY_BUDGET,
  });
  const result = await reconcileRegisteredApps({
    registry,
    kintoneDomains,
    source,
    queue,
    logger,
    now: () => new Date(),
    lagMs: (env.RECONCILE_LAG_MINUTES ?? DEFAULT_LAG_MINUTES) * 60_000,
    firstRunLookbackMs: FIRST_RUN_HOURS * 3_600_000,
    overlapMs: (env.RECONCILE_OVERLAP_MINUTES ?? DEFAULT_OVERLAP_MINUTES) * 60_000,
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
