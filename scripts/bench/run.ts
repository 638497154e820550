/**
 * One benchmark run: the same Marketo-like events through our pipeline (the real local stack: serverless-offline
 * ingest, local SQS, writer, local kintone) and through the one-call-per-event baseline, each against its own copy of
 * the same customers, counting kintone requests per app and timing acknowledgements and visibility.
 */
import { rm } from 'node:fs/promises';
import { kintoneRecordStore } from '../../server/src/adapters/kintone-records';
import { defaultConfig } from '../../contract/src/config';
import type { MarketoEventType } from '../../contract/src/events';
import { hashSecret, newSecret } from '../../server/src/core/secrets';
import type { AppStatus } from '../../server/src/services/ports';
import { demoAppDefinition, type KintoneEmulator } from '../kintone-emulator';
import { startOffline } from '../local/offline';
import { freePort } from '../local/ports';
import { DEMO_APP_ID } from '../local/stack';
import { planActivities } from '../marketo-simulator/activities';
import type { SimulatedActivity, SimulatedLead, TokenEncoding } from '../marketo-simulator/render';
import { MARKETO_TIMEOUT_MS, percentile, sendActivities } from '../marketo-simulator/send';
import { FloorTally } from './floor';
import { settle, startBenchStack } from './stack';
import { addCustomers, benchLeads } from './workload';

export interface BenchOptions {
  events: number;
  records: number;
  type: MarketoEventType | 'mix';
  batchSize: number;
  batchingWindowMs: number;
  /** Writer batches in flight at once. */
  writers: number;
  /** Webhook connections at once (Marketo opens at most 20). */
  concurrency: number;
  /** Webhook calls per second; unset = as fast as the connections allow. */
  ratePerSecond?: number;
  /** Added to every kintone request (the local kintone answers in about a millisecond; cybozu.com does not). */
  kintoneLatencyMs: number;
  encoding: TokenEncoding;
  baseline: boolean;
  seed: number;
  /** Give up waiting for the writer after this long. */
  settleTimeoutMs: number;
  onProgress: (phase: 'ours' | 'baseline', done: number, total: number) => void;
  log: (line: string) => void;
}

export interface PipelineFigures {
  /** Slowest answer while the runtime started its workers (calls for an unknown app, before measuring). */
  coldStartMs: number;
  answers: Record<string, number>;
  ackMs: { p50: number; p95: number; p99: number };
  /** Events acknowledged per second while sending. */
  ingestEventsPerSecond: number;
  kintoneRequests: number;
  kintoneRequestsPerEvent: number;
  /** From the first webhook call until the last event is on its kintone record. */
  secondsUntilAllVisible: number;
  /** From the last answer to Marketo until the last event is on its record: how stale a record can be. */
  secondsVisibleAfterLastAnswer: number;
}

export interface BenchResult {
  at: string;
  events: number;
  distinctRecords: number;
  type: MarketoEventType | 'mix';
  concurrency: number;
  ratePerSecond?: number;
  kintoneLatencyMs: number;
  ours: PipelineFigures & {
    batchSize: number;
    batchingWindowMs: number;
    writerBatches: number;
    /** Σ over the writer's batches of ceil(R/500) + ceil(R/100), R = records the batch touches. */
    floor: number;
    status: AppStatus;
    settled: boolean;
  };
  baseline?: PipelineFigures;
  /** baseline ÷ ours: how many times fewer requests, faster acknowledgements, sooner visibility. */
  ratios?: { kintoneRequests: number; ackP50: number; ackP99: number; secondsUntilAllVisible: number };
  /** Records whose engagement fields differ between our app and the baseline's at the end (0 = same result). */
  recordsThatDiffer?: number;
}

