/**
 * npm run replay-dlq [-- --app 7] [--max 100] [--dry-run] [--queue-url URL --dlq-url URL]
 * Moves parked events back to the events queue. Without URLs it works on the local stack (.local/dev.json);
 * deployed, pass the QueueUrl and DeadLetterQueueUrl stack outputs and have AWS credentials in the environment.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { wholeNumber } from '../cli-args';
import { loadDevConfig } from '../local/dev-config';
import { moveParkedEvents, type MoveSummary } from './move';

const program = new Command('replay-dlq')
  .description('Move parked events from the dead-letter queue back to the events queue')
  .option('--app <id>', "only this app's events")
  .option('--max <n>', 'move at most this many', wholeNumber(1))
  .option('--dry-run', 'count the parked events by app, move nothing')
  .option('--queue-url <url>', 'the events queue (default: the local stack)')
  .option('--dlq-url <url>', 'the dead-letter queue (default: the local stack)');

async function main(): Promise<void> {
  program.parse();
  const opts = program.opts<{ app?: string; max?: number; dryRun?: boolean; queueUrl?: string; dlqUrl?: string }>();
  let client: SQSClient;
  let queueUrl: string;
  let deadLetterQueueUrl: string;
  if (opts.queueUrl || opts.dlqUrl) {
    if (!opts.queueUrl || !opts.dlqUrl) throw new Error('pass both --queue-url and --dlq-url');
    client = new SQSClient({});
    queueUrl = opts.queueUrl;
    deadLetterQueueUrl = opts.dlqUrl;
  } else {
    const dev = await loadDevConfig();
    client = new SQSClient({
      endpoint: dev.sqsEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    queueUrl = dev.queueUrl;
    deadLetterQueueUrl = dev.deadLetterQueueUrl;
  }

  const bar = process.stdout.isTTY
    ? new SingleBar({ format: ' replay |{bar}| {value}/{total} events' }, Presets.shades_classic)
    : undefined;
  const summary = await moveParkedEvents({
    client,
    queueUrl,
    deadLetterQueueUrl,
    ...(opts.app ? { appId: opts.app } : {}),
    ...(opts.max ? { max: opts.max } : {}),
    ...(opts.dryRun ? { dryRun: true } : {}),
    onProgress: (s) => {
      if (!bar) return;
      if (!bar.isActive) bar.start(Math.max(s.parked, s.moved + s.skipped), 0);
      bar.setTotal(Math.max(s.parked, s.moved + s.skipped));
      bar.update(s.moved + s.skipped);
    },
  }).finally(() => bar?.stop());
  console.log(describe(summary, Boolean(opts.dryRun)));
  if (summary.failed > 0) process.exitCode = 1;
}

function describe(s: MoveSummary, dryRun: boolean): string {
  const apps = Object.entries(s.byApp)
    .map(([app, n]) => `app ${app}: ${n}`)
    .join(', ');
  return [
    `${s.parked} parked at the start; ${dryRun ? 'would move' : 'moved'} ${s.moved}${apps ? ` (${apps})` : ''}`,
    ...(s.skipped > 0 ? [`left parked (other apps): ${s.skipped}`] : []),
    ...(s.failed > 0 ? [`could not be queued, still parked: ${s.failed}`] : []),
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
