/**
 * One writer invocation: SQS messages in, the ids of messages to redeliver out. Messages are grouped by app,
 * each app's events written in one pass, and the app's status counters updated. An app that has spent its
 * daily kintone request budget gets its events put back on the queue for later instead of written.
 */
import { engagementEventSchema, type EngagementEvent } from '../../../contract/src/events';
import { kintoneDay } from '../../../contract/src/kintone-day';
import { isServed, type KintoneDomainPolicy } from '../core/kintone-domains';
import type {
  AppCounters,
  CountersBySource,
  EventQueue,
  KintoneConnection,
  Log,
  RecordStore,
  Registry,
  TokenVault,
} from './ports';
import { withWriteLease, type WriteLeaseOptions } from './write-lease';
import { lastErrorOf, writeAppEvents, type FinalOutcome } from './write-events';
import { postAlerts } from './post-alerts';
import { writeErrorCode } from './last-error';
import type { LastErrorCode } from '../../../contract/src/last-error';
import { errorMessage } from '../core/error-message';

export interface QueueMessage {
  messageId: string;
  body: string;
  /** How often SQS has handed this message out, this time included. */
  receiveCount: number;
}

export interface BatchDeps {
  registry: Registry;
  recordStore: (connection: KintoneConnection) => RecordStore;
  vault: TokenVault;
  /** Only these kintone hosts are written to: a registration left on another is reported, never used. */
  kintoneDomains: KintoneDomainPolicy;
  /** One writer at a time per app, so batches in flight side by side never collide on a record. */
  writeLease: Omit<WriteLeaseOptions, 'now'>;
  /** Where deferred events go back to (the events queue). */
  queue: EventQueue;
  /** kintone requests per app and kintone day the writer may spend (kintone allows 10,000). */
  dailyRequestBudget: number;
  /** The queue's redrive maxReceiveCount: a message failing on this receive goes to the dead-letter queue. */
  maxReceives: number;
  logger: Log;
  now: () => Date;
}

export interface BatchResult {
  failedMessageIds: string[];
  /** 'requeued': sent again because another writer held the app's lease. */
  outcomes: Partial<Record<FinalOutcome | 'invalid' | 'deferred' | 'requeued', number>>;
  /** Failed messages on their last receive: SQS now parks them in the dead-letter queue. */
  parked: number;
  kintoneRequests: number;
}

/** SQS's longest delay; deferred events come back this often until the budget allows writing. */
export const DEFER_SECONDS = 900;

