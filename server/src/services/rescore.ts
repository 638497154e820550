/**
 * The daily re-score: the engagement score decays with time (score.ts), and the writer only refreshes it when a
 * record takes events, so once a day every app that maps a score field has its stored scores brought up to date.
 *
 * Only records whose stored score is at least 1 are read: a score of 0 cannot fall, and never rises without an event,
 * which the writer scores as it writes. The first run after a score field is mapped reads every record once instead,
 * so that customers whose events were written before it get their score too (an empty score with nothing to count
 * stays empty); the status remembers the field that pass completed for. Records are read 500 a request by seeking
 * past the last id (kintone-query scoredPageQuery says why not by offset, and a cursor would cost a request more to
 * create), and only those whose score moved by a point or more are written, 100 a request, each guarded by the
 * revision read: a record written meanwhile (a conflict) is left alone, since the writer stored a fresh score with its
 * events, or the next run catches it. Every request counts against the app's daily kintone budget; the run stops before it would exceed
 * it, and says so in the app's status.
 */
import { PUT_LIMIT, GET_LIMIT, type RecordUpdate } from '../../../contract/src/kintone-record';
import { kintoneDay } from '../../../contract/src/kintone-day';
import type { LastErrorCode } from '../../../contract/src/last-error';
import { errorMessage } from '../core/error-message';
import { writeErrorCode } from './last-error';
import { isServed, type KintoneDomainPolicy } from '../core/kintone-domains';
import { rescoreFields, rescoreUpdates } from '../core/rescore-plan';
import {
  RevisionConflictError,
  type AppRegistration,
  type AppStatus,
  type Log,
  type KintoneConnection,
  type RecordStore,
  type Registry,
  type RescoreRun,
  type TokenVault,
} from './ports';

export interface RescoreDeps {
  registry: Registry;
  recordStore: (connection: KintoneConnection) => RecordStore;
  vault: TokenVault;
  /** Only these kintone hosts are read and written: a registration left on another is skipped. */
  kintoneDomains: KintoneDomainPolicy;
  /** kintone requests per app and kintone day the server may spend, the writer's and the re-score's together. */
  dailyRequestBudget: number;
  logger: Log;
  now: () => Date;
  /** False once the run must stop (the function's time is nearly up); the rest waits for the next run. */
  keepGoing?: () => boolean;
}

export interface RescoreResult {
  /** The apps re-scored (those that map a score field), each with what its run did. */
  apps: { appId: string; run: RescoreRun }[];
}

export async function rescoreRegisteredApps(deps: RescoreDeps): Promise<RescoreResult> {
  const apps: RescoreResult['apps'] = [];
  for (const appId of await deps.registry.appIds()) {
    let found: Awaited<ReturnType<Registry['getWithStatus']>>;
    try {
      found = await deps.registry.getWithStatus(appId);
    } catch (error) {
      // One unreadable registration must not stop the others' re-score.
      deps.logger.error('registration unreadable, app not re-scored', { appId, error: errorMessage(error) });
      continue;
    }
    if (!found?.registration.enabled || !found.registration.config.summary.score) continue;
    if (!isServed(found.registration.kintoneBaseUrl, deps.kintoneDomains)) {
      deps.logger.warn('app not re-scored: its kintone domain is not served', { appId });
      continue;
    }
    apps.push({ appId, run: await rescoreApp(found.registration, found.status, deps) });
  }
  return { apps };
}

type Stop = NonNullable<RescoreRun['stopped']>;

