/**
 * Alerts to the records' owners after their events were written: one comment per record and batch, mentioning the
 * users of the record's owner field, for the moments alert-moments finds. Each moment kind is claimed in the
 * registry's daily ledger before the comment is posted, so a crash between the two loses an alert rather than
 * doubling it. A comment costs one kintone request of the app's daily budget; with the budget spent the alert is
 * skipped, never deferred (it would come late). A refused comment never fails the events: they are written.
 */
import type { PluginConfig } from '../../../contract/src/config';
import type { EngagementEvent } from '../../../contract/src/events';
import type { StoredRecord, WritableFields } from '../../../contract/src/kintone-record';
import { alertMoments, alertText, ownerCodes, scoreValue, scoreWritten } from '../core/alert-moments';
import { errorMessage } from '../core/error-message';
import { KintoneRefusedError, type RecordStore, type Registry } from './ports';

/** A record the batch wrote: as it was read, the events written to it, and the fields its update set. */
export interface WrittenRecord {
  record: StoredRecord;
  events: EngagementEvent[];
  update: WritableFields | undefined;
}

export interface AlertReport {
  posted: number;
  skipped: number;
  /** Why comments were not posted, in words an admin can act on. */
  errors: string[];
}

export interface AlertContext {
  appId: string;
  /** The kintone day (kintone-day) the ledger counts in. */
  day: string;
  /** kintone requests the app may still spend today. */
  budgetLeft: () => number;
}

/** Refusals that every other comment of the app would meet too: no use spending requests on them. */
const APP_WIDE = new Set(['GAIA_RE12', 'GAIA_NO01', 'GAIA_IA02']);

export async function postAlerts(
  written: readonly WrittenRecord[],
  config: PluginConfig,
  store: RecordStore,
  registry: Pick<Registry, 'claimAlert'>,
  context: AlertContext,
): Promise<AlertReport> {
  const report: AlertReport = { posted: 0, skipped: 0, errors: [] };
  const settings = config.alerts;
  if (!settings) return report;
  const scoreField = config.summary.score;
  let stopped: string | undefined;
  for (const { record, events, update } of written) {
    const oldScore = scoreField ? scoreValue(record.fields[scoreField]?.value) : undefined;
    const newScore = scoreWritten(update, scoreField);
    const moments = alertMoments({ written: events, oldScore, newScore }, settings);
    const owners = ownerCodes(record.fields, settings.ownerField);
    // Nobody to notify: a comment nobody is told about is no alert.
    if (moments.length === 0 || owners.length === 0) continue;
    if (stopped !== undefined || context.budgetLeft() <= 0) {
      report.skipped++;
      continue;
    }
    const claimed = [];
    for (const moment of moments) {
      if (await registry.claimAlert(context.appId, record.id, moment.kind, context.day, settings.perRecordPerDay))
        claimed.push(moment);
    }
    if (claimed.length === 0) continue;
    const text = alertText(claimed, settings.language, newScore ?? oldScore);
    try {
      await store.addComment(record.id, { text, mentions: owners.map((code) => ({ code, type: 'USER' as const })) });
      report.posted++;
    } catch (error) {
      report.skipped++;
      const reason = error instanceof KintoneRefusedError ? error.reason : errorMessage(error);
      report.errors.push(`alert not posted on record ${record.id}: ${reason}`);
      if (error instanceof KintoneRefusedError && error.code && APP_WIDE.has(error.code)) stopped = reason;
    }
  }
  return report;
}

/**
 * The records whose events were written, each with its written events: a record with a failed event was not written
 * (its PUT failed or it was set aside), and an event that was a duplicate or trimmed is no news.
 */
export function writtenRecords(
  eventsByRecord: ReadonlyMap<string, readonly EngagementEvent[]>,
  records: readonly StoredRecord[],
  updates: readonly { id: string; record: WritableFields }[],
  outcomes: ReadonlyMap<string, string>,
): WrittenRecord[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const updateOf = new Map(updates.map((u) => [u.id, u.record]));
  const result: WrittenRecord[] = [];
  for (const [id, events] of eventsByRecord) {
    const record = byId.get(id);
    if (!record || events.some((e) => outcomes.get(e.key) === 'failed')) continue;
    const fresh = events.filter((e) => outcomes.get(e.key) === 'written');
    if (fresh.length > 0) result.push({ record, events: fresh, update: updateOf.get(id) });
  }
  return result;
}
