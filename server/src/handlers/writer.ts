import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { processBatch } from '../services/process-batch';
import { publishBatchMetrics } from '../lambda/metrics';
import { dailyRequestBudget, getKintoneDomains, getQueue, getRegistry, logger, positiveWholeNumber } from '../lambda/runtime';
import { getTokenVault } from '../lambda/token-vault';

/** The redrive policy's maxReceiveCount (serverless.yml and scripts/local/sqs.ts use the same). */
const DEFAULT_MAX_RECEIVES = 5;

/** The writer's timeout (serverless.yml): a lease whose writer crashed runs out after it. */
const WRITE_LEASE_TTL_MS = 60_000;
/** Long enough to queue behind a few other writers of the app, short enough to write within the timeout after. */
const WRITE_LEASE_WAIT_MS = 40_000;

/** SQS batches of events → kintone; failed messages are reported for redelivery (ReportBatchItemFailures). */
export async function handler(event: SQSEvent, context?: Pick<Context, 'awsRequestId'>): Promise<SQSBatchResponse> {
  const result = await processBatch(
    event.Records.map((r) => ({ messageId: r.messageId, body: r.body, receiveCount: Number(r.attributes.ApproximateReceiveCount) || 1 })),
    {
      registry: getRegistry(),
      recordStore: kintoneRecordStore,
      queue: getQueue(),
      dailyRequestBudget: dailyRequestBudget(),
      vault: getTokenVault(),
      kintoneDomains: getKintoneDomains(),
      writeLease: {
        holder: context?.awsRequestId || randomUUID(),
        ttlMs: WRITE_LEASE_TTL_MS,
        waitMs: WRITE_LEASE_WAIT_MS,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        random: Math.random,
      },
      maxReceives: positiveWholeNumber('MAX_RECEIVE_COUNT', DEFAULT_MAX_RECEIVES),
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
