import { KintoneError } from './errors';

export type Params = Record<string, unknown>;

/**
 * Query-string parameters the way rest-api-client (qs) writes them: `fields[0]=a&fields[1]=b`
 * becomes an array, `key[sub]=v` an object, anything else a string.
 */
export function parseQueryString(search: string): Params {
  const params: Params = {};
  const arrays = new Map<string, Array<{ index: number; value: string }>>();
  for (const [key, value] of new URLSearchParams(search)) {
    const match = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
    if (!match) {
      params[key] = value;
      continue;
    }
    const [, base = '', sub = ''] = match;
    if (/^\d*$/.test(sub)) {
      const list = arrays.get(base) ?? [];
      list.push({ index: sub === '' ? list.length : Number(sub), value });
      arrays.set(base, list);
    } else {
      const existing = params[base];
      const object: Record<string, string> =
        typeof existing === 'object' && existing !== null ? (existing as Record<string, string>) : {};
      object[sub] = value;
      params[base] = object;
    }
  }
  for (const [base, list] of arrays) params[base] = list.sort((a, b) => a.index - b.index).map((e) => e.value);
  return params;
}

/** Parameters of a request: the query string, overridden by a JSON object body. */
export function collectParams(search: string, body: unknown): Params {
  const params = parseQueryString(search);
  if (body === undefined || body === null) return params;
  if (typeof body !== 'object' || Array.isArray(body)) throw new KintoneError(400, 'CB_IJ01', (m) => m.invalidJson);
  return { ...params, ...(body as Params) };
}

export function stringParam(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export function booleanParam(params: Params, name: string): boolean {
  const value = params[name];
  return value === true || value === 'true';
}

export function stringListParam(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string');
}
