import { createHash } from 'node:crypto';
import type { EventType } from '../../../contract/src/events';

export interface EventIdentity {
  type: EventType;
  leadId: string;
  email: string;
  emailName: string;
  link: string;
  occurredAt: string;
}

/**
 * The identity of one engagement: a redelivered or replayed copy of the same Marketo event gets the same key,
 * so the writer can skip it. The lead is identified by its Marketo id when known (emails change), and the time
 * is taken to the second because that is all Marketo's tokens carry.
 */
export function eventKey(identity: EventIdentity): string {
  const lead = identity.leadId ? `id:${identity.leadId}` : `email:${identity.email.toLowerCase()}`;
  const second = identity.occurredAt.slice(0, 19);
  const material = ['v1', identity.type, lead, identity.emailName, identity.link, second].join('\u001f');
  return createHash('sha256').update(material, 'utf8').digest('hex').slice(0, 32);
}
