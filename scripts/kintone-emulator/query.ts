import { KintoneError, invalidParam } from './errors';
import { locateField } from './fields';
import type { FieldDef, StoredRecord } from './types';
import { isRows, listOf, textOf } from './types';
import { normalizeDate, normalizeNumber, parseDateTime } from './values';

/**
 * The kintone query language, as far as this project needs it:
 *   cond := field (= | != | < | > | <= | >=) value | field [not] in (v, ...) | field [not] like "s"
 *         | field is [not] empty
 *   expr := cond | (expr) | expr and expr | expr or expr      (and binds tighter than or)
 *   query := [expr] [order by field [asc|desc], ...] [limit n] [offset n]
 * Values are double-quoted strings (escapes \" \\ \t \n \r) or bare numbers; a quoted value is
 * only ever data, never syntax. Functions (NOW(), LOGINUSER() ...) are not implemented.
 *
 * Semantics, and where they come from:
 * - operators allowed per field type follow the kintone.dev "Query string" table; a wrong one is
 *   GAIA_IQ03 (e.g. `=` on a Drop-down, observed), `=`/`!=` on a table column is GAIA_IQ07;
 * - unknown field → GAIA_IQ11; limit > 500 → GAIA_QU01; offset > 10,000 → GAIA_QU02; syntax → CB_VA01;
 * - no `order by` means `$id desc` (observed);
 * - text `=`/`!=`/`in`/`not in` compare exactly by default ('exact'), or ignoring letter case ('ignoreCase').
 *   Real kintone's collation is not documented (cybozu.dev "Query String" says only "matches"), so the
 *   emulator offers both and the writer's tests run under each;
 * - `like` is a case-insensitive substring test. Real kintone does a word search ("key" does not find
 *   "keyword"), so a `like` that works here may find less on a real kintone;
 * - a table column matches if any row matches (`not in` / `not like`: if no row matches).
 */
export interface RecordQuery {
  matches(record: StoredRecord): boolean;
  compare(a: StoredRecord, b: StoredRecord): number;
  limit: number;
  offset: number;
}

/** How text `=`/`in` compare: kintone does not document it, so the emulator can do either. */
export type TextCompare = 'exact' | 'ignoreCase';

type CmpOp = '=' | '!=' | '<' | '>' | '<=' | '>=';
type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'op'; op: CmpOp }
  | { kind: '(' | ')' | ',' };

interface Literal {
  text: string;
  quoted: boolean;
}

type Condition =
  | { kind: 'cmp'; field: string; op: CmpOp; value: Literal }
  | { kind: 'in'; field: string; negate: boolean; values: Literal[] }
  | { kind: 'like'; field: string; negate: boolean; value: string }
  | { kind: 'empty'; field: string; negate: boolean };
type Expr = Condition | { kind: 'and'; left: Expr; right: Expr } | { kind: 'or'; left: Expr; right: Expr };

