import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { processBatch } from '../services/process-batch';
import { getRegistry, logger } from './runtime';

/** SQS batches of events → kintone; failed messages are reported for redelivery (ReportBatchItemFailures). */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const result = await processBatch(
    event.Records.map((r) => ({ messageId: r.messageId, body: r.body })),
    { registry: getRegistry(), recordStore: kintoneRecordStore, logger, now: () => new Date() },
  );
  logger.info('batch written', { messages: event.Records.length, ...result.outcomes });
  return { batchItemFailures: result.failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
}
