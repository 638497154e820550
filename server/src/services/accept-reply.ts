/**
 * A message received on the reply-to domain: read raw, parsed, and — when a person wrote it — queued as a `reply`
 * event for every enabled app that records replies and can find the customer. Auto-replies and bounces are counted
 * and dropped: Marketo tracks bounces itself, and an out-of-office is no engagement.
 *
 * The customer is the lead whose id is in the address the reply went to (`reply+1001@…`, kept by "reply all"), with
 * the email address Marketo holds for that lead when Marketo is connected: so a reply from a colleague, an alias
 * or a forwarding mailbox still lands on the customer's record. Without a token, the sender is the customer.
 *
 * Headers can be forged and lead ids are sequential, so a reply is written only when SES's verdicts authenticate
 * the sender (sender-authentication.ts) and that sender is the customer or of the customer's email domain: a
 * stranger can put nothing on a record, whatever `reply+<id>@` they write to.
 */
import { isRecordable, leadKeyOf } from '../core/batch-plan';
import { replyEvent, replyKey } from '../core/reply-event';
import { parseReply, UnreadableMessageError, type ParsedReply, type ReplyKind } from '../core/reply/parse';
import { authenticatedSender, speaksFor, type SesVerdicts } from '../core/reply/sender-authentication';
import { isServed, type KintoneDomainPolicy } from '../core/kintone-domains';
import type { EventQueue, LeadDirectory, Log, RawMailStore, Registry } from './ports';

export interface ReceivedMail {
  /** SES's id of the message: the name of its stored copy. */
  messageId: string;
  /** The envelope recipients on the reply-to domain. */
  recipients: readonly string[];
  receivedAt: Date;
  /** SES's scan of the message (receipt rule ScanEnabled): a FAIL is never parsed. */
  verdicts: { spam: string; virus: string };
  /** SES's sender checks and the envelope sender (MAIL FROM) they are about. */
  authentication: SesVerdicts & { envelopeFrom: string };
}

export interface ReplyDeps {
  mail: RawMailStore;
  registry: Registry;
  queue: EventQueue;
  logger: Log;
  /** Marketo's leads, when its REST API is connected. */
  leads?: LeadDirectory;
  /** Replies go only to apps on the kintone hosts this deployment serves. */
  kintoneDomains: KintoneDomainPolicy;
}

export type ReplyOutcome =
  | { outcome: 'rejected'; reason: string }
  | { outcome: 'queued'; kind: 'human'; apps: string[] }
  | { outcome: 'dropped'; kind: Exclude<ReplyKind, 'human'>; reason: string }
  | { outcome: 'unmatched'; kind: 'human'; reason: string }
  | { outcome: 'unauthenticated'; kind: 'human'; reason: string };

export async function acceptReply(mail: ReceivedMail, deps: ReplyDeps): Promise<ReplyOutcome> {
  const failed = Object.entries(mail.verdicts).filter(([, status]) => status === 'FAIL');
  if (failed.length > 0) {
    const reason = `SES ${failed.map(([name]) => name).join(' and ')} verdict FAIL`;
    deps.logger.warn('received mail rejected', { messageId: mail.messageId, reason });
    return { outcome: 'rejected', reason };
  }
  const raw = await deps.mail.read(mail.messageId);
  let reply: ParsedReply;
  try {
    reply = await parseReply(Buffer.from(raw), { recipients: mail.recipients, receivedAt: mail.receivedAt });
  } catch (error) {
    // Reading it again would not help: answer instead of failing into Lambda's retries.
    if (!(error instanceof UnreadableMessageError)) throw error;
    deps.logger.warn('received mail rejected', { messageId: mail.messageId, reason: error.message });
    return { outcome: 'rejected', reason: error.message };
  }
  // Never the snippet or the addresses: the log says what happened, not what the customer wrote. `inThread`: the
  // message answers another (In-Reply-To/References), rather than being new mail to the reply address.
  const context = {
    messageId: mail.messageId,
    kind: reply.kind,
    reason: reply.reason,
    inThread: reply.references.length > 0,
  };
  if (reply.kind !== 'human') {
    deps.logger.info('reply dropped', context);
    return { outcome: 'dropped', kind: reply.kind, reason: reply.reason };
  }
  if (!reply.from && !reply.leadId) {
    deps.logger.warn('reply without a sender or lead token', context);
    return { outcome: 'unmatched', kind: 'human', reason: 'the message names no sender' };
  }

  const sender = authenticatedSender(mail.authentication, mail.authentication.envelopeFrom, reply.from);
  if (!sender.ok) {
    deps.logger.warn('reply dropped: sender not authenticated', { ...context, reason: sender.reason });
    return { outcome: 'unauthenticated', kind: 'human', reason: sender.reason };
  }
  const customer = await customerOf(reply, deps);
  if (!speaksFor(sender.address, customer.email)) {
    const reason = `the authenticated sender is neither the customer (by ${customer.identifiedBy}) nor of the customer's email domain`;
    deps.logger.warn('reply dropped: sender does not speak for the customer', { ...context, reason });
    return { outcome: 'unauthenticated', kind: 'human', reason };
  }
  const key = replyKey(reply.messageId, raw);
  const apps: string[] = [];
  for (const appId of await deps.registry.appIds()) {
    const registration = await deps.registry.get(appId).catch((error: unknown) => {
      deps.logger.error('registration unreadable, reply not queued for the app', { appId, error: String(error) });
      return undefined;
    });
    if (!registration?.enabled) continue;
    if (!isServed(registration.kintoneBaseUrl, deps.kintoneDomains)) {
      deps.logger.error('registration on a kintone host this deployment does not serve, reply not queued for the app', {
        appId,
      });
      continue;
    }
    const event = replyEvent({ ...reply, from: customer.email }, { appId, key, receivedAt: mail.receivedAt });
    // An app that finds customers by lead id needs the token; by email, an address.
    if (!isRecordable(event, registration.config) || !leadKeyOf(event, registration.config)) continue;
    await deps.queue.send(event);
    apps.push(appId);
    await deps.registry
      .recordStatus(appId, { add: { accepted: 1 }, bySource: { mail: { accepted: 1 } } })
      .catch((error: unknown) => deps.logger.warn('could not count accepted reply', { appId, error: String(error) }));
  }
  if (apps.length === 0) {
    deps.logger.info('reply recorded by no app', context);
    return { outcome: 'unmatched', kind: 'human', reason: 'no enabled app records replies and can find this customer' };
  }
  deps.logger.info('reply queued', { ...context, apps, identifiedBy: customer.identifiedBy });
  return { outcome: 'queued', kind: 'human', apps };
}

/** The customer's email address: Marketo's for the lead in the reply-to token, else the sender's. */
async function customerOf(
  reply: ParsedReply,
  deps: ReplyDeps,
): Promise<{ email: string; identifiedBy: 'lead token' | 'sender' }> {
  if (!reply.leadId || !deps.leads) return { email: reply.from, identifiedBy: 'sender' };
  const email = await deps.leads.emailOf(reply.leadId).catch((error: unknown) => {
    // The sender is a fair stand-in; a reply is not worth losing over Marketo being away.
    deps.logger.warn('Marketo lead lookup failed, the sender stands for the customer', {
      leadId: reply.leadId,
      error: String(error),
    });
    return undefined;
  });
  return email
    ? { email: email.toLowerCase(), identifiedBy: 'lead token' }
    : { email: reply.from, identifiedBy: 'sender' };
}
