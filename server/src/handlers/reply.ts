import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { marketoClient, marketoLeadDirectory } from '../adapters/marketo-client';
import { sqsEventQueue } from '../adapters/sqs-queue';
import { readReplyEnvironment } from '../lambda/environment';
import { addLambdaContext, logger } from '../lambda/logger';
import { marketoConnectionFrom } from '../lambda/marketo-connection';
import { publishReplyMetric } from '../lambda/metrics';
import { kintoneDomainsFrom, rawMailStoreFrom, registryFrom } from '../lambda/wiring';
import { acceptReply, type ReplyOutcome } from '../services/accept-reply';

const env = readReplyEnvironment();
const marketoConnection = marketoConnectionFrom(env);
const mail = rawMailStoreFrom(env);
const registry = registryFrom(env);
const queue = sqsEventQueue(env.EVENTS_QUEUE_URL);
const kintoneDomains = kintoneDomainsFrom(env);

/** The part of SES's Lambda-action event the function uses (the stored message is read for the rest). */
const sesEvent = z.object({
  Records: z
    .array(
      z.object({
        ses: z.object({
          mail: z.object({ messageId: z.string().min(1), timestamp: z.iso.datetime(), source: z.string() }),
          receipt: z.object({
            recipients: z.array(z.string()),
            spamVerdict: z.object({ status: z.string() }),
            virusVerdict: z.object({ status: z.string() }),
            spfVerdict: z.object({ status: z.string() }),
            dkimVerdict: z.object({ status: z.string() }),
            dmarcVerdict: z.object({ status: z.string() }),
          }),
        }),
      }),
    )
    .min(1),
});

/**
 * SES's receipt rule lands here after its S3 action stored the message: one record per received message. A
 * failure is thrown, so Lambda retries the invocation (twice, for SES's asynchronous call); the message stays in
 * the bucket until the bucket's lifecycle expires it. An event that is not SES's is refused without a retry.
 */
export async function handler(event: unknown, context: Context): Promise<ReplyOutcome[]> {
  addLambdaContext(context);
  const parsed = sesEvent.safeParse(event);
  if (!parsed.success) {
    const reason = `not an SES receipt event: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    logger.error('reply event refused', { reason });
    return [{ outcome: 'rejected', reason }];
  }
  const outcomes: ReplyOutcome[] = [];
  const marketo = await marketoConnection?.();
  // A lookup that cannot finish well within the function's 30 s falls back to the sender instead.
  const leads = marketo
    ? marketoLeadDirectory(marketoClient(marketo, { retry: { attempts: 3, startingDelayMs: 500, maxDelayMs: 3_000 } }))
    : undefined;
  for (const { ses } of parsed.data.Records) {
    const outcome = await acceptReply(
      {
        messageId: ses.mail.messageId,
        recipients: ses.receipt.recipients,
        receivedAt: new Date(ses.mail.timestamp),
        verdicts: { spam: ses.receipt.spamVerdict.status, virus: ses.receipt.virusVerdict.status },
        authentication: {
          spf: ses.receipt.spfVerdict.status,
          dkim: ses.receipt.dkimVerdict.status,
          dmarc: ses.receipt.dmarcVerdict.status,
          envelopeFrom: ses.mail.source,
        },
      },
      { mail, registry, queue, logger, kintoneDomains, ...(leads ? { leads } : {}) },
    );
    publishReplyMetric(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}
