/**
 * The engagement score: how warm a customer is now, 0 to 100, from the events the record holds.
 *
 *   score = min(100, round( Σ weight(type) × 0.5 ^ (age in days / half-life) ))
 *
 * over the events after the latest unsubscribe or bounce (which set the score to 0: only what the customer did since
 * counts), where age is how long before `now` the event happened (an event dated after `now` counts as now). Types
 * without a weight (sends, deliveries) add nothing. Shared by the writer (which stores it in the same PUT as the
 * rest), the daily re-score and the record panel (which shows the events that add the most).
 */
// Types only from config.ts: its schema loads zod, which the record panel, a reader of this module, must not.
import type { PluginConfig, ScoreSettings } from './config';

/** The event types that add to the engagement score; unsubscribes and bounces reset it instead. */
export const SCORED_TYPES = ['open', 'click', 'visit', 'form', 'reply'] as const;
export type ScoredType = (typeof SCORED_TYPES)[number];

/** Weights of the defaults: a form fill or a reply says far more than an open. */
export const DEFAULT_SCORE_SETTINGS: ScoreSettings = {
  weights: { open: 1, click: 3, visit: 1, form: 8, reply: 10 },
  halfLifeDays: 14,
};

export const MAX_SCORE = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
const RESETTING_TYPES: ReadonlySet<string> = new Set(['unsubscribe', 'bounce']);

export interface ScoredEvent {
  type: string;
  /** ms since the epoch */
  at: number;
}

export interface Contribution<E extends ScoredEvent> {
  event: E;
  /** This event's share of the score before rounding. */
  points: number;
}

export interface ScoreResult<E extends ScoredEvent> {
  score: number;
  /** The events that add to the score, the largest share first (ties: the newest first). */
  contributions: Contribution<E>[];
  /** When the latest unsubscribe or bounce happened, if any: nothing before it counts. */
  resetAt: number | undefined;
}

export function scoreSettingsOf(config: Pick<PluginConfig, 'score'>): ScoreSettings {
  return config.score ?? DEFAULT_SCORE_SETTINGS;
}

function isScored(type: string): type is ScoredType {
  return (SCORED_TYPES as readonly string[]).includes(type);
}

export function engagementScore<E extends ScoredEvent>(
  events: readonly E[],
  settings: ScoreSettings,
  now: number,
): ScoreResult<E> {
  const dated = events.filter((e) => Number.isFinite(e.at));
  const resets = dated.filter((e) => RESETTING_TYPES.has(e.type)).map((e) => e.at);
  const resetAt = resets.length > 0 ? Math.max(...resets) : undefined;
  const halfLifeMs = settings.halfLifeDays * DAY_MS;
  const contributions: Contribution<E>[] = [];
  for (const event of dated) {
    if (!isScored(event.type) || (resetAt !== undefined && event.at <= resetAt)) continue;
    const weight = settings.weights[event.type];
    if (weight <= 0) continue;
    const age = Math.max(0, now - event.at);
    contributions.push({ event, points: weight * 0.5 ** (age / halfLifeMs) });
  }
  contributions.sort((a, b) => b.points - a.points || b.event.at - a.event.at);
  const total = contributions.reduce((sum, c) => sum + c.points, 0);
  return { score: Math.min(MAX_SCORE, Math.round(total)), contributions, resetAt };
}
