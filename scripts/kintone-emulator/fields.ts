import type { KintoneFormLayout } from '@kintone/rest-api-client';
import type {
  ColumnDef,
  FieldDef,
  FieldProperty,
  InSubtableFieldProperty,
  LayoutRow,
  OptionsInput,
  SubtableDef,
  SystemFieldDef,
} from './types';
import { own } from './types';

/** Default codes of the system fields in an English-language kintone. */
export const SYSTEM_CODES = {
  recordNumber: 'Record_number',
  creator: 'Created_by',
  createdTime: 'Created_datetime',
  modifier: 'Updated_by',
  updatedTime: 'Updated_datetime',
} as const;

function systemFields(): SystemFieldDef[] {
  return [
    { type: 'RECORD_NUMBER', code: SYSTEM_CODES.recordNumber, label: 'Record number', noLabel: false },
    { type: 'CREATOR', code: SYSTEM_CODES.creator, label: 'Created by', noLabel: false },
    { type: 'CREATED_TIME', code: SYSTEM_CODES.createdTime, label: 'Created datetime', noLabel: false },
    { type: 'MODIFIER', code: SYSTEM_CODES.modifier, label: 'Updated by', noLabel: false },
    { type: 'UPDATED_TIME', code: SYSTEM_CODES.updatedTime, label: 'Updated datetime', noLabel: false },
    // Process management and categories are off, but fields.json still lists them (enabled: false).
    { type: 'STATUS', code: 'Status', label: 'Status', enabled: false },
    { type: 'CATEGORY', code: 'Categories', label: 'Categories', enabled: false },
    { type: 'STATUS_ASSIGNEE', code: 'Assignee', label: 'Assignee', enabled: false },
  ];
}

function toOptions(input: OptionsInput): Record<string, { label: string; index: string }> {
  if (!Array.isArray(input)) return { ...(input as Record<string, { label: string; index: string }>) };
  const options: Record<string, { label: string; index: string }> = {};
  (input as readonly string[]).forEach((name, index) => {
    options[name] = { label: name, index: String(index) };
  });
  return options;
}

function column(input: InSubtableFieldProperty): ColumnDef {
  const base = {
    code: input.code,
    label: input.label,
    noLabel: input.noLabel ?? false,
    required: input.required ?? false,
  };
  switch (input.type) {
    case 'SINGLE_LINE_TEXT':
      return {
        ...base,
        type: input.type,
        defaultValue: input.defaultValue ?? '',
        unique: input.unique ?? false,
        minLength: input.minLength ?? '',
        maxLength: input.maxLength ?? '',
        expression: '',
        hideExpression: false,
      };
    case 'MULTI_LINE_TEXT':
      return { ...base, type: input.type, defaultValue: input.defaultValue ?? '' };
    case 'LINK':
      return {
        ...base,
        type: input.type,
        protocol: input.protocol,
        defaultValue: input.defaultValue ?? '',
        unique: input.unique ?? false,
        minLength: input.minLength ?? '',
        maxLength: input.maxLength ?? '',
      };
    case 'NUMBER':
      return {
        ...base,
        type: input.type,
        defaultValue: input.defaultValue ?? '',
        unique: input.unique ?? false,
        minValue: input.minValue ?? '',
        maxValue: input.maxValue ?? '',
        digit: false,
        displayScale: '',
        unit: '',
        unitPosition: 'BEFORE',
      };
    case 'DATE':
    case 'DATETIME':
      return {
        ...base,
        type: input.type,
        defaultValue: input.defaultValue ?? '',
        unique: input.unique ?? false,
        defaultNowValue: input.defaultNowValue ?? false,
      };
    case 'DROP_DOWN':
      return { ...base, type: input.type, defaultValue: input.defaultValue ?? '', options: toOptions(input.options) };
    case 'RADIO_BUTTON':
      return {
        ...base,
        type: input.type,
        defaultValue: input.defaultValue ?? '',
        options: toOptions(input.options),
        align: 'HORIZONTAL',
      };
    case 'CHECK_BOX':
      return {
        ...base,
        type: input.type,
        defaultValue: input.defaultValue ?? [],
        options: toOptions(input.options),
        align: 'HORIZONTAL',
      };
    case 'USER_SELECT':
      return { ...base, type: input.type, defaultValue: [...(input.defaultValue ?? [])], entities: [] };
  }
}

