/** CloudWatch metrics (embedded metric format, through Powertools): what the writer and the ingest did. */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ReplyOutcome } from '../services/accept-reply';
import type { BatchResult } from '../services/process-batch';

const metrics = new Metrics({ namespace: 'KintoneMarketoSync', serviceName: 'kintone-marketo-sync' });

export function publishBatchMetrics(messages: number, result: BatchResult): void {
  metrics.addMetric('messages', MetricUnit.Count, messages);
  for (const [outcome, count] of Object.entries(result.outcomes)) metrics.addMetric(outcome, MetricUnit.Count, count);
  metrics.addMetric('retried', MetricUnit.Count, result.failedMessageIds.length - result.parked);
  metrics.addMetric('parked', MetricUnit.Count, result.parked);
  metrics.addMetric('kintoneRequests', MetricUnit.Count, result.kintoneRequests);
  metrics.publishStoredMetrics();
}

export function publishWebhookMetric(statusCode: number): void {
  metrics.addMetric(statusCode === 202 ? 'accepted' : 'refused', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
}

export function publishReconcileMetrics(result: { activities: number; events: number; marketoCalls: number }): void {
  metrics.addMetric('reconciledActivities', MetricUnit.Count, result.activities);
  metrics.addMetric('reconciledEvents', MetricUnit.Count, result.events);
  metrics.addMetric('marketoCalls', MetricUnit.Count, result.marketoCalls);
  metrics.publishStoredMetrics();
}

const REPLY_METRICS = {
  queued: 'repliesQueued',
  unmatched: 'repliesUnmatched',
  unauthenticated: 'repliesUnauthenticated',
  rejected: 'mailRejected',
  'auto-reply': 'autoRepliesDropped',
  bounce: 'bouncesDropped',
} as const;

export function publishReplyMetric(result: ReplyOutcome): void {
  metrics.addMetric(REPLY_METRICS[result.outcome === 'dropped' ? result.kind : result.outcome], MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
}

export function publishRescoreMetrics(result: { examined: number; changed: number; kintoneRequests: number }): void {
  metrics.addMetric('rescoreExamined', MetricUnit.Count, result.examined);
  metrics.addMetric('rescoreChanged', MetricUnit.Count, result.changed);
  metrics.addMetric('rescoreKintoneRequests', MetricUnit.Count, result.kintoneRequests);
  metrics.publishStoredMetrics();
}
