/**
 * Replies through the real local stack: a raw message fed as SES would (stored, then the reply function invoked by
 * serverless-offline), parsed, queued and written by the writer onto the customer's record. Human replies in
 * English and Japanese become one history row each with their new text; auto-replies and bounces write nothing;
 * the same message received twice is one row.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { kintoneRecordStore } from '../../server/src/adapters/kintone-records';
import { parseReply } from '../../server/src/core/reply/parse';
import { dateTimeMillis, subtableRows, textValue } from '../../contract/src/kintone-record';
import { feedReply } from '../../scripts/marketo-simulator/reply';
import { startTestStack, type TestStack } from '../support/local-stack';
import { waitFor } from '../support/wait';

jest.setTimeout(120_000);

const CORPUS = path.resolve(__dirname, '../fixtures/replies');
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const feed = (file: string, from?: string) =>
  feedReply({
    file: path.join(CORPUS, file),
    ...(from ? { from } : {}),
    recipients: ['replies@replies.example.com'],
    mailDir: stack.dev.replyMailDir!,
    invoke: (event) => stack.reply(event),
  });

it('writes human replies with their new text on the right record, drops auto-replies and bounces, and writes a redelivered reply once', async () => {
  const store = kintoneRecordStore({ baseUrl: stack.dev.kintoneBaseUrl, apiToken: stack.dev.apiToken, appId: '1' });
  const email = (leadId: number) => stack.marketo.leads.find((lead) => lead.id === leadId)!.email;
  // Which record each reply belongs to, and why.
  const human = [
    // Sent to reply+1001@ (its To header), by a colleague of the lead: Marketo's lead 1001 is the customer.
    { file: '01-plain-text-english.eml', from: `colleague@${email(1001).split('@')[1]!}`, customer: email(1001) },
    // Sent to the plain reply address: the sender is the customer.
    { file: '03-outlook-alternative.eml', from: email(1002), customer: email(1002) },
    // ISO-2022-JP, sent to reply+1004@ by the lead.
    { file: '04-iso-2022-jp.eml', from: email(1004), customer: email(1004) },
  ];
  const customers = human.map((h) => h.customer);
  const fields = ['$id', '$revision', 'email', 'mkto_status', 'mkto_last_replied', 'mkto_reply_count', 'mkto_history'];
  const read = async () =>
    new Map(
      (await store.findByLeadKeys('email', customers, fields)).map((r) => [textValue(r.fields, 'email'), r.fields]),
    );
  const before = await read();
  expect(before.size).toBe(3);

  for (const { file, from } of human)
    expect(await feed(file, from)).toEqual([{ outcome: 'queued', kind: 'human', apps: ['1'] }]);
  // SES delivers the first one again.
  expect(await feed(human[0]!.file, human[0]!.from)).toEqual([{ outcome: 'queued', kind: 'human', apps: ['1'] }]);
  for (const [file, kind] of [
    ['07-auto-submitted.eml', 'auto-reply'],
    ['08a-outlook-out-of-office.eml', 'auto-reply'],
    ['09-bounce-dsn.eml', 'bounce'],
  ] as const) {
    const outcome = await feed(file, customers[1]);
    expect(outcome).toEqual([expect.objectContaining({ outcome: 'dropped', kind })]);
  }

  await waitFor('the replies on the records', async () =>
    (await stack.registry.status('1')).written + (await stack.registry.status('1')).duplicates >= 4 ? true : undefined,
  );
  const records = await read();
  for (const [i, { file }] of human.entries()) {
    const expected = await parseReply(await readFile(path.join(CORPUS, file)), {
      recipients: [],
      receivedAt: new Date(),
    });
    const record = records.get(customers[i]!)!;
    const rows = subtableRows(record, 'mkto_history');
    expect(
      rows.map((row) => [
        textValue(row.value, 'mkto_h_type'),
        textValue(row.value, 'mkto_h_subject'),
        textValue(row.value, 'mkto_h_snippet'),
      ]),
    ).toEqual([['reply', expected.subject, expected.snippet]]);
    expect(expected.snippet.length).toBeGreaterThan(0);
    expect(textValue(record, 'mkto_reply_count')).toBe('1');
    expect(dateTimeMillis(textValue(record, 'mkto_last_replied'))).toBe(
      Math.floor(Date.parse(expected.occurredAt) / 60_000) * 60_000,
    );
    // A reply is not a step of a marketing email: the status stays where it was.
    expect(textValue(record, 'mkto_status')).toBe(textValue(before.get(customers[i]!)!, 'mkto_status'));
  }
  const status = await stack.registry.status('1');
  expect({ written: status.written, duplicates: status.duplicates }).toEqual({ written: 3, duplicates: 1 });
});

it('refuses an event that is not SES’s, and reads no file outside the received mail', async () => {
  expect(await stack.reply({ Records: [] })).toEqual([
    { outcome: 'rejected', reason: expect.stringMatching(/^not an SES receipt event: Records: /) },
  ]);
  const forged = {
    Records: [
      {
        ses: {
          mail: {
            messageId: '../registry.json',
            timestamp: new Date().toISOString(),
            source: 'a@customer.example.com',
          },
          receipt: {
            recipients: ['replies@replies.example.com'],
            spamVerdict: { status: 'PASS' },
            virusVerdict: { status: 'PASS' },
            spfVerdict: { status: 'PASS' },
            dkimVerdict: { status: 'PASS' },
            dmarcVerdict: { status: 'PASS' },
          },
        },
      },
    ],
  };
  await expect(stack.reply(forged as never)).rejects.toThrow(/not a mail message id/);
});
