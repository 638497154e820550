/**
 * The whole product on one machine, no cloud account: local kintone, local SQS, serverless-offline with the
 * real handlers, the SQS→writer relay, and the demo app registered. `npm start` and the end-to-end tests
 * both run this.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SESEvent } from 'aws-lambda';
import { z } from 'zod';
import { defaultConfig, type PluginConfig } from '../../contract/src/config';
import { hashSecret, newSecret, secretMatchesHash, statusKeyFor } from '../../server/src/core/secrets';
import { localTokenVault } from '../../server/src/adapters/token-vault-local';
import { fileRegistry } from '../../server/src/adapters/registry-file';
import { dynamoRegistry } from '../../server/src/adapters/registry-dynamodb';
import type { Registry, TokenVault } from '../../server/src/services/ports';
import { startLocalDynamo } from './dynamodb';
import { startKintoneEmulator, type KintoneEmulator } from '../kintone-emulator';
import { startLocalSqs } from './sqs';
import { startMarketoEmulator, type MarketoEmulator } from '../marketo-emulator';
import { startOffline } from './offline';
import { startRelay, WRITER_MAXIMUM_CONCURRENCY, type RelayStats } from './relay';
import { freePort } from './ports';
import type { DevConfig } from './dev-config';
import { startPreviewServer, type PreviewServer } from '../preview/server';
import type { AppPluginState } from '../preview/state';
import { PLUGIN_OUT_DIR } from '../plugin/build';
import { statusUrl } from '../../plugin/src/config/admin-client';
import { STATUS_KEY_HEADER } from '../../contract/src/admin-api';
import { storedValues } from '../../plugin/src/common/stored-config';

/** A guess at a typical instance: email engagement a fifth of the activity log. */
const OTHER_ACTIVITIES_PER_EMAIL = 4;

export interface StackOptions {
  /** Where state lives (registry, kintone data, dev.json). */
  stateDir: string;
  /** Keep kintone's records in stateDir across restarts (npm start) or not (tests). */
  persistKintone: boolean;
  ports: { http: number; kintone: number; sqs: number; lambda?: number; preview?: number; marketo?: number };
  /** Email activities the local Marketo holds for the demo customers (default: a month's worth). */
  marketoActivities?: number;
  /** Serve the kintone-like preview of the built plug-in (dist/plugin must exist). */
  preview: boolean;
  /** The demo app's mapping while it has none saved (registry and preview); default defaultConfig(). */
  demoConfig?: PluginConfig;
  /**
   * Where registrations and counters live: a file in stateDir (default; survives restarts), or a local
   * DynamoDB table as deployed (in memory; the benchmark uses it, since the file's lock is not what runs in AWS).
   */
  registry?: 'file' | 'dynamodb';
  /** Rebuild the handlers when server sources change (npm start), or keep one build (tests, benchmark). */
  watchSources?: boolean;
  /** Run the scheduled reconciliation at this rate, e.g. 'rate(10 minutes)' (npm start); default off. */
  reconcileSchedule?: string;
  /** Run the daily re-score on this schedule, e.g. 'cron(0 3 * * ? *)' (npm start; local time); default off. */
  rescoreSchedule?: string;
  batchSize: number;
  batchingWindowMs: number;
  /** Writer batches in flight at once (default: as deployed, WRITER_MAXIMUM_CONCURRENCY). */
  writerConcurrency?: number;
  /** Seconds a failed message stays invisible before it is retried. */
  visibilityTimeoutSeconds: number;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  log: (line: string) => void;
  /** Called with the message bodies of each batch the writer is about to get. */
  onBatch?: (bodies: string[]) => void;
  /** Fault injection for tests: the share of writer answers lost after the writer wrote (see relay.ts). */
  lostWriterAnswerProbability?: number;
}

export interface LocalStack {
  dev: DevConfig;
  emulator: KintoneEmulator;
  marketo: MarketoEmulator;
  /** The registry the handlers use, for reading counters. */
  registry: Registry;
  /** The token vault the handlers use, for registering apps directly in tests and the benchmark. */
  vault: TokenVault;
  /** The environment that points a handler at that registry (and the local AWS endpoints). */
  registryEnvironment: Record<string, string>;
  relayStats(): RelayStats;
  /** How often the writer's answer was lost for this message (see relay.ts). */
  relayAnswersLostFor(messageId: string): number;
  /** One run of the scheduled reconciliation through serverless-offline; what the handler returned. */
  reconcile(): Promise<unknown>;
  /** One run of the daily re-score through serverless-offline; what the handler returned. */
  rescore(): Promise<unknown>;
  /** The reply function, invoked as SES's receipt rule does; what the handler returned. */
  reply(event: SESEvent): Promise<unknown>;
  preview?: PreviewServer;
  stop(): Promise<void>;
}

