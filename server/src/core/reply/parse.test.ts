import { parseReply, SUBJECT_MAX_LENGTH, UnreadableMessageError, type ReplyContext } from './parse';

const context: ReplyContext = {
  recipients: ['reply+1001@replies.example.com'],
  receivedAt: new Date('2026-11-28T12:00:00.000Z'),
};

const HEADERS = {
  'Return-Path': '<jane.doe@customer.example.com>',
  'Message-ID': '<m1@customer.example.com>',
  Date: 'Sat, 28 Nov 2026 10:00:00 +0900',
  From: 'Jane Doe <jane.doe@customer.example.com>',
  To: 'reply+1001@replies.example.com',
  Subject: 'Re: Webinar',
  'MIME-Version': '1.0',
  'Content-Type': 'text/plain; charset=UTF-8',
};

/** A raw message with the given header fields (undefined leaves one out) and body, CRLF as on the wire. */
function message(changes: Record<string, string | undefined> = {}, body = 'Yes, 20 seats.\r\n'): string {
  const fields = Object.entries({ ...HEADERS, ...changes }).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return `${fields.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${body}`;
}

describe('parseReply: input that is no mail message', () => {
  it.each([
    ['an empty buffer', Buffer.alloc(0)],
    ['an empty string', ''],
    ['blank lines', '\r\n\r\n  \r\n'],
    ['a sentence', 'hello world'],
    ['a body without headers', '\r\n\r\nYes, 20 seats.'],
    ['JSON', '{"Records":[{"ses":{}}]}'],
    ['HTML', '<html><body>Yes</body></html>'],
  ])('refuses %s with UnreadableMessageError', async (_, raw) => {
    await expect(parseReply(raw, context)).rejects.toBeInstanceOf(UnreadableMessageError);
  });

  it('says why', async () => {
    await expect(parseReply('', context)).rejects.toThrow('the message is empty');
    await expect(parseReply('hello world', context)).rejects.toThrow('the input has no mail header');
  });

  it('reads a message with a single known header', async () => {
    await expect(parseReply('Subject: hi\r\n\r\nYes.', context)).resolves.toMatchObject({
      subject: 'hi',
      snippet: 'Yes.',
    });
  });
});

describe('parseReply: the message', () => {
  it('reads a minimal human reply whole, from a string as from a Buffer', async () => {
    const expected = {
      kind: 'human',
      reason: 'no bounce or auto-reply signal',
      messageId: 'm1@customer.example.com',
      from: 'jane.doe@customer.example.com',
      leadId: '1001',
      subject: 'Re: Webinar',
      snippet: 'Yes, 20 seats.',
      occurredAt: '2026-11-28T01:00:00.000Z',
      references: [],
    };
    await expect(parseReply(message(), context)).resolves.toEqual(expected);
    await expect(parseReply(Buffer.from(message()), context)).resolves.toEqual(expected);
  });

  it("gives '' for a missing Message-ID and for one without an id", async () => {
    await expect(parseReply(message({ 'Message-ID': undefined }), context)).resolves.toMatchObject({ messageId: '' });
    await expect(parseReply(message({ 'Message-ID': '' }), context)).resolves.toMatchObject({ messageId: '' });
  });

  it('takes receivedAt when the Date is missing, unreadable or more than a day ahead', async () => {
    const at = async (date: string | undefined) => (await parseReply(message({ Date: date }), context)).occurredAt;
    expect(await at(undefined)).toBe('2026-11-28T12:00:00.000Z');
    expect(await at('soon')).toBe('2026-11-28T12:00:00.000Z');
    expect(await at('Mon, 30 Nov 2026 10:00:00 +0000')).toBe('2026-11-28T12:00:00.000Z');
    expect(await at('Sun, 29 Nov 2026 10:00:00 +0000')).toBe('2026-11-29T10:00:00.000Z');
  });

  it('takes the sender from From, else Sender, else Return-Path, lower-cased', async () => {
    const from = async (changes: Record<string, string | undefined>) =>
      (await parseReply(message(changes), context)).from;
    expect(await from({ From: 'Jane <Jane.Doe@Customer.Example.com>' })).toBe('jane.doe@customer.example.com');
    expect(await from({ From: undefined, Sender: 'Assistant <Assistant@Customer.Example.com>' })).toBe(
      'assistant@customer.example.com',
    );
    expect(await from({ From: 'undisclosed-recipients:;', 'Return-Path': '<Bounce@Customer.Example.com>' })).toBe(
      'bounce@customer.example.com',
    );
    expect(await from({ From: undefined, 'Return-Path': '<>' })).toBe('');
  });

  it('takes the lead token from the envelope first, then To, Cc and Delivered-To', async () => {
    const leadId = async (recipients: string[], changes: Record<string, string | undefined>) =>
      (await parseReply(message(changes), { ...context, recipients })).leadId;
    expect(await leadId(['reply+2002@replies.example.com'], { To: 'reply+1001@replies.example.com' })).toBe('2002');
    expect(await leadId(['replies@replies.example.com'], { To: 'Sales <reply+1001@replies.example.com>' })).toBe(
      '1001',
    );
    expect(await leadId([], { To: 'sales@example.com', Cc: 'Replies <REPLY+3003@replies.example.com>' })).toBe('3003');
    expect(await leadId([], { To: 'team: a@example.com, reply+4004@replies.example.com;' })).toBe('4004');
    expect(await leadId([], { To: 'sales@example.com', 'Delivered-To': 'reply+5005@replies.example.com' })).toBe(
      '5005',
    );
    expect(await leadId([], { To: 'reply+abc@replies.example.com' })).toBe('');
  });

  it('lists In-Reply-To, then References, each id once', async () => {
    const reply = await parseReply(
      message({
        'In-Reply-To': '<c@x.example> (Example Cloud)',
        References: '<a@x.example>\r\n <b@x.example> <c@x.example>',
      }),
      context,
    );
    expect(reply.references).toEqual(['c@x.example', 'a@x.example', 'b@x.example']);
  });

  it('decodes and unfolds the subject, keeps it to its length, and gives one when there is none', async () => {
    const subject = async (value: string | undefined) =>
      (await parseReply(message({ Subject: value }), context)).subject;
    expect(await subject('=?UTF-8?B?UmU6IOOBlOahiOWGhQ==?=\r\n =?UTF-8?Q?_=E3=81=A7=E3=81=99?=')).toBe(
      'Re: ご案内 です',
    );
    expect(await subject('Re: a long\r\n\tsubject  ')).toBe('Re: a long subject');
    expect(await subject(undefined)).toBe('');
    const long = await subject('x'.repeat(SUBJECT_MAX_LENGTH + 10));
    expect(long).toBe(`${'x'.repeat(SUBJECT_MAX_LENGTH - 1)}…`);
  });
});

