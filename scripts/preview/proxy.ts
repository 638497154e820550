/**
 * kintone.plugin.app.proxy as kintone runs it: the stored proxy config whose URL is a prefix of the request
 * URL (same method) adds its headers and body data, the stored values winning; the call is made server-side.
 */
import type { ProxyConfigEntry } from './boot';

export interface ProxyRequest {
  url: string;
  method: ProxyConfigEntry['method'];
  headers: Record<string, string>;
  data: unknown;
}

export type ProxyResult = { body: string; status: number; headers: Record<string, string> } | { error: string };

const TIMEOUT_MS = 30_000;

/**
 * The stored config for a call. kintone does not document how it compares the URL with the stored prefix; the
 * request goes out with its dot segments resolved, so the prefix is matched against that URL: `…/apps/1/../77/`
 * is a call to app 77 and never gets app 1's stored values.
 */
export function matchProxyConfig(
  entries: readonly ProxyConfigEntry[],
  url: string,
  method: string,
): ProxyConfigEntry | undefined {
  let sent: string;
  try {
    sent = new URL(url).href;
  } catch {
    return undefined;
  }
  return entries
    .filter((entry) => entry.method === method && sent.startsWith(entry.url))
    .sort((a, b) => b.url.length - a.url.length)[0];
}

export async function runProxy(entries: readonly ProxyConfigEntry[], request: ProxyRequest): Promise<ProxyResult> {
  const stored = matchProxyConfig(entries, request.url, request.method);
  const headers = { ...request.headers, ...stored?.headers };
  let body: string | undefined;
  if (request.method === 'POST' || request.method === 'PUT') {
    body =
      typeof request.data === 'string'
        ? request.data
        : JSON.stringify({
            ...(typeof request.data === 'object' && request.data !== null ? request.data : {}),
            ...stored?.data,
          });
  }
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return {
      body: await response.text(),
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
    };
  } catch (error) {
    return { error: describe(error) };
  }
}

/** fetch reports "fetch failed" and puts the reason (ECONNREFUSED, ENOTFOUND …) in its cause. */
function describe(error: unknown): string {
  const message = (value: unknown) =>
    typeof value === 'object' && value !== null && 'message' in value ? String(value.message) : String(value);
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  return cause === undefined ? message(error) : `${message(error)}: ${message(cause)}`;
}
