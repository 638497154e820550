import { MAX_SNIPPET_LENGTH } from '../../../../contract/src/events';
import { cleanText, toSnippet, truncate } from './snippet';

describe('cleanText', () => {
  it('makes every line break \\n and spacing controls spaces', () => {
    expect(cleanText('a\r\nb\rc\nd\te\u000bf\u000cg\u2028h')).toBe('a\nb\nc\nd e f g h');
  });

  it('drops control characters and invisible marks, keeping visible text', () => {
    expect(cleanText('\ufeffa\u0000b\u0007c\u001bd\u007fe\u0090f')).toBe('abcdef');
    expect(cleanText('資料を\u200b拝見\u200c\u200d\u2060しました\u200e\u200f\u202a\u202e\u2066\u2069\u00ad')).toBe(
      '資料を拝見しました',
    );
    expect(cleanText('\u200b> quoted')).toBe('> quoted');
  });

  it('leaves ordinary text alone', () => {
    expect(cleanText('Thanks — 20 seats, ﾃﾞﾓ　OK 😀')).toBe('Thanks — 20 seats, ﾃﾞﾓ　OK 😀');
  });
});

describe('truncate', () => {
  it('keeps text that fits', () => {
    expect(truncate('a'.repeat(200), 200)).toBe('a'.repeat(200));
    expect(truncate('', 200)).toBe('');
  });

  it('cuts longer text to the limit, the last character being …', () => {
    const cut = truncate('a'.repeat(201), 200);
    expect(cut).toBe(`${'a'.repeat(199)}…`);
    expect(cut).toHaveLength(200);
  });

  it('does not end on a space before the …', () => {
    expect(truncate(`${'a'.repeat(197)}  bbbb`, 200)).toBe(`${'a'.repeat(197)}…`);
  });

  it('never splits a surrogate pair at the cut', () => {
    const straddling = `${'a'.repeat(198)}😀bbb`; // the emoji takes code units 198 and 199, the cut falls between them
    expect(truncate(straddling, 200)).toBe(`${'a'.repeat(198)}…`);
    const fitting = `${'a'.repeat(197)}😀bbb`; // the emoji takes code units 197 and 198, before the cut
    expect(truncate(fitting, 200)).toBe(`${'a'.repeat(197)}😀…`);
    expect(truncate(fitting, 200)).toHaveLength(200);
  });
});

describe('toSnippet', () => {
  it('puts the text on one line with single spaces, full-width ones included', () => {
    expect(toSnippet('  Hi Ken,\n\n  Thanks,\twe would like\r\n20 seats.\u3000以上\n')).toBe(
      'Hi Ken, Thanks, we would like 20 seats. 以上',
    );
  });

  it(`is at most ${MAX_SNIPPET_LENGTH} characters`, () => {
    const snippet = toSnippet('見積もり'.repeat(100));
    expect(snippet).toHaveLength(MAX_SNIPPET_LENGTH);
    expect(snippet).toBe(`${'見積もり'.repeat(50).slice(0, 199)}…`);
  });

  it('is empty for blank text', () => expect(toSnippet(' \n\u200b\t')).toBe(''));
});
