/** What the handlers read from an API Gateway proxy event, the same way for every route. */
import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * The request body as sent. API Gateway always passes a string (base64 for binary media types); serverless-offline
 * passes a JSON body it could parse as the parsed value, so that is turned back into its text.
 */
export function bodyOf(event: APIGatewayProxyEvent): Buffer {
  const body: unknown = event.body;
  if (body === null || body === undefined) return Buffer.alloc(0);
  if (typeof body !== 'string') return Buffer.from(JSON.stringify(body), 'utf8');
  return Buffer.from(body, event.isBase64Encoded ? 'base64' : 'utf8');
}

/**
 * Header names lower-cased, every value kept. multiValueHeaders holds each header as sent; `headers` is only read
 * when it is missing (serverless-offline adds a Content-Type there that the client never sent).
 */
export function headersOf(event: APIGatewayProxyEvent): Record<string, string[]> {
  // No prototype: a header named __proto__ or constructor is a header like any other.
  const headers: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (event.multiValueHeaders) {
    for (const [name, values] of Object.entries(event.multiValueHeaders)) {
      if (values) headers[name.toLowerCase()] = [...(headers[name.toLowerCase()] ?? []), ...values];
    }
    return headers;
  }
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = [...(headers[name.toLowerCase()] ?? []), value];
  }
  return headers;
}
