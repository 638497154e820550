/** Feeding a received message as SES would: stored byte for byte (sender optionally replaced), then invoked. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SESEvent } from 'aws-lambda';
import { feedReply } from './reply';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kms-feed-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ISO_2022_JP_BODY = Buffer.from('\x1b$B$3$s$K$A$O\x1b(B\r\n', 'latin1');
const message = Buffer.concat([
  Buffer.from(
    'Received: from mx.example.jp\r\nFrom: =?ISO-2022-JP?B?GyRCRURDZhsoQg==?=\r\n <taro@example.jp>\r\nTo: reply+1001@replies.example.com\r\nSubject: Re: hello\r\n\r\n',
    'latin1',
  ),
  ISO_2022_JP_BODY,
]);

async function feed(options: { from?: string; raw?: Buffer }) {
  const file = path.join(dir, 'message.eml');
  await writeFile(file, options.raw ?? message);
  const events: SESEvent[] = [];
  await feedReply({
    file,
    recipients: ['reply+1001@replies.example.com'],
    mailDir: path.join(dir, 'inbox'),
    invoke: async (event) => void events.push(event),
    now: new Date('2026-11-28T12:00:00Z'),
    ...(options.from ? { from: options.from } : {}),
  });
  const [record] = events[0]!.Records;
  return { record: record!, stored: await readFile(path.join(dir, 'inbox', record!.ses.mail.messageId)) };
}

it('stores the message unchanged under a fresh SES-like id and invokes the function with that id and the recipients', async () => {
  const { record, stored } = await feed({});
  expect(stored.equals(message)).toBe(true);
  expect(record.ses.mail.messageId).toMatch(/^[0-9a-f]{32}$/);
  expect(record.ses.receipt).toMatchObject({
    recipients: ['reply+1001@replies.example.com'],
    spamVerdict: { status: 'PASS' },
    virusVerdict: { status: 'PASS' },
  });
  expect(record.ses.mail.timestamp).toBe('2026-11-28T12:00:00.000Z');
  expect((await feed({})).record.ses.mail.messageId).not.toBe(record.ses.mail.messageId);
});

it('replaces a folded From header and keeps every other byte, the encoded body included', async () => {
  const { stored } = await feed({ from: 'hanako@example.co.jp' });
  expect(stored.toString('latin1')).toBe(
    'Received: from mx.example.jp\r\nFrom: hanako@example.co.jp\r\nTo: reply+1001@replies.example.com\r\nSubject: Re: hello\r\n\r\n' +
      ISO_2022_JP_BODY.toString('latin1'),
  );
});

it('says so when there is no From header to replace', async () => {
  await expect(
    feed({ from: 'x@example.com', raw: Buffer.from('Subject: no sender\r\n\r\nFrom: in the body\r\n') }),
  ).rejects.toThrow('no From header');
});
