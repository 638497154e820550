import type { Directory } from './directory';
import { KintoneError, type FieldErrorCollector } from './errors';
import { isColumnDef, isSubtableDef } from './fields';
import type {
  AppState,
  CellValue,
  ColumnDef,
  Entity,
  StoredRecord,
  StoredRow,
  StoredValue,
  SubtableDef,
} from './types';
import { isRows, listOf, own, textOf } from './types';
import { formatDateTime, normalizeDate, normalizeNumber, nowDateTime, parseDateTime } from './values';

/**
 * Turns one record of a write request into the record's values after the write, the way kintone
 * does (cybozu.dev "kintone REST API common spec" + observations in SonicGarden/kintone-emulator
 * doc/kintone-behavior-notes.md):
 * - unknown field codes are ignored (documented);
 * - on add, fields left out get their default value; on update they keep their value;
 * - a table sent in an update replaces the rows: a row whose id exists keeps that id and keeps the
 *   columns it leaves out, other rows get new ids, rows not sent are deleted; a table left out is kept;
 * - required, length, range and option rules are checked on the merged record;
 * - a non-numeric NUMBER is an error at top level but silently becomes "" inside a table (observed).
 * Errors are keyed like kintone: "<prefix>.<code>.value", "<prefix>.<table>.value[i].value.<col>.value".
 */
export interface WriteContext {
  app: AppState;
  mode: 'add' | 'update';
  /** "record" for single-record APIs, "records[<n>]" for bulk ones. */
  prefix: string;
  errors: FieldErrorCollector;
  newRowId: () => string;
  /** Who a USER_SELECT value may name. */
  directory: Directory;
}

