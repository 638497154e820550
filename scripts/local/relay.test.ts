/**
 * The relay as Lambda's SQS poller: batches in flight side by side, each message in one of them only, and the
 * real writer (in process) bringing both batches' events onto the one record they share, at the request floor.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { makeEvent } from '../../test/support/events';
import { fileRegistry } from '../../server/src/adapters/registry-file';
import { kintoneRecordStore } from '../../server/src/adapters/kintone-records';
import { localTokenVault } from '../../server/src/adapters/token-vault-local';
import { defaultConfig } from '../../contract/src/config';
import { parseKintoneDomains } from '../../server/src/core/kintone-domains';
import { hashSecret } from '../../server/src/core/secrets';
import { processBatch } from '../../server/src/services/process-batch';
import { startKintoneEmulator, type KintoneEmulator } from '../kintone-emulator';
import { startLocalSqs, type LocalSqs } from './sqs';
import { startRelay } from './relay';

jest.setTimeout(60_000);

let emu: KintoneEmulator;
let sqs: LocalSqs;
let dir: string;
beforeAll(async () => {
  [emu, sqs] = await Promise.all([startKintoneEmulator({ port: 0 }), startLocalSqs(0, 30)]);
  dir = await mkdtemp(path.join(os.tmpdir(), 'kms-relay-'));
});
afterAll(async () => {
  await Promise.all([emu.close(), sqs.close()]);
  await rm(dir, { recursive: true, force: true });
});

it('runs two batches at once, hands each message to one of them only, and both land on the record they share', async () => {
  const client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: emu.demo.fullToken } });
  const { records } = await client.record.getRecords({
    app: '1',
    query: 'order by $id asc limit 2',
    fields: ['$id', 'email'],
  });
  const [shared, other] = records.map((r) => ({ id: String(r.$id!.value), email: String(r.email!.value) }));
  const registry = fileRegistry(path.join(dir, 'registry.json'));
  const vault = localTokenVault(path.join(dir, 'token.key'));
  await registry.put({
    appId: '1',
    kintoneBaseUrl: emu.url,
    apiTokenSealed: await vault.seal('1', emu.demo.fullToken),
    webhookSecretHash: hashSecret('relay-test-secret-0123456789'),
    enabled: true,
    config: defaultConfig(),
    updatedAt: new Date().toISOString(),
  });

  // Eight opens of the shared record and two of another, in batches of five: two batches, both with the shared one.
  const events = Array.from({ length: 10 }, (_, i) =>
    makeEvent({
      type: 'open',
      email: i % 5 === 4 ? other!.email : shared!.email,
      occurredAt: `2026-11-28T10:0${i}:00.000Z`,
      emailName: `Mail ${i}`,
    }),
  );
  const queue = new SQSClient({
    endpoint: sqs.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  for (let i = 0; i < events.length; i += 10) {
    const entries = events.slice(i, i + 10).map((event, j) => ({ Id: String(j), MessageBody: JSON.stringify(event) }));
    await queue.send(new SendMessageBatchCommand({ QueueUrl: sqs.queueUrl, Entries: entries }));
  }

  // The writer waits until the other batch is in flight too, so the two are handled side by side.
  let arrived = 0;
  let bothInFlight!: () => void;
  const together = new Promise<void>((resolve) => (bothInFlight = resolve));
  const delivered: string[] = [];
  const invoke = async (event: SQSEvent): Promise<SQSBatchResponse> => {
    delivered.push(...event.Records.map((r) => r.messageId));
    if (++arrived === 2) bothInFlight();
    await together;
    const result = await processBatch(
      event.Records.map((r) => ({
        messageId: r.messageId,
        body: r.body,
        receiveCount: Number(r.attributes.ApproximateReceiveCount),
      })),
      {
        registry,
        vault,
        kintoneDomains: parseKintoneDomains(new URL(emu.url).host, true),
        recordStore: (c) => kintoneRecordStore(c, { attempts: 5, startingDelayMs: 5, maxDelayMs: 20 }),
        queue: { send: async () => undefined },
        dailyRequestBudget: 8_000,
        maxReceives: 5,
        writeLease: {
          holder: `writer-${event.Records[0]!.messageId}`,
          ttlMs: 60_000,
          waitMs: 10_000,
          sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          random: Math.random,
        },
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
        now: () => new Date(),
      },
    );
    return { batchItemFailures: result.failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
  };
  // Slow writes, so the second batch reads the shared record while the first one's PUT is still on its way.
  emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', latencyMs: 300 });
  emu.resetStats();
  const relay = startRelay({
    client: queue,
    queueUrl: sqs.queueUrl,
    invoke,
    batchSize: 5,
    batchingWindowMs: 300,
    concurrency: 2,
    onError: (e) => void e,
  });
  const status = async () => registry.status('1');
  try {
    for (let waited = 0; (await status()).written < 10 && waited < 30_000; waited += 100)
      await new Promise((r) => setTimeout(r, 100));
  } finally {
    await relay.stop();
  }

  // One writer at a time holds the app's lease: no revision conflict, each batch one GET and one PUT.
  expect(emu.stats()).toMatchObject({ revisionConflicts: 0, requestsByApp: { '1': 4 } });
  expect(relay.stats()).toMatchObject({ batches: 2, maxInFlight: 2, redelivered: 0 });
  expect(new Set(delivered).size).toBe(10);
  expect(delivered).toHaveLength(10);
  const { record } = await client.record.getRecord({ app: '1', id: shared!.id });
  expect(record.mkto_open_count!.value).toBe('8');
  const keys = (record.mkto_history!.value as unknown as { value: { mkto_h_key: { value: string } } }[]).map(
    (row) => row.value.mkto_h_key.value,
  );
  expect(keys.sort()).toEqual(
    events
      .filter((e) => e.email === shared!.email)
      .map((e) => e.key)
      .sort(),
  );
  expect(await status()).toMatchObject({ written: 10, failed: 0 });
});

it('hands a message the writer reported as failed back after the visibility timeout, with its receive count', async () => {
  const quick = await startLocalSqs(0, 1);
  const queue = new SQSClient({
    endpoint: quick.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await queue.send(
    new SendMessageBatchCommand({ QueueUrl: quick.queueUrl, Entries: [{ Id: '0', MessageBody: '{}' }] }),
  );
  const receiveCounts: string[] = [];
  const relay = startRelay({
    client: queue,
    queueUrl: quick.queueUrl,
    invoke: async (event) => {
      receiveCounts.push(event.Records[0]!.attributes.ApproximateReceiveCount);
      return { batchItemFailures: receiveCounts.length === 1 ? [{ itemIdentifier: event.Records[0]!.messageId }] : [] };
    },
    batchSize: 10,
    batchingWindowMs: 0,
    concurrency: 2,
    onError: (e) => void e,
  });
  try {
    for (let waited = 0; receiveCounts.length < 2 && waited < 10_000; waited += 100)
      await new Promise((r) => setTimeout(r, 100));
  } finally {
    await relay.stop();
    await quick.close();
  }
  expect(receiveCounts).toEqual(['1', '2']);
  expect(relay.stats()).toMatchObject({ batches: 2, redelivered: 1 });
});

it('hands a batch that outlasts the visibility timeout to no other writer, and deletes it with its newest receipt', async () => {
  const quick = await startLocalSqs(0, 1);
  const queue = new SQSClient({
    endpoint: quick.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await queue.send(
    new SendMessageBatchCommand({ QueueUrl: quick.queueUrl, Entries: [{ Id: '0', MessageBody: '{}' }] }),
  );
  let invocations = 0;
  const relay = startRelay({
    client: queue,
    queueUrl: quick.queueUrl,
    // Longer than the visibility timeout, as a writer queued behind an app's lease can be: the other poller receives
    // the message again meanwhile (SQS would hand it out) and must leave it to the writer that has it.
    invoke: async () => (invocations++, await new Promise((r) => setTimeout(r, 2_500)), { batchItemFailures: [] }),
    batchSize: 10,
    batchingWindowMs: 0,
    concurrency: 2,
    onError: (e) => void e,
  });
  const depth = async (url: string) =>
    Number(
      (
        await queue.send(
          new GetQueueAttributesCommand({
            QueueUrl: url,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        )
      ).Attributes?.ApproximateNumberOfMessages,
    );
  try {
    await new Promise((r) => setTimeout(r, 5_000));
    expect(invocations).toBe(1);
    expect(relay.stats()).toMatchObject({ batches: 1, redelivered: 0 });
    await new Promise((r) => setTimeout(r, 1_500));
    expect([await depth(quick.queueUrl), await depth(quick.deadLetterQueueUrl)]).toEqual([0, 0]);
    expect(invocations).toBe(1);
  } finally {
    await relay.stop();
    await quick.close();
  }
});
