/**
 * The writer side alone, as deployed: events put straight on the local queue (serverless-offline's ingest is this
 * machine's bottleneck, not the deployed one's), then up to N writers at once draining it through the real writer
 * function into the local kintone. Counts what concurrency costs: kintone requests against the floor, revision
 * conflicts, redelivered messages, and the time until the last event is on its record.
 */
import { rm } from 'node:fs/promises';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { defaultConfig, type PluginConfig } from '../../contract/src/config';
import { requestFloor } from '../../contract/src/kintone-record';
import { leadKeyOf, isRecordable } from '../../server/src/core/batch-plan';
import { DEMO_APP_ID } from '../local/stack';
import { planActivities } from '../marketo-simulator/activities';
import { queuedEvent } from '../marketo-simulator/queued-event';
import type { SimulatedActivity, SimulatedLead } from '../marketo-simulator/render';
import { seededRandom } from '../marketo-emulator/random';
import { FloorTally } from './floor';
import { settle, startBenchStack } from './stack';
import { addCustomers, benchLeads } from './workload';

export type WriterWorkload = 'opens' | 'burst';

export interface WriterBenchOptions {
  workload: WriterWorkload;
  /** opens: this many open events; burst: the campaign's recipients (deliveries), with opens and clicks on top. */
  events: number;
  records: number;
  writers: number;
  batchSize: number;
  batchingWindowMs: number;
  kintoneLatencyMs: number;
  seed: number;
  settleTimeoutMs: number;
  log: (line: string) => void;
}

export interface WriterBenchResult {
  workload: WriterWorkload;
  events: number;
  distinctRecords: number;
  writers: number;
  batchSize: number;
  batchingWindowMs: number;
  kintoneLatencyMs: number;
  writerBatches: number;
  maxBatchesInFlight: number;
  kintoneRequests: number;
  /** Σ over the batches of ceil(R/500) + ceil(R/100), R = records the batch touches. */
  batchFloor: number;
  /** One pass over the workload's distinct records: what a single perfect batch would spend. */
  workloadFloor: number;
  requestsOverBatchFloor: number;
  revisionConflicts: number;
  redeliveredMessages: number;
  /** From the first event on the queue until the last is on its record. */
  secondsUntilAllWritten: number;
  settled: boolean;
}

const TIME_ZONE = 'Asia/Tokyo';
const MINUTE = 60_000;

export async function runWriterBench(options: WriterBenchOptions): Promise<WriterBenchResult> {
  const config: PluginConfig = {
    ...defaultConfig(),
    eventTypes: ['delivered', 'open', 'click', 'bounce', 'unsubscribe', 'reply'],
  };
  const floor = new FloorTally(DEMO_APP_ID, config);
  const { stack, stateDir } = await startBenchStack({
    batchSize: options.batchSize,
    batchingWindowMs: options.batchingWindowMs,
    writers: options.writers,
    log: options.log,
    onBatch: (bodies) => floor.add(bodies),
  });
  try {
    const { emulator, dev, registry } = stack;
    await registry.put({ ...(await registry.get(DEMO_APP_ID))!, config });
    const leads = benchLeads(options.records);
    await addCustomers({ baseUrl: dev.kintoneBaseUrl, apiToken: dev.apiToken, appId: DEMO_APP_ID }, leads);
    if (options.kintoneLatencyMs > 0) emulator.faults.add({ latencyMs: options.kintoneLatencyMs });
    const activities = options.workload === 'opens' ? openActivities(options, leads) : campaignBurst(options, leads);
    const events = activities.map((activity) => queuedEvent(activity, DEMO_APP_ID, TIME_ZONE));
    const recordable = events.filter((event) => isRecordable(event, config));
    const distinct = new Set(recordable.map((event) => leadKeyOf(event, config))).size;

    emulator.resetStats();
    const sqs = new SQSClient({
      endpoint: dev.sqsEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const started = performance.now();
    for (let i = 0; i < events.length; i += 10) {
      const entries = events
        .slice(i, i + 10)
        .map((event, j) => ({ Id: String(j), MessageBody: JSON.stringify(event) }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: dev.queueUrl, Entries: entries }));
    }
    const settled = await settle(registry, events.length, options.settleTimeoutMs);
    const seconds = (performance.now() - started) / 1000;
    const stats = emulator.stats();
    const relay = stack.relayStats();
    const kintoneRequests = stats.requestsByApp[DEMO_APP_ID] ?? 0;
    return {
      workload: options.workload,
      events: events.length,
      distinctRecords: distinct,
      writers: options.writers,
      batchSize: options.batchSize,
      batchingWindowMs: options.batchingWindowMs,
      kintoneLatencyMs: options.kintoneLatencyMs,
      writerBatches: floor.batches,
      maxBatchesInFlight: relay.maxInFlight,
      kintoneRequests,
      batchFloor: floor.floor,
      workloadFloor: requestFloor(distinct),
      requestsOverBatchFloor: floor.floor > 0 ? kintoneRequests / floor.floor : 0,
      revisionConflicts: stats.revisionConflicts,
      redeliveredMessages: relay.redelivered,
      secondsUntilAllWritten: seconds,
      settled,
    };
  } finally {
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** Opens in the order they happen: any record at any moment, so batches in flight at once share records. */
function openActivities(options: WriterBenchOptions, leads: readonly SimulatedLead[]): SimulatedActivity[] {
  const planned = planActivities({
    count: options.events,
    leads,
    type: 'open',
    spreadMinutes: 7 * 24 * 60,
    end: new Date(),
    seed: options.seed,
  });
  return planned.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * A campaign as it lands: every recipient's delivery within ten minutes, most recipients opening within the next few
 * minutes, and 30% of the records getting a second event (a click, or another open) within a minute of the first.
 */
export function campaignBurst(
  options: Pick<WriterBenchOptions, 'events' | 'seed'>,
  leads: readonly SimulatedLead[],
): SimulatedActivity[] {
  const random = seededRandom(options.seed);
  const start = Date.now() - 15 * MINUTE;
  const template = planActivities({
    count: 1,
    leads,
    type: 'delivered',
    spreadMinutes: 1,
    end: new Date(),
    seed: options.seed,
  })[0]!;
  const activities: SimulatedActivity[] = [];
  for (let i = 0; i < options.events; i++) {
    const lead = leads[i % leads.length]!;
    const deliveredAt = start + Math.floor(random() * 10 * MINUTE);
    activities.push({ ...template, type: 'delivered', lead, at: new Date(deliveredAt) });
    if (random() < 0.6) {
      const openedAt = deliveredAt + Math.floor(random() * 4 * MINUTE);
      activities.push({ ...template, type: 'open', lead, at: new Date(openedAt) });
      if (random() < 0.5)
        activities.push({
          ...template,
          type: random() < 0.6 ? 'click' : 'open',
          lead,
          at: new Date(openedAt + Math.floor(random() * MINUTE)),
        });
    }
  }
  return activities.sort((a, b) => a.at.getTime() - b.at.getTime());
}
