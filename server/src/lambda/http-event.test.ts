import type { APIGatewayProxyEvent } from 'aws-lambda';
import { headersOf } from './http-event';

const event = (multiValueHeaders: Record<string, string[]>, headers: Record<string, string> = {}) =>
  ({ multiValueHeaders, headers }) as unknown as APIGatewayProxyEvent;

describe('headersOf', () => {
  it('keeps a header named __proto__ or constructor as a header, and the object usable', () => {
    const sent = JSON.parse('{"__proto__":["x"],"Constructor":["y"],"X-Webhook-Secret":["s"]}') as Record<
      string,
      string[]
    >;
    const headers = headersOf(event(sent));
    expect(Object.keys(headers).sort()).toEqual(['__proto__', 'constructor', 'x-webhook-secret']);
    expect(headers['__proto__']).toEqual(['x']);
    expect(headers['x-webhook-secret']).toEqual(['s']);
    expect(headers['content-type']).toBeUndefined();
  });

  it('gathers every value of a header sent several times, whatever its letter case', () => {
    expect(headersOf(event({ 'X-Webhook-Secret': ['a'], 'x-webhook-secret': ['b'] }))['x-webhook-secret']).toEqual([
      'a',
      'b',
    ]);
  });
});
