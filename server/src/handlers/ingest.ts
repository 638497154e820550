import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { acceptWebhook } from '../services/accept-webhook';
import { getQueue, getRegistry, logger } from './runtime';

/** POST /webhook/{appId}: Marketo's "Call Webhook" lands here. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const answer = await acceptWebhook(
    {
      appId: event.pathParameters?.appId ?? '',
      headers: lowerCaseHeaders(event),
      body: Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8'),
    },
    { registry: getRegistry(), queue: getQueue(), now: () => new Date(), logger },
  );
  return {
    statusCode: answer.statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(answer.body),
  };
}

function lowerCaseHeaders(event: APIGatewayProxyEvent): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (values) headers[name.toLowerCase()] = [...(headers[name.toLowerCase()] ?? []), ...values];
  }
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined && !headers[name.toLowerCase()]) headers[name.toLowerCase()] = [value];
  }
  return headers;
}