const syntaxError = (): KintoneError => invalidParam('query', (m) => m.querySyntax);

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', t: '\t', n: '\n', r: '\r' };
const WORD_END = /[\s()",=!<>]/;

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c });
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= query.length) throw syntaxError();
        const ch = query.charAt(i);
        if (ch === '"') break;
        // A raw tab or line break inside quotes is refused by kintone (observed); escapes are fine.
        if (ch === '\t' || ch === '\n' || ch === '\r') throw syntaxError();
        if (ch === '\\') {
          const next = query.charAt(i + 1);
          if (next === '') throw syntaxError();
          value += ESCAPES[next] ?? next;
          i += 2;
        } else {
          value += ch;
          i++;
        }
      }
      tokens.push({ kind: 'string', value });
      i++;
    } else if (/[=!<>]/.test(c)) {
      const two = query.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        tokens.push({ kind: 'op', op: two });
        i += 2;
      } else if (c === '=' || c === '<' || c === '>') {
        tokens.push({ kind: 'op', op: c });
        i++;
      } else {
        throw syntaxError();
      }
    } else {
      let end = i;
      while (end < query.length && !WORD_END.test(query.charAt(end))) end++;
      const text = query.slice(i, end);
      tokens.push(/^-?\d+(\.\d+)?$/.test(text) ? { kind: 'number', text } : { kind: 'word', text });
      i = end;
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const token = this.tokens[this.pos++];
    if (!token) throw syntaxError();
    return token;
  }

  private isWord(word: string, offset = 0): boolean {
    const token = this.tokens[this.pos + offset];
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  }

  private expectWord(word: string): void {
    if (!this.isWord(word)) throw syntaxError();
    this.pos++;
  }

  private expect(kind: '(' | ')'): void {
    if (this.next().kind !== kind) throw syntaxError();
  }

  parse(): { where?: Expr; orderBy: Array<{ field: string; desc: boolean }>; limit?: number; offset?: number } {
    const atClause = (): boolean => this.isWord('order') || this.isWord('limit') || this.isWord('offset');
    const where = this.peek() && !atClause() ? this.parseOr() : undefined;
    const orderBy: Array<{ field: string; desc: boolean }> = [];
    if (this.isWord('order')) {
      this.pos++;
      this.expectWord('by');
      for (;;) {
        const field = this.fieldName();
        const desc = this.isWord('desc');
        if (desc || this.isWord('asc')) this.pos++;
        orderBy.push({ field, desc });
        if (this.peek()?.kind !== ',') break;
        this.pos++;
      }
    }
    let limit: number | undefined;
    let offset: number | undefined;
    while (this.isWord('limit') || this.isWord('offset')) {
      const which = this.isWord('limit') ? 'limit' : 'offset';
      this.pos++;
      const token = this.next();
      if (token.kind !== 'number' || !/^\d+$/.test(token.text)) throw syntaxError();
      if (which === 'limit' && limit === undefined) limit = Number(token.text);
      else if (which === 'offset' && offset === undefined) offset = Number(token.text);
      else throw syntaxError();
    }
    if (this.peek()) throw syntaxError();
    return { where, orderBy, limit, offset };
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      this.pos++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parsePrimary();
    while (this.isWord('and')) {
      this.pos++;
      left = { kind: 'and', left, right: this.parsePrimary() };
    }
    return left;
  }

  private parsePrimary(): Expr {
    if (this.peek()?.kind === '(') {
      this.pos++;
      const inner = this.parseOr();
      this.expect(')');
      return inner;
    }
    const field = this.fieldName();
    const token = this.next();
    if (token.kind === 'op') return { kind: 'cmp', field, op: token.op, value: this.literal() };
    if (token.kind !== 'word') throw syntaxError();
    const word = token.text.toLowerCase();
    const negate = word === 'not';
    let operator = word;
    if (negate) {
      const next = this.next();
      if (next.kind !== 'word') throw syntaxError();
      operator = next.text.toLowerCase();
    }
    if (operator === 'in') return { kind: 'in', field, negate, values: this.list() };
    if (operator === 'like') {
      const value = this.literal();
      if (!value.quoted) throw syntaxError();
      return { kind: 'like', field, negate, value: value.text };
    }
    if (word === 'is') {
      const not = this.isWord('not');
      if (not) this.pos++;
      this.expectWord('empty');
      return { kind: 'empty', field, negate: not };
    }
    throw syntaxError();
  }

  private fieldName(): string {
    const token = this.next();
    if (token.kind !== 'word') throw syntaxError();
    return token.text;
  }

  private literal(): Literal {
    const token = this.next();
    if (token.kind === 'string') return { text: token.value, quoted: true };
    if (token.kind === 'number') return { text: token.text, quoted: false };
    throw syntaxError();
  }

  private list(): Literal[] {
    this.expect('(');
    const values = [this.literal()];
    while (this.peek()?.kind === ',') {
      this.pos++;
      values.push(this.literal());
    }
    this.expect(')');
    return values;
  }
}

type Kind = 'number' | 'date' | 'datetime' | 'text';
type OpName = CmpOp | 'in' | 'not in' | 'like' | 'not like' | 'is' | 'is not';

const OPS_BY_TYPE: Record<string, readonly OpName[]> = {
  __ID__: ['=', '!=', '<', '>', '<=', '>=', 'in', 'not in'],
  RECORD_NUMBER: ['=', '!=', '<', '>', '<=', '>=', 'in', 'not in'],
  NUMBER: ['=', '!=', '<', '>', '<=', '>=', 'in', 'not in'],
  CREATED_TIME: ['=', '!=', '<', '>', '<=', '>='],
  UPDATED_TIME: ['=', '!=', '<', '>', '<=', '>='],
  DATE: ['=', '!=', '<', '>', '<=', '>='],
  DATETIME: ['=', '!=', '<', '>', '<=', '>='],
  CREATOR: ['in', 'not in'],
  MODIFIER: ['in', 'not in'],
  SINGLE_LINE_TEXT: ['=', '!=', 'in', 'not in', 'like', 'not like'],
  LINK: ['=', '!=', 'in', 'not in', 'like', 'not like'],
  MULTI_LINE_TEXT: ['like', 'not like', 'is', 'is not'],
  DROP_DOWN: ['in', 'not in'],
  RADIO_BUTTON: ['in', 'not in'],
  CHECK_BOX: ['in', 'not in'],
  USER_SELECT: ['in', 'not in'],
};