async function rescoreApp(registration: AppRegistration, status: AppStatus, deps: RescoreDeps): Promise<RescoreRun> {
  const { appId, config } = registration;
  const scoreField = config.summary.score!;
  const started = deps.now();
  const day = kintoneDay(started);
  const spentBefore = status.kintoneRequests?.[day] ?? 0;
  const run: RescoreRun = { at: started.toISOString(), examined: 0, changed: 0, skipped: 0, requests: 0 };
  const firstPass = status.lastRescore?.everyRecordScoredIn !== scoreField;
  let stopCode: LastErrorCode = 'rescore_failed';

  let store: RecordStore | undefined;
  const affords = (requests: number) =>
    spentBefore + (store?.requestsSent() ?? 0) + requests <= deps.dailyRequestBudget;
  const budgetStop = (): Stop => ({
    reason: 'budget',
    message: `the app's daily kintone request budget (${deps.dailyRequestBudget}) would be exceeded; the rest is re-scored by the next run`,
  });
  const keepGoing = deps.keepGoing ?? (() => true);

  try {
    store = deps.recordStore({
      baseUrl: registration.kintoneBaseUrl,
      apiToken: await deps.vault.open(appId, registration.apiTokenSealed),
      appId,
      guestSpaceId: registration.guestSpaceId,
    });
    const fields = rescoreFields(config, scoreField);
    let after = '0';
    // Updates wait until a full PUT's worth has gathered across pages: 100 a request, whatever each page brings.
    let pending: RecordUpdate[] = [];
    const writePending = async (all: boolean): Promise<boolean> => {
      while (pending.length >= PUT_LIMIT || (all && pending.length > 0)) {
        if (!affords(1)) {
          run.stopped = budgetStop();
          return false;
        }
        const written = await writeGuarded(pending.slice(0, PUT_LIMIT), store!, affords);
        pending = pending.slice(PUT_LIMIT);
        run.changed += written.changed;
        run.skipped += written.skipped;
      }
      return true;
    };
    for (;;) {
      if (!keepGoing()) {
        run.stopped = { reason: 'time', message: 'the run ran out of time; the rest is re-scored by the next run' };
        break;
      }
      if (!affords(1)) {
        run.stopped = budgetStop();
        break;
      }
      const page = await store.findScoredAfter(scoreField, after, fields, firstPass);
      run.examined += page.length;
      pending.push(...rescoreUpdates(page, config, scoreField, started.getTime()));
      if (!(await writePending(false))) break;
      if (page.length < GET_LIMIT) break;
      after = page.at(-1)!.id;
    }
    // Out of time, the run still has a minute: enough for the last PUT of fewer than 100.
    if (run.stopped?.reason !== 'budget') await writePending(true);
  } catch (error) {
    run.stopped = { reason: 'error', message: `the re-score stopped: ${errorMessage(error)}` };
    // kintone's refusals say what to correct; anything else is the re-score's own failure.
    const code = writeErrorCode(error);
    stopCode = code === 'write_failed' ? 'rescore_failed' : code;
  }

  if (!firstPass || !run.stopped) run.everyRecordScoredIn = scoreField;
  run.requests = store?.requestsSent() ?? 0;
  if (run.stopped?.reason === 'error') deps.logger.error('re-score stopped', { appId, ...run });
  else deps.logger.info('engagement scores re-scored', { appId, ...run });
  await deps.registry
    .recordStatus(appId, {
      add: {},
      lastRescore: run,
      ...(run.requests > 0 ? { kintoneRequests: { day, count: run.requests } } : {}),
      ...(run.stopped?.reason === 'error'
        ? { lastError: { at: deps.now().toISOString(), message: run.stopped.message, code: stopCode } }
        : {}),
    })
    .catch((error: unknown) => deps.logger.error('status not recorded', { appId, error: errorMessage(error) }));
  return run;
}

/**
 * Writes one bulk PUT of new scores. kintone refuses the whole PUT when one revision moved on without saying which
 * (GAIA_CO02), so the records' revisions are read again, the records written meanwhile are left alone and the others
 * written; a second conflict leaves the whole chunk to the next run.
 */
async function writeGuarded(
  chunk: readonly RecordUpdate[],
  store: RecordStore,
  affords: (requests: number) => boolean,
): Promise<{ changed: number; skipped: number }> {
  try {
    await store.updateRecords(chunk);
    return { changed: chunk.length, skipped: 0 };
  } catch (error) {
    if (!(error instanceof RevisionConflictError)) throw error;
  }
  if (!affords(2)) return { changed: 0, skipped: chunk.length };
  const current = new Map(
    (
      await store.findByIds(
        chunk.map((u) => u.id),
        ['$id', '$revision'],
      )
    ).map((r) => [r.id, r.revision]),
  );
  const unchanged = chunk.filter((u) => current.get(u.id) === u.revision);
  if (unchanged.length === 0) return { changed: 0, skipped: chunk.length };
  try {
    await store.updateRecords(unchanged);
    return { changed: unchanged.length, skipped: chunk.length - unchanged.length };
  } catch (error) {
    if (!(error instanceof RevisionConflictError)) throw error;
    return { changed: 0, skipped: chunk.length };
  }
}