describe('parseReply: classification and snippet', () => {
  it('gives a bounce no snippet, however much text it has', async () => {
    const reply = await parseReply(message({ 'X-Failed-Recipients': 'k.ito@customer.example.com' }), context);
    expect(reply).toMatchObject({ kind: 'bounce', reason: 'header X-Failed-Recipients', snippet: '' });
  });

  it('finds a delivery report wrapped inside another multipart', async () => {
    const body = [
      '--outer',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Your message could not be delivered.',
      '--outer',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mail.customer.example.com',
      '',
      'Final-Recipient: rfc822; k.ito@customer.example.com',
      'Action: failed',
      'Status: 5.1.1',
      '--outer',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Scanned by the relay.',
      '--outer--',
      '',
    ].join('\r\n');
    const reply = await parseReply(message({ 'Content-Type': 'multipart/mixed; boundary="outer"' }, body), context);
    expect(reply).toMatchObject({ kind: 'bounce', reason: 'message/delivery-status part', snippet: '' });
  });

  it('keeps the snippet of an auto-reply', async () => {
    const reply = await parseReply(
      message({ 'Auto-Submitted': 'auto-replied' }, 'I am away until Monday.\r\n'),
      context,
    );
    expect(reply).toMatchObject({ kind: 'auto-reply', snippet: 'I am away until Monday.' });
  });

  it('takes the snippet from the HTML when the text part has no new text', async () => {
    const body = [
      '--alt',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      '> Would you like a quote?',
      '--alt',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<div>Yes, <b>20</b> seats.</div><blockquote>Would you like a quote?</blockquote>',
      '--alt--',
      '',
    ].join('\r\n');
    const reply = await parseReply(message({ 'Content-Type': 'multipart/alternative; boundary="alt"' }, body), context);
    expect(reply.snippet).toBe('Yes, 20 seats.');
  });

  it('reads the text of a reply that forwards a message, not the forwarded message', async () => {
    const body = [
      '--mixed',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'See the message below.',
      '--mixed',
      'Content-Type: message/rfc822',
      'Content-Disposition: inline',
      '',
      'From: Example Cloud <news@example.com>',
      'Subject: November news',
      '',
      'Our November news.',
      '--mixed--',
      '',
    ].join('\r\n');
    const reply = await parseReply(message({ 'Content-Type': 'multipart/mixed; boundary="mixed"' }, body), context);
    expect(reply).toMatchObject({ kind: 'human', snippet: 'See the message below.' });
  });
});
