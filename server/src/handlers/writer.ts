import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { processBatch } from '../services/process-batch';
import { getQueue, getRegistry, logger } from './runtime';

/** 80% of the 10,000 requests kintone allows an app per day (standard course), leaving room for people and other tools. */
const DEFAULT_DAILY_REQUEST_BUDGET = 8_000;

/** SQS batches of events → kintone; failed messages are reported for redelivery (ReportBatchItemFailures). */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const result = await processBatch(
    event.Records.map((r) => ({ messageId: r.messageId, body: r.body })),
    {
      registry: getRegistry(),
      recordStore: kintoneRecordStore,
      queue: getQueue(),
      dailyRequestBudget: dailyRequestBudget(),
      logger,
      now: () => new Date(),
    },
  );
  logger.info('batch written', { messages: event.Records.length, ...result.outcomes });
  return { batchItemFailures: result.failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
}

function dailyRequestBudget(): number {
  const raw = process.env.KINTONE_DAILY_REQUEST_BUDGET;
  if (!raw) return DEFAULT_DAILY_REQUEST_BUDGET;
  const budget = Number(raw);
  if (!Number.isInteger(budget) || budget < 1) throw new Error(`KINTONE_DAILY_REQUEST_BUDGET must be a positive whole number, got "${raw}"`);
  return budget;
}
