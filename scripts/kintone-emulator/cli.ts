/**
 * Standalone kintone emulator:
 *   tsx scripts/kintone-emulator/cli.ts --port 3100 [--persist .local/kintone.json]
 * Prints one JSON line {"url": ..., "demo": {...}} on stdout once listening, for a parent process to read.
 */
import { Command, Option } from 'commander';
import { wholeNumber } from '../cli-args';
import { startKintoneEmulator } from './emulator';
import type { TextCompare } from './query';

const integer = wholeNumber(0);

const program = new Command()
  .name('kintone-emulator')
  .description('Local stand-in for the kintone REST API with a seeded "Customers" demo app')
  .option('--port <port>', 'port to listen on (0 = random)', integer, 3100)
  .option('--host <host>', 'address to bind', '127.0.0.1')
  .option('--persist <file>', 'load state from and save it to this JSON file')
  .option('--max-concurrent <n>', 'in-flight requests before 429 GAIA_TO04', integer, 100)
  .option('--no-seed', 'do not create the demo app on a fresh start')
  .addOption(
    new Option('--text-compare <mode>', 'how text = / in compare letter case (kintone does not document it)')
      .choices(['exact', 'ignoreCase'])
      .default('exact'),
  )
  .parse();

const options = program.opts<{
  port: number;
  host: string;
  persist?: string;
  maxConcurrent: number;
  seed: boolean;
  textCompare: TextCompare;
}>();

async function main(): Promise<void> {
  const emulator = await startKintoneEmulator({
    port: options.port,
    host: options.host,
    persistPath: options.persist,
    maxConcurrent: options.maxConcurrent,
    seedDemo: options.seed,
    textCompare: options.textCompare,
  });
  process.stdout.write(`${JSON.stringify({ url: emulator.url, demo: emulator.demo })}\n`);
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
