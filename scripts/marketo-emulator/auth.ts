/**
 * OAuth2 client credentials as Marketo's identity service does it: asking again while a token is
 * still valid returns the SAME token with the remaining lifetime in expires_in (a known Marketo trait
 * that makes clients renew too late if they trust a fresh expires_in).
 */
import { randomUUID } from 'node:crypto';
import { marketoError } from './errors';

export const DEFAULT_CLIENT_ID = 'emulator-client-id';
export const DEFAULT_CLIENT_SECRET = 'emulator-client-secret';

export interface TokenGrant {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
}

export interface TokenIssuerConfig {
  clientId: string;
  clientSecret: string;
  lifetimeMs: number;
  /** The API-only user the token acts as; Marketo puts its email in `scope`. */
  scope: string;
  now: () => number;
}

export class TokenIssuer {
  private readonly expiry = new Map<string, number>();
  private current: string | undefined;

  constructor(private readonly config: TokenIssuerConfig) {}

  /** undefined when the credentials are wrong. */
  issue(clientId: string | undefined, clientSecret: string | undefined): TokenGrant | undefined {
    if (clientId !== this.config.clientId || clientSecret !== this.config.clientSecret) return undefined;
    const now = this.config.now();
    let token = this.current;
    let expiresAt = token === undefined ? undefined : this.expiry.get(token);
    if (token === undefined || expiresAt === undefined || expiresAt <= now) {
      token = `${randomUUID()}:emu`;
      expiresAt = now + this.config.lifetimeMs;
      this.expiry.set(token, expiresAt);
      this.current = token;
    }
    return {
      access_token: token,
      token_type: 'bearer',
      expires_in: Math.max(0, Math.ceil((expiresAt - now) / 1000)),
      scope: this.config.scope,
    };
  }

  /** Throws 601 for a missing or unknown token, 602 for an expired one. */
  check(token: string | undefined): void {
    if (!token) throw marketoError('601');
    const expiresAt = this.expiry.get(token);
    if (expiresAt === undefined) throw marketoError('601');
    if (expiresAt <= this.config.now()) throw marketoError('602');
  }

  /** Every token issued so far is expired from now on; the next token request gets a new one. */
  expireAll(): void {
    const now = this.config.now();
    for (const token of this.expiry.keys()) this.expiry.set(token, now);
  }
}
