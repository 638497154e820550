/** kintone.api for the preview: same-origin requests that the preview server forwards to the local kintone. */

/** As kintone.api.url: with detectGuestSpace, on a page of a guest space's app, the guest space's URL. */
export function apiUrl(path: string, detectGuestSpace: boolean, guestSpaceId: string | null): string {
  const json = path.endsWith('.json') ? path : `${path}.json`;
  const inSpace = detectGuestSpace && guestSpaceId ? json.replace(/^\/k\/v1\//, `/k/guest/${guestSpaceId}/v1/`) : json;
  return `${location.origin}${inSpace}`;
}

/** Query strings the way kintone and rest-api-client write them: arrays as name[0]=a&name[1]=b. */
function toQuery(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) value.forEach((item, i) => search.append(`${key}[${i}]`, String(item)));
    else search.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return search.toString();
}

/** Resolves with the JSON body; rejects with kintone's error object ({code, id, message, errors}) like kintone.api. */
export async function callApi(pathOrUrl: string, method: string, params: object): Promise<unknown> {
  const url = new URL(pathOrUrl, location.origin);
  const init: RequestInit = { method, headers: { 'X-Requested-With': 'XMLHttpRequest' } };
  if (method === 'GET' || method === 'DELETE') {
    url.search = toQuery(params);
  } else {
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(params);
  }
  const response = await fetch(url, init);
  const body: unknown = await response.json().catch(() => ({ message: `HTTP ${response.status}` }));
  if (!response.ok) throw body;
  return body;
}