const SORTABLE = new Set([
  '__ID__',
  'RECORD_NUMBER',
  'NUMBER',
  'CREATED_TIME',
  'UPDATED_TIME',
  'DATE',
  'DATETIME',
  'SINGLE_LINE_TEXT',
  'LINK',
  'DROP_DOWN',
  'RADIO_BUTTON',
]);

function kindOf(type: string): Kind {
  if (type === '__ID__' || type === 'RECORD_NUMBER' || type === 'NUMBER') return 'number';
  if (type === 'DATE') return 'date';
  if (type === 'DATETIME' || type === 'CREATED_TIME' || type === 'UPDATED_TIME') return 'datetime';
  return 'text';
}

interface FieldRef {
  code: string;
  type: string;
  kind: Kind;
  inTable: boolean;
  /** Every value the record holds for the field: one for a plain field, one per row for a column. */
  read(record: StoredRecord): string[];
}

function resolveField(properties: Record<string, FieldDef>, code: string): FieldRef {
  if (code === '$id') return { code, type: '__ID__', kind: 'number', inTable: false, read: (r) => [String(r.id)] };
  const location = locateField(properties, code);
  if (!location) throw new KintoneError(400, 'GAIA_IQ11', (m) => m.queryFieldNotFound(code));
  const { def } = location;
  if (location.kind === 'column') {
    const table = location.table;
    const read = (r: StoredRecord): string[] => {
      const rows = r.values[table];
      if (!isRows(rows)) return [];
      return rows.flatMap((row) => {
        const v = row.values[code];
        return Array.isArray(v) ? v : [v ?? ''];
      });
    };
    return { code, type: def.type, kind: kindOf(def.type), inTable: true, read };
  }
  const read = (r: StoredRecord): string[] => {
    switch (def.type) {
      case 'RECORD_NUMBER':
        return [String(r.id)];
      case 'CREATED_TIME':
        return [r.createdAt];
      case 'UPDATED_TIME':
        return [r.updatedAt];
      case 'CREATOR':
        return [r.creator.code];
      case 'MODIFIER':
        return [r.modifier.code];
      case 'CHECK_BOX':
      case 'USER_SELECT':
        return listOf(r.values[code]);
      default:
        return [textOf(r.values[code])];
    }
  };
  return { code, type: def.type, kind: kindOf(def.type), inTable: false, read };
}

function checkOperator(field: FieldRef, op: OpName): void {
  if (!(OPS_BY_TYPE[field.type] ?? []).includes(op)) {
    throw new KintoneError(400, 'GAIA_IQ03', (m) => m.queryOperator(field.code, op));
  }
  if (field.inTable && (op === '=' || op === '!=')) {
    throw new KintoneError(400, 'GAIA_IQ07', (m) => m.queryTableOperator(field.code, op));
  }
}

/** Sort/compare key of a stored value; undefined for empty. */
function keyOf(kind: Kind, value: string): number | string | undefined {
  if (value === '') return undefined;
  if (kind === 'number') return Number(value);
  if (kind === 'datetime') return parseDateTime(value)?.ms;
  return value;
}

/** Key of a query operand; undefined for "" (which compares equal to an empty value). */
function operandKey(field: FieldRef, literal: Literal): number | string | undefined {
  if (literal.text === '') return undefined;
  switch (field.kind) {
    case 'number': {
      const n = normalizeNumber(literal.text);
      return n === undefined ? syntaxFail() : Number(n);
    }
    case 'date':
      return normalizeDate(literal.text) ?? syntaxFail();
    case 'datetime':
      // Documented: a date without a time means 00:00 UTC. Seconds are ignored like on write.
      return parseDateTime(literal.text)?.ms ?? syntaxFail();
    default:
      return literal.text;
  }
}

function comparison(
  field: FieldRef,
  op: CmpOp,
  literal: Literal,
  fold: (text: string) => string,
): (value: string) => boolean {
  const rawOperand = operandKey(field, literal);
  const operand = typeof rawOperand === 'string' && field.kind === 'text' ? fold(rawOperand) : rawOperand;
  return (value) => {
    const rawKey = keyOf(field.kind, value);
    const key = typeof rawKey === 'string' && field.kind === 'text' ? fold(rawKey) : rawKey;
    if (op === '=') return key === operand;
    if (op === '!=') return key !== operand;
    if (key === undefined || operand === undefined) return false;
    if (op === '<') return key < operand;
    if (op === '<=') return key <= operand;
    if (op === '>') return key > operand;
    return key >= operand;
  };
}

