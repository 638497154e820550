/** A human reply, parsed from its raw message, as the engagement event the writer records. */
import { createHash } from 'node:crypto';
import type { EngagementEvent } from '../../../contract/src/events';
import type { ParsedReply } from './reply/parse';

/**
 * A reply's identity: its Message-ID, so the same message received twice (SES redelivers, an operator replays it)
 * is one row; a message without one is known by its bytes.
 */
export function replyKey(messageId: string, raw: Uint8Array): string {
  const identity = messageId ? `id:${messageId}` : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  return createHash('sha256').update(['v1', 'reply', identity].join('\u001f'), 'utf8').digest('hex').slice(0, 32);
}

export function replyEvent(
  reply: ParsedReply,
  context: { appId: string; key: string; receivedAt: Date },
): EngagementEvent {
  return {
    key: context.key,
    appId: context.appId,
    type: 'reply',
    leadId: reply.leadId,
    email: reply.from,
    emailName: '',
    subject: reply.subject,
    snippet: reply.snippet,
    link: '',
    formName: '',
    campaign: '',
    campaignId: '',
    occurredAt: reply.occurredAt,
    isBot: false,
    source: 'mail',
    receivedAt: context.receivedAt.toISOString(),
  };
}
