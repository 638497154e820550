import { randomBytes } from 'node:crypto';
import type { MarketoErrorItem } from './types';

/**
 * A response-level Marketo error: answered with HTTP 200 and `success:false`, as Marketo does for
 * every /rest error (only 413/414 and identity errors use HTTP statuses).
 */
export class MarketoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  toItem(): MarketoErrorItem {
    return { code: this.code, message: this.message };
  }
}

/** An HTTP-level failure (injected faults, identity errors). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${String(status)}`);
  }
}

/** Texts Marketo uses for the codes clients react to (Marketo "Error Codes" page). */
export const ERROR_TEXT: Record<string, string> = {
  '601': 'Access token invalid',
  '602': 'Access token expired',
  '603': 'Access denied',
  '604': 'Request timed out',
  '606': 'Max rate limit exceeded',
  '607': 'Daily quota reached',
  '608': 'API Temporarily Unavailable',
  '610': 'Requested resource not found',
  '611': 'System error',
  '615': 'Concurrent access limit reached',
  '701': 'Cannot be blank',
  '702': 'No data found for given search scenario',
  '1003': 'Invalid value',
};

export const marketoError = (code: string, message?: string): MarketoError =>
  new MarketoError(code, message ?? ERROR_TEXT[code] ?? `Error ${code}`);

/** Marketo request ids look like "e42b#14272d07d78": 4-5 hex chars, '#', the time in hex. */
export function requestId(now: number): string {
  return `${randomBytes(2).toString('hex')}#${now.toString(16)}`;
}
