/**
 * Stands in for Lambda's SQS event source mapping: up to `concurrency` batches in flight at once (the event
 * source's MaximumConcurrency), each gathered with the batch size and batching window as deployed, invisible to
 * the other pollers while in flight (SQS's visibility timeout); the writer is invoked per batch and only the
 * messages it did not report as failed are deleted. Failed ones become visible again after the visibility
 * timeout, and the queue's redrive policy parks them.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** How long a poller waits before asking an empty queue again (it short-polls, see gather). */
const EMPTY_QUEUE_PAUSE_MS = 200;

/** The writer's event source MaximumConcurrency as deployed (serverless.yml writerMaximumConcurrency). */
export const WRITER_MAXIMUM_CONCURRENCY = 10;

export interface RelayOptions {
  client: SQSClient;
  queueUrl: string;
  invoke: (event: SQSEvent) => Promise<SQSBatchResponse>;
  batchSize: number;
  batchingWindowMs: number;
  /** Batches in flight at once; each poller gathers and delivers its own, as Lambda's do. */
  concurrency: number;
  onError: (error: unknown) => void;
  /** Sees every batch before the writer does (the benchmark derives each batch's request floor from it). */
  onBatch?: (bodies: string[]) => void;
  /**
   * Fault injection: the share of writer invocations whose answer is lost after the writer finished, as when a
   * Lambda is killed between its kintone write and its return; every message of the batch comes back.
   */
  lostAnswerProbability?: number;
}

export interface RelayStats {
  batches: number;
  lostAnswers: number;
  /** Most batches the writer had in flight at once. */
  maxInFlight: number;
  /** Messages handed to the writer again after an earlier receive (a failure, a lost answer, a visibility timeout). */
  redelivered: number;
}

export interface Relay {
  stats(): RelayStats;
  /** How often the writer's answer was lost for this message (fault injection): SQS parks one lost on every receive. */
  answersLostFor(messageId: string): number;
  stop(): Promise<void>;
}

export function startRelay(options: RelayOptions): Relay {
  let running = true;
  let inFlight = 0;
  const stats: RelayStats = { batches: 0, lostAnswers: 0, maxInFlight: 0, redelivered: 0 };
  const handedOut = new Set<string>();
  const answersLost = new Map<string, number>();
  // Messages in some poller's batch now, with their newest receipt handle. SQS keeps them invisible, but a batch can
  // outlast a short local visibility timeout (writers queue behind an app's lease), and local-aws-sqs can hand one
  // message to two long polls at once: a poller leaves out what another holds and passes it the newer receipt,
  // which is the only one that deletes the message.
  const held = new Map<string, string>();
  const poller = async () => {
    while (running) {
      try {
        const batch = await gather(options, () => running, held);
        if (batch.length === 0) continue;
        inFlight++;
        stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
        try {
          stats.redelivered += batch.filter((m) => handedOut.has(m.MessageId ?? '')).length;
          for (const m of batch) handedOut.add(m.MessageId ?? '');
          await deliver(batch, options, stats, held, answersLost);
        } finally {
          inFlight--;
          for (const m of batch) held.delete(m.MessageId ?? '');
        }
      } catch (error) {
        options.onError(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  const pollers = Array.from({ length: Math.max(1, options.concurrency) }, poller);
  return {
    stats: () => ({ ...stats }),
    answersLostFor: (messageId) => answersLost.get(messageId) ?? 0,
    async stop() {
      running = false;
      await Promise.all(pollers);
    },
  };
}

async function gather(options: RelayOptions, isRunning: () => boolean, held: Map<string, string>): Promise<Message[]> {
  const batch: Message[] = [];
  try {
    return await fill(batch, options, isRunning, held);
  } catch (error) {
    for (const m of batch) held.delete(m.MessageId ?? '');
    throw error;
  }
}

async function fill(
  batch: Message[],
  options: RelayOptions,
  isRunning: () => boolean,
  held: Map<string, string>,
): Promise<Message[]> {
  let deadline: number | undefined;
  while (isRunning() && batch.length < options.batchSize && (deadline === undefined || Date.now() < deadline)) {
    const { Messages = [] } = await options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(10, options.batchSize - batch.length),
        // Short polls: local-aws-sqs's long polls hand one message out several times at once, each counting as a
        // receive, so messages would reach the redrive policy's count (and the dead-letter queue) too early.
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
        // local-aws-sqs answers only the older name of the same request (SQS takes both): without it every message
        // would look like its first receive, and the writer would never know one is on its last.
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length > 0 && deadline === undefined) deadline = Date.now() + options.batchingWindowMs;
    for (const message of Messages) {
      // A message whose visibility ran out while gathering comes back; only its newest receipt can delete it.
      const earlier = batch.findIndex((m) => m.MessageId === message.MessageId);
      const id = message.MessageId ?? '';
      if (earlier >= 0) batch.splice(earlier, 1);
      else if (held.has(id)) {
        held.set(id, message.ReceiptHandle ?? '');
        continue;
      }
      held.set(id, message.ReceiptHandle ?? '');
      batch.push(message);
    }
    if (Messages.length === 0)
      await new Promise((resolve) => setTimeout(resolve, batch.length > 0 ? 20 : EMPTY_QUEUE_PAUSE_MS));
  }
  return batch;
}

async function deliver(
  batch: Message[],
  options: RelayOptions,
  stats: RelayStats,
  held: ReadonlyMap<string, string>,
  answersLost: Map<string, number>,
): Promise<void> {
  stats.batches++;
  options.onBatch?.(batch.map((m) => m.Body ?? ''));
  const event: SQSEvent = {
    Records: batch.map((m) => ({
      messageId: m.MessageId ?? '',
      receiptHandle: m.ReceiptHandle ?? '',
      body: m.Body ?? '',
      attributes: {
        ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
        SentTimestamp: m.Attributes?.SentTimestamp ?? '',
        SenderId: m.Attributes?.SenderId ?? '',
        ApproximateFirstReceiveTimestamp: m.Attributes?.ApproximateFirstReceiveTimestamp ?? '',
      },
      messageAttributes: {},
      md5OfBody: m.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:local',
      awsRegion: 'us-east-1',
    })),
  };
  // A writer that crashes reports nothing: every message of the batch is redelivered, as on Lambda.
  const response = await options.invoke(event);
  if (options.lostAnswerProbability && Math.random() < options.lostAnswerProbability) {
    stats.lostAnswers++;
    for (const m of batch) answersLost.set(m.MessageId ?? '', (answersLost.get(m.MessageId ?? '') ?? 0) + 1);
    return;
  }
  const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
  const done = batch.filter((m) => m.MessageId && !failed.has(m.MessageId));
  for (let i = 0; i < done.length; i += 10) {
    const entries = done
      .slice(i, i + 10)
      .map((m, j) => ({ Id: String(j), ReceiptHandle: held.get(m.MessageId ?? '') || (m.ReceiptHandle ?? '') }));
    await options.client.send(new DeleteMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: entries }));
  }
}
