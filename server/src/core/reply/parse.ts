/**
 * One message that arrived at the reply address (through Amazon SES inbound), read into what the kintone record
 * shows: who answered which lead, when, and the first words of the answer. Classification rules: classify.ts;
 * how the new text is found: plain-new-text.ts and html-new-text.ts.
 */
import { simpleParser, type AddressObject, type EmailAddress, type HeaderValue, type ParsedMail } from 'mailparser';
import { classifyReply, type ReplyKind } from './classify';
import { newTextFromHtml } from './html-new-text';
import { occurredAt } from './mail-date';
import { messageIds } from './message-ids';
import { newTextFromPlain } from './plain-new-text';
import { leadIdFromAddresses } from './recipient-token';
import { cleanText, toSnippet, truncate } from './snippet';

export type { ReplyKind } from './classify';

export interface ParsedReply {
  kind: ReplyKind;
  /**
   * Which rule classified it (e.g. 'header Auto-Submitted: auto-replied', 'multipart/report delivery-status',
   * 'subject "Out of Office"'), for logs; never message content beyond the subject.
   */
  reason: string;
  /** Message-ID without angle brackets, '' when absent. */
  messageId: string;
  /** Sender address (From, else Sender, else Return-Path), lower-cased; '' when none. */
  from: string;
  /**
   * Marketo lead id from a token in the address the reply was sent to, `<local>+<digits>@domain`
   * (e.g. reply+1001@replies.example.com): the SES envelope recipients first, then To, Cc, Delivered-To; '' when none.
   */
  leadId: string;
  /** The reply's subject, decoded, trimmed, at most 4000 characters. */
  subject: string;
  /**
   * The new text only (quoted history, attribution lines, forwarded originals and signatures stripped), whitespace
   * collapsed to single spaces, at most 200 characters (cut on a code point boundary, ending in … when cut);
   * '' for bounces.
   */
  snippet: string;
  /** ISO 8601 UTC from the Date header; receivedAt when Date is missing, unreadable or more than a day ahead. */
  occurredAt: string;
  /** Message ids (no brackets) from In-Reply-To, then References, each once. */
  references: string[];
}

export interface ReplyContext {
  /** The SES envelope recipients (receipt.recipients), looked at for the lead token before To, Cc and Delivered-To. */
  recipients: readonly string[];
  receivedAt: Date;
}

/** The input is not a mail message at all: empty, or no header section. */
export class UnreadableMessageError extends Error {
  override name = 'UnreadableMessageError';
}

export const SUBJECT_MAX_LENGTH = 4000;

/** Headers of which a mail message has at least one; input with none of them is something else. */
const MESSAGE_HEADERS = new Set([
  'from',
  'sender',
  'return-path',
  'to',
  'cc',
  'subject',
  'date',
  'message-id',
  'received',
  'mime-version',
  'content-type',
]);

export async function parseReply(raw: Buffer | string, context: ReplyContext): Promise<ParsedReply> {
  const mail = await parseMail(raw);
  const headers = headerFields(mail);
  const from = senderAddress(mail);
  const subject = subjectOf(mail);
  const { kind, reason } = classifyReply({
    headers,
    subject,
    from,
    partTypes: mail.attachments.map((attachment) => attachment.contentType.toLowerCase()),
  });
  return {
    kind,
    reason,
    messageId: messageIds(headers.get('message-id')?.[0] ?? '')[0] ?? '',
    from,
    leadId: leadIdFromAddresses([...context.recipients, ...recipientAddresses(mail)]),
    subject,
    snippet: kind === 'bounce' ? '' : toSnippet(newText(mail)),
    occurredAt: occurredAt(headers.get('date')?.[0], context.receivedAt),
    references: [
      ...new Set([...(headers.get('in-reply-to') ?? []), ...(headers.get('references') ?? [])].flatMap(messageIds)),
    ],
  };
}

async function parseMail(raw: Buffer | string): Promise<ParsedMail> {
  if (raw.length === 0 || (typeof raw === 'string' && raw.trim() === '')) {
    throw new UnreadableMessageError('the message is empty');
  }
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, {
      // Only a real text/plain part is wanted as text; HTML is converted by html-new-text with its quotes removed.
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      // Delivery reports and forwarded messages stay parts of their own rather than being appended to the text.
      keepDeliveryStatus: true,
      ignoreEmbedded: true,
      checksumAlgo: false,
    });
  } catch (error) {
    throw new UnreadableMessageError(`the message could not be parsed: ${(error as Error).message}`, { cause: error });
  }
  if (!mail.headerLines.some((line) => MESSAGE_HEADERS.has(line.key))) {
    throw new UnreadableMessageError('the input has no mail header (From, Date, Received, …)');
  }
  return mail;
}

/** The message's own header fields as sent: unfolded, not decoded, by lower-case name. */
function headerFields(mail: ParsedMail): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const { key, line } of mail.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]/g, ' ')
      .trim();
    fields.set(key, [...(fields.get(key) ?? []), value]);
  }
  return fields;
}

function subjectOf(mail: ParsedMail): string {
  return truncate(
    cleanText(mail.subject ?? '')
      .replace(/\n/g, ' ')
      .trim(),
    SUBJECT_MAX_LENGTH,
  );
}

function senderAddress(mail: ParsedMail): string {
  for (const name of ['from', 'sender', 'return-path']) {
    const [address] = addresses(mail.headers.get(name));
    if (address) return address.toLowerCase();
  }
  return '';
}

function recipientAddresses(mail: ParsedMail): string[] {
  return ['to', 'cc', 'delivered-to'].flatMap((name) => addresses(mail.headers.get(name)));
}

/** The addresses of an address header mailparser parsed (repeated headers and groups flattened). */
function addresses(value: HeaderValue | undefined): string[] {
  const objects = (Array.isArray(value) ? value : [value]).filter(isAddressObject);
  const flatten = (entry: EmailAddress): string[] =>
    entry.group ? entry.group.flatMap(flatten) : entry.address ? [entry.address] : [];
  return objects.flatMap((object) => object.value.flatMap(flatten));
}

function isAddressObject(value: unknown): value is AddressObject {
  return typeof value === 'object' && value !== null && 'value' in value && Array.isArray(value.value);
}

function newText(mail: ParsedMail): string {
  const text = newTextFromPlain(mail.text ?? '');
  if (text !== '' || typeof mail.html !== 'string') return text;
  return newTextFromHtml(mail.html);
}