const TIME_ZONE = 'Asia/Tokyo';

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const config = defaultConfig();
  const floor = new FloorTally(DEMO_APP_ID, config);
  const { stack, stateDir } = await startBenchStack({
    batchSize: options.batchSize,
    batchingWindowMs: options.batchingWindowMs,
    writers: options.writers,
    log: options.log,
    onBatch: (bodies) => floor.add(bodies),
  });
  try {
    const { emulator, dev } = stack;
    const leads = benchLeads(options.records);
    await addCustomers({ baseUrl: dev.kintoneBaseUrl, apiToken: dev.apiToken, appId: DEMO_APP_ID }, leads);
    if (options.kintoneLatencyMs > 0) emulator.faults.add({ latencyMs: options.kintoneLatencyMs });
    const activities = planActivities({
      count: options.events,
      leads,
      type: options.type,
      spreadMinutes: 7 * 24 * 60,
      end: new Date(),
      seed: options.seed,
    });

    const registry = stack.registry;
    const oursCold = await warmUp(dev.webhookUrl, options.concurrency);
    const oursStart = requestsOf(emulator, DEMO_APP_ID);
    const started = performance.now();
    const sent = await send(activities, dev.webhookUrl, dev.webhookSecret, options, 'ours');
    const accepted = sent.summary.byStatus['202'] ?? 0;
    const settled = await settle(registry, accepted, options.settleTimeoutMs);
    const ours = {
      ...figures(oursCold, sent, requestsOf(emulator, DEMO_APP_ID) - oursStart, (performance.now() - started) / 1000),
      batchSize: options.batchSize,
      batchingWindowMs: options.batchingWindowMs,
      writerBatches: floor.batches,
      floor: floor.floor,
      status: await registry.status(DEMO_APP_ID),
      settled,
    };
    const result: BenchResult = {
      at: new Date().toISOString(),
      events: options.events,
      distinctRecords: options.records,
      type: options.type,
      concurrency: options.concurrency,
      ...(options.ratePerSecond ? { ratePerSecond: options.ratePerSecond } : {}),
      kintoneLatencyMs: options.kintoneLatencyMs,
      ours,
    };
    if (!options.baseline) return result;

    const baselineApp = emulator.createApp({ ...demoAppDefinition(), name: 'Customers (baseline)' });
    const baselineToken = emulator.createToken(baselineApp, { view: true, add: true, edit: true });
    const baselineConnection = { baseUrl: dev.kintoneBaseUrl, apiToken: baselineToken, appId: baselineApp };
    await addCustomers(baselineConnection, leads);
    const baselineSecret = newSecret();
    await registry.put({
      appId: baselineApp,
      kintoneBaseUrl: dev.kintoneBaseUrl,
      apiTokenSealed: await stack.vault.seal(baselineApp, baselineToken),
      webhookSecretHash: hashSecret(baselineSecret),
      enabled: true,
      config,
      updatedAt: new Date().toISOString(),
    });
    const server = await startOffline({
      configFile: 'serverless.bench.yml',
      httpPort: await freePort(),
      lambdaPort: await freePort(),
      env: { ...stack.registryEnvironment, POWERTOOLS_LOG_LEVEL: 'ERROR' },
      log: options.log,
    });
    try {
      const baselineUrl = `${server.url}/webhook/${baselineApp}`;
      const baselineCold = await warmUp(baselineUrl, options.concurrency);
      const baselineStart = requestsOf(emulator, baselineApp);
      const baselineStarted = performance.now();
      const baselineSent = await send(activities, baselineUrl, baselineSecret, options, 'baseline');
      // Each answer came after its write, so everything is visible once the last answer is in.
      result.baseline = figures(
        baselineCold,
        baselineSent,
        requestsOf(emulator, baselineApp) - baselineStart,
        (performance.now() - baselineStarted) / 1000,
      );
    } finally {
      await server.stop();
    }
    result.ratios = {
      kintoneRequests: result.baseline.kintoneRequests / Math.max(1, ours.kintoneRequests),
      ackP50: result.baseline.ackMs.p50 / ours.ackMs.p50,
      ackP99: result.baseline.ackMs.p99 / ours.ackMs.p99,
      secondsUntilAllVisible: result.baseline.secondsUntilAllVisible / ours.secondsUntilAllVisible,
    };
    result.recordsThatDiffer = await compareApps(
      { baseUrl: dev.kintoneBaseUrl, apiToken: dev.apiToken, appId: DEMO_APP_ID },
      baselineConnection,
      leads,
    );
    return result;
  } finally {
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

type Sent = { summary: Awaited<ReturnType<typeof sendActivities>>; seconds: number };

async function send(
  activities: SimulatedActivity[],
  url: string,
  secret: string,
  options: BenchOptions,
  phase: 'ours' | 'baseline',
): Promise<Sent> {
  let done = 0;
  const started = performance.now();
  const summary = await sendActivities(activities, {
    url,
    secret,
    encoding: options.encoding,
    timeZone: TIME_ZONE,
    concurrency: options.concurrency,
    timeoutMs: MARKETO_TIMEOUT_MS,
    ...(options.ratePerSecond ? { ratePerSecond: options.ratePerSecond } : {}),
    onResult: () => options.onProgress(phase, ++done, activities.length),
  });
  return { summary, seconds: (performance.now() - started) / 1000 };
}

/**
 * serverless-offline starts a worker per concurrent call, and on two cores twenty of them starting at once can
 * outlast a call's timeout; a deployed Lambda starts each container on its own CPU. So both pipelines are
 * warmed with calls for an app that does not exist (401, no side effect) and the slowest is reported apart.
 */
async function warmUp(webhookUrl: string, concurrency: number): Promise<number> {
  const unknownApp = webhookUrl.replace(/\/webhook\/\d+$/, '/webhook/999999999');
  let slowest = 0;
  for (let round = 0; round < 3; round++) {
    const latencies = await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const started = performance.now();
        const response = await fetch(unknownApp, { method: 'POST', body: '{}', signal: AbortSignal.timeout(120_000) });
        await response.arrayBuffer();
        if (response.status !== 401) throw new Error(`warm-up call answered ${response.status}, expected 401`);
        return performance.now() - started;
      }),
    );
    if (round === 0) slowest = Math.max(...latencies);
  }
  return Math.round(slowest);
}

