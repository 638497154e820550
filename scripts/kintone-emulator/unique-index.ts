import type { FieldErrorCollector } from './errors';
import { isColumnDef } from './fields';
import type { AppState, StoredRecord } from './types';
import { textOf } from './types';

/**
 * "Prohibit duplicate values" for one write request. Records are claimed in request order, so a
 * value is checked against the app and against the records earlier in the same bulk request.
 * Empty values never collide (observed on real kintone). Comparison is exact: NUMBER values are
 * already normalised, text is compared case-sensitively (real kintone's collation is not documented).
 */
export class UniqueIndex {
  /** field code → value → id of the record holding it */
  private readonly owners = new Map<string, Map<string, number>>();

  constructor(app: AppState) {
    for (const def of Object.values(app.properties)) {
      if (!isColumnDef(def) || !('unique' in def) || !def.unique) continue;
      const byValue = new Map<string, number>();
      for (const record of app.records.values()) {
        const value = textOf(record.values[def.code]);
        if (value !== '') byValue.set(value, record.id);
      }
      this.owners.set(def.code, byValue);
    }
  }

  isUniqueField(code: string): boolean {
    return this.owners.has(code);
  }

  find(code: string, value: string): number | undefined {
    return this.owners.get(code)?.get(value);
  }

  /** Takes the record's unique values, reporting each one another record already holds. */
  claim(record: StoredRecord, previous: StoredRecord | undefined, prefix: string, errors: FieldErrorCollector): void {
    for (const [code, byValue] of this.owners) {
      const value = textOf(record.values[code]);
      const holder = value === '' ? undefined : byValue.get(value);
      if (holder !== undefined && holder !== record.id) {
        errors.add(`${prefix}.${code}.value`, (m) => m.unique);
        continue;
      }
      const old = textOf(previous?.values[code]);
      if (old !== '' && byValue.get(old) === record.id) byValue.delete(old);
      if (value !== '') byValue.set(value, record.id);
    }
  }
}
