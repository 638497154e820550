import type { MarketoEmulator } from './emulator';

/** Test helpers over real HTTP. */
export interface Json {
  status: number;
  body: Record<string, unknown>;
}

export async function getToken(emu: MarketoEmulator): Promise<string> {
  const res = await fetch(
    `${emu.identityUrl}/oauth/token?grant_type=client_credentials&client_id=${emu.clientId}&client_secret=${emu.clientSecret}`,
  );
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

export async function rest(emu: MarketoEmulator, pathAndQuery: string, token?: string): Promise<Json> {
  const res = await fetch(`${emu.url}${pathAndQuery}`, {
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: res.status, body };
}

export const errorCode = (json: Json): string | undefined => {
  const errors = json.body.errors;
  if (!Array.isArray(errors)) return undefined;
  const first: unknown = errors[0];
  return typeof first === 'object' && first !== null && 'code' in first ? String(first.code) : undefined;
};

/** A clock tests move by hand. */
export function fakeClock(start = Date.UTC(2026, 10, 20, 12)): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}
