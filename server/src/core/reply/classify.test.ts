import { classifyReply, type MessageSignals } from './classify';

/** A person's reply as it arrives: nothing automatic about it. */
const human: MessageSignals = {
  headers: new Map([
    ['return-path', ['<jane.doe@customer.example.com>']],
    ['from', ['Jane Doe <jane.doe@customer.example.com>']],
    ['subject', ['Re: Webinar: Sales DX in 30 minutes']],
    ['content-type', ['text/plain; charset=UTF-8']],
  ]),
  subject: 'Re: Webinar: Sales DX in 30 minutes',
  from: 'jane.doe@customer.example.com',
  partTypes: [],
};

function withHeaders(extra: Record<string, string>, changes: Partial<MessageSignals> = {}): MessageSignals {
  const headers = new Map(human.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, [value]);
  return { ...human, ...changes, headers };
}

describe('classifyReply', () => {
  it('takes a message with no signal for a human reply', () => {
    expect(classifyReply(human)).toEqual({ kind: 'human', reason: 'no bounce or auto-reply signal' });
  });

  describe('bounces', () => {
    it.each([
      [
        { 'content-type': 'multipart/report; report-type=delivery-status; boundary="b"' },
        {},
        'multipart/report delivery-status',
      ],
      [
        { 'content-type': 'Multipart/Report; boundary="b"; Report-Type="Delivery-Status"' },
        {},
        'multipart/report delivery-status',
      ],
      [
        { 'content-type': 'multipart/mixed; boundary="b"' },
        { partTypes: ['message/delivery-status'] },
        'message/delivery-status part',
      ],
      [{ 'x-failed-recipients': 'k.ito@customer.example.com' }, {}, 'header X-Failed-Recipients'],
      [
        {},
        { from: 'mailer-daemon@mail.customer.example.com', subject: 'Undelivered Mail Returned to Sender' },
        'From MAILER-DAEMON/postmaster with a delivery-failure subject',
      ],
      [
        {},
        { from: 'postmaster@customer.example.com', subject: 'Undeliverable: Start your free trial' },
        'From MAILER-DAEMON/postmaster with a delivery-failure subject',
      ],
      [
        { 'return-path': '<>' },
        { subject: 'Delivery Status Notification (Failure)' },
        'empty Return-Path with a delivery-failure subject',
      ],
    ])('%j %j is a bounce: %s', (headers, changes, reason) => {
      expect(classifyReply(withHeaders(headers, changes))).toEqual({ kind: 'bounce', reason });
    });

    it('wins over the auto-reply headers that DSNs also carry', () => {
      const dsn = withHeaders({
        'content-type': 'multipart/report; report-type=delivery-status; boundary="b"',
        'auto-submitted': 'auto-replied',
        'return-path': '<>',
      });
      expect(classifyReply(dsn)).toEqual({ kind: 'bounce', reason: 'multipart/report delivery-status' });
      expect(classifyReply(withHeaders({ 'x-failed-recipients': 'a@b.example', precedence: 'bulk' })).kind).toBe(
        'bounce',
      );
    });
  });

  describe('auto-replies', () => {
    it.each([
      [
        { 'content-type': 'multipart/report; report-type=disposition-notification; boundary="b"' },
        'multipart/report disposition-notification',
      ],
      [{ 'content-type': 'multipart/report; boundary="b"' }, 'multipart/report (no report-type)'],
      [{ 'auto-submitted': 'auto-replied' }, 'header Auto-Submitted: auto-replied'],
      [{ 'auto-submitted': 'Auto-Generated (vacation)' }, 'header Auto-Submitted: auto-generated'],
      [{ 'auto-submitted': 'auto-notified; owner-email="x@y.example"' }, 'header Auto-Submitted: auto-notified'],
      [{ 'auto-submitted': 'yes please, 100%' }, 'header Auto-Submitted'],
      [{ 'x-autoreply': 'yes' }, 'header X-Autoreply'],
      [{ 'x-autorespond': 'Vacation' }, 'header X-Autorespond'],
      [{ 'x-auto-response-suppress': 'All' }, 'header X-Auto-Response-Suppress'],
      [{ precedence: 'bulk' }, 'header Precedence: bulk'],
      [{ precedence: ' Junk ' }, 'header Precedence: junk'],
      [{ precedence: 'list' }, 'header Precedence: list'],
      [{ precedence: 'auto_reply' }, 'header Precedence: auto_reply'],
      [{ 'x-precedence': 'bulk' }, 'header X-Precedence: bulk'],
      [{ 'list-id': 'Northwind Weekly <weekly.news.northwind.example>' }, 'header List-Id'],
      [{ 'list-unsubscribe': '<https://news.northwind.example/u/8f2c>' }, 'header List-Unsubscribe'],
      [{ 'return-path': '<>' }, 'empty Return-Path'],
      [{ 'return-path': '< >' }, 'empty Return-Path'],
    ])('%j is an auto-reply: %s', (headers, reason) => {
      expect(classifyReply(withHeaders(headers))).toEqual({ kind: 'auto-reply', reason });
    });

    it('takes mail from MAILER-DAEMON that reports no failure for automatic', () => {
      expect(
        classifyReply({
          ...human,
          from: 'mailer-daemon@mail.customer.example.com',
          subject: 'Warning: message delayed',
        }),
      ).toEqual({
        kind: 'auto-reply',
        reason: 'From MAILER-DAEMON/postmaster',
      });
    });

    it('goes by the subject when no header says anything', () => {
      expect(classifyReply({ ...human, subject: 'Automatic reply: Start your free trial' })).toEqual({
        kind: 'auto-reply',
        reason: 'subject "Automatic reply:"',
      });
      expect(classifyReply({ ...human, subject: '不在のお知らせ' })).toEqual({
        kind: 'auto-reply',
        reason: 'subject "不在"',
      });
    });

    it('names the header before the subject when both say so', () => {
      const oof = withHeaders(
        { 'x-auto-response-suppress': 'All' },
        { subject: 'Automatic reply: Start your free trial' },
      );
      expect(classifyReply(oof).reason).toBe('header X-Auto-Response-Suppress');
    });
  });

  describe('human replies that look a little automatic', () => {
    it.each([
      ['Auto-Submitted: no', withHeaders({ 'auto-submitted': 'no' })],
      ['Auto-Submitted: No (a person sent it)', withHeaders({ 'auto-submitted': 'No (a person sent it)' })],
      ['an empty X-Autoreply', withHeaders({ 'x-autoreply': '  ' })],
      ['Precedence: first-class', withHeaders({ precedence: 'first-class' })],
      ['a failure subject from a person', { ...human, subject: 'Re: the invoice could not be delivered' }],
      ['a reply to our email about holidays', { ...human, subject: 'Re: 休暇シーズンのご案内' }],
      ['a mailbox called postmaster-ish', { ...human, from: 'postmaster.tanaka@customer.example.com' }],
      [
        'multipart/mixed with a PDF',
        withHeaders({ 'content-type': 'multipart/mixed; boundary="b"' }, { partTypes: ['application/pdf'] }),
      ],
    ])('%s stays human', (_, message) => {
      expect(classifyReply(message).kind).toBe('human');
    });
  });
});
