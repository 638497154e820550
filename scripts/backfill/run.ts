/**
 * One backfill: Marketo's email activities of a time range queued as engagement events for one app, page by page,
 * with the position saved after each page so an interrupted run resumes where it stopped. Only what the app's
 * registered settings record is queued (event types, bots), so the writer spends kintone requests on nothing
 * else; it skips what is already on the records.
 */
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import type { PluginConfig } from '../../contract/src/config';
import type { EventQueue } from '../../server/src/services/ports';
import { reconcile, type ActivitySource, type ReconcileReport } from '../../server/src/services/reconcile';

export interface BackfillOptions {
  appId: string;
  /** The app's registered settings. */
  config: PluginConfig;
  since: Date;
  until: Date;
  /** Where the position is kept between runs. */
  stateFile: string;
  /** Start from the saved position instead of `since`. */
  resume: boolean;
  dryRun: boolean;
  source: ActivitySource;
  queue: EventQueue;
  onPage?: (report: ReconcileReport) => void;
}

const stateSchema = z.object({
  appId: z.string(),
  until: z.iso.datetime(),
  lastActivityAt: z.string().optional(),
  queued: z.number(),
});
export type BackfillState = z.infer<typeof stateSchema>;

export async function runBackfill(
  options: BackfillOptions,
): Promise<{ report: ReconcileReport; resumedFrom?: string }> {
  const saved = options.resume ? await readState(options.stateFile, options.appId) : undefined;
  const since = saved?.lastActivityAt ? new Date(saved.lastActivityAt) : options.since;
  const save = async (report: ReconcileReport) => {
    if (options.dryRun) return;
    const state: BackfillState = {
      appId: options.appId,
      until: options.until.toISOString(),
      ...(report.lastActivityAt ? { lastActivityAt: report.lastActivityAt } : {}),
      queued: (saved?.queued ?? 0) + report.events,
    };
    // Whole or not at all: a run stopped mid-write must not leave a position that cannot be read.
    const temp = `${options.stateFile}.${process.pid}.tmp`;
    await fs.writeFile(temp, `${JSON.stringify(state, null, 2)}\n`);
    await fs.rename(temp, options.stateFile);
  };
  let pending = Promise.resolve();
  // A run stopped by Marketo's quota throws: the position of the pages it queued is saved before it says so.
  const report = await reconcile(
    { since, until: options.until, apps: [{ appId: options.appId, config: options.config }], dryRun: options.dryRun },
    {
      source: options.source,
      queue: options.queue,
      now: () => new Date(),
      onPage: (progress) => {
        pending = pending.then(() => save(progress));
        options.onPage?.(progress);
      },
    },
  ).finally(() => pending);
  return { report, ...(saved?.lastActivityAt ? { resumedFrom: saved.lastActivityAt } : {}) };
}

async function readState(file: string, appId: string): Promise<BackfillState | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const state = stateSchema.parse(JSON.parse(text));
  if (state.appId !== appId) throw new Error(`${file} is the position of app ${state.appId}, not of app ${appId}`);
  return state;
}
