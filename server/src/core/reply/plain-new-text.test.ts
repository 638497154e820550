import { newTextFromPlain } from './plain-new-text';

const text = (...lines: string[]) => lines.join('\n');

describe('newTextFromPlain: quoted history', () => {
  it.each([
    ['> quotes', text('Yes, 20 seats.', '', '> Would you like a quote?', '> Example Cloud')],
    ['full-width ＞ quotes', text('Yes, 20 seats.', '＞ Would you like a quote?')],
    ['indented quotes', text('Yes, 20 seats.', '   > Would you like a quote?')],
    ['a quote hidden behind a zero-width space', text('Yes, 20 seats.', '\u200b> Would you like a quote?')],
    [
      '"On … wrote:"',
      text(
        'Yes, 20 seats.',
        '',
        'On Fri, Nov 27, 2026 at 9:00 AM Example Cloud <news@example.com> wrote:',
        'Would you like a quote?',
      ),
    ],
    [
      '"On … wrote:" wrapped over two lines',
      text(
        'Yes, 20 seats.',
        '',
        'On Fri, Nov 27, 2026 at 9:00 AM Example Cloud <news@example.com>',
        'wrote:',
        '',
        'Would you like a quote?',
      ),
    ],
    ['"… wrote:"', text('Yes, 20 seats.', '', 'Example Cloud wrote:', 'Would you like a quote?')],
    [
      'a Gmail Japanese attribution',
      text('Yes, 20 seats.', '', '2026年11月28日(土) 10:00 山田太郎 <taro@example.jp>:', 'Would you like a quote?'),
    ],
    [
      'a Gmail Japanese attribution wrapped over two lines',
      text(
        'Yes, 20 seats.',
        '',
        '2026年11月28日(土) 10:00 Example Cloud Marketing <',
        'news@example.com>:',
        '',
        'Would you like a quote?',
      ),
    ],
    [
      'an Apple Mail Japanese attribution',
      text(
        'Yes, 20 seats.',
        '',
        '2026/11/27 10:00、Example Cloud <news@example.com>のメール:',
        'Would you like a quote?',
      ),
    ],
    ['"…さんは書きました:"', text('Yes, 20 seats.', '', '山田太郎さんは書きました:', 'Would you like a quote?')],
    [
      '"-----Original Message-----"',
      text('Yes, 20 seats.', '', '-----Original Message-----', 'Would you like a quote?'),
    ],
    ['"-----元のメッセージ-----"', text('Yes, 20 seats.', '-----元のメッセージ-----', 'Would you like a quote?')],
    [
      '"---------- Forwarded message ---------"',
      text('Yes, 20 seats.', '---------- Forwarded message ---------', 'From: x'),
    ],
    ['"----- 転送メッセージ -----"', text('Yes, 20 seats.', '----- 転送メッセージ -----', 'Would you like a quote?')],
    [
      '"Begin forwarded message:"',
      text('Yes, 20 seats.', '', 'Begin forwarded message:', '', 'Would you like a quote?'),
    ],
    [
      'an Outlook header block',
      text(
        'Yes, 20 seats.',
        '',
        'From: Example Cloud <news@example.com>',
        'Sent: Friday, November 27, 2026 10:00 AM',
        'To: Jane',
        'Would you like a quote?',
      ),
    ],
    [
      'an Outlook header block in bold, with Date and To between',
      text(
        'Yes, 20 seats.',
        '*From:* Example Cloud <news@example.com>',
        '*To:* Jane',
        '*Date:* Friday, 27 November 2026',
        'Would you like a quote?',
      ),
    ],
    [
      'a Japanese Outlook header block',
      text(
        'Yes, 20 seats.',
        '',
        '差出人: Example Cloud <news@example.com>',
        '送信日時: 2026年11月27日 10:00',
        '件名: ご案内',
        'Would you like a quote?',
      ),
    ],
    [
      'an Outlook rule above the header block',
      text(
        'Yes, 20 seats.',
        '',
        '________________________________',
        '',
        'From: Example Cloud <news@example.com>',
        'Sent: Friday',
        'Would you like a quote?',
      ),
    ],
  ])('keeps only the text above %s', (_, reply) => {
    expect(newTextFromPlain(reply)).toBe('Yes, 20 seats.');
  });

  it('keeps prose that only resembles a marker', () => {
    const reply = text(
      'From: our side, the 20 seats are fine.',
      '2026年12月1日の予定は以下の通りです:',
      'Online meeting on Tuesday',
      '________________________________',
      'Jane',
    );
    expect(newTextFromPlain(reply)).toBe(reply);
  });

  it('keeps the answer written below the quotes, without the quotes and the attribution', () => {
    const reply = text(
      'On Fri, Nov 27, 2026 at 9:00 AM Example Cloud <news@example.com>',
      'wrote:',
      '> Would you like a quote?',
      '',
      'Yes, 20 seats.',
    );
    expect(newTextFromPlain(reply)).toBe('Yes, 20 seats.');
  });

  it('keeps the answers written between the quotes', () => {
    const reply = text(
      '2026年11月27日(金) 10:00 Example Cloud <news@example.com>:',
      '＞ ご希望の人数は？',
      '20名です。',
      '＞ ご希望の日程は？',
      '来週火曜日です。',
    );
    expect(newTextFromPlain(reply)).toBe(text('20名です。', '来週火曜日です。'));
  });

  it('gives nothing for a message that only quotes', () => {
    expect(newTextFromPlain(text('> Would you like a quote?', '> Example Cloud'))).toBe('');
  });
});

describe('newTextFromPlain: signatures', () => {
  it.each([
    ['-- ', '-- '],
    ['--', '--'],
    ['a longer dash line', '-------------------------'],
    ['――', '――'],
    ['━━━', '━━━━━━━━━━━━━━━'],
    ['───', '───────────'],
    ['===', '=========='],
    ['＝＝＝', '＝＝＝＝＝＝'],
  ])('drops everything from a %s line', (_, separator) => {
    expect(newTextFromPlain(text('Yes, 20 seats.', '', separator, 'Jane Doe', 'Customer Inc.'))).toBe('Yes, 20 seats.');
  });

  it('keeps dashes inside a line', () => {
    expect(newTextFromPlain(text('Yes -- 20 seats.', 'Call 03-0000-1234'))).toBe(
      text('Yes -- 20 seats.', 'Call 03-0000-1234'),
    );
  });

  it('drops the signature above a quote as well as the quote', () => {
    const reply = text(
      'Yes, 20 seats.',
      '-- ',
      'Jane',
      '',
      'On Fri, Nov 27, 2026 Example Cloud wrote:',
      '> Would you like a quote?',
    );
    expect(newTextFromPlain(reply)).toBe('Yes, 20 seats.');
  });
});

describe('newTextFromPlain: text', () => {
  it('takes CRLF text, trims it and drops invisible characters', () => {
    expect(newTextFromPlain('\r\n  Yes,\u200b 20 seats.\r\n\r\nJane\r\n\r\n')).toBe('Yes, 20 seats.\n\nJane');
  });

  it('gives nothing for nothing', () => expect(newTextFromPlain('')).toBe(''));
});