export const DEMO_APP_ID = '1';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const LOCAL_AWS = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

export async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  const stateDir = path.resolve(options.stateDir);
  await fs.mkdir(stateDir, { recursive: true });
  const previous = await readDevConfig(stateDir);
  const adminSecret = previous?.adminSecret ?? newSecret();

  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch((e: unknown) => options.log(`stop: ${String(e)}`));
  };
  try {
    const emulator = await startKintoneEmulator({
      port: options.ports.kintone,
      ...(options.persistKintone ? { persistPath: path.join(stateDir, 'kintone.json') } : {}),
    });
    stoppers.push(() => emulator.close());

    const marketo = await startMarketoEmulator({
      port: options.ports.marketo ?? 0,
      // Four other activities (web visits, data value changes, scores…) per email activity: a real instance's log
      // is mostly those, so filtered pages come back sparse, as they do from Marketo.
      activities: {
        count: options.marketoActivities ?? 2_000,
        since: new Date(Date.now() - 30 * DAY),
        until: new Date(Date.now() - HOUR),
        seed: 1,
        otherPerEmail: OTHER_ACTIVITIES_PER_EMAIL,
      },
    });
    stoppers.push(() => marketo.close());

    const sqs = await startLocalSqs(options.ports.sqs, options.visibilityTimeoutSeconds);
    stoppers.push(() => sqs.close());

    const serverUrl = `http://127.0.0.1:${options.ports.http}`;
    const webhookUrl = `${serverUrl}/webhook/${DEMO_APP_ID}`;
    let preview: PreviewServer | undefined;
    if (options.preview) {
      preview = await startPreviewServer({
        port: options.ports.preview ?? 0,
        kintoneBaseUrl: emulator.url,
        appId: DEMO_APP_ID,
        pluginDir: PLUGIN_OUT_DIR,
        statePath: path.join(stateDir, 'preview-state.json'),
        seed: demoPluginSettings(options.demoConfig ?? defaultConfig(), {
          serverUrl,
          webhookUrl,
          statusKey: statusKeyFor(adminSecret, DEMO_APP_ID),
        }),
      });
      stoppers.push(() => preview!.close());
    }

    // With the preview, the browser's kintone is the preview's origin (it relays the REST API to the local
    // kintone), and that is the URL the settings screen registers; the server uses the same one.
    const kintoneBaseUrl = preview?.url ?? emulator.url;

    const registryFile = path.join(stateDir, 'registry.json');
    let registry: Registry = fileRegistry(registryFile);
    let registryEnv: Record<string, string> = { REGISTRY_FILE: registryFile };
    if (options.registry === 'dynamodb') {
      const dynamo = await startLocalDynamo(0);
      stoppers.push(() => dynamo.close());
      registry = dynamoRegistry(dynamo.tableName, dynamo.documents);
      registryEnv = { REGISTRY_TABLE: dynamo.tableName, AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint };
    }
    // The token vault's key sits beside the registry, as KMS sits beside DynamoDB when deployed.
    const tokenKeyFile = path.join(stateDir, 'token.key');
    const vault = localTokenVault(tokenKeyFile);
    const existing = await registry.get(DEMO_APP_ID).catch(() => undefined);
    // Only the hash is registered: the secret survives restarts through dev.json, or a new one is issued.
    const webhookSecret =
      previous?.webhookSecret && existing && secretMatchesHash(previous.webhookSecret, existing.webhookSecretHash)
        ? previous.webhookSecret
        : newSecret();
    await registry.put({
      appId: DEMO_APP_ID,
      kintoneBaseUrl,
      apiTokenSealed: await vault.seal(DEMO_APP_ID, emulator.demo.fullToken),
      webhookSecretHash: hashSecret(webhookSecret),
      enabled: true,
      config: existing?.config ?? options.demoConfig ?? defaultConfig(),
      updatedAt: new Date().toISOString(),
    });

    const replyMailDir = path.join(stateDir, 'replies');
    const offline = await startOffline({
      watch: options.watchSources ?? false,
      httpPort: options.ports.http,
      lambdaPort: options.ports.lambda ?? (await freePort()),
      env: {
        ...registryEnv,
        TOKEN_KEY_FILE: tokenKeyFile,
        EVENTS_QUEUE_URL: sqs.queueUrl,
        AWS_ENDPOINT_URL_SQS: sqs.endpoint,
        ...LOCAL_AWS,
        ADMIN_SECRET: adminSecret,
        PUBLIC_BASE_URL: serverUrl,
        ALLOW_HTTP_KINTONE: 'true',
        // As deployed (40 s against 420 s), a writer gives up waiting for the app's lease well before its batch
        // would become visible again.
        WRITE_LEASE_WAIT_SECONDS: String(Math.max(1, Math.floor(options.visibilityTimeoutSeconds / 2))),
        // The local kintone and the preview that relays it: the only hosts the local server sends tokens to.
        KINTONE_DOMAINS: [emulator.url, preview?.url].flatMap((url) => (url ? [new URL(url).host] : [])).join(','),

        POWERTOOLS_LOG_LEVEL: options.logLevel,
        MARKETO_REST_URL: marketo.restUrl,
        MARKETO_IDENTITY_URL: marketo.identityUrl,
        MARKETO_CLIENT_ID: marketo.clientId,
        MARKETO_CLIENT_SECRET: marketo.clientSecret,
        REPLY_MAIL_DIR: replyMailDir,
        ...(options.reconcileSchedule
          ? { RECONCILE_SCHEDULE: options.reconcileSchedule, RECONCILE_SCHEDULE_ENABLED: 'true' }
          : {}),
        ...(options.rescoreSchedule
          ? { RESCORE_SCHEDULE: options.rescoreSchedule, RESCORE_SCHEDULE_ENABLED: 'true' }
          : {}),
      },
      log: options.log,
    });
    stoppers.push(() => offline.stop());

    const relay = startRelay({
      client: new SQSClient({
        endpoint: sqs.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      queueUrl: sqs.queueUrl,
      invoke: (event) => offline.invokeWriter(event),
      batchSize: options.batchSize,
      batchingWindowMs: options.batchingWindowMs,
      concurrency: options.writerConcurrency ?? WRITER_MAXIMUM_CONCURRENCY,
      onError: (error) => options.log(`relay: ${error instanceof Error ? error.message : String(error)}`),
      ...(options.onBatch ? { onBatch: options.onBatch } : {}),
      ...(options.lostWriterAnswerProbability ? { lostAnswerProbability: options.lostWriterAnswerProbability } : {}),
    });
    stoppers.push(() => relay.stop());

    const dev: DevConfig = {
      webhookUrl,
      webhookSecret,
      adminSecret,
      kintoneBaseUrl: emulator.url,
      appId: DEMO_APP_ID,
      apiToken: emulator.demo.fullToken,
      serverUrl: offline.url,
      sqsEndpoint: sqs.endpoint,
      queueUrl: sqs.queueUrl,
      deadLetterQueueUrl: sqs.deadLetterQueueUrl,
      ...(preview ? { previewUrl: preview.url } : {}),
      lambdaUrl: offline.lambdaUrl,
      replyMailDir,
      marketo: {
        restUrl: marketo.url,
        identityUrl: marketo.identityUrl,
        clientId: marketo.clientId,
        clientSecret: marketo.clientSecret,
      },
    };
    await fs.writeFile(path.join(stateDir, 'dev.json'), `${JSON.stringify(dev, null, 2)}\n`, { mode: 0o600 });
    return {
      dev,
      emulator,
      marketo,
      registry,
      vault,
      registryEnvironment: { ...registryEnv, ...LOCAL_AWS, TOKEN_KEY_FILE: tokenKeyFile },
      relayStats: () => relay.stats(),
      relayAnswersLostFor: (messageId) => relay.answersLostFor(messageId),
      reconcile: () => offline.invokeReconcile(),
      rescore: () => offline.invokeRescore(),
      reply: (event) => offline.invokeReply(event),
      ...(preview ? { preview } : {}),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The demo app's plug-in as an admin leaves it: the given mapping, connected to the local server, and in the proxy
 * config only the app's status key, for GET …/status (never the admin secret or the API token).
 */
function demoPluginSettings(
  config: PluginConfig,
  connection: { serverUrl: string; webhookUrl: string; statusKey: string },
): AppPluginState {
  return {
    config: storedValues(config, { serverUrl: connection.serverUrl, webhookUrl: connection.webhookUrl }),
    proxyConfigs: [
      {
        url: statusUrl(connection.serverUrl, Number(DEMO_APP_ID)),
        method: 'GET',
        headers: { [STATUS_KEY_HEADER]: connection.statusKey },
        data: {},
      },
    ],
  };
}

const previousDevSchema = z.object({ adminSecret: z.string().min(32), webhookSecret: z.string().optional() });

/** The admin secret survives restarts so a plug-in configured against the local stack keeps working. */
async function readDevConfig(stateDir: string): Promise<z.infer<typeof previousDevSchema> | undefined> {
  try {
    const parsed = previousDevSchema.safeParse(JSON.parse(await fs.readFile(path.join(stateDir, 'dev.json'), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
