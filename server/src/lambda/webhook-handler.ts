/** The webhook endpoint as an API Gateway handler over any queue (the benchmark's baseline "queues" by writing at once). */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { acceptWebhook } from '../services/accept-webhook';
import type { EventQueue } from '../services/ports';
import { bodyOf, headersOf } from './http-event';
import { publishWebhookMetric } from './metrics';
import { getRegistry, logger } from './runtime';

export function webhookHandler(queue: () => EventQueue): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  return async (event) => {
    const answer = await acceptWebhook(
      {
        appId: event.pathParameters?.appId ?? '',
        headers: headersOf(event),
        body: bodyOf(event),
      },
      { registry: getRegistry(), queue: queue(), now: () => new Date(), logger },
    );
    publishWebhookMetric(answer.statusCode);
    return {
      statusCode: answer.statusCode,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(answer.body),
    };
  };
}
