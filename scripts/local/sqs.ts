/** A local SQS (local-aws-sqs, pure JavaScript) with the events queue and its dead-letter queue. */
import { createSqsServer } from 'local-aws-sqs';

export const EVENTS_QUEUE = 'kintone-marketo-sync-events';
export const DEAD_LETTER_QUEUE = 'kintone-marketo-sync-events-dlq';
/** As deployed: a message that failed this many receives is parked in the dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;

export interface LocalSqs {
  endpoint: string;
  queueUrl: string;
  deadLetterQueueUrl: string;
  close(): Promise<void>;
}

export async function startLocalSqs(port: number, visibilityTimeoutSeconds = 30): Promise<LocalSqs> {
  const accountId = '123456789012';
  const region = 'us-east-1';
  const server = await createSqsServer({
    port,
    hostname: '127.0.0.1',
    region,
    accountId,
    emulateQueueCreationLifecycle: false,
    queues: [
      { QueueName: DEAD_LETTER_QUEUE },
      {
        QueueName: EVENTS_QUEUE,
        Attributes: {
          VisibilityTimeout: visibilityTimeoutSeconds,
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: `arn:aws:sqs:${region}:${accountId}:${DEAD_LETTER_QUEUE}`,
            maxReceiveCount: MAX_RECEIVE_COUNT,
          }),
        },
      },
    ],
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('local SQS did not bind a TCP port');
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    queueUrl: `${endpoint}/${accountId}/${EVENTS_QUEUE}`,
    deadLetterQueueUrl: `${endpoint}/${accountId}/${DEAD_LETTER_QUEUE}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