export async function processBatch(messages: readonly QueueMessage[], deps: BatchDeps): Promise<BatchResult> {
  const failed = new Set<string>();
  const tally: BatchResult['outcomes'] = {};
  const count = (outcome: FinalOutcome | 'invalid' | 'deferred' | 'requeued', n = 1) => {
    if (n > 0) tally[outcome] = (tally[outcome] ?? 0) + n;
  };
  const byApp = new Map<string, { event: EngagementEvent; messageId: string }[]>();
  let kintoneRequests = 0;
  // One wait for the whole invocation, not one per app: a batch of several busy apps must not wait past the writer's
  // timeout, which would hand every message out again, each receive counting towards the dead-letter queue.
  const leaseWaitEnds = deps.now().getTime() + deps.writeLease.waitMs;

  for (const message of messages) {
    const event = parseMessage(message.body);
    if (!event) {
      // Left on the queue: after its last receive SQS parks it in the dead-letter queue for an operator.
      deps.logger.error('queue message is not a valid event', { messageId: message.messageId });
      failed.add(message.messageId);
      count('invalid');
      continue;
    }
    byApp.set(event.appId, [...(byApp.get(event.appId) ?? []), { event, messageId: message.messageId }]);
  }

  for (const [appId, items] of byApp) {
    const day = kintoneDay(deps.now());
    const failApp = async (code: LastErrorCode, reason: string, requestsSpent = 0) => {
      deps.logger.error('events of app could not be written', { appId, reason, events: items.length });
      for (const item of items) failed.add(item.messageId);
      count('failed', items.length);
      await deps.registry
        .recordStatus(appId, {
          add: { failed: items.length },
          bySource: countBySource(items, () => 'failed'),
          lastError: { at: deps.now().toISOString(), message: reason, code },
          ...(requestsSpent > 0 ? { kintoneRequests: { day, count: requestsSpent } } : {}),
        })
        .catch(() => undefined);
    };

    let stored;
    try {
      stored = await deps.registry.getWithStatus(appId);
    } catch (error) {
      await failApp('registry_unreadable', errorMessage(error));
      continue;
    }
    if (!stored) {
      await failApp('app_not_registered', `app ${appId} is not registered`);
      continue;
    }
    if (!stored.registration.enabled) {
      await failApp('app_disabled', `app ${appId} is disabled`);
      continue;
    }
    const { registration } = stored;

    const spent = stored.status.kintoneRequests?.[day] ?? 0;
    if (spent >= deps.dailyRequestBudget) {
      await defer(appId, items, spent, deps, failed, count);
      continue;
    }

    if (!isServed(registration.kintoneBaseUrl, deps.kintoneDomains)) {
      await failApp(
        'domain_not_served',
        `app ${appId} is registered for ${registration.kintoneBaseUrl}, which this deployment does not serve: nothing is written there`,
      );
      continue;
    }
    let apiToken;
    try {
      apiToken = await deps.vault.open(appId, registration.apiTokenSealed);
    } catch (error) {
      await failApp('token_unreadable', `the app's API token could not be opened: ${errorMessage(error)}`);
      continue;
    }
    const store = deps.recordStore({
      baseUrl: registration.kintoneBaseUrl,
      apiToken,
      appId,
      guestSpaceId: registration.guestSpaceId,
    });
    let leased;
    try {
      const waitMs = Math.max(0, leaseWaitEnds - deps.now().getTime());
      leased = await withWriteLease(
        deps.registry,
        appId,
        { ...deps.writeLease, waitMs, now: deps.now },
        deps.logger,
        () =>
          writeAppEvents(
            items.map((i) => i.event),
            registration.config,
            store,
            { now: deps.now().getTime() },
          ),
      );
    } catch (error) {
      kintoneRequests += store.requestsSent();
      await failApp(writeErrorCode(error), errorMessage(error), store.requestsSent());
      continue;
    }
    if (!leased.ok) {
      // Not a failure of the events: sent again rather than left for redelivery, so waiting behind other writers
      // never counts towards the receives that park a message in the dead-letter queue.
      const requeued = await putBack(items, Math.max(1, Math.ceil(deps.writeLease.waitMs / 1000)), deps, failed);
      count('requeued', requeued);
      count('failed', items.length - requeued);
      deps.logger.warn("another writer held the app's write lease; the batch goes back to the queue", {
        appId,
        waitedMs: leased.waitedMs,
        requeued,
      });
      continue;
    }
    const report = leased.value;
    const alerts = await postAlerts(report.written, registration.config, store, deps.registry, {
      appId,
      day,
      budgetLeft: () => deps.dailyRequestBudget - spent - store.requestsSent(),
    }).catch((error: unknown) => ({ posted: 0, skipped: 0, errors: [`alerts not posted: ${errorMessage(error)}`] }));
    if (alerts.errors.length > 0) deps.logger.warn('alert comments not posted', { appId, errors: alerts.errors });

    kintoneRequests += store.requestsSent();
    const counters: Partial<AppCounters> = {};
    const bySource: CountersBySource = {};
    let source: EngagementEvent['source'] = 'webhook';
    const bump = (counter: keyof AppCounters) => {
      counters[counter] = (counters[counter] ?? 0) + 1;
      const own = (bySource[source] ??= {});
      own[counter] = (own[counter] ?? 0) + 1;
    };
    // SQS delivers at least once, so one event can arrive in several messages of a batch; it was written once.
    const seenKeys = new Set<string>();
    for (const item of items) {
      const planned = report.outcomes.get(item.event.key) ?? 'failed';
      const outcome = planned !== 'failed' && seenKeys.has(item.event.key) ? 'duplicate' : planned;
      seenKeys.add(item.event.key);
      source = item.event.source;
      count(outcome);
      if (outcome === 'failed') failed.add(item.messageId);
      if (outcome === 'written') bump('written');
      else if (outcome === 'duplicate') bump('duplicates');
      else if (outcome === 'trimmed') bump('trimmed');
      else if (outcome === 'unmatched' || outcome === 'ambiguous') {
        bump('unmatched');
        deps.logger.warn('no single kintone record matches the lead', {
          appId,
          eventKey: item.event.key,
          outcome,
          leadId: item.event.leadId,
        });
      } else if (outcome === 'filtered') bump('filtered');
      else bump('failed');
    }
    const newest = items.reduce((max, i) => (i.event.occurredAt > max ? i.event.occurredAt : max), '');
    if (alerts.posted > 0) counters.alertsPosted = alerts.posted;
    if (alerts.skipped > 0) counters.alertsSkipped = alerts.skipped;
    const lastError =
      lastErrorOf(report.errors, deps.now().toISOString()) ??
      (alerts.errors.length > 0
        ? { at: deps.now().toISOString(), message: alerts.errors.join('; '), code: 'alert_refused' as const }
        : undefined);
    if (lastError)
      deps.logger.error('kintone write failed; events will be redelivered', { appId, errors: lastError.message });
    await deps.registry.recordStatus(appId, {
      add: counters,
      bySource,
      lastEventAt: newest,
      ...(lastError ? { lastError } : {}),
      ...(store.requestsSent() > 0 ? { kintoneRequests: { day, count: store.requestsSent() } } : {}),
    });
  }

  const lastReceives = messages.filter((m) => failed.has(m.messageId) && m.receiveCount >= deps.maxReceives);
  for (const message of lastReceives) {
    deps.logger.error('event failed on its last receive; SQS parks it in the dead-letter queue', {
      messageId: message.messageId,
      receiveCount: message.receiveCount,
    });
  }
  return { failedMessageIds: [...failed], outcomes: tally, parked: lastReceives.length, kintoneRequests };
}

