import type { KintoneRecordField } from '@kintone/rest-api-client';
import type { Directory } from './directory';
import { isColumnDef, isSubtableDef } from './fields';
import type { AppState, ColumnDef, StoredRecord, StoredValue } from './types';
import { isRows, listOf, textOf } from './types';

type WireField = KintoneRecordField.OneOf;
type WireCell = KintoneRecordField.InSubtable;

/** Empty DATE and DROP_DOWN values come back as null, other empty values as "" (rest-api-client's typings). */
function cell(def: ColumnDef, value: StoredValue | undefined, directory: Directory): WireCell {
  const text = textOf(value);
  switch (def.type) {
    case 'CHECK_BOX':
      return { type: def.type, value: listOf(value) };
    case 'USER_SELECT':
      return {
        type: def.type,
        value: listOf(value).map((code) => ({ code, name: directory.nameOf('USER', code) })),
      };
    case 'DATE':
    case 'DROP_DOWN':
      return { type: def.type, value: text === '' ? null : text };
    default:
      return { type: def.type, value: text };
  }
}

/** A record as GET record(s).json returns it; `fields` limits it to those codes ($id, $revision included). */
export function toWire(
  app: AppState,
  record: StoredRecord,
  directory: Directory,
  fields?: ReadonlySet<string>,
): Record<string, WireField> {
  const out: Record<string, WireField> = {};
  const wanted = (code: string): boolean => !fields || fields.has(code);
  if (wanted('$id')) out.$id = { type: '__ID__', value: String(record.id) };
  if (wanted('$revision')) out.$revision = { type: '__REVISION__', value: String(record.revision) };
  for (const def of Object.values(app.properties)) {
    if (!wanted(def.code)) continue;
    if (isColumnDef(def)) {
      out[def.code] = cell(def, record.values[def.code], directory);
    } else if (isSubtableDef(def)) {
      const rows = record.values[def.code];
      out[def.code] = {
        type: 'SUBTABLE',
        value: (isRows(rows) ? rows : []).map((row) => {
          const value: Record<string, WireCell> = {};
          for (const col of Object.values(def.fields)) value[col.code] = cell(col, row.values[col.code], directory);
          return { id: row.id, value };
        }),
      };
    } else {
      switch (def.type) {
        case 'RECORD_NUMBER':
          out[def.code] = { type: def.type, value: String(record.id) };
          break;
        case 'CREATOR':
          out[def.code] = { type: def.type, value: record.creator };
          break;
        case 'MODIFIER':
          out[def.code] = { type: def.type, value: record.modifier };
          break;
        case 'CREATED_TIME':
          out[def.code] = { type: def.type, value: record.createdAt };
          break;
        case 'UPDATED_TIME':
          out[def.code] = { type: def.type, value: record.updatedAt };
          break;
        default:
          // GROUP has no value; disabled STATUS / CATEGORY / STATUS_ASSIGNEE are left out by kintone.
          break;
      }
    }
  }
  return out;
}
