/** The slice of kintone's record wire format that the core reads and writes, without any client library. */

/** kintone's page size limit for records GET. */
export const GET_LIMIT = 500;
/** kintone's limit for one bulk PUT. */
export const PUT_LIMIT = 100;

/**
 * The fewest kintone requests that can update `records` records whose ids are not known yet: they must be
 * read (a page of at most 500) before they can be written (at most 100 a request).
 */
export function requestFloor(records: number): number {
  return Math.ceil(records / GET_LIMIT) + Math.ceil(records / PUT_LIMIT);
}

export interface FieldValue {
  type?: string;
  value: unknown;
}
export type RecordFields = Record<string, FieldValue>;

export interface StoredRecord {
  id: string;
  revision: string;
  fields: RecordFields;
}

export type WritableFields = Record<string, { value: unknown }>;

export interface RecordUpdate {
  id: string;
  /** The revision the patch was computed from; kintone refuses the write (409) if the record moved on. */
  revision: string;
  record: WritableFields;
}

export interface SubtableRow {
  id: string;
  value: RecordFields;
}

export class RecordShapeError extends Error {}

export function textValue(fields: RecordFields, code: string): string {
  const value = fields[code]?.value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new RecordShapeError(`field ${code} does not hold text`);
}

export function subtableRows(fields: RecordFields, code: string): SubtableRow[] {
  const value = fields[code]?.value;
  if (value === undefined)
    throw new RecordShapeError(
      `field ${code} is missing from the record (removed or renamed since the app was registered?)`,
    );
  if (!Array.isArray(value)) throw new RecordShapeError(`field ${code} is not a table`);
  return value.map((row: unknown) => {
    if (typeof row !== 'object' || row === null) throw new RecordShapeError(`table ${code} has a malformed row`);
    const { id, value: cells } = row as { id?: unknown; value?: unknown };
    if (typeof id !== 'string' || typeof cells !== 'object' || cells === null) {
      throw new RecordShapeError(`table ${code} has a malformed row`);
    }
    return { id, value: cells as RecordFields };
  });
}

/** kintone keeps DATETIME to the minute; writing it that way makes comparisons with read-back values exact. */
export function toKintoneDateTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16)}:00Z`;
}

/** Milliseconds since the epoch of a DATETIME value, or undefined when empty or unreadable. */
export function dateTimeMillis(value: string): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
