/**
 * Whether a message that arrived at the reply address is a person answering, an automatic answer or a bounce.
 * The first rule that matches decides, bounce rules before auto-reply rules; a message no rule matches is human.
 *
 * Bounce (a report that some delivery failed):
 * 1. Content-Type multipart/report; report-type=delivery-status (an RFC 3464 DSN);
 * 2. a message/delivery-status part further down (a DSN wrapped by a relay that added a footer);
 * 3. an X-Failed-Recipients header (Exim);
 * 4. From MAILER-DAEMON or postmaster with a delivery-failure subject;
 * 5. an empty Return-Path (<>, the null sender of RFC 5321) with a delivery-failure subject.
 *
 * Auto-reply (RFC 3834 and what mailers do in practice; mailing-list traffic counts too, since it is no reply):
 * 1. any other multipart/report, e.g. a read receipt (report-type=disposition-notification);
 * 2. Auto-Submitted with any value but "no";
 * 3. X-Autoreply, X-Autorespond, X-Auto-Response-Suppress (Exchange sets it on out-of-office notices);
 * 4. Precedence or X-Precedence auto_reply, bulk, junk or list;
 * 5. List-Id or List-Unsubscribe;
 * 6. an empty Return-Path (RFC 3834 asks responders to send from the null sender);
 * 7. From MAILER-DAEMON or postmaster;
 * 8. a subject that starts with an auto-reply marker (see subject-markers.ts).
 */
import { autoReplyMarker, isDeliveryFailureSubject } from './subject-markers';

export type ReplyKind = 'human' | 'auto-reply' | 'bounce';

export interface Classification {
  kind: ReplyKind;
  /** The rule that decided, for logs: names headers and the subject marker, never the body. */
  reason: string;
}

export interface MessageSignals {
  /** The message's own header fields, unfolded and not decoded, by lower-case name, in order of appearance. */
  headers: ReadonlyMap<string, readonly string[]>;
  /** The decoded subject. */
  subject: string;
  /** The lower-cased sender address. */
  from: string;
  /** The MIME types of the parts that are not the message's text or HTML body, e.g. message/delivery-status. */
  partTypes: readonly string[];
}

type Rule = (message: MessageSignals) => string | undefined;

const BOUNCE_RULES: Rule[] = [
  (m) => (reportType(m) === 'delivery-status' ? 'multipart/report delivery-status' : undefined),
  (m) => (m.partTypes.includes('message/delivery-status') ? 'message/delivery-status part' : undefined),
  (m) => (has(m, 'x-failed-recipients') ? 'header X-Failed-Recipients' : undefined),
  (m) =>
    isMailSystem(m.from) && isDeliveryFailureSubject(m.subject)
      ? 'From MAILER-DAEMON/postmaster with a delivery-failure subject'
      : undefined,
  (m) =>
    hasNullSender(m) && isDeliveryFailureSubject(m.subject)
      ? 'empty Return-Path with a delivery-failure subject'
      : undefined,
];

const PRECEDENCE_VALUES = new Set(['auto_reply', 'bulk', 'junk', 'list']);

const AUTO_REPLY_RULES: Rule[] = [
  (m) => {
    const type = reportType(m);
    return type === undefined ? undefined : `multipart/report ${type || '(no report-type)'}`;
  },
  (m) => {
    const value = first(m, 'auto-submitted')
      .replace(/\(.*?\)|;.*$/g, '')
      .trim()
      .toLowerCase();
    if (value === '' || value === 'no') return undefined;
    return /^[a-z-]{1,30}$/.test(value) ? `header Auto-Submitted: ${value}` : 'header Auto-Submitted';
  },
  (m) => (has(m, 'x-autoreply') ? 'header X-Autoreply' : undefined),
  (m) => (has(m, 'x-autorespond') ? 'header X-Autorespond' : undefined),
  (m) => (has(m, 'x-auto-response-suppress') ? 'header X-Auto-Response-Suppress' : undefined),
  (m) => precedence(m, 'precedence', 'Precedence'),
  (m) => precedence(m, 'x-precedence', 'X-Precedence'),
  (m) => (has(m, 'list-id') ? 'header List-Id' : undefined),
  (m) => (has(m, 'list-unsubscribe') ? 'header List-Unsubscribe' : undefined),
  (m) => (hasNullSender(m) ? 'empty Return-Path' : undefined),
  (m) => (isMailSystem(m.from) ? 'From MAILER-DAEMON/postmaster' : undefined),
  (m) => {
    const marker = autoReplyMarker(m.subject);
    return marker === undefined ? undefined : `subject "${marker}"`;
  },
];

export function classifyReply(message: MessageSignals): Classification {
  for (const [kind, rules] of [
    ['bounce', BOUNCE_RULES],
    ['auto-reply', AUTO_REPLY_RULES],
  ] as const) {
    for (const rule of rules) {
      const reason = rule(message);
      if (reason !== undefined) return { kind, reason };
    }
  }
  return { kind: 'human', reason: 'no bounce or auto-reply signal' };
}

function first(m: MessageSignals, name: string): string {
  return m.headers.get(name)?.[0] ?? '';
}

/** Whether the header is there with a value: "X-Autoreply:" left empty by a mailer says nothing. */
function has(m: MessageSignals, name: string): boolean {
  return (m.headers.get(name) ?? []).some((value) => value.trim() !== '');
}

/** The report-type of a top-level multipart/report ('' when it names none), undefined for any other message. */
function reportType(m: MessageSignals): string | undefined {
  const contentType = first(m, 'content-type');
  if (!/^\s*multipart\/report\s*(;|$)/i.test(contentType)) return undefined;
  return /;\s*report-type\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1]?.toLowerCase() ?? '';
}

function precedence(m: MessageSignals, name: string, label: string): string | undefined {
  const value = first(m, name).trim().toLowerCase();
  return PRECEDENCE_VALUES.has(value) ? `header ${label}: ${value}` : undefined;
}

function hasNullSender(m: MessageSignals): boolean {
  return (m.headers.get('return-path') ?? []).some((value) => value.replace(/\s+/g, '') === '<>');
}

function isMailSystem(address: string): boolean {
  const local = address.split('@')[0];
  return local === 'mailer-daemon' || local === 'postmaster';
}
