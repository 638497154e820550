/**
 * The reply corpus (test/fixtures/replies, described in its README.md): real-shaped messages as mail clients,
 * auto-responders and mail systems send them, each read exactly as expected.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReply, type ParsedReply } from './parse';

const FIXTURES = join(__dirname, '../../../../test/fixtures/replies');
const MKTO = (lead: number, mailing: number) => `${lead}.${mailing}.1764205200000.JavaMail.root@mkto-mail.example.com`;
const HUMAN = 'no bounce or auto-reply signal';

interface Case {
  file: string;
  recipients: string[];
  receivedAt: string;
  expected: ParsedReply;
}

const cases: Case[] = [
  {
    file: '01-plain-text-english.eml',
    recipients: ['reply+1001@replies.example.com'],
    receivedAt: '2026-11-28T01:02:10Z',
    expected: {
      kind: 'human',
      reason: HUMAN,
      messageId: '4Ff1Lk0p9Qz3R.8c1d2e@mail.customer.example.com',
      from: 'jane.doe@customer.example.com',
      leadId: '1001',
      subject: 'Re: Webinar: Sales DX in 30 minutes',
      snippet: 'Hi Ken, Thanks, we would like a quote for 20 seats. Could someone call me on Tuesday? Jane',
      occurredAt: '2026-11-28T01:02:03.000Z',
      references: [MKTO(1001, 5001)],
    },
  },
  {
    file: '02-html-only-gmail.eml',
    recipients: ['reply+1002@replies.example.com'],
    receivedAt: '2026-11-28T02:15:33Z',
    expected: {
      kind: 'human',
      reason: HUMAN,
      messageId: 'CAO9xR3kPq7vT2nWm8yZ5c1b4d6e8f0g2h4j6k8m0n2p4q6=A@mail.northwind-trading.example',
      from: 'ken.suzuki@northwind-trading.example',
      leadId: '1002',
      subject: 'Re: November news from Example Cloud',
      snippet:
        'Hello, Could you send me the pricing sheet for the Enterprise plan? We have about 120 users. Thanks, Ken',
      occurredAt: '2026-11-28T02:15:20.000Z',
      references: [MKTO(1002, 5002)],
    },
  },
  {
    file: '03-outlook-alternative.eml',
    recipients: ['replies@replies.example.com'],
    receivedAt: '2026-11-28T00:41:09Z',
    expected: {
      kind: 'human',
      reason: HUMAN,
      messageId: 'TYCPR01MB8421A7C3E2F1D0B9C8A7@TYCPR01MB8421.jpnprd01.prod.contoso.example',
      from: 'a.sato@contoso.example',
      leadId: '',
      subject: 'RE: Start your free trial',
      snippet:
        'We are interested in the 30-day trial for our sales team (about 15 people). Could you contact Mr. Sato on 03-0000-1234? Regards, Akiko Sato',
      occurredAt: '2026-11-28T00:41:05.000Z',
      references: [MKTO(1003, 5003)],
    },
  },
  {
    file: '04-iso-2022-jp.eml',
    recipients: ['reply+1004@replies.example.com'],
    receivedAt: '2026-11-28T03:20:45Z',
    expected: {
      kind: 'human',
      reason: HUMAN,
      messageId: '202611281220.4AS3KfP2031847@tanaka-shoji.example.jp',
      from: 'ichiro.tanaka@tanaka-shoji.example.jp',
      leadId: '1004',
      subject: 'Re: 年末キャンペーンのご案内',
      snippet:
        'Example Cloud ご担当者様 いつもお世話になっております。田中商事の田中です。 キャンペーン価格で20ライセンスの見積もりをお願いできますでしょうか。 よろしくお願いいたします。',
      occurredAt: '2026-11-28T03:20:41.000Z',
      references: [MKTO(1004, 5004)],
    },
  },
  {
    file: '05-utf8-base64-signature.eml',
    recipients: ['reply+1005@replies.example.com'],
    receivedAt: '2026-11-28T04:05:02Z',
    expected: {
      kind: 'human',
      reason: HUMAN,
      messageId: 'CAJ4f8Uq1Xm3hZp7Lr9n2Wk5Tb0v6Yc8d=Qe1g3s5u7w9A@mail.sample-shoji.example.jp',
      from: 'hanako.suzuki@sample-shoji.example.jp',
      leadId: '1005',
      subject: 'Re: 【ウェビナー】営業DXを30分で',
      snippet:
        'Example Cloud 営業部 ご担当者様 ご案内ありがとうございます。 ウェビナーに2名で参加したいと考えております。 事前に資料をいただくことは可能でしょうか。',
      occurredAt: '2026-11-28T04:04:58.000Z',
      references: [MKTO(1005, 5005)],
    },
  },
  {
    file: '06-quoted-printable-utf8.eml',
    recipients: ['reply+1006@replies.example.com'],
    receivedAt: '2026-11-28T05:31:27Z',
    expected: {
      kind: 'human',
      reason: HUMAN,
      messageId: '5C1E7A2B-93D4-4F6A-B8E0-2D7C9F1A4B36@watanabe-denki.example.jp',
      from: 'y.watanabe@watanabe-denki.example.jp',
      leadId: '1006',
      subject: 'Re: 導入事例集のダウンロードありがとうございます',
      snippet:
        '資料を拝見しました。来月の定例会議で導入を検討しますので、12月10日までに正式なお見積もりをお送りいただけますと幸いです。 よろしくお願いいたします。 渡辺',
      occurredAt: '2026-11-28T05:31:19.000Z',
      references: [MKTO(1006, 5006)],
    },
  },
  {
    file: '07-auto-submitted.eml',
    recipients: ['reply+1007@replies.example.com'],
    receivedAt: '2026-11-28T06:00:04Z',
    expected: {
      kind: 'auto-reply',
      reason: 'header Auto-Submitted: auto-replied',
      messageId: 'ticket-48213-ack.1764309602@helpdesk.northwind.example',
      from: 'support@northwind.example',
      leadId: '1007',
      subject: '[Ticket #48213] Re: Webinar: Sales DX in 30 minutes',
      snippet:
        'Hello, Thank you for contacting Northwind Support. We have received your message and created ticket #48213 for it. A member of our team will respond within one business day. Please keep the ticket nu…',
      occurredAt: '2026-11-28T06:00:02.000Z',
      references: ['CAK2tq8Rz0Yw4Nn7Bv1Xc5Mm9Ll3Kk6Jj8Hh2Gg4Ff0Dd@mail.northwind.example'],
    },
  },
  {
    file: '08a-outlook-out-of-office.eml',
    recipients: ['reply+1008@replies.example.com'],
    receivedAt: '2026-11-28T01:00:07Z',
    expected: {
      kind: 'auto-reply',
      reason: 'header X-Auto-Response-Suppress',
      messageId: 'OS3PR01MB6723F1B0C9E8D7A6B5C4@OS3PR01MB6723.jpnprd01.prod.contoso.example',
      from: 'd.moore@contoso.example',
      leadId: '1008',
      subject: 'Automatic reply: Start your free trial',
      snippet:
        'I am out of the office until Monday, December 7, with limited access to email. For urgent matters, please contact sales@contoso.example.',
      occurredAt: '2026-11-28T01:00:05.000Z',
      references: [MKTO(1008, 5003)],
    },
  },
  {
    file: '08b-japanese-fuzai.eml',
    recipients: ['reply+1082@replies.example.com'],
    receivedAt: '2026-12-29T00:10:12Z',
    expected: {
      kind: 'auto-reply',
      reason: 'subject "不在"',
      messageId: '20261229091009.7f3a2c1b@mail.sample-shoji.example.jp',
      from: 'ken.takahashi@sample-shoji.example.jp',
      leadId: '1082',
      subject: '不在のお知らせ（12月29日～1月5日）',
      snippet:
        'メールありがとうございます。 誠に勝手ながら、12月29日から1月5日まで冬季休暇のため不在にしております。 1月6日以降、順次ご返信いたします。 お急ぎの場合は営業部（sales@sample-shoji.example.jp）までご連絡ください。',
      occurredAt: '2026-12-29T00:10:09.000Z',
      references: [],
    },
  },
  {
    file: '09-bounce-dsn.eml',
    recipients: ['replies@replies.example.com'],
    receivedAt: '2026-11-28T00:30:14Z',
    expected: {
      kind: 'bounce',
      reason: 'multipart/report delivery-status',
      messageId: '20261128003012.4Fh2Kq1x3Tz9w@mail.customer.example.com',
      from: 'mailer-daemon@mail.customer.example.com',
      leadId: '',
      subject: 'Undelivered Mail Returned to Sender',
      snippet: '',
      occurredAt: '2026-11-28T00:30:12.000Z',
      references: [],
    },
  },
  {
    file: '10-attachment-pdf.eml',
    recipients: ['reply+1010@replies.example.com'],
    receivedAt: '2026-11-28T08:44:51Z',
    expected: {
      kind: 'human',
      reason: HUMAN,
      messageId: '7d1c9e2a-4b3f-4e8a-9c6d-5f0b1a2e3c4d@fabrikam.example',
      from: 'mark.jensen@fabrikam.example',
      leadId: '1010',
      subject: 'Re: Your quote Q-2026-118',
      snippet:
        'Hello, Please find attached our purchase order for 20 seats. We would like to start on January 4. Kind regards, Mark',
      occurredAt: '2026-11-28T08:44:47.000Z',
      references: [MKTO(1010, 5010)],
    },
  },
  {
    file: '11-shift-jis.eml',
    recipients: ['reply+1011@replies.example.com'],
    receivedAt: '2026-11-28T07:12:40Z',
    expected: {
      kind: 'human',
      reason: HUMAN,
      messageId: '000001db5f3a$8c2e4d10$a48ae730$@ito-kogyo.example.jp',
      from: 'makoto.ito@ito-kogyo.example.jp',
      leadId: '1011',
      subject: 'RE: 製品デモのご案内',
      snippet:
        'Example Cloud 山本様 お世話になっております。 ﾃﾞﾓのご案内ありがとうございます。来週火曜日の午後2時からでお願いできますでしょうか。 伊藤',
      occurredAt: '2026-11-28T07:12:33.000Z',
      references: [MKTO(1011, 5011)],
    },
  },
  {
    file: '12-mailing-list.eml',
    recipients: ['replies@replies.example.com'],
    receivedAt: '2026-11-28T09:00:03Z',
    expected: {
      kind: 'auto-reply',
      reason: 'header Precedence: bulk',
      messageId: '48.8f2c.20261128090000@news.northwind.example',
      from: 'weekly@news.northwind.example',
      leadId: '',
      subject: 'Northwind Weekly: five ways to speed up month-end',
      snippet:
        'Northwind Weekly | Issue 48 Five ways to speed up your month-end close, a new case study from Contoso, and our December events. Read online: https://news.northwind.example/issues/48',
      occurredAt: '2026-11-28T09:00:00.000Z',
      references: [],
    },
  },
];

function fixture(file: string): Buffer {
  return readFileSync(join(FIXTURES, file));
}

describe('the reply corpus', () => {
  it.each(cases)('reads $file', async ({ file, recipients, receivedAt, expected }) => {
    await expect(parseReply(fixture(file), { recipients, receivedAt: new Date(receivedAt) })).resolves.toEqual(
      expected,
    );
  });

  it('covers every message in the corpus folder', () => {
    const files = readdirEml();
    expect(cases.map((c) => c.file).sort()).toEqual(files);
  });

  it('keeps the fixtures byte-exact, with CRLF line endings only', () => {
    for (const file of readdirEml()) {
      const text = fixture(file).toString('latin1');
      expect({ file, bareLineFeeds: text.replace(/\r\n/g, '').includes('\n') }).toEqual({ file, bareLineFeeds: false });
    }
  });

  it('finds the lead in the To header when the envelope recipients carry no token', async () => {
    const reply = await parseReply(fixture('04-iso-2022-jp.eml'), {
      recipients: [],
      receivedAt: new Date('2026-11-28T03:20:45Z'),
    });
    expect(reply.leadId).toBe('1004');
  });
});

function readdirEml(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.eml'))
    .sort();
}
