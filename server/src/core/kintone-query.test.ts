import { leadKeyQuery, quoteQueryValue } from './kintone-query';

/**
 * An independent reader of kintone's query syntax for `field in ("a", "b") rest`: decodes the quoted strings
 * (backslash escapes the next character) and returns the field, the values and what follows the list.
 * If escaping were wrong, a value would end early and the rest of the query would change.
 */
function readInQuery(query: string): { field: string; values: string[]; rest: string } {
  const head = /^(\S+) in \(/.exec(query);
  if (!head) throw new Error(`not an in-query: ${query}`);
  let i = head[0].length;
  const values: string[] = [];
  for (;;) {
    if (query[i] !== '"') throw new Error(`expected a quoted value at ${i}: ${query}`);
    i++;
    let value = '';
    for (;;) {
      const c = query[i];
      if (c === undefined) throw new Error(`unterminated string: ${query}`);
      if (c === '\\') {
        const next = query[i + 1];
        if (next === undefined) throw new Error(`dangling escape: ${query}`);
        value += next;
        i += 2;
        continue;
      }
      if (c === '"') {
        i++;
        break;
      }
      value += c;
      i++;
    }
    values.push(value);
    if (query.startsWith(', ', i)) {
      i += 2;
      continue;
    }
    if (query[i] === ')') {
      i++;
      break;
    }
    throw new Error(`unexpected text at ${i}: ${query}`);
  }
  return { field: head[1]!, values, rest: query.slice(i) };
}

describe('quoteQueryValue', () => {
  it.each([
    ['plain', 'taro@example.com', '"taro@example.com"'],
    ['empty', '', '""'],
    ['double quote', 'a"b', '"a\\"b"'],
    ['backslash', 'a\\b', '"a\\\\b"'],
    ['backslash then quote', '\\"', '"\\\\\\""'],
    ['trailing backslash', 'abc\\', '"abc\\\\"'],
    ['single quote left alone', "o'brien@example.com", '"o\'brien@example.com"'],
    ['unicode left alone', '山田 太郎 😀', '"山田 太郎 😀"'],
    ['query syntax left literal', 'a" or $id > "0', '"a\\" or $id > \\"0"'],
  ])('%s', (_name, input, expected) => {
    expect(quoteQueryValue(input)).toBe(expected);
  });
});

describe('leadKeyQuery', () => {
  it('builds an in-query ordered by record id with limit and offset', () => {
    expect(leadKeyQuery('email', ['a@example.com', 'b@example.com'], 500, 1000)).toBe(
      'email in ("a@example.com", "b@example.com") order by $id asc limit 500 offset 1000',
    );
  });

  it('works with a single value', () => {
    expect(leadKeyQuery('lead_id', ['42'], 1, 0)).toBe('lead_id in ("42") order by $id asc limit 1 offset 0');
  });

  it('keeps kintone syntax inside a value from escaping the string', () => {
    const injected = 'a" or $id > "0';
    const query = leadKeyQuery('email', [injected], 500, 0);
    expect(query).toBe('email in ("a\\" or $id > \\"0") order by $id asc limit 500 offset 0');
    expect(readInQuery(query)).toEqual({
      field: 'email',
      values: [injected],
      rest: ' order by $id asc limit 500 offset 0',
    });
  });

  it('round-trips hostile values through an independent reader of the query', () => {
    const values = [
      '"',
      '\\',
      '\\"',
      '") or email like ("',
      'x\\") limit 1 offset 0 --',
      'trailing\\',
      '"quoted"',
      'new\nline',
      'tab\tand ( parens )',
      '山田＠例え.jp',
      '😀@example.com',
      '',
    ];
    const query = leadKeyQuery('email', values, 500, 500);
    expect(readInQuery(query)).toEqual({ field: 'email', values, rest: ' order by $id asc limit 500 offset 500' });
  });

  it.each(['email', 'lead_id', 'Email_2', 'メールアドレス', '顧客・担当', '＄金額', '￥価格', '$id', 'ID123'])(
    'accepts the field code %s',
    (field) => {
      expect(leadKeyQuery(field, ['x'], 10, 0)).toBe(`${field} in ("x") order by $id asc limit 10 offset 0`);
    },
  );

  it.each([
    '',
    'e mail',
    'email ',
    'a"b',
    'email in ("x") or $id',
    'a-b',
    'a.b',
    '(email)',
    'email\n',
    'email,lead',
    'a\\b',
  ])('refuses the field code %j', (field) => {
    expect(() => leadKeyQuery(field, ['x'], 10, 0)).toThrow(`not a kintone field code: ${field}`);
  });

  it('refuses an empty value list (kintone rejects "in ()")', () => {
    expect(() => leadKeyQuery('email', [], 10, 0)).toThrow('leadKeyQuery needs at least one value');
  });
});
