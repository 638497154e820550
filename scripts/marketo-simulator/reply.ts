/**
 * What SES does with a message sent to the reply-to domain, done locally: the raw message is stored where the
 * reply function reads it (a folder standing in for the bucket) and the function is invoked with the event SES's
 * Lambda action sends. The function reads the stored message, so the event's header summary is left minimal.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SESEvent } from 'aws-lambda';

export interface FeedReplyOptions {
  /** A raw RFC 5322 message (.eml). */
  file: string;
  /** The envelope recipients on the reply-to domain, e.g. reply+1001@replies.example.com. */
  recipients: readonly string[];
  /** Replace the message's From header with this address: a corpus message as if a demo customer had sent it. */
  from?: string;
  /** The folder the local reply function reads (REPLY_MAIL_DIR). */
  mailDir: string;
  invoke: (event: SESEvent) => Promise<unknown>;
  now?: Date;
  /** SES's sender checks; default: all PASS for the From address, as for a genuine reply. */
  authentication?: { spf: SesStatus; dkim: SesStatus; dmarc: SesStatus; envelopeFrom: string };
}

type SesStatus = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';

export async function feedReply(options: FeedReplyOptions): Promise<unknown> {
  const raw = options.from
    ? withSender(await fs.readFile(options.file), options.from)
    : await fs.readFile(options.file);
  // SES's message ids are 20 to 40 lowercase letters and digits.
  const messageId = randomBytes(16).toString('hex');
  await fs.mkdir(options.mailDir, { recursive: true });
  await fs.writeFile(path.join(options.mailDir, messageId), raw, { mode: 0o600 });
  const authentication = options.authentication ?? {
    spf: 'PASS',
    dkim: 'PASS',
    dmarc: 'PASS',
    envelopeFrom: senderOf(raw),
  };
  return options.invoke(sesEvent(messageId, [...options.recipients], authentication, options.now ?? new Date()));
}

/** The header section's From field (with its folded lines) replaced; every other byte kept as it was. */
function withSender(raw: Buffer, address: string): Buffer {
  const text = raw.toString('latin1');
  const headerEnd = text.search(/\r?\n\r?\n/);
  const head = headerEnd < 0 ? text : text.slice(0, headerEnd);
  if (!/^From:/im.test(head)) throw new Error('the message has no From header to replace');
  const replaced = head.replace(/^From:.*(\r?\n[ \t].*)*/im, `From: ${address}`);
  return Buffer.from(replaced + text.slice(head.length), 'latin1');
}

/** The From address, the envelope sender of a genuine reply. */
function senderOf(raw: Buffer): string {
  const from = /^From:(.*(?:\r?\n[ \t].*)*)/im.exec(raw.toString('latin1'))?.[1] ?? '';
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

function sesEvent(
  messageId: string,
  recipients: string[],
  authentication: NonNullable<FeedReplyOptions['authentication']>,
  now: Date,
): SESEvent {
  const pass = { status: 'PASS' } as const;
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp: now.toISOString(),
            source: authentication.envelopeFrom,
            messageId,
            destination: recipients,
            headersTruncated: false,
            headers: [],
            commonHeaders: { returnPath: '', date: now.toUTCString(), messageId: '' },
          },
          receipt: {
            timestamp: now.toISOString(),
            processingTimeMillis: 1,
            recipients,
            spamVerdict: pass,
            virusVerdict: pass,
            spfVerdict: { status: authentication.spf },
            dkimVerdict: { status: authentication.dkim },
            dmarcVerdict: { status: authentication.dmarc },
            action: {
              type: 'Lambda',
              functionArn: 'arn:aws:lambda:local:000000000000:function:kintone-marketo-sync-local-reply',
              invocationType: 'Event',
            },
          },
        },
      },
    ],
  };
}
