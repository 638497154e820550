/**
 * The engagement score the writer stores in the same update as the events: computed from the history rows the patch
 * keeps, at the moment the caller gives. Expected values are worked out by hand from the formula in score.ts.
 */
import { STATUSES, type PluginConfig } from './config';
import { configFrom, type ConfigDraft } from '../../test/support/config';
import type { EngagementEvent, EventType } from './events';
import type { FieldValue, StoredRecord } from './kintone-record';
import { computeRecordPatch } from './record-patch';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-11-28T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();

const config = (change?: (c: ConfigDraft) => void): PluginConfig =>
  configFrom(
    {
      version: 1,
      leadKey: { source: 'email', field: 'email' },
      multipleMatches: 'all',
      summary: {
        statusLabels: Object.fromEntries(STATUSES.map((s) => [s, s])) as Record<(typeof STATUSES)[number], string>,
        openCount: 'open_count',
        score: 'score',
      },
      history: {
        table: 'history',
        columns: { occurredAt: 'h_at', type: 'h_type', eventKey: 'h_key' },
        maxRows: 3,
      },
      eventTypes: ['send', 'delivered', 'open', 'click', 'bounce', 'unsubscribe', 'reply'],
      ignoreBots: true,
      marketoTimeZone: 'Asia/Tokyo',
      panel: { placement: 'headerMenu' },
    },
    change,
  );

function ev(key: string, type: EventType, occurredAt: string): EngagementEvent {
  return {
    key,
    appId: '1',
    type,
    leadId: '1001',
    email: 'taro@example.co.jp',
    emailName: 'News A',
    subject: '',
    snippet: '',
    formName: '',
    link: '',
    campaign: '',
    campaignId: '',
    occurredAt,
    isBot: false,
    source: 'webhook',
    receivedAt: occurredAt,
  };
}

function rec(score: string, rows: { key: string; type: string; at: string }[] = []): StoredRecord {
  const history = rows.map((r, i) => ({
    id: String(i + 1),
    value: {
      h_at: { type: 'DATETIME', value: r.at.replace(/\.\d{3}Z$/, 'Z') },
      h_type: { type: 'DROP_DOWN', value: r.type },
      h_key: { type: 'SINGLE_LINE_TEXT', value: r.key },
    } satisfies Record<string, FieldValue>,
  }));
  return {
    id: '1',
    revision: '4',
    fields: {
      email: { type: 'LINK', value: 'taro@example.co.jp' },
      open_count: { type: 'NUMBER', value: '' },
      score: { type: 'NUMBER', value: score },
      history: { type: 'SUBTABLE', value: history },
    },
  };
}

describe('computeRecordPatch: the engagement score', () => {
  it('stores the score of every kept row at the given moment, as integer text, in the same update', () => {
    const stored = rec('', [{ key: 'k1', type: 'reply', at: daysAgo(14) }]);
    const patch = computeRecordPatch(
      stored,
      [ev('k2', 'click', daysAgo(28)), ev('k3', 'open', daysAgo(0))],
      config(),
      NOW,
    );
    // The stored reply and both new rows (maxRows 3): reply 10 × ½ + click 3 × ¼ + open 1 = 6.75 → 7.
    expect(patch.update?.record.score).toEqual({ value: '7' });
    expect(patch.update?.record.open_count).toEqual({ value: '1' });
  });

  it('scores only the rows the patch keeps: a row the full history gives up no longer counts', () => {
    const full = rec('', [
      { key: 'o1', type: 'open', at: daysAgo(1) },
      { key: 'o2', type: 'open', at: daysAgo(1) },
      { key: 'r1', type: 'reply', at: daysAgo(0) },
    ]);
    const patch = computeRecordPatch(full, [ev('c1', 'click', daysAgo(0))], config(), NOW);
    // An open goes first: reply 10 + click 3 + one open 1 × 0.5^(1/14).
    expect(patch.update?.record.score).toEqual({ value: String(Math.round(13 + 0.5 ** (1 / 14))) });
    expect(patch.update?.record.history).toEqual(expect.objectContaining({ value: expect.any(Array) }));
  });

  it('sets the score to 0 after an unsubscribe and uses the configured weights and half-life', () => {
    const stored = rec('12', [{ key: 'r1', type: 'reply', at: daysAgo(2) }]);
    expect(
      computeRecordPatch(stored, [ev('u1', 'unsubscribe', daysAgo(1))], config(), NOW).update?.record.score,
    ).toEqual({ value: '0' });
    const custom = config((c) => {
      c.score = { weights: { open: 2, click: 3, visit: 1, form: 8, reply: 40 }, halfLifeDays: 2 };
    });
    // reply 40 × 0.5^(2/2) + open 2 = 22
    expect(computeRecordPatch(stored, [ev('o1', 'open', daysAgo(0))], custom, NOW).update?.record.score).toEqual({
      value: '22',
    });
  });

  it('leaves an unchanged score out of the update, and writes nothing without a moment or a mapped field', () => {
    const stored = rec('10', []);
    const patch = computeRecordPatch(stored, [ev('r1', 'reply', daysAgo(0))], config(), NOW);
    expect(patch.update).toBeDefined();
    expect(patch.update?.record).not.toHaveProperty('score');
    expect(computeRecordPatch(rec(''), [ev('r1', 'reply', daysAgo(0))], config()).update?.record).not.toHaveProperty(
      'score',
    );
    const unmapped = config((c) => {
      c.summary.score = undefined;
    });
    expect(
      computeRecordPatch(rec(''), [ev('r1', 'reply', daysAgo(0))], unmapped, NOW).update?.record,
    ).not.toHaveProperty('score');
  });

  it('spends no update on the score alone: a replay changes nothing, so nothing is sent', () => {
    const stored = rec('1', [{ key: 'k1', type: 'open', at: daysAgo(30) }]);
    // The stored score is stale (the open is a month old: 0.23 → 0), yet only the daily re-score corrects it.
    expect(computeRecordPatch(stored, [ev('k1', 'open', daysAgo(30))], config(), NOW).update).toBeUndefined();
  });
});
