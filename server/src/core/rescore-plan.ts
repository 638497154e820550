/**
 * The daily re-score of one page of records: each record's engagement score recomputed from its history rows at
 * `now`, and an update for each record whose stored score is a point or more away from it. Pure; the re-score service
 * reads and writes around it.
 */
import type { PluginConfig } from '../../../contract/src/config';
import {
  dateTimeMillis,
  subtableRows,
  textValue,
  type RecordUpdate,
  type StoredRecord,
} from '../../../contract/src/kintone-record';
import { engagementScore, scoreSettingsOf } from '../../../contract/src/score';

/** The fields a re-score reads from each record: the history table holds every column, so only it and the score. */
export function rescoreFields(config: PluginConfig, scoreField: string): string[] {
  return ['$id', '$revision', scoreField, config.history.table];
}

/** The score the record's history rows give at `now`. Throws RecordShapeError when the history table is missing. */
export function recomputedScore(record: StoredRecord, config: PluginConfig, now: number): number {
  const { table, columns } = config.history;
  const events = subtableRows(record.fields, table).map((row) => ({
    type: textValue(row.value, columns.type),
    // A row without a readable time cannot be placed: NaN leaves it out of the score.
    at: dateTimeMillis(textValue(row.value, columns.occurredAt)) ?? Number.NaN,
  }));
  return engagementScore(events, scoreSettingsOf(config), now).score;
}

/**
 * One update per record whose recomputed score differs from the stored one by at least a point, guarded by the revision
 * read, so a record written meanwhile is left alone. An empty score counts as moved unless the history gives 0: a
 * customer without events is not written just to say so.
 */
export function rescoreUpdates(
  records: readonly StoredRecord[],
  config: PluginConfig,
  scoreField: string,
  now: number,
): RecordUpdate[] {
  const updates: RecordUpdate[] = [];
  for (const record of records) {
    const score = recomputedScore(record, config, now);
    const storedText = textValue(record.fields, scoreField);
    if (storedText === '' && score === 0) continue;
    const stored = Number.parseFloat(storedText);
    if (Number.isFinite(stored) && Math.abs(score - stored) < 1) continue;
    updates.push({ id: record.id, revision: record.revision, record: { [scoreField]: { value: String(score) } } });
  }
  return updates;
}
