import { KintoneError } from './errors';
import type { AppState, Entity, Rights, TokenInfo } from './types';

/** Built-in user for password auth; it has every right on every app. */
export const ADMIN_LOGIN = 'Administrator';
export const ADMIN_PASSWORD = 'admin-password';
/** kintone records API-token writes as done by "Administrator" (kintone.dev Authentication). */
export const ADMINISTRATOR: Entity = { code: ADMIN_LOGIN, name: ADMIN_LOGIN };

export type Principal = { kind: 'password' } | { kind: 'tokens'; tokens: TokenInfo[] };

export interface AuthHeaders {
  cybozuAuthorization?: string;
  apiToken?: string;
}

/**
 * Who is calling. Password auth wins when both headers are sent (as on kintone). Token errors as
 * asserted by kintone/cli-kintone's e2e tests against real kintone: any unknown token in the list
 * → 400 GAIA_IA02; two tokens of the same app → 400 GAIA_DA03; tokens of other apps are fine.
 */
export function authenticate(headers: AuthHeaders, tokens: ReadonlyMap<string, TokenInfo>): Principal {
  if (headers.cybozuAuthorization !== undefined) {
    const decoded = Buffer.from(headers.cybozuAuthorization, 'base64').toString('utf8');
    if (decoded !== `${ADMIN_LOGIN}:${ADMIN_PASSWORD}`) {
      throw new KintoneError(401, 'CB_WA01', (m) => m.passwordAuthFailed);
    }
    return { kind: 'password' };
  }
  if (headers.apiToken === undefined) throw new KintoneError(401, 'CB_AU01', (m) => m.loginRequired);
  const found: TokenInfo[] = [];
  for (const token of headers.apiToken
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')) {
    const info = tokens.get(token);
    if (!info) throw new KintoneError(400, 'GAIA_IA02', (m) => m.tokenInvalid);
    if (found.some((other) => other.appId === info.appId)) {
      throw new KintoneError(400, 'GAIA_DA03', (m) => m.tokenDuplicate);
    }
    found.push(info);
  }
  if (found.length === 0) throw new KintoneError(401, 'CB_AU01', (m) => m.loginRequired);
  return { kind: 'tokens', tokens: found };
}

/**
 * May the principal do this on the app? A token of another app gets 403 GAIA_NO01, like a token
 * lacking the right (cli-kintone e2e: "API token for different app").
 */
export function authorize(
  principal: Principal,
  appId: string,
  app: AppState | undefined,
  needed: readonly (keyof Rights)[],
): AppState {
  if (principal.kind === 'tokens') {
    const token = principal.tokens.find((t) => t.appId === appId);
    if (!token || !needed.every((right) => token.rights[right])) {
      throw new KintoneError(403, 'GAIA_NO01', (m) => m.tokenNoPermission);
    }
  }
  if (!app) throw new KintoneError(404, 'GAIA_AP01', (m) => m.appNotFound(appId));
  return app;
}
