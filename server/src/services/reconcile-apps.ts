/**
 * The scheduled reconciliation: every enabled app caught up with Marketo from its own watermark, in one pass over
 * the Activities API (the apps share one Marketo instance), up to `lagMs` before now. The lag lets the webhooks of
 * recent activity land first, so an activity finds its webhook's row and adopts it (record-patch) instead of
 * racing it. The watermark moves after every page, so a run cut short (timeout, Marketo's daily quota) resumes
 * where it stopped. Each run re-reads `overlapMs` before the watermark, since Marketo may log an activity after
 * others that happened later; the marketoGUIDs read there are kept with the watermark and skipped when read
 * again, so the overlap costs Marketo calls but never a kintone request.
 */
import { errorMessage } from '../core/error-message';
import { isServed, type KintoneDomainPolicy } from '../core/kintone-domains';
import { reconcileErrorCode } from './last-error';
import type { EventQueue, LastError, Log, Registry } from './ports';
import { reconcile, type ActivitySource, type ReconcileReport, type ReconcileTarget } from './reconcile';

export interface ReconcileAppsDeps {
  registry: Registry;
  /** Only apps on these kintone hosts get Marketo's activity: a registration left on another is reported, never fed. */
  kintoneDomains: KintoneDomainPolicy;
  source: ActivitySource;
  queue: EventQueue;
  logger: Log;
  now: () => Date;
  /** Activities younger than this are left to the next run. */
  lagMs: number;
  /** How far back an app without a watermark is reconciled (older history is the backfill's job). */
  firstRunLookbackMs: number;
  /** How far before its watermark each run reads again, for activities Marketo logged late. */
  overlapMs: number;
  keepGoing?: () => boolean;
}

export interface ReconcileAppsResult extends ReconcileReport {
  /** The apps reconciled, each from its own watermark. */
  apps: { appId: string; since: string }[];
  until: string;
}

export async function reconcileRegisteredApps(deps: ReconcileAppsDeps): Promise<ReconcileAppsResult> {
  const until = new Date(deps.now().getTime() - deps.lagMs);
  const targets = await targetsOf(deps, until);
  const result = (report: ReconcileReport): ReconcileAppsResult => ({
    ...report,
    apps: targets.map((t) => ({ appId: t.appId, since: t.since.toISOString() })),
    until: until.toISOString(),
  });
  if (targets.length === 0) return result({ activities: 0, events: 0, byApp: {}, byType: {}, bots: 0, complete: true });

  const read = new Map<string, number>();
  const markReconciled = (at: string) => {
    const recent = recentlyRead(read, Date.parse(at) - deps.overlapMs);
    return Promise.all(targets.map((t) => deps.registry.recordReconciled(t.appId, at, recent)));
  };
  let progress: Promise<unknown> = Promise.resolve();
  try {
    const report = await reconcile(
      { since: new Date(Math.min(...targets.map((t) => t.since.getTime()))), until, apps: targets },
      {
        source: deps.source,
        queue: deps.queue,
        now: deps.now,
        ...(deps.keepGoing ? { keepGoing: deps.keepGoing } : {}),
        onActivity: (activity) => read.set(activity.marketoGUID, Date.parse(activity.activityDate)),
        onPage: ({ lastActivityAt }) => {
          // Every event of the page is on the queue by now. Watermarks are compared as strings: one format only.
          if (lastActivityAt) progress = progress.then(() => markReconciled(new Date(lastActivityAt).toISOString()));
        },
      },
    );
    await progress;
    if (report.complete) await markReconciled(until.toISOString());
    return result(report);
  } catch (error) {
    await progress.catch(() => undefined);
    const lastError: LastError = {
      at: deps.now().toISOString(),
      message: `reconciliation with Marketo stopped: ${errorMessage(error)}`,
      code: reconcileErrorCode(error),
    };
    await Promise.all(targets.map((t) => deps.registry.recordStatus(t.appId, { add: {}, lastError })));
    throw error;
  }
}

async function targetsOf(deps: ReconcileAppsDeps, until: Date): Promise<(ReconcileTarget & { since: Date })[]> {
  const targets: (ReconcileTarget & { since: Date })[] = [];
  for (const appId of await deps.registry.appIds()) {
    let found: Awaited<ReturnType<Registry['getWithStatus']>>;
    try {
      found = await deps.registry.getWithStatus(appId);
    } catch (error) {
      // One unreadable registration must not stop the others' reconciliation.
      deps.logger.error('registration unreadable, app not reconciled', { appId, error: errorMessage(error) });
      continue;
    }
    if (!found?.registration.enabled) continue;
    if (!isServed(found.registration.kintoneBaseUrl, deps.kintoneDomains)) {
      const message = `registered for ${found.registration.kintoneBaseUrl}, which this deployment does not serve: not reconciled`;
      deps.logger.error('app not reconciled', { appId, reason: message });
      await deps.registry.recordStatus(appId, {
        add: {},
        lastError: { at: deps.now().toISOString(), message, code: 'domain_not_served' },
      });
      continue;
    }
    const watermark = found.status.reconciledUntil;
    if (!watermark) {
      const since = new Date(until.getTime() - deps.firstRunLookbackMs);
      if (since < until) targets.push({ appId, config: found.registration.config, since });
      continue;
    }
    if (Date.parse(watermark) >= until.getTime()) continue;
    const alreadyQueued = new Set(await deps.registry.reconciledRecently(appId));
    targets.push({
      appId,
      config: found.registration.config,
      since: new Date(Date.parse(watermark) - deps.overlapMs),
      alreadyQueued,
    });
  }
  return targets;
}

/** Kept with the watermark: bounded, so a burst costs at worst some duplicates for the writer to recognise. */
const MAX_REMEMBERED = 3_000;

function recentlyRead(read: ReadonlyMap<string, number>, from: number): string[] {
  return [...read]
    .filter(([, at]) => at >= from)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_REMEMBERED)
    .map(([guid]) => guid);
}