export function definition(input: FieldProperty): FieldDef {
  switch (input.type) {
    case 'SUBTABLE': {
      const fields: Record<string, ColumnDef> = {};
      for (const [code, col] of Object.entries(input.fields)) {
        if (col.code !== code) throw new Error(`subtable ${input.code}: key ${code} differs from code ${col.code}`);
        if ('unique' in col && col.unique) throw new Error(`${code}: fields in a table cannot prohibit duplicates`);
        fields[code] = column(col);
      }
      return { type: 'SUBTABLE', code: input.code, label: input.label, noLabel: input.noLabel ?? false, fields };
    }
    case 'GROUP':
      return {
        type: 'GROUP',
        code: input.code,
        label: input.label,
        noLabel: input.noLabel ?? false,
        openGroup: input.openGroup ?? true,
      };
    default:
      return column(input);
  }
}

/** Complete property map of a new app: the given fields plus kintone's system fields. */
export function buildProperties(input: Record<string, FieldProperty>): Record<string, FieldDef> {
  const properties: Record<string, FieldDef> = {};
  for (const def of systemFields()) properties[def.code] = def;
  const seen = new Set(Object.keys(properties));
  for (const [code, prop] of Object.entries(input)) {
    if (prop.code !== code) throw new Error(`property key ${code} differs from its code ${prop.code}`);
    const columns = prop.type === 'SUBTABLE' ? Object.keys(prop.fields) : [];
    for (const c of [code, ...columns]) {
      if (seen.has(c)) throw new Error(`field code ${c} is used twice`);
      seen.add(c);
    }
    properties[code] = definition(prop);
  }
  return properties;
}

export function layoutField(def: ColumnDef): KintoneFormLayout.Field.InSubtable {
  if (def.type === 'MULTI_LINE_TEXT')
    return { type: def.type, code: def.code, size: { width: '400', innerHeight: '100' } };
  return { type: def.type, code: def.code, size: { width: '193' } };
}

/** One row per field in definition order, tables as SUBTABLE rows: what a fresh kintone form looks like. */
export function defaultLayout(properties: Record<string, FieldDef>): LayoutRow[] {
  const rows: LayoutRow[] = [];
  for (const def of Object.values(properties)) {
    if (def.type === 'SUBTABLE') {
      rows.push({ type: 'SUBTABLE', code: def.code, fields: Object.values(def.fields).map(layoutField) });
    } else if (def.type === 'GROUP') {
      rows.push({ type: 'GROUP', code: def.code, layout: [] });
    } else if (isColumnDef(def)) {
      rows.push({ type: 'ROW', fields: [layoutField(def)] });
    }
  }
  return rows;
}

/** Every field a layout names must exist with the same type. */
export function checkLayout(layout: readonly LayoutRow[], properties: Record<string, FieldDef>): void {
  const check = (code: string, type: string): void => {
    const def = own(properties, code);
    if (!def || def.type !== type) throw new Error(`layout names ${type} ${code}, which is not a field of the app`);
  };
  for (const row of layout) {
    if (row.type === 'ROW') {
      for (const field of row.fields) if ('code' in field) check(field.code, field.type);
    } else if (row.type === 'SUBTABLE') {
      check(row.code, 'SUBTABLE');
    } else {
      check(row.code, 'GROUP');
      checkLayout(row.layout, properties);
    }
  }
}

export const COLUMN_TYPES: ReadonlySet<string> = new Set<ColumnDef['type']>([
  'SINGLE_LINE_TEXT',
  'MULTI_LINE_TEXT',
  'LINK',
  'NUMBER',
  'DATE',
  'DATETIME',
  'DROP_DOWN',
  'RADIO_BUTTON',
  'CHECK_BOX',
  'USER_SELECT',
]);

export function isColumnDef(def: FieldDef): def is ColumnDef {
  return COLUMN_TYPES.has(def.type);
}

export function isSubtableDef(def: FieldDef): def is SubtableDef {
  return def.type === 'SUBTABLE';
}

/** Where a code lives: a top-level field, or a column inside a table. */
export type FieldLocation = { kind: 'field'; def: FieldDef } | { kind: 'column'; def: ColumnDef; table: string };

export function locateField(properties: Record<string, FieldDef>, code: string): FieldLocation | undefined {
  const def = own(properties, code);
  if (def) return { kind: 'field', def };
  for (const table of Object.values(properties)) {
    if (!isSubtableDef(table)) continue;
    const col = own(table.fields, code);
    if (col) return { kind: 'column', def: col, table: table.code };
  }
  return undefined;
}
