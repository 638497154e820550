/**
 * Reads email and web activities from Marketo's Activities API for a time range and queues them as engagement events
 * for every app that records them: the scheduled reconciliation (what webhooks lost) and the backfill (history
 * from before the plug-in) both run this. The writer makes them idempotent: an activity already written, by an
 * earlier run or by its webhook, becomes a duplicate, never a second row.
 */
import type { PluginConfig } from '../../../contract/src/config';
import type { EventType } from '../../../contract/src/events';
import { isRecordable } from '../core/batch-plan';
import { pageMatches } from '../../../contract/src/page-pattern';
import {
  ACTIVITY_TYPES,
  activityEvent,
  activityTypeIdsFor,
  EMAIL_ACTIVITY_TYPES,
  visitPageOf,
  type ActivityRecord,
} from '../core/marketo-activity';
import type { EventQueue } from './ports';

/** What reconciliation needs of Marketo (the Marketo REST adapter implements it). */
export interface ActivitySource {
  pagingToken(since: Date): Promise<string>;
  activities(
    pageToken: string,
    activityTypeIds: readonly number[],
  ): Promise<{
    activities: (ActivityRecord & { primaryAttributeValueId?: number | undefined })[];
    nextPageToken: string;
    moreResult: boolean;
  }>;
  leadEmails(leadIds: readonly number[]): Promise<Map<number, string>>;
  email(id: number): Promise<{ subject: string } | undefined>;
  campaign(id: number): Promise<{ name: string } | undefined>;
}

export interface ReconcileTarget {
  appId: string;
  config: PluginConfig;
  /** This app needs nothing older (the run may start earlier for other apps); default: the run's `since`. */
  since?: Date;
  /** marketoGUIDs an earlier run already queued for this app: read again, queued never twice. */
  alreadyQueued?: ReadonlySet<string>;
}

export interface ReconcileRun {
  since: Date;
  /** Activities from this moment on are left for a later run (their webhooks may still be on the way). */
  until: Date;
  apps: readonly ReconcileTarget[];
  /** Count what would be queued, queue nothing. */
  dryRun?: boolean;
}

export interface ReconcileReport {
  activities: number;
  /** Events queued (or, on a dry run, that would be), all apps together. */
  events: number;
  byApp: Record<string, number>;
  /** The same events by type, and how many of them Marketo marked as bot activity. */
  byType: Partial<Record<EventType, number>>;
  bots: number;
  /** The newest activity read: the next run can start from it. */
  lastActivityAt?: string;
  /** False when `keepGoing` stopped the run before the end of the range. */
  complete: boolean;
}

export interface ReconcileDeps {
  source: ActivitySource;
  queue: EventQueue;
  now: () => Date;
  onPage?: (report: ReconcileReport) => void;
  /** Asked before each page; false ends the run there (a Lambda near its timeout). */
  keepGoing?: () => boolean;
  /** Told of every activity in the range that was read, queued or not. */
  onActivity?: (activity: { marketoGUID: string; activityDate: string }) => void;
}

/**
 * Whether any app could record the activity: its type is recorded, and a visit is to one of the app's pages. A lead
 * visits far more pages than the apps record, and reconciliation reads every visit: the others are dropped before
 * their leads are looked up.
 */
function wantedByAnyApp(activity: ActivityRecord, apps: readonly ReconcileTarget[]): boolean {
  const type = ACTIVITY_TYPES[activity.activityTypeId];
  if (!type) return false;
  return apps.some(
    (app) =>
      app.config.eventTypes.includes(type) &&
      (type !== 'visit' || pageMatches(visitPageOf(activity), app.config.visitPages ?? [])),
  );
}

export async function reconcile(run: ReconcileRun, deps: ReconcileDeps): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    activities: 0,
    events: 0,
    byApp: Object.fromEntries(run.apps.map((a) => [a.appId, 0])),
    byType: {},
    bots: 0,
    complete: true,
  };
  // One Asset API call per email asset and run, however many activities name it.
  const subjects = new Map<number, Promise<string>>();
  const subjectOf = (emailId: number | undefined) => {
    if (emailId === undefined) return Promise.resolve('');
    if (!subjects.has(emailId))
      subjects.set(
        emailId,
        deps.source.email(emailId).then((email) => email?.subject ?? ''),
      );
    return subjects.get(emailId)!;
  };

  // The same for campaigns: the activity's campaign is the one that sent the email, which a webhook cannot name.
  const campaigns = new Map<number, Promise<string>>();
  const campaignOf = (campaignId: number | undefined) => {
    if (campaignId === undefined) return Promise.resolve('');
    if (!campaigns.has(campaignId))
      campaigns.set(
        campaignId,
        deps.source.campaign(campaignId).then((c) => c?.name ?? ''),
      );
    return campaigns.get(campaignId)!;
  };

  // Only the types some app records: a subscription's visits dwarf its email activity.
  const typeIds = activityTypeIdsFor(new Set(run.apps.flatMap((app) => app.config.eventTypes)));
  if (typeIds.length === 0) return report;

  let token = await deps.source.pagingToken(run.since);
  for (let more = true; more;) {
    if (deps.keepGoing && !deps.keepGoing()) {
      report.complete = false;
      break;
    }
    const page = await deps.source.activities(token, typeIds);
    token = page.nextPageToken;
    more = page.moreResult;
    const inRange = page.activities.filter((a) => Date.parse(a.activityDate) < run.until.getTime());
    // Activities come oldest first: one past the end means the rest are too.
    if (inRange.length < page.activities.length) more = false;
    const wanted = new Set(inRange.filter((a) => wantedByAnyApp(a, run.apps)));
    const emails =
      wanted.size > 0 ? await deps.source.leadEmails([...wanted].map((a) => a.leadId)) : new Map<number, string>();
    for (const activity of inRange) {
      report.activities++;
      report.lastActivityAt = activity.activityDate;
      deps.onActivity?.(activity);
      if (!wanted.has(activity)) continue;
      // An email activity's primary attribute is the email asset; a web activity's is a page or a form.
      const isEmail = activity.activityTypeId in EMAIL_ACTIVITY_TYPES;
      const subject = isEmail ? await subjectOf(activity.primaryAttributeValueId) : '';
      const campaign = await campaignOf(activity.campaignId);
      for (const app of run.apps) {
        if (app.since && Date.parse(activity.activityDate) < app.since.getTime()) continue;
        if (app.alreadyQueued?.has(activity.marketoGUID)) continue;
        const event = activityEvent(activity, {
          appId: app.appId,
          email: emails.get(activity.leadId) ?? '',
          subject,
          campaign,
          receivedAt: deps.now(),
        });
        if (!event || !isRecordable(event, app.config)) continue;
        if (!run.dryRun) await deps.queue.send(event);
        report.events++;
        report.byApp[app.appId] = (report.byApp[app.appId] ?? 0) + 1;
        report.byType[event.type] = (report.byType[event.type] ?? 0) + 1;
        if (event.isBot) report.bots++;
      }
    }
    deps.onPage?.(report);
  }
  return report;
}
