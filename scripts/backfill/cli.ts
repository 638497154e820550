/**
 * npm run backfill -- --app 1 --since 2026-09-01 [--until 2026-11-28] [--dry-run] [--resume]
 * Imports the history of Marketo email activities into an app's records through the events queue, as far as the
 * app's registered settings record them. Locally everything comes from .local/dev.json; deployed, pass --server,
 * --queue-url and the Marketo URLs, with AWS credentials, ADMIN_SECRET and MARKETO_CLIENT_ID /
 * MARKETO_CLIENT_SECRET in the environment.
 */
import path from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SingleBar, Presets } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import {
  DEFAULT_DAILY_BUDGET,
  DEFAULT_RATE_SHARE,
  MarketoBudgetError,
  marketoClient,
  MarketoQuotaError,
  type MarketoConnection,
} from '../../server/src/adapters/marketo-client';
import { wholeNumber } from '../cli-args';
import { sqsEventQueue } from '../../server/src/adapters/sqs-queue';
import { adminTarget, registeredConfig } from '../admin/admin-client';
import { DEFAULT_STATE_DIR, loadDevConfig } from '../local/dev-config';
import type { ReconcileReport } from '../../server/src/services/reconcile';
import { runBackfill } from './run';

const date = (value: string) => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new InvalidArgumentError('must be a date such as 2026-09-01 or 2026-09-01T09:00:00+09:00');
  return new Date(ms);
};

/** Activities of the last half hour are left to the webhooks still on their way (and to the next reconciliation). */
const SETTLE_MS = 30 * 60_000;

const program = new Command('backfill')
  .description("Import an app's Marketo email history into its kintone records")
  .requiredOption('--app <id>', 'kintone app id')
  .requiredOption('--since <date>', 'oldest activity to import', date)
  .option('--until <date>', 'import activities before this moment (default: half an hour ago)', date)
  .option('--dry-run', 'count what would be queued, by app; queue nothing')
  .option('--resume', 'continue an interrupted run from its saved position')
  .option('--queue-url <url>', 'the events queue (default: the local stack)')
  .option('--server <url>', "the deployment's ServerUrl, for the app's registered settings (with ADMIN_SECRET set)")
  .option('--marketo-rest-url <url>', 'e.g. https://123-ABC-456.mktorest.com (default: the local Marketo)')
  .option('--marketo-identity-url <url>', 'e.g. https://123-ABC-456.mktorest.com/identity')
  .option(
    '--marketo-calls-per-20s <n>',
    "this run's share of Marketo's 100 calls per 20 s",
    wholeNumber(1),
    DEFAULT_RATE_SHARE.calls,
  )
  .option(
    '--marketo-daily-budget <n>',
    "stop once the subscription has used this many of the day's calls (all integrations)",
    wholeNumber(1),
    DEFAULT_DAILY_BUDGET,
  );

async function main(): Promise<void> {
  program.parse();
  const opts = program.opts<{
    app: string;
    since: Date;
    until?: Date;
    dryRun?: boolean;
    resume?: boolean;
    queueUrl?: string;
    server?: string;
    marketoRestUrl?: string;
    marketoIdentityUrl?: string;
    marketoCallsPer20s: number;
    marketoDailyBudget: number;
  }>();
  const deployed = Boolean(opts.queueUrl || opts.marketoRestUrl || opts.server);
  const dev = deployed ? undefined : await loadDevConfig();
  const connection: MarketoConnection | undefined = dev
    ? dev.marketo
    : opts.marketoRestUrl &&
        opts.marketoIdentityUrl &&
        process.env.MARKETO_CLIENT_ID &&
        process.env.MARKETO_CLIENT_SECRET
      ? {
          restUrl: opts.marketoRestUrl,
          identityUrl: opts.marketoIdentityUrl,
          clientId: process.env.MARKETO_CLIENT_ID,
          clientSecret: process.env.MARKETO_CLIENT_SECRET,
        }
      : undefined;
  if (!connection)
    throw new Error(
      'pass --marketo-rest-url and --marketo-identity-url, and set MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET',
    );
  const queueUrl = dev?.queueUrl ?? opts.queueUrl;
  if (!queueUrl) throw new Error('pass --queue-url (the EventsQueueUrl stack output)');
  const sqs = dev
    ? new SQSClient({
        endpoint: dev.sqsEndpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      })
    : new SQSClient({});

  // Only what the app records is queued: every event left out is a kintone request the writer does not spend.
  const config = await registeredConfig(adminTarget(opts.app, opts.server, dev));
  const until = opts.until ?? new Date(Date.now() - SETTLE_MS);
  const source = marketoClient(connection, {
    rate: { calls: opts.marketoCallsPer20s, windowMs: DEFAULT_RATE_SHARE.windowMs },
    dailyBudget: opts.marketoDailyBudget,
  });
  const span = Math.max(1, until.getTime() - opts.since.getTime());
  const bar = process.stdout.isTTY
    ? new SingleBar(
        { format: ' backfill |{bar}| {percentage}% of the range · {events} events' },
        Presets.shades_classic,
      )
    : undefined;
  bar?.start(100, 0, { events: 0 });
  const started = performance.now();
  const { report, resumedFrom } = await runBackfill({
    appId: opts.app,
    config,
    since: opts.since,
    until,
    stateFile: path.join(DEFAULT_STATE_DIR, `backfill-app-${opts.app}.json`),
    resume: Boolean(opts.resume),
    dryRun: Boolean(opts.dryRun),
    source,
    queue: sqsEventQueue(queueUrl, sqs),
    onPage: (progress) => {
      const done = progress.lastActivityAt ? Date.parse(progress.lastActivityAt) - opts.since.getTime() : 0;
      bar?.update(Math.min(100, Math.round((done / span) * 100)), { events: progress.events });
    },
  }).finally(() => bar?.stop());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    [
      resumedFrom ? `resumed from ${resumedFrom}` : undefined,
      `${report.activities} Marketo email activities read from ${opts.since.toISOString()} to ${until.toISOString()}`,
      `${report.events} events ${opts.dryRun ? 'would be queued' : 'queued'} for app ${opts.app}: ${describeTypes(report)}`,
      "as the app's settings record them; the writer skips what is already on the records",
      `${source.callsMade()} Marketo API calls in ${seconds} s`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

function describeTypes(report: ReconcileReport): string {
  const types = Object.entries(report.byType).map(([type, count]) => `${type} ${count.toLocaleString('en')}`);
  return `${types.join(', ') || 'none'}; ${report.bots.toLocaleString('en')} of them bot activity`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  if (error instanceof MarketoBudgetError) {
    console.error(
      'The position is saved. Run the same command with --resume tomorrow, or with a larger --marketo-daily-budget.',
    );
  } else if (error instanceof MarketoQuotaError) {
    console.error(
      "Marketo's daily API quota is used up; the position is saved. Run the same command with --resume after the quota resets (midnight US Central time).",
    );
  }
  process.exitCode = 1;
});