/** Puts the app's events back on the queue, delayed; a message that cannot be put back is redelivered instead. */
async function defer(
  appId: string,
  items: readonly { event: EngagementEvent; messageId: string }[],
  spent: number,
  deps: BatchDeps,
  failed: Set<string>,
  count: (outcome: 'deferred' | 'failed', n?: number) => void,
): Promise<void> {
  const deferred = await putBack(items, DEFER_SECONDS, deps, failed);
  count('deferred', deferred);
  count('failed', items.length - deferred);
  const message = `the app's daily kintone request budget (${deps.dailyRequestBudget}) is used up (${spent} today); ${deferred} events wait for kintone's next day (09:00 JST)`;
  deps.logger.warn('kintone request budget used up; events deferred', {
    appId,
    spent,
    budget: deps.dailyRequestBudget,
    deferred,
  });
  await deps.registry
    .recordStatus(appId, {
      add: { deferred },
      bySource: countBySource(
        items.filter((i) => !failed.has(i.messageId)),
        () => 'deferred',
      ),
      lastError: { at: deps.now().toISOString(), message, code: 'budget_used' },
    })
    .catch(() => undefined);
}

/**
 * Sends the items' events to the queue again, delayed, so their messages can be deleted; one that cannot be sent is
 * marked failed and redelivered instead. Returns how many were sent.
 */
async function putBack(
  items: readonly { event: EngagementEvent; messageId: string }[],
  delaySeconds: number,
  deps: Pick<BatchDeps, 'queue'>,
  failed: Set<string>,
): Promise<number> {
  let sent = 0;
  for (const item of items) {
    try {
      await deps.queue.send(item.event, { delaySeconds });
      sent++;
    } catch {
      failed.add(item.messageId);
    }
  }
  return sent;
}

/** Counts each item under its event's source. */
function countBySource(
  items: readonly { event: EngagementEvent }[],
  counterOf: (item: { event: EngagementEvent }) => keyof AppCounters,
): CountersBySource {
  const bySource: CountersBySource = {};
  for (const item of items) {
    const own = (bySource[item.event.source] ??= {});
    const counter = counterOf(item);
    own[counter] = (own[counter] ?? 0) + 1;
  }
  return bySource;
}

function parseMessage(body: string): EngagementEvent | undefined {
  try {
    const parsed = engagementEventSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
