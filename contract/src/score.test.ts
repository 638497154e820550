import { DEFAULT_SCORE_SETTINGS } from './config';
import { engagementScore } from './score';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 11, 1, 3, 0);
const ago = (days: number) => now - days * DAY;

describe('engagementScore', () => {
  it('adds each event at its weight on the day it happens and at half of it one half-life later', () => {
    const result = engagementScore(
      [
        { type: 'form', at: ago(0) },
        { type: 'reply', at: ago(14) },
        { type: 'click', at: ago(28) },
      ],
      DEFAULT_SCORE_SETTINGS,
      now,
    );
    // 8 + 10 × 0.5 + 3 × 0.25 = 13.75
    expect(result.score).toBe(14);
    expect(result.contributions.map((c) => [c.event.type, c.points])).toEqual([
      ['form', 8],
      ['reply', 5],
      ['click', 0.75],
    ]);
  });

  it('counts only what happened after the latest unsubscribe or bounce', () => {
    const events = [
      { type: 'reply', at: ago(3) },
      { type: 'unsubscribe', at: ago(2) },
      { type: 'visit', at: ago(1) },
    ];
    const result = engagementScore(events, DEFAULT_SCORE_SETTINGS, now);
    expect(result.resetAt).toBe(ago(2));
    expect(result.contributions.map((c) => c.event.type)).toEqual(['visit']);
    expect(engagementScore(events.slice(0, 2), DEFAULT_SCORE_SETTINGS, now).score).toBe(0);
    expect(
      engagementScore([{ type: 'bounce', at: ago(0) }, ...events.slice(0, 1)], DEFAULT_SCORE_SETTINGS, now).score,
    ).toBe(0);
  });

  it('gives sends and deliveries nothing, stops at 100, and takes a future date as now', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ type: 'reply', at: ago(i / 24) }));
    expect(engagementScore(many, DEFAULT_SCORE_SETTINGS, now).score).toBe(100);
    const quiet = engagementScore(
      [
        { type: 'send', at: ago(0) },
        { type: 'delivered', at: ago(0) },
        { type: 'open', at: now + DAY },
      ],
      DEFAULT_SCORE_SETTINGS,
      now,
    );
    expect(quiet.score).toBe(1);
    expect(quiet.contributions).toHaveLength(1);
  });

  it('uses the configured weights and half-life', () => {
    const settings = { weights: { open: 0, click: 10, visit: 2, form: 0, reply: 0 }, halfLifeDays: 7 };
    const result = engagementScore(
      [
        { type: 'open', at: ago(0) },
        { type: 'click', at: ago(7) },
        { type: 'visit', at: ago(0) },
      ],
      settings,
      now,
    );
    expect(result.score).toBe(7);
    expect(result.contributions.map((c) => c.event.type)).toEqual(['click', 'visit']);
  });
});
