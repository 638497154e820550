/**
 * The webhook's answer to Marketo, independent of API Gateway: authenticate, parse (whatever the Content-Type
 * label), validate, enqueue.
 * 202 is given only after the event is on the queue; everything else writes nothing.
 */
import { normaliseWebhook, type WebhookProblem } from '../core/webhook-body';
import { parseWebhookBody } from '../core/webhook-parse';
import { KINTONE_ID } from '../../../contract/src/kintone-id';
import { secretMatchesHash } from '../core/secrets';
import { WEBHOOK_SECRET_HEADER } from '../../../contract/src/marketo-setup';
import { errorAnswer, type HttpAnswer } from './http-answer';
import type { EventQueue, Log, Registry } from './ports';

/** Far above any rendered template (ten tokens of at most 4,000 characters each). */
export const MAX_BODY_BYTES = 64 * 1024;

export interface WebhookRequest {
  appId: string;
  /** Header names lower-cased; a header sent several times has several values. */
  headers: Record<string, string[]>;
  body: Buffer;
}

export interface WebhookDeps {
  registry: Registry;
  queue: EventQueue;
  now: () => Date;
  logger: Log;
}

export async function acceptWebhook(request: WebhookRequest, deps: WebhookDeps): Promise<HttpAnswer> {
  const receivedAt = deps.now();
  const registration = KINTONE_ID.test(request.appId) ? await deps.registry.get(request.appId) : undefined;
  // An unknown or disabled app is answered like a wrong secret, after the same comparison: app ids cannot be probed.
  const secrets = request.headers[WEBHOOK_SECRET_HEADER.toLowerCase()] ?? [];
  const secretMatches = secretMatchesHash(
    secrets.length === 1 ? secrets[0] : undefined,
    registration?.webhookSecretHash,
  );
  if (!registration?.enabled || !secretMatches) {
    deps.logger.warn('webhook refused: unknown app or bad or missing secret', {
      appId: request.appId.slice(0, 40),
      secretHeaders: secrets.length,
    });
    return errorAnswer(401, 'unauthorized', `unknown app, or missing or wrong ${WEBHOOK_SECRET_HEADER} header`);
  }

  if (request.body.length > MAX_BODY_BYTES)
    return errorAnswer(413, 'too_large', `body is larger than ${MAX_BODY_BYTES} bytes`);

  const parsed = parseWebhookBody(request.body);
  if (!parsed.ok) return invalid([parsed.problem]);

  const result = normaliseWebhook(parsed.value, {
    appId: request.appId,
    marketoTimeZone: registration.config.marketoTimeZone,
    receivedAt,
  });
  if (!result.ok) return invalid(result.problems);

  try {
    await deps.queue.send(result.event);
  } catch (cause) {
    deps.logger.error('could not enqueue event', {
      appId: request.appId,
      error: cause instanceof Error ? cause.message : String(cause),
    });
    return errorAnswer(503, 'unavailable', 'the event could not be queued; nothing was accepted');
  }
  await deps.registry
    .recordStatus(request.appId, { add: { accepted: 1 }, bySource: { webhook: { accepted: 1 } } })
    .catch((cause: unknown) => deps.logger.warn('could not count accepted event', { error: String(cause) }));
  return { statusCode: 202, body: { accepted: 1, eventKey: result.event.key } };
}

function invalid(problems: WebhookProblem[]): HttpAnswer {
  return { statusCode: 400, body: { error: 'invalid_body', errors: problems } };
}
