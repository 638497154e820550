/**
 * The event the webhook would queue for a simulated activity: Marketo's rendering of the generated setup, then the
 * ingest function's own parsing and normalisation. For runs that feed the queue directly (the writer side alone).
 */
import type { EngagementEvent } from '../../contract/src/events';
import { normaliseWebhook } from '../../server/src/core/webhook-body';
import { parseWebhookBody } from '../../server/src/core/webhook-parse';
import { renderRequest, type SimulatedActivity } from './render';

export function queuedEvent(
  activity: SimulatedActivity,
  appId: string,
  marketoTimeZone: string,
  receivedAt = new Date(),
): EngagementEvent {
  const parsed = parseWebhookBody(Buffer.from(renderRequest(activity, 'form', marketoTimeZone).body, 'utf8'));
  if (!parsed.ok) throw new Error(`the simulated activity renders no webhook body: ${parsed.problem.message}`);
  const result = normaliseWebhook(parsed.value, { appId, marketoTimeZone, receivedAt });
  if (!result.ok) throw new Error(`the simulated activity is not a valid webhook: ${JSON.stringify(result.problems)}`);
  return result.event;
}
