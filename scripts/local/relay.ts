/**
 * Stands in for Lambda's SQS event source mapping: gathers messages into batches (batch size and batching
 * window, as deployed), invokes the writer, and deletes only the messages the writer did not report as failed.
 * Failed ones become visible again after the visibility timeout, and the queue's redrive policy parks them.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

export interface RelayOptions {
  client: SQSClient;
  queueUrl: string;
  invoke: (event: SQSEvent) => Promise<SQSBatchResponse>;
  batchSize: number;
  batchingWindowMs: number;
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
}

export interface Relay {
  stats(): RelayStats;
  stop(): Promise<void>;
}

export function startRelay(options: RelayOptions): Relay {
  let running = true;
  const stats: RelayStats = { batches: 0, lostAnswers: 0 };
  const loop = (async () => {
    while (running) {
      try {
        const batch = await gather(options, () => running);
        if (batch.length > 0) await deliver(batch, options, stats);
      } catch (error) {
        options.onError(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  })();
  return {
    stats: () => ({ ...stats }),
    async stop() {
      running = false;
      await loop;
    },
  };
}

async function gather(options: RelayOptions, isRunning: () => boolean): Promise<Message[]> {
  const batch: Message[] = [];
  let deadline: number | undefined;
  while (isRunning() && batch.length < options.batchSize && (deadline === undefined || Date.now() < deadline)) {
    const { Messages = [] } = await options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(10, options.batchSize - batch.length),
        WaitTimeSeconds: batch.length === 0 ? 1 : 0,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length > 0 && deadline === undefined) deadline = Date.now() + options.batchingWindowMs;
    for (const message of Messages) {
      // A message whose visibility ran out while gathering comes back; only its newest receipt can delete it.
      const earlier = batch.findIndex((m) => m.MessageId === message.MessageId);
      if (earlier >= 0) batch.splice(earlier, 1);
      batch.push(message);
    }
    if (Messages.length === 0 && batch.length > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return batch;
}

async function deliver(batch: Message[], options: RelayOptions, stats: RelayStats): Promise<void> {
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
    return;
  }
  const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
  const done = batch.filter((m) => m.MessageId && !failed.has(m.MessageId));
  for (let i = 0; i < done.length; i += 10) {
    const entries = done.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle ?? '' }));
    await options.client.send(new DeleteMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: entries }));
  }
}
