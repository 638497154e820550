import { defaultConfig } from '../../../contract/src/config';
import { RecordShapeError, type StoredRecord } from '../../../contract/src/kintone-record';
import { rescoreFields, rescoreUpdates } from './rescore-plan';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-12-01T18:00:00Z');
const config = { ...defaultConfig(), summary: { ...defaultConfig().summary, score: 'mkto_score' } };

/** kintone's DATETIME text, `days` before NOW. */
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

function rec(id: string, score: string, rows: [type: string, at: string][]): StoredRecord {
  return {
    id,
    revision: `${id}0`,
    fields: {
      mkto_score: { type: 'NUMBER', value: score },
      mkto_history: {
        type: 'SUBTABLE',
        value: rows.map(([type, at], i) => ({
          id: String(i),
          value: { mkto_h_at: { type: 'DATETIME', value: at }, mkto_h_type: { type: 'SINGLE_LINE_TEXT', value: type } },
        })),
      },
    },
  };
}

describe('rescoreUpdates', () => {
  it('updates only records whose score moved by a point or more, guarded by the revision read', () => {
    // A reply 14 days ago is worth 10 × ½ = 5 now; one 28 days ago 2.5 → 3 (rounded half up); a form fill today 8.
    const records = [
      rec('1', '10', [['reply', daysAgo(14)]]),
      rec('2', '5', [['reply', daysAgo(14)]]),
      rec('3', '3', [['reply', daysAgo(28)]]),
      rec('4', '9', [['form', daysAgo(0)]]),
      rec('5', '4', [
        ['click', daysAgo(1)],
        ['unsubscribe', daysAgo(0)],
      ]),
    ];
    expect(rescoreUpdates(records, config, 'mkto_score', NOW)).toEqual([
      { id: '1', revision: '10', record: { mkto_score: { value: '5' } } },
      { id: '4', revision: '40', record: { mkto_score: { value: '8' } } },
      { id: '5', revision: '50', record: { mkto_score: { value: '0' } } },
    ]);
  });

  it('rewrites a stored value that is no number, and skips one less than a point away', () => {
    const records = [rec('1', '', [['open', daysAgo(0)]]), rec('2', '0.6', [['open', daysAgo(0)]])];
    expect(rescoreUpdates(records, config, 'mkto_score', NOW).map((u) => [u.id, u.record])).toEqual([
      ['1', { mkto_score: { value: '1' } }],
    ]);
  });

  it('leaves an empty score empty when the history gives 0: a customer without events is not written', () => {
    const records = [rec('1', '', []), rec('2', '', [['open', daysAgo(400)]]), rec('3', '', [['click', daysAgo(0)]])];
    expect(rescoreUpdates(records, config, 'mkto_score', NOW).map((u) => [u.id, u.record])).toEqual([
      ['3', { mkto_score: { value: '3' } }],
    ]);
  });

  it('leaves rows without a readable time out of the score', () => {
    const records = [rec('1', '10', [['reply', '']])];
    expect(rescoreUpdates(records, config, 'mkto_score', NOW)[0]?.record).toEqual({ mkto_score: { value: '0' } });
  });

  it('refuses a record that came back without the history table', () => {
    const record: StoredRecord = { id: '1', revision: '1', fields: { mkto_score: { type: 'NUMBER', value: '3' } } };
    expect(() => rescoreUpdates([record], config, 'mkto_score', NOW)).toThrow(RecordShapeError);
  });

  it('reads the id, the revision, the score and the history table only', () => {
    expect(rescoreFields(config, 'mkto_score')).toEqual(['$id', '$revision', 'mkto_score', 'mkto_history']);
  });
});