export interface WriteResult {
  values: Record<string, StoredValue>;
  creator?: Entity;
  modifier?: Entity;
  createdAt?: string;
  updatedAt?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function applyWrite(ctx: WriteContext, input: unknown, existing: StoredRecord | undefined): WriteResult {
  const { app, prefix, errors } = ctx;
  const result: WriteResult = { values: existing ? { ...existing.values } : defaultValues(app) };
  if (input !== undefined && input !== null && !isObject(input)) {
    errors.add(prefix, (m) => m.invalidValue);
    return result;
  }
  for (const [code, cell] of Object.entries(input ?? {})) {
    const def = own(app.properties, code);
    if (!def || def.type === 'GROUP') continue;
    const key = `${prefix}.${code}.value`;
    if (!isObject(cell) || !('value' in cell)) {
      errors.add(key, (m) => m.invalidValue);
      continue;
    }
    if (isSubtableDef(def)) {
      result.values[code] = mergeRows(ctx, def, cell.value, existing?.values[code]);
    } else if (isColumnDef(def)) {
      result.values[code] = coerce(def, cell.value, ctx, `${prefix}.${code}`, `${prefix}[${code}].value`, false);
    } else {
      applySystemField(ctx, def.type, cell.value, key, result);
    }
  }
  checkRules(ctx, result.values);
  return result;
}

function applySystemField(ctx: WriteContext, type: string, value: unknown, key: string, result: WriteResult): void {
  // Creator and times may be set when adding (for data migration); nothing else is writable.
  if (ctx.mode === 'add' && (type === 'CREATOR' || type === 'MODIFIER')) {
    const code = isObject(value) ? value.code : undefined;
    if (typeof code !== 'string' || code === '') ctx.errors.add(key, (m) => m.invalidValue);
    else result[type === 'CREATOR' ? 'creator' : 'modifier'] = { code, name: code };
  } else if (ctx.mode === 'add' && (type === 'CREATED_TIME' || type === 'UPDATED_TIME')) {
    const parsed = typeof value === 'string' ? parseDateTime(value) : undefined;
    if (!parsed) ctx.errors.add(key, (m) => m.invalidDateTime);
    else result[type === 'CREATED_TIME' ? 'createdAt' : 'updatedAt'] = formatDateTime(parsed.ms);
  } else {
    ctx.errors.add(key, (m) => m.readOnlyField);
  }
}

function defaultValues(app: AppState): Record<string, StoredValue> {
  const values: Record<string, StoredValue> = {};
  for (const def of Object.values(app.properties)) {
    if (isColumnDef(def)) values[def.code] = defaultCell(def);
    else if (isSubtableDef(def)) values[def.code] = [];
  }
  return values;
}

export function defaultCell(def: ColumnDef): CellValue {
  switch (def.type) {
    case 'CHECK_BOX':
      return [...def.defaultValue];
    case 'USER_SELECT':
      // Functions such as LOGINUSER() name nobody when an API token adds the record.
      return def.defaultValue.flatMap((entity) => (entity.type === 'USER' ? [entity.code] : []));
    case 'DATE':
      return def.defaultNowValue ? nowDateTime().slice(0, 10) : def.defaultValue;
    case 'DATETIME': {
      if (def.defaultNowValue) return nowDateTime();
      const parsed = def.defaultValue === '' ? undefined : parseDateTime(def.defaultValue);
      return parsed ? formatDateTime(parsed.ms) : '';
    }
    default:
      return def.defaultValue;
  }
}

/**
 * Converts a sent value to the stored form. `base` is the error key without its suffix;
 * `numberKey` is where kintone reports a non-numeric top-level NUMBER ("record[code].value").
 */
function coerce(
  def: ColumnDef,
  raw: unknown,
  ctx: WriteContext,
  base: string,
  numberKey: string,
  inTable: boolean,
): CellValue {
  if (raw === null || raw === undefined) return def.type === 'CHECK_BOX' || def.type === 'USER_SELECT' ? [] : '';
  if (def.type === 'USER_SELECT') return userCodes(raw, ctx, base);
  if (def.type === 'CHECK_BOX') {
    if (Array.isArray(raw) && raw.every((v): v is string => typeof v === 'string')) return [...raw];
    ctx.errors.add(`${base}.values`, (m) => m.invalidValue);
    return [];
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    ctx.errors.add(`${base}.value`, (m) => m.invalidValue);
    return '';
  }
  const text = String(raw);
  if (text === '') return '';
  switch (def.type) {
    case 'NUMBER': {
      const normalized = normalizeNumber(text);
      if (normalized !== undefined) return normalized;
      if (!inTable) ctx.errors.add(numberKey, (m) => m.notNumber);
      return '';
    }
    case 'DATE': {
      const normalized = normalizeDate(text);
      if (normalized === undefined) ctx.errors.add(`${base}.value`, (m) => m.invalidDate);
      return normalized ?? '';
    }
    case 'DATETIME': {
      const parsed = parseDateTime(text);
      if (!parsed) ctx.errors.add(`${base}.value`, (m) => m.invalidDateTime);
      return parsed ? formatDateTime(parsed.ms) : '';
    }
    default:
      return text;
  }
}

/**
 * A USER_SELECT value is [{ code }] (the name is kintone's to fill in); a code that is no user of the domain stops
 * the whole request with 400 GAIA_IL26, as kintone answers it (kintone/js-sdk's tests of the assignee APIs).
 */
function userCodes(raw: unknown, ctx: WriteContext, base: string): string[] {
  const codes = Array.isArray(raw)
    ? raw.map((entry: unknown) =>
        typeof entry === 'object' && entry !== null && typeof (entry as { code?: unknown }).code === 'string'
          ? (entry as { code: string }).code
          : undefined,
      )
    : [undefined];
  if (codes.some((code) => code === undefined)) {
    ctx.errors.add(`${base}.value`, (m) => m.invalidValue);
    return [];
  }
  const known = codes as string[];
  const unknown = known.find((code) => !ctx.directory.has('USER', code));
  if (unknown !== undefined) throw new KintoneError(400, 'GAIA_IL26', (m) => m.userNotFound(unknown));
  return [...new Set(known)];
}

function mergeRows(ctx: WriteContext, table: SubtableDef, raw: unknown, current: StoredValue | undefined): StoredRow[] {
  const base = `${ctx.prefix}.${table.code}`;
  if (!Array.isArray(raw)) {
    ctx.errors.add(`${base}.value`, (m) => m.invalidValue);
    return isRows(current) ? current : [];
  }
  const existing = new Map<string, StoredRow>();
  if (ctx.mode === 'update' && isRows(current)) for (const row of current) existing.set(row.id, row);
  return raw.map((sent, index): StoredRow => {
    const rowKey = `${base}.value[${index}]`;
    if (!isObject(sent)) {
      ctx.errors.add(`${rowKey}.value`, (m) => m.invalidValue);
      return newRow(ctx, table);
    }
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- kintone takes a row id as a number or a string.
    const kept = sent.id === undefined || sent.id === null ? undefined : existing.get(String(sent.id));
    const row: StoredRow = kept ? { id: kept.id, values: { ...kept.values } } : newRow(ctx, table);
    const cells = sent.value ?? {};
    if (!isObject(cells)) {
      ctx.errors.add(`${rowKey}.value`, (m) => m.invalidValue);
      return row;
    }
    for (const [code, cell] of Object.entries(cells)) {
      const def = own(table.fields, code);
      if (!def) continue;
      const cellBase = `${rowKey}.value.${code}`;
      if (!isObject(cell) || !('value' in cell)) ctx.errors.add(`${cellBase}.value`, (m) => m.invalidValue);
      else row.values[code] = coerce(def, cell.value, ctx, cellBase, `${cellBase}.value`, true);
    }
    return row;
  });
}

function newRow(ctx: WriteContext, table: SubtableDef): StoredRow {
  const values: Record<string, CellValue> = {};
  for (const def of Object.values(table.fields)) values[def.code] = defaultCell(def);
  return { id: ctx.newRowId(), values };
}

function checkRules(ctx: WriteContext, values: Record<string, StoredValue>): void {
  for (const def of Object.values(ctx.app.properties)) {
    if (isColumnDef(def)) {
      checkCell(ctx, def, values[def.code], `${ctx.prefix}.${def.code}`);
    } else if (isSubtableDef(def)) {
      const rows = values[def.code];
      if (!isRows(rows)) continue;
      rows.forEach((row, index) => {
        for (const col of Object.values(def.fields)) {
          checkCell(ctx, col, row.values[col.code], `${ctx.prefix}.${def.code}.value[${index}].value.${col.code}`);
        }
      });
    }
  }
}

function checkCell(ctx: WriteContext, def: ColumnDef, value: StoredValue | undefined, base: string): void {
  const { errors } = ctx;
  if (def.type === 'CHECK_BOX') {
    const selected = listOf(value);
    if (def.required && selected.length === 0) errors.add(`${base}.values`, (m) => m.required);
    selected.forEach((option, i) => {
      if (!Object.hasOwn(def.options, option)) errors.add(`${base}.values[${i}].value`, (m) => m.notInOptions(option));
    });
    return;
  }
  if (def.type === 'USER_SELECT') {
    if (def.required && listOf(value).length === 0) errors.add(`${base}.values.value`, (m) => m.required);
    return;
  }
  const text = textOf(value);
  const key = `${base}.value`;
  if (text === '') {
    if (def.required) errors.add(key, (m) => m.required);
    return;
  }
  switch (def.type) {
    case 'SINGLE_LINE_TEXT':
    case 'LINK': {
      // kintone reports the first length outside the range: maxLength 5 → "less than 6".
      const length = [...text].length;
      if (def.maxLength !== '' && length > Number(def.maxLength)) {
        errors.add(key, (m) => m.maxLength(Number(def.maxLength) + 1));
      }
      if (def.minLength !== '' && length < Number(def.minLength)) {
        errors.add(key, (m) => m.minLength(Number(def.minLength) - 1));
      }
      break;
    }
    case 'NUMBER':
      if (def.maxValue !== '' && Number(text) > Number(def.maxValue)) errors.add(key, (m) => m.maxValue(def.maxValue));
      if (def.minValue !== '' && Number(text) < Number(def.minValue)) errors.add(key, (m) => m.minValue(def.minValue));
      break;
    case 'DROP_DOWN':
    case 'RADIO_BUTTON':
      if (!Object.hasOwn(def.options, text)) errors.add(key, (m) => m.notInOptions(text));
      break;
    default:
      break;
  }
}
