import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import type { KintoneEmulator } from './emulator';

/** Test helpers: a rest-api-client for a token, and raw fetch for wire-level checks. */
export function clientFor(emu: KintoneEmulator, apiToken: string | string[]): KintoneRestAPIClient {
  return new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken } });
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function raw(
  emu: KintoneEmulator,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['X-Cybozu-API-Token'] = options.token;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${emu.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}