function membership(field: FieldRef, values: Literal[], fold: (text: string) => string): (value: string) => boolean {
  if (field.kind === 'number') {
    const set = new Set(values.map((v) => (v.text === '' ? '' : (normalizeNumber(v.text) ?? syntaxFail()))));
    return (value) => set.has(value);
  }
  // Selections (drop-down, check box ...) name options exactly; only free text may compare loosely.
  const foldText = field.type === 'SINGLE_LINE_TEXT' || field.type === 'LINK' ? fold : (text: string) => text;
  const set = new Set(values.map((v) => foldText(v.text)));
  return (value) => set.has(foldText(value));
}

function syntaxFail(): never {
  throw syntaxError();
}

const FOLDS: Record<TextCompare, (text: string) => string> = {
  exact: (text) => text,
  ignoreCase: (text) => text.toLowerCase(),
};

function compileCondition(
  properties: Record<string, FieldDef>,
  cond: Condition,
  fold: (text: string) => string,
): (r: StoredRecord) => boolean {
  const field = resolveField(properties, cond.field);
  const any = (test: (value: string) => boolean) => (r: StoredRecord) => field.read(r).some(test);
  switch (cond.kind) {
    case 'cmp': {
      checkOperator(field, cond.op);
      return any(comparison(field, cond.op, cond.value, fold));
    }
    case 'in': {
      checkOperator(field, cond.negate ? 'not in' : 'in');
      const member = membership(field, cond.values, fold);
      // An empty selection or an empty table is matched by in ("") (observed for empty selections).
      const matches = (r: StoredRecord): boolean => {
        const values = field.read(r);
        return values.length === 0 ? member('') : values.some(member);
      };
      return cond.negate ? (r) => !matches(r) : matches;
    }
    case 'like': {
      checkOperator(field, cond.negate ? 'not like' : 'like');
      const needle = cond.value.toLowerCase();
      const matches = any((value) => value !== '' && value.toLowerCase().includes(needle));
      return cond.negate ? (r) => !matches(r) : matches;
    }
    case 'empty': {
      checkOperator(field, cond.negate ? 'is not' : 'is');
      const empty = (r: StoredRecord): boolean => field.read(r).every((v) => v.trim() === '');
      return cond.negate ? (r) => !empty(r) : empty;
    }
  }
}

function compileExpr(
  properties: Record<string, FieldDef>,
  expr: Expr,
  fold: (text: string) => string,
): (r: StoredRecord) => boolean {
  if (expr.kind === 'and' || expr.kind === 'or') {
    const left = compileExpr(properties, expr.left, fold);
    const right = compileExpr(properties, expr.right, fold);
    return expr.kind === 'and' ? (r) => left(r) && right(r) : (r) => left(r) || right(r);
  }
  return compileCondition(properties, expr, fold);
}

const byIdDesc = (a: StoredRecord, b: StoredRecord): number => b.id - a.id;

function compileOrder(
  properties: Record<string, FieldDef>,
  orderBy: Array<{ field: string; desc: boolean }>,
): (a: StoredRecord, b: StoredRecord) => number {
  const keys = orderBy.map(({ field: code, desc }) => {
    const field = resolveField(properties, code);
    if (field.inTable || !SORTABLE.has(field.type)) {
      throw new KintoneError(400, 'GAIA_IQ03', (m) => m.queryOperator(code, 'order by'));
    }
    return { field, sign: desc ? -1 : 1 };
  });
  return (a, b) => {
    for (const { field, sign } of keys) {
      const ka = keyOf(field.kind, field.read(a)[0] ?? '');
      const kb = keyOf(field.kind, field.read(b)[0] ?? '');
      if (ka === kb) continue;
      // Empty values sort before any value in ascending order.
      if (ka === undefined) return -sign;
      if (kb === undefined) return sign;
      return (ka < kb ? -1 : 1) * sign;
    }
    return byIdDesc(a, b);
  };
}

export const MAX_LIMIT = 500;
export const MAX_OFFSET = 10_000;

export function compileQuery(
  query: string | undefined,
  properties: Record<string, FieldDef>,
  textCompare: TextCompare = 'exact',
): RecordQuery {
  const parsed = new Parser(tokenize(query ?? '')).parse();
  const limit = parsed.limit ?? 100;
  const offset = parsed.offset ?? 0;
  if (limit > MAX_LIMIT) throw new KintoneError(400, 'GAIA_QU01', (m) => m.queryLimit);
  if (offset > MAX_OFFSET) throw new KintoneError(400, 'GAIA_QU02', (m) => m.queryOffset);
  const where = parsed.where;
  return {
    matches: where ? compileExpr(properties, where, FOLDS[textCompare]) : () => true,
    compare: parsed.orderBy.length > 0 ? compileOrder(properties, parsed.orderBy) : byIdDesc,
    limit,
    offset,
  };
}
