import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { processBatch } from '../services/process-batch';
import { publishBatchMetrics } from './metrics';
import { getQueue, getRegistry, logger } from './runtime';

/** 80% of the 10,000 requests kintone allows an app per day (standard course), leaving room for people and other tools. */
const DEFAULT_DAILY_REQUEST_BUDGET = 8_000;
/** The redrive policy's maxReceiveCount (serverless.yml and scripts/local/sqs.ts use the same). */
const DEFAULT_MAX_RECEIVES = 5;

/** SQS batches of events → kintone; failed messages are reported for redelivery (ReportBatchItemFailures). */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const result = await processBatch(
    event.Records.map((r) => ({ messageId: r.messageId, body: r.body, receiveCount: Number(r.attributes.ApproximateReceiveCount) || 1 })),
    {
      registry: getRegistry(),
      recordStore: kintoneRecordStore,
      queue: getQueue(),
      dailyRequestBudget: positiveWholeNumber('KINTONE_DAILY_REQUEST_BUDGET', DEFAULT_DAILY_REQUEST_BUDGET),
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

function positiveWholeNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}
