/** The event queue on Amazon SQS (locally: local-aws-sqs through AWS_ENDPOINT_URL_SQS). */
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { EngagementEvent } from '../../../contract/src/events';
import type { EventQueue } from '../services/ports';

export function sqsEventQueue(queueUrl: string, client: SQSClient = new SQSClient({})): EventQueue {
  return {
    async send(event: EngagementEvent, options = {}) {
      await client.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          ...(options.delaySeconds ? { DelaySeconds: options.delaySeconds } : {}),
          MessageBody: JSON.stringify(event),
          MessageAttributes: { appId: { DataType: 'String', StringValue: event.appId } },
        }),
      );
    },
  };
}
