/** The webhook endpoint as an API Gateway handler over any queue (the benchmark's baseline "queues" by writing at once). */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { acceptWebhook } from '../services/accept-webhook';
import type { EventQueue, Registry } from '../services/ports';
import { bodyOf, headersOf } from './http-event';
import { addLambdaContext, logger } from './logger';
import { publishWebhookMetric } from './metrics';

export function webhookHandler(
  registry: Registry,
  queue: EventQueue,
): (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult> {
  return async (event, context) => {
    addLambdaContext(context);
    const answer = await acceptWebhook(
      {
        appId: event.pathParameters?.appId ?? '',
        headers: headersOf(event),
        body: bodyOf(event),
      },
      { registry, queue, now: () => new Date(), logger },
    );
    publishWebhookMetric(answer.statusCode);
    return {
      statusCode: answer.statusCode,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(answer.body),
    };
  };
}
