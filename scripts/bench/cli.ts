/**
 * npm run bench -- --events 20000 --records 2000 [--type open|mix] [--batch-size 100] [--batching-window-ms 1000] [--writers 10]
 * Prints the comparison with the one-call-per-event baseline and writes it to .local/bench.json.
 *
 * npm run bench -- --feed queue --workload opens|burst --writers 1,5,10 [--events …] [--records …]
 * The writer side alone at each concurrency: kintone requests against the floor, conflicts, time to written.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MultiBar, Presets } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { wholeNumber } from '../cli-args';
import { DEFAULT_STATE_DIR } from '../local/dev-config';
import { isActivityType } from '../marketo-simulator/activities';
import { MARKETO_MAX_CONNECTIONS } from '../marketo-simulator/send';
import { WRITER_MAXIMUM_CONCURRENCY } from '../local/relay';
import { runBench, type BenchOptions, type BenchResult } from './run';
import { runWriterBench, type WriterBenchResult, type WriterWorkload } from './writers';

const program = new Command('bench')
  .description('Drive the local stack and a one-kintone-call-per-event baseline with the same events, and compare')
  .addOption(new Option('--events <n>', 'Marketo activities to send').argParser(wholeNumber(1)).default(20_000))
  .addOption(
    new Option('--records <n>', 'distinct customer records they are spread over')
      .argParser(wholeNumber(1, 100_000))
      .default(2_000),
  )
  .addOption(
    new Option('--type <type>', 'activity type, or mix').default('open').argParser((v) => {
      if (!isActivityType(v))
        throw new InvalidArgumentError('open, click, delivered, bounce, unsubscribe, send, visit, form or mix');
      return v;
    }),
  )
  .addOption(
    new Option('--batch-size <n>', 'writer batch size (SQS event source BatchSize)')
      .argParser(wholeNumber(1, 10_000))
      .default(100),
  )
  .addOption(
    new Option('--batching-window-ms <ms>', 'writer batching window (MaximumBatchingWindowInSeconds × 1000)')
      .argParser(wholeNumber(0, 300_000))
      .default(1_000),
  )
  .addOption(
    new Option('--concurrency <n>', 'webhook connections at once')
      .argParser(wholeNumber(1, MARKETO_MAX_CONNECTIONS))
      .default(MARKETO_MAX_CONNECTIONS),
  )
  .addOption(
    new Option('--rate <n>', 'webhook calls per second (default: as fast as the connections allow)').argParser(
      wholeNumber(1, 10_000),
    ),
  )
  .addOption(
    new Option(
      '--kintone-latency-ms <ms>',
      'delay added to every local kintone request, to model the network to cybozu.com',
    )
      .argParser(wholeNumber(0, 10_000))
      .default(0),
  )
  .addOption(new Option('--encoding <encoding>', 'Request Token Encoding').choices(['json', 'form']).default('json'))
  .option('--no-baseline', 'skip the one-call-per-event baseline')
  .addOption(
    new Option('--writers <list>', 'writer batches in flight at once (comma-separated to compare, with --feed queue)')
      .argParser((value) =>
        value.split(',').map((part) => {
          const n = Number(part);
          if (!Number.isInteger(n) || n < 1 || n > 1000)
            throw new InvalidArgumentError('whole numbers from 1 to 1000, comma-separated');
          return n;
        }),
      )
      .default([WRITER_MAXIMUM_CONCURRENCY]),
  )
  .addOption(
    new Option(
      '--feed <how>',
      'webhook: through the ingest function; queue: events straight onto the queue, the writer side alone',
    )
      .choices(['webhook', 'queue'])
      .default('webhook'),
  )
  .addOption(
    new Option(
      '--workload <name>',
      "with --feed queue: opens (one event a time), or burst (a campaign's deliveries, opens and clicks)",
    )
      .choices(['opens', 'burst'])
      .default('opens'),
  )
  .addOption(new Option('--seed <n>', 'random seed of the activities').argParser(wholeNumber(1)).default(1))
  .option('--out <file>', 'where to write the result', path.join(DEFAULT_STATE_DIR, 'bench.json'));

type CliOptions = Omit<BenchOptions, 'settleTimeoutMs' | 'onProgress' | 'log' | 'ratePerSecond' | 'writers'> & {
  out: string;
  rate?: number;
  writers: number[];
  feed: 'webhook' | 'queue';
  workload: WriterWorkload;
};

async function main(): Promise<void> {
  program.parse();
  const { rate, writers, feed, workload, ...opts } = program.opts<CliOptions>();
  if (feed === 'queue') return writerRuns({ ...opts, writers, workload });
  if (writers.length !== 1) throw new InvalidArgumentError('several --writers values go with --feed queue');
  const bars = new MultiBar(
    { format: ' {phase} |{bar}| {value}/{total} events', clearOnComplete: false, hideCursor: true },
    Presets.shades_classic,
  );
  const phases = new Map<string, ReturnType<MultiBar['create']>>();
  const result = await runBench({
    ...opts,
    writers: writers[0]!,
    ...(rate ? { ratePerSecond: rate } : {}),
    settleTimeoutMs: 15 * 60_000,
    onProgress: (phase, done, total) => {
      if (!process.stdout.isTTY) return;
      const label = phase === 'ours' ? 'ours    ' : 'baseline';
      const bar = phases.get(phase) ?? bars.create(total, 0, { phase: label });
      phases.set(phase, bar);
      bar.update(done, { phase: label });
    },
    log: (line) => {
      if (!/error|fail/i.test(line)) return;
      if (process.stdout.isTTY) bars.log(`${line}\n`);
      else console.error(line);
    },
  }).finally(() => bars.stop());
  await mkdir(path.dirname(opts.out), { recursive: true });
  await writeFile(opts.out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(summary(result).join('\n'));
  console.log(`\nwritten to ${opts.out}`);
  const allAccepted = [result.ours, result.baseline].every(
    (p) => !p || Object.keys(p.answers).every((status) => status === '202'),
  );
  if (!result.ours.settled || !allAccepted || (result.recordsThatDiffer ?? 0) > 0) process.exitCode = 1;
}

async function writerRuns(opts: Omit<CliOptions, 'feed' | 'rate'>): Promise<void> {
  const results: WriterBenchResult[] = [];
  for (const writers of opts.writers) {
    const result = await runWriterBench({
      workload: opts.workload,
      events: opts.events,
      records: opts.records,
      writers,
      batchSize: opts.batchSize,
      batchingWindowMs: opts.batchingWindowMs,
      kintoneLatencyMs: opts.kintoneLatencyMs,
      seed: opts.seed,
      settleTimeoutMs: 15 * 60_000,
      log: (line) => void (/error|fail/i.test(line) && console.error(line)),
    });
    results.push(result);
    console.log(writerRow(result, results.length === 1));
  }
  await mkdir(path.dirname(opts.out), { recursive: true });
  await writeFile(opts.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten to ${opts.out}`);
  if (results.some((r) => !r.settled)) process.exitCode = 1;
}

function writerRow(r: WriterBenchResult, header: boolean): string {
  const cells: [string, string | number][] = [
    ['workload', r.workload],
    ['events', r.events],
    ['records', r.distinctRecords],
    ['writers', r.writers],
    ['batches', r.writerBatches],
    ['in flight', r.maxBatchesInFlight],
    ['kintone req', r.kintoneRequests],
    ['batch floor', r.batchFloor],
    ['÷ floor', r.requestsOverBatchFloor.toFixed(2)],
    ['workload floor', r.workloadFloor],
    ['409s', r.revisionConflicts],
    ['redelivered', r.redeliveredMessages],
    ['written after s', r.secondsUntilAllWritten.toFixed(1)],
  ];
  const line = (values: (string | number)[]) =>
    values.map((v, i) => String(v).padStart(Math.max(cells[i]![0].length, 6))).join('  ');
  return `${header ? `${line(cells.map(([name]) => name))}\n` : ''}${line(cells.map(([, value]) => value))}${r.settled ? '' : '  NOT SETTLED'}`;
}

function summary(r: BenchResult): string[] {
  const ours = r.ours;
  const lines = [
    `${r.events} ${r.type} events over ${r.distinctRecords} records, ${r.concurrency} connections${r.ratePerSecond ? ` at ${r.ratePerSecond}/s` : ''}, kintone latency +${r.kintoneLatencyMs} ms; writer batch ${ours.batchSize}, window ${ours.batchingWindowMs} ms`,
    '',
    '                          ours        baseline',
    row('kintone requests', ours.kintoneRequests, r.baseline?.kintoneRequests),
    row('requests per event', ours.kintoneRequestsPerEvent, r.baseline?.kintoneRequestsPerEvent),
    row('ack p50 (ms)', ours.ackMs.p50, r.baseline?.ackMs.p50),
    row('ack p95 (ms)', ours.ackMs.p95, r.baseline?.ackMs.p95),
    row('ack p99 (ms)', ours.ackMs.p99, r.baseline?.ackMs.p99),
    row('ingest events/s', ours.ingestEventsPerSecond, r.baseline?.ingestEventsPerSecond),
    row('all visible after (s)', ours.secondsUntilAllVisible, r.baseline?.secondsUntilAllVisible),
    row('stale after last ack (s)', ours.secondsVisibleAfterLastAnswer, r.baseline?.secondsVisibleAfterLastAnswer),
    row('cold start, slowest (ms)', ours.coldStartMs, r.baseline?.coldStartMs),
    '',
    `request floor of the writer's ${ours.writerBatches} batches: ${ours.floor} (ours spent ${ours.kintoneRequests})`,
    `answers: ours ${answers(ours.answers)}${r.baseline ? `; baseline ${answers(r.baseline.answers)}` : ''}`,
    `writer: ${ours.status.written} written, ${ours.status.duplicates} duplicates, ${ours.status.trimmed} not kept (history full), ${ours.status.unmatched} unmatched, ${ours.status.filtered} filtered, ${ours.status.failed} failed${ours.settled ? '' : ' — NOT SETTLED'}`,
  ];
  if (r.ratios) {
    const x = (n: number) => `${n.toFixed(1)}×`;
    lines.push(
      `baseline ÷ ours: kintone requests ${x(r.ratios.kintoneRequests)}, ack p50 ${x(r.ratios.ackP50)}, ack p99 ${x(r.ratios.ackP99)}, all visible ${x(r.ratios.secondsUntilAllVisible)}`,
      `records whose engagement differs between the two apps at the end: ${r.recordsThatDiffer}`,
    );
  }
  return lines;
}

function answers(byStatus: Record<string, number>): string {
  return Object.entries(byStatus)
    .map(([status, n]) => `${status} × ${n}`)
    .join(', ');
}

function row(label: string, ours: number, baseline: number | undefined): string {
  return `${label.padEnd(24)}${String(ours).padStart(8)}    ${baseline === undefined ? '' : String(baseline).padStart(8)}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
