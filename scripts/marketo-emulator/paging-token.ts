/**
 * nextPageToken: opaque to clients, here base64url of the last position read, i.e. the (activityDate,
 * id) key of the last activity scanned; the next page starts strictly after it. Real Marketo tokens are
 * also position-in-time based (base32-looking strings); the exact encoding is ours.
 */
import { z } from 'zod';
import { marketoError } from './errors';

export interface Position {
  /** activityDate in ms. */
  at: number;
  /** Activities with this date and an id above this one come next. */
  afterId: number;
}

const positionSchema = z.object({ at: z.number().int(), afterId: z.number().int().min(0) }).strict();

export const encodePosition = (position: Position): string =>
  Buffer.from(JSON.stringify(positionSchema.parse(position)), 'utf8').toString('base64url');

export function decodePosition(token: string): Position {
  try {
    return positionSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    // Guess: Marketo answers a malformed token with a 1003-style validation error.
    throw marketoError('1003', `Invalid value for nextPageToken: ${token}`);
  }
}

export const comparePosition = (activity: { at: number; id: number }, position: Position): number =>
  activity.at !== position.at ? activity.at - position.at : activity.id - position.afterId;
