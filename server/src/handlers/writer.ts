import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { sqsEventQueue } from '../adapters/sqs-queue';
import { readWriterEnvironment } from '../lambda/environment';
import { addLambdaContext, logger } from '../lambda/logger';
import { publishBatchMetrics } from '../lambda/metrics';
import { tokenVaultFrom } from '../lambda/token-vault';
import { dailyRequestBudgetFrom, kintoneDomainsFrom, registryFrom } from '../lambda/wiring';
import { processBatch } from '../services/process-batch';

/** The redrive policy's maxReceiveCount (serverless.yml and scripts/local/sqs.ts use the same). */
const DEFAULT_MAX_RECEIVES = 5;

/** The writer's timeout (serverless.yml): a lease whose writer crashed runs out after it. */
const WRITE_LEASE_TTL_MS = 60_000;
/**
 * Long enough to queue behind a few other writers of the app, short enough to write within the timeout after; and, with
 * that, far shorter than the queue's visibility timeout, so a batch is never handed out again while still held.
 */
const DEFAULT_WRITE_LEASE_WAIT_SECONDS = 40;

const env = readWriterEnvironment();
const registry = registryFrom(env);
const queue = sqsEventQueue(env.EVENTS_QUEUE_URL);
const vault = tokenVaultFrom(env);
const kintoneDomains = kintoneDomainsFrom(env);
const dailyRequestBudget = dailyRequestBudgetFrom(env);
const maxReceives = env.MAX_RECEIVE_COUNT ?? DEFAULT_MAX_RECEIVES;
const writeLeaseWaitMs = (env.WRITE_LEASE_WAIT_SECONDS ?? DEFAULT_WRITE_LEASE_WAIT_SECONDS) * 1000;

/** SQS batches of events → kintone; failed messages are reported for redelivery (ReportBatchItemFailures). */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  addLambdaContext(context);
  const result = await processBatch(
    event.Records.map((r) => ({
      messageId: r.messageId,
      body: r.body,
      receiveCount: Number(r.attributes.ApproximateReceiveCount) || 1,
    })),
    {
      registry,
      recordStore: kintoneRecordStore,
      queue,
      dailyRequestBudget,
      vault,
      kintoneDomains,
      writeLease: {
        holder: context.awsRequestId || randomUUID(),
        ttlMs: WRITE_LEASE_TTL_MS,
        waitMs: writeLeaseWaitMs,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        random: Math.random,
      },
      maxReceives,
      logger,
      now: () => new Date(),
    },
  );
  logger.info('batch written', {
    messages: event.Records.length,
    ...result.outcomes,
    parked: result.parked,
    kintoneRequests: result.kintoneRequests,
  });
  publishBatchMetrics(event.Records.length, result);
  return { batchItemFailures: result.failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
}
