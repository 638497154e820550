/**
 * Moves parked events from the dead-letter queue back to the events queue, unchanged, so the writer tries them
 * again (after the cause is fixed). A message is deleted from the dead-letter queue only once the events queue
 * has taken it, so a failure half-way loses nothing; at worst an event is queued twice, which the writer's
 * event keys make harmless.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export interface MoveOptions {
  client: SQSClient;
  deadLetterQueueUrl: string;
  queueUrl: string;
  /** Only events of this app; the others stay parked. */
  appId?: string;
  /** Stop after this many. */
  max?: number;
  /** Count what would move, move nothing. */
  dryRun?: boolean;
  onProgress?: (summary: MoveSummary) => void;
}

export interface MoveSummary {
  /** Messages in the dead-letter queue when the move started (SQS's approximate count). */
  parked: number;
  moved: number;
  /** Messages left parked because they belong to another app. */
  skipped: number;
  failed: number;
  byApp: Record<string, number>;
}

/** Long enough for one pass over the queue; skipped messages are made visible again at the end. */
const HOLD_SECONDS = 300;

export async function moveParkedEvents(options: MoveOptions): Promise<MoveSummary> {
  const { client } = options;
  const attributes = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: options.deadLetterQueueUrl,
      AttributeNames: ['ApproximateNumberOfMessages'],
    }),
  );
  const summary: MoveSummary = {
    parked: Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0),
    moved: 0,
    skipped: 0,
    failed: 0,
    byApp: {},
  };
  const held: Message[] = [];
  const limit = options.max ?? Infinity;
  try {
    while (summary.moved < limit) {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: options.deadLetterQueueUrl,
          MaxNumberOfMessages: Math.min(10, limit - summary.moved),
          VisibilityTimeout: HOLD_SECONDS,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) break;
      const chosen: Message[] = [];
      for (const message of Messages) {
        const belongs = !options.appId || appIdOf(message) === options.appId;
        if (!belongs) summary.skipped++;
        if (!belongs || options.dryRun) held.push(message);
        if (belongs) chosen.push(message);
      }
      if (options.dryRun) {
        for (const message of chosen) count(summary, message);
        summary.moved += chosen.length;
      } else if (chosen.length > 0) {
        await moveBatch(client, options, chosen, summary);
      }
      options.onProgress?.(summary);
    }
  } finally {
    await release(client, options.deadLetterQueueUrl, held);
  }
  return summary;
}

async function moveBatch(
  client: SQSClient,
  options: MoveOptions,
  messages: Message[],
  summary: MoveSummary,
): Promise<void> {
  const sent = await client.send(
    new SendMessageBatchCommand({
      QueueUrl: options.queueUrl,
      Entries: messages.map((m, i) => ({
        Id: String(i),
        MessageBody: m.Body ?? '',
        ...(m.MessageAttributes ? { MessageAttributes: m.MessageAttributes } : {}),
      })),
    }),
  );
  const accepted = new Set((sent.Successful ?? []).map((entry) => Number(entry.Id)));
  const done = messages.filter((_, i) => accepted.has(i));
  summary.failed += messages.length - done.length;
  if (done.length > 0) {
    await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.deadLetterQueueUrl,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
      }),
    );
  }
  for (const message of done) count(summary, message);
  summary.moved += done.length;
}

function count(summary: MoveSummary, message: Message): void {
  const app = appIdOf(message) ?? '(unreadable)';
  summary.byApp[app] = (summary.byApp[app] ?? 0) + 1;
}

/** The ingest tags every message with its app; older or foreign messages are read from the body. */
function appIdOf(message: Message): string | undefined {
  const tagged = message.MessageAttributes?.appId?.StringValue;
  if (tagged) return tagged;
  try {
    const body = JSON.parse(message.Body ?? '') as { appId?: unknown };
    return typeof body.appId === 'string' ? body.appId : undefined;
  } catch {
    return undefined;
  }
}

async function release(client: SQSClient, queueUrl: string, messages: Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    await client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages
          .slice(i, i + 10)
          .map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle ?? '', VisibilityTimeout: 0 })),
      }),
    );
  }
}
