import {
  dateTimeMillis,
  RecordShapeError,
  requestFloor,
  subtableRows,
  textValue,
  toKintoneDateTime,
  type RecordFields,
} from './kintone-record';

describe('requestFloor', () => {
  it.each([
    [0, 0],
    [1, 2],
    [100, 2],
    [101, 3],
    [500, 6],
    [501, 8],
    [2000, 24],
  ])('%i records need at least %i requests', (records, floor) => {
    expect(requestFloor(records)).toBe(floor);
  });
});

describe('textValue', () => {
  const fields: RecordFields = {
    text: { type: 'SINGLE_LINE_TEXT', value: 'hello' },
    empty: { type: 'SINGLE_LINE_TEXT', value: '' },
    num: { type: 'NUMBER', value: 3 },
    nul: { type: 'DATETIME', value: null },
    list: { type: 'CHECK_BOX', value: ['a'] },
    obj: { type: 'USER_SELECT', value: { code: 'x' } },
    bool: { value: true },
  };

  it('returns a string value as is', () => expect(textValue(fields, 'text')).toBe('hello'));
  it('returns an empty string as is', () => expect(textValue(fields, 'empty')).toBe(''));
  it('turns a number into its decimal string', () => expect(textValue(fields, 'num')).toBe('3'));
  it('reads null as empty', () => expect(textValue(fields, 'nul')).toBe(''));
  it('reads a missing field as empty', () => expect(textValue(fields, 'absent')).toBe(''));

  it.each(['list', 'obj', 'bool'])('refuses %s, which does not hold text', (code) => {
    expect(() => textValue(fields, code)).toThrow(RecordShapeError);
    expect(() => textValue(fields, code)).toThrow(`field ${code} does not hold text`);
  });
});

describe('subtableRows', () => {
  it('returns rows with their ids and cells', () => {
    const fields: RecordFields = {
      t: {
        type: 'SUBTABLE',
        value: [
          { id: '11', value: { a: { type: 'SINGLE_LINE_TEXT', value: 'x' } } },
          { id: '12', value: {} },
        ],
      },
    };
    expect(subtableRows(fields, 't')).toEqual([
      { id: '11', value: { a: { type: 'SINGLE_LINE_TEXT', value: 'x' } } },
      { id: '12', value: {} },
    ]);
  });

  it('returns no rows for an empty table', () => {
    expect(subtableRows({ t: { type: 'SUBTABLE', value: [] } }, 't')).toEqual([]);
  });

  it('refuses a missing table (the GET did not ask for it, or the config names another field)', () => {
    expect(() => subtableRows({}, 't')).toThrow(/^field t is missing from the record/);
  });

  it.each<[string, unknown]>([
    ['a string', 'rows'],
    ['an object', { id: '1', value: {} }],
    ['null', null],
  ])('refuses a table value that is %s', (_name, value) => {
    expect(() => subtableRows({ t: { value } }, 't')).toThrow(RecordShapeError);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'row'],
    ['without id', { value: {} }],
    ['with a numeric id', { id: 1, value: {} }],
    ['without cells', { id: '1' }],
    ['with null cells', { id: '1', value: null }],
    ['with text cells', { id: '1', value: 'x' }],
  ])('refuses a row %s', (_name, row) => {
    expect(() => subtableRows({ t: { type: 'SUBTABLE', value: [row] } }, 't')).toThrow('table t has a malformed row');
  });
});

describe('toKintoneDateTime', () => {
  it.each([
    ['2026-11-28T00:15:00.000Z', '2026-11-28T00:15:00Z'],
    ['2026-11-28T00:15:59.999Z', '2026-11-28T00:15:00Z'],
    ['2026-11-28T00:15:07Z', '2026-11-28T00:15:00Z'],
    ['2026-11-28T09:15:30+09:00', '2026-11-28T00:15:00Z'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31T23:59:00Z'],
  ])('%s → %s (UTC, to the minute)', (input, expected) => {
    expect(toKintoneDateTime(input)).toBe(expected);
  });
});

describe('dateTimeMillis', () => {
  it('reads kintone DATETIME values', () => {
    expect(dateTimeMillis('2026-11-28T00:15:00Z')).toBe(Date.UTC(2026, 10, 28, 0, 15));
    expect(dateTimeMillis('1970-01-01T00:00:00Z')).toBe(0);
  });
  it('is undefined for an empty value', () => expect(dateTimeMillis('')).toBeUndefined());
  it('is undefined for an unreadable value', () => expect(dateTimeMillis('yesterday')).toBeUndefined());
});
