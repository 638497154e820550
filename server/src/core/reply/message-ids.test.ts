import { messageIds } from './message-ids';

describe('messageIds', () => {
  it('takes the ids between angle brackets, in order, without the brackets', () => {
    expect(messageIds('<a1@example.com>')).toEqual(['a1@example.com']);
    expect(messageIds('<a1@example.com>\r\n <b2@example.com> <c3$x@example.jp>')).toEqual([
      'a1@example.com',
      'b2@example.com',
      'c3$x@example.jp',
    ]);
  });

  it('ignores the phrases and comments older mailers write around an id', () => {
    expect(messageIds('Your message of "Fri, 27 Nov 2026" <a1@example.com> (Jane Doe)')).toEqual(['a1@example.com']);
  });

  it('falls back to bare words that look like ids when nothing is bracketed', () => {
    expect(messageIds('a1@example.com b2@example.com')).toEqual(['a1@example.com', 'b2@example.com']);
    expect(messageIds('a1@example.com, not-an-id')).toEqual(['a1@example.com']);
  });

  it('finds nothing in an empty or id-less header', () => {
    expect(messageIds('')).toEqual([]);
    expect(messageIds('   ')).toEqual([]);
    expect(messageIds('<>')).toEqual([]);
    expect(messageIds('(no id)')).toEqual([]);
  });
});