function figures(
  coldStartMs: number,
  sent: Sent,
  kintoneRequests: number,
  secondsUntilAllVisible: number,
): PipelineFigures {
  const latencies = sent.summary.latenciesMs;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    coldStartMs,
    answers: sent.summary.byStatus,
    ackMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
    },
    ingestEventsPerSecond: Math.round(sent.summary.sent / sent.seconds),
    kintoneRequests,
    kintoneRequestsPerEvent: Math.round((kintoneRequests / sent.summary.sent) * 10_000) / 10_000,
    secondsUntilAllVisible: round(secondsUntilAllVisible),
    secondsVisibleAfterLastAnswer: round(Math.max(0, secondsUntilAllVisible - sent.seconds)),
  };
}

function requestsOf(emulator: KintoneEmulator, appId: string): number {
  return emulator.stats().requestsByApp[appId] ?? 0;
}

const COMPARED_FIELDS = [
  '$id',
  '$revision',
  'email',
  'mkto_status',
  'mkto_open_count',
  'mkto_click_count',
  'mkto_first_opened',
  'mkto_last_opened',
  'mkto_last_clicked',
  'mkto_history',
];

async function compareApps(
  a: { baseUrl: string; apiToken: string; appId: string },
  b: { baseUrl: string; apiToken: string; appId: string },
  leads: readonly SimulatedLead[],
): Promise<number> {
  const emails = leads.map((lead) => lead.email);
  const snapshot = async (connection: typeof a) => {
    const records = await kintoneRecordStore(connection).findByLeadKeys('email', emails, COMPARED_FIELDS);
    return new Map(records.map((r) => [String(r.fields.email?.value), engagementOf(r.fields)]));
  };
  const [ours, theirs] = await Promise.all([snapshot(a), snapshot(b)]);
  return emails.filter((email) => ours.get(email) !== theirs.get(email)).length;
}

/** The engagement a record shows, independent of row ids: summary values and the history's event keys in order. */
function engagementOf(fields: Record<string, { value: unknown }>): string {
  const rows = Array.isArray(fields.mkto_history?.value)
    ? (fields.mkto_history.value as { value: Record<string, { value: unknown }> }[])
    : [];
  return JSON.stringify([
    ...COMPARED_FIELDS.slice(3, -1).map((code) => fields[code]?.value),
    rows.map((row) => row.value.mkto_h_key?.value),
  ]);
}
