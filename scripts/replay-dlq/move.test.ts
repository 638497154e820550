import { ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startLocalSqs, type LocalSqs } from '../local/sqs';
import { moveParkedEvents } from './move';

let sqs: LocalSqs;
let client: SQSClient;

beforeEach(async () => {
  sqs = await startLocalSqs(0, 30);
  client = new SQSClient({
    endpoint: sqs.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterEach(async () => {
  client.destroy();
  await sqs.close();
});

/** Parks `count` events of `appId` the way the writer leaves them: the ingest's body and appId attribute. */
async function park(appId: string, count: number, from = 0): Promise<void> {
  for (let i = 0; i < count; i += 10) {
    await client.send(
      new SendMessageBatchCommand({
        QueueUrl: sqs.deadLetterQueueUrl,
        Entries: Array.from({ length: Math.min(10, count - i) }, (_, j) => ({
          Id: String(j),
          MessageBody: JSON.stringify({ appId, key: `k-${appId}-${from + i + j}` }),
          MessageAttributes: { appId: { DataType: 'String', StringValue: appId } },
        })),
      }),
    );
  }
}

async function drain(queueUrl: string): Promise<{ body: string; appId: string | undefined }[]> {
  const seen: { body: string; appId: string | undefined }[] = [];
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 60,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return seen;
    seen.push(...Messages.map((m) => ({ body: m.Body ?? '', appId: m.MessageAttributes?.appId?.StringValue })));
  }
}

const keys = (messages: { body: string }[]) => messages.map((m) => (JSON.parse(m.body) as { key: string }).key).sort();

it("moves one app's parked events back unchanged and leaves the others parked", async () => {
  await park('1', 23);
  await park('2', 7);
  const progress: number[] = [];

  const summary = await moveParkedEvents({
    client,
    queueUrl: sqs.queueUrl,
    deadLetterQueueUrl: sqs.deadLetterQueueUrl,
    appId: '1',
    onProgress: (s) => progress.push(s.moved),
  });

  expect(summary).toEqual({ parked: 30, moved: 23, skipped: 7, failed: 0, byApp: { '1': 23 } });
  expect(progress.at(-1)).toBe(23);
  const requeued = await drain(sqs.queueUrl);
  expect(keys(requeued)).toEqual(Array.from({ length: 23 }, (_, i) => `k-1-${i}`).sort());
  expect(requeued.every((m) => m.appId === '1')).toBe(true);
  // The other app's events are visible again in the dead-letter queue, not lost and not moved.
  expect(keys(await drain(sqs.deadLetterQueueUrl))).toEqual(Array.from({ length: 7 }, (_, i) => `k-2-${i}`).sort());
});

it('counts without moving on a dry run, and stops at --max', async () => {
  await park('3', 12);
  const dry = await moveParkedEvents({
    client,
    queueUrl: sqs.queueUrl,
    deadLetterQueueUrl: sqs.deadLetterQueueUrl,
    dryRun: true,
  });
  expect(dry).toMatchObject({ moved: 12, byApp: { '3': 12 } });
  expect(await drain(sqs.queueUrl)).toEqual([]);

  const some = await moveParkedEvents({
    client,
    queueUrl: sqs.queueUrl,
    deadLetterQueueUrl: sqs.deadLetterQueueUrl,
    max: 5,
  });
  expect(some.moved).toBe(5);
  expect(await drain(sqs.queueUrl)).toHaveLength(5);
});
