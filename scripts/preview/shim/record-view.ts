/** Draws a record the way kintone's record screen lays it out, with Space fields as real elements. */
import { h } from '../../../plugin/src/common/dom';

export interface LayoutField {
  type: string;
  code?: string;
  label?: string;
  elementId?: string;
  size?: { width?: string; height?: string };
}
export interface LayoutRow {
  type: string;
  code?: string;
  fields?: LayoutField[];
  layout?: LayoutRow[];
}
export interface FieldInfo {
  type: string;
  label?: string;
  fields?: Record<string, FieldInfo>;
}
export type RecordValue = Record<string, { type?: string; value: unknown }>;

export interface RecordViewInput {
  layout: LayoutRow[];
  properties: Record<string, FieldInfo>;
  record: RecordValue;
  timeZone: string;
  lang: string;
}

export function recordView(input: RecordViewInput): HTMLElement {
  return h('div', { className: 'pv-form' }, ...input.layout.map((row) => layoutRow(row, input)));
}

function layoutRow(row: LayoutRow, input: RecordViewInput): HTMLElement {
  if (row.type === 'SUBTABLE' && row.code) return subtable(row.code, input);
  if (row.type === 'GROUP' && row.code) {
    return h(
      'fieldset',
      { className: 'pv-group' },
      h('legend', null, input.properties[row.code]?.label ?? row.code),
      ...(row.layout ?? []).map((r) => layoutRow(r, input)),
    );
  }
  return h('div', { className: 'pv-row' }, ...(row.fields ?? []).map((field) => cell(field, input)));
}

function cell(field: LayoutField, input: RecordViewInput): HTMLElement {
  const width = field.size?.width ? `${field.size.width}px` : undefined;
  if (field.type === 'SPACER') {
    return h('div', {
      className: 'pv-spacer',
      attrs: {
        id: `pv-space-${field.elementId ?? ''}`,
        'data-element-id': field.elementId,
        style: width ? `min-width:${width}` : undefined,
      },
    });
  }
  if (field.type === 'LABEL') return h('div', { className: 'pv-label-cell' }, field.label ?? '');
  if (field.type === 'HR') return h('hr', { className: 'pv-hr' });
  const code = field.code ?? '';
  return h(
    'div',
    { className: 'pv-cell', attrs: { 'data-field': code, style: width ? `width:${width}` : undefined } },
    h('div', { className: 'pv-cell__label' }, input.properties[code]?.label ?? code),
    h('div', { className: 'pv-cell__value' }, display(input.record[code], input)),
  );
}

function subtable(code: string, input: RecordViewInput): HTMLElement {
  const info = input.properties[code];
  const columns = Object.entries(info?.fields ?? {});
  const rows = input.record[code]?.value;
  const list = Array.isArray(rows) ? (rows as { value: RecordValue }[]) : [];
  return h(
    'div',
    { className: 'pv-subtable', attrs: { 'data-field': code } },
    h('div', { className: 'pv-cell__label' }, `${info?.label ?? code} (${list.length})`),
    h(
      'div',
      { className: 'pv-subtable__scroll' },
      h(
        'table',
        null,
        h('thead', null, h('tr', null, ...columns.map(([, col]) => h('th', null, col.label ?? '')))),
        h(
          'tbody',
          null,
          ...list.map((row) =>
            h('tr', null, ...columns.map(([columnCode]) => h('td', null, display(row.value[columnCode], input)))),
          ),
        ),
      ),
    ),
  );
}

function display(field: { type?: string; value: unknown } | undefined, input: RecordViewInput): string {
  if (!field || field.value === null || field.value === undefined) return '';
  const { value } = field;
  if (field.type === 'DATETIME' && typeof value === 'string' && value) {
    return new Intl.DateTimeFormat(input.lang === 'ja' ? 'ja-JP' : 'en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: input.timeZone,
    }).format(Date.parse(value));
  }
  if (Array.isArray(value)) {
    return value
      .map((v) =>
        typeof v === 'object' && v !== null && 'name' in v ? String((v as { name: unknown }).name) : String(v),
      )
      .join(', ');
  }
  if (typeof value === 'object') return 'name' in value ? String(value.name) : JSON.stringify(value);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects returned above.
  return String(value);
}
