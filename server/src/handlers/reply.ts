import type { SESEvent } from 'aws-lambda';
import { marketoClient, marketoLeadDirectory } from '../adapters/marketo-client';
import { acceptReply, type ReplyOutcome } from '../services/accept-reply';
import { publishReplyMetric } from './metrics';
import { getQueue, getRawMailStore, getRegistry, logger, marketoConnection } from './runtime';

/**
 * SES's receipt rule lands here after its S3 action stored the message: one record per received message. A
 * failure is thrown, so Lambda retries the invocation (twice, for SES's asynchronous call); the message stays in
 * the bucket until the bucket's lifecycle expires it.
 */
export async function handler(event: SESEvent): Promise<ReplyOutcome[]> {
  const outcomes: ReplyOutcome[] = [];
  const marketo = await marketoConnection();
  // A lookup that cannot finish well within the function's 30 s falls back to the sender instead.
  const leads = marketo ? marketoLeadDirectory(marketoClient(marketo, { attempts: 3, startingDelayMs: 500, maxDelayMs: 3_000 })) : undefined;
  for (const record of event.Records) {
    const outcome = await acceptReply(
      {
        messageId: record.ses.mail.messageId,
        recipients: record.ses.receipt.recipients,
        receivedAt: new Date(record.ses.mail.timestamp),
        verdicts: { spam: record.ses.receipt.spamVerdict.status, virus: record.ses.receipt.virusVerdict.status },
      },
      { mail: getRawMailStore(), registry: getRegistry(), queue: getQueue(), logger, ...(leads ? { leads } : {}) },
    );
    publishReplyMetric(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}
