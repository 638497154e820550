import type { ErrorAnswer } from '../../../contract/src/admin-api';

/** What a service answers to an HTTP request, independent of API Gateway: the handler adds headers and writes the body as JSON. */
export interface HttpAnswer {
  statusCode: number;
  body: Record<string, unknown>;
}

/** A refusal: `code` for programs to tell refusals apart, `message` for the person reading it. */
export function errorAnswer(statusCode: number, code: string, message: string): HttpAnswer {
  return { statusCode, body: { error: code, message } satisfies ErrorAnswer };
}
