/** Builds kintone record queries. Every value is quoted and escaped: lead keys come from the internet. */

export function quoteQueryValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const FIELD_CODE = /^[\p{L}\p{N}_・$＄￥]+$/u;

/** `field in ("a", "b") order by $id asc limit N offset M`, for one page of a lead-key lookup. */
export function leadKeyQuery(field: string, values: readonly string[], limit: number, offset: number): string {
  if (!FIELD_CODE.test(field)) throw new Error(`not a kintone field code: ${field}`);
  if (values.length === 0) throw new Error('leadKeyQuery needs at least one value');
  const list = values.map(quoteQueryValue).join(', ');
  return `${field} in (${list}) order by $id asc limit ${limit} offset ${offset}`;
}

/** `field like "a" or field like "b" order by $id asc limit N offset M`: kintone's word search, which ignores case. */
export function leadKeySearchQuery(field: string, values: readonly string[], limit: number, offset: number): string {
  if (!FIELD_CODE.test(field)) throw new Error(`not a kintone field code: ${field}`);
  if (values.length === 0) throw new Error('leadKeySearchQuery needs at least one value');
  const conditions = values.map((value) => `${field} like ${quoteQueryValue(value)}`).join(' or ');
  return `(${conditions}) order by $id asc limit ${limit} offset ${offset}`;
}

/**
 * `field >= 1 and $id > afterId order by $id asc limit N`: one page of the records with a score, read by seeking past
 * the last id rather than by offset. kintone refuses an offset above 10,000 (cybozu.dev "Get Records", and its
 * "offset limitation" article recommends exactly this for reads in id order), and an offset would skip records
 * whenever the caller's own writes between pages drop records out of the condition (a score falling to 0).
 * `everyRecord`: the same pages over all records, scored or not.
 */
export function scoredPageQuery(field: string, afterId: string, limit: number, everyRecord = false): string {
  if (!FIELD_CODE.test(field)) throw new Error(`not a kintone field code: ${field}`);
  if (!/^\d+$/.test(afterId)) throw new Error(`not a record id: ${afterId}`);
  return `${everyRecord ? '' : `${field} >= 1 and `}$id > ${afterId} order by $id asc limit ${limit}`;
}
