/**
 * One writer invocation: SQS messages in, the ids of messages to redeliver out. Messages are grouped by app,
 * each app's events written in one pass, and the app's status counters updated.
 */
import { engagementEventSchema, type EngagementEvent } from '../core/events';
import type { AppCounters, Log, RecordStore, Registry } from './ports';
import { writeAppEvents, type FinalOutcome } from './write-events';

export interface QueueMessage {
  messageId: string;
  body: string;
}

export interface BatchDeps {
  registry: Registry;
  recordStore: (connection: { baseUrl: string; apiToken: string; appId: string }) => RecordStore;
  logger: Log;
  now: () => Date;
}

export interface BatchResult {
  failedMessageIds: string[];
  outcomes: Partial<Record<FinalOutcome | 'invalid', number>>;
}

export async function processBatch(messages: readonly QueueMessage[], deps: BatchDeps): Promise<BatchResult> {
  const failed = new Set<string>();
  const tally: BatchResult['outcomes'] = {};
  const count = (outcome: FinalOutcome | 'invalid', n = 1) => (tally[outcome] = (tally[outcome] ?? 0) + n);
  const byApp = new Map<string, { event: EngagementEvent; messageId: string }[]>();

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
    const failApp = async (reason: string) => {
      deps.logger.error('events of app could not be written', { appId, reason, events: items.length });
      for (const item of items) failed.add(item.messageId);
      count('failed', items.length);
      await deps.registry
        .recordStatus(appId, { add: { failed: items.length }, lastError: { at: deps.now().toISOString(), message: reason } })
        .catch(() => undefined);
    };

    let registration;
    try {
      registration = await deps.registry.get(appId);
    } catch (error) {
      await failApp(error instanceof Error ? error.message : String(error));
      continue;
    }
    if (!registration || !registration.enabled) {
      await failApp(`app ${appId} is not registered or is disabled`);
      continue;
    }

    const store = deps.recordStore({ baseUrl: registration.kintoneBaseUrl, apiToken: registration.apiToken, appId });
    let report;
    try {
      report = await writeAppEvents(
        items.map((i) => i.event),
        registration.config,
        store,
      );
    } catch (error) {
      await failApp(error instanceof Error ? error.message : String(error));
      continue;
    }

    const counters: Partial<AppCounters> = {};
    const bump = (counter: keyof AppCounters) => (counters[counter] = (counters[counter] ?? 0) + 1);
    // SQS delivers at least once, so one event can arrive in several messages of a batch; it was written once.
    const seenKeys = new Set<string>();
    for (const item of items) {
      const planned = report.outcomes.get(item.event.key) ?? 'failed';
      const outcome = planned !== 'failed' && seenKeys.has(item.event.key) ? 'duplicate' : planned;
      seenKeys.add(item.event.key);
      count(outcome);
      if (outcome === 'failed') failed.add(item.messageId);
      if (outcome === 'written') bump('written');
      else if (outcome === 'duplicate' || outcome === 'tooOld') bump('duplicates');
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
    const lastError = report.errors.length > 0 ? { at: deps.now().toISOString(), message: report.errors.join('; ') } : undefined;
    if (lastError) deps.logger.error('kintone write failed; events will be redelivered', { appId, errors: report.errors });
    await deps.registry.recordStatus(appId, { add: counters, lastEventAt: newest, ...(lastError ? { lastError } : {}) });
  }

  return { failedMessageIds: [...failed], outcomes: tally };
}

function parseMessage(body: string): EngagementEvent | undefined {
  try {
    const parsed = engagementEventSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
