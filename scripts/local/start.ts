/** npm start: the whole product on this machine. Ports from PORT (webhook, 3000) and KINTONE_PORT (3100). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildPlugin, PLUGIN_OUT_DIR } from '../plugin/build';
import { signalsConfig } from '../preview/fixtures/engagement';
import { writeShowcase } from '../preview/fixtures/showcase';
import { DEFAULT_STATE_DIR } from './dev-config';
import { startLocalStack } from './stack';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new Error(`${name} must be a TCP port number, got "${raw}"`);
  return value;
}

/** Deployed it runs hourly; locally more often, so its effect shows. */
const RECONCILE_EVERY_MINUTES = 10;
/** The daily re-score at 03:00 as deployed (in the machine's time zone here: serverless-offline schedules in local time). */
const RESCORE_SCHEDULE = 'cron(0 3 * * ? *)';

async function main(): Promise<void> {
  if (!existsSync(join(PLUGIN_OUT_DIR, 'manifest.json'))) {
    console.log('building the plug-in for the preview (first start only; `npm run build` rebuilds it)…');
    await buildPlugin();
  }
  const stack = await startLocalStack({
    stateDir: DEFAULT_STATE_DIR,
    persistKintone: true,
    watchSources: true,
    reconcileSchedule: `rate(${RECONCILE_EVERY_MINUTES} minutes)`,
    rescoreSchedule: RESCORE_SCHEDULE,
    ports: {
      http: port('PORT', 3000),
      kintone: port('KINTONE_PORT', 3100),
      sqs: port('SQS_PORT', 3200),
      lambda: port('LAMBDA_PORT', 3002),
      preview: port('PREVIEW_PORT', 3300),
      marketo: port('MARKETO_PORT', 3400),
    },
    preview: true,
    // Records visits and form fills and maps the score, so the showcase record shows them.
    demoConfig: signalsConfig(),
    batchSize: 100,
    batchingWindowMs: 1000,
    visibilityTimeoutSeconds: 30,
    logLevel: 'INFO',
    log: (line) => console.log(`[server] ${line}`),
  });
  const { dev } = stack;
  const showcased = await writeShowcase({ ...dev, recordId: 1 });
  console.log(`
kintone-marketo-sync is running locally.

  local kintone     ${dev.kintoneBaseUrl}   (demo app "Customers", id ${dev.appId})
  webhook           POST ${dev.webhookUrl}
  record (preview)  ${stack.preview?.pages.record(1) ?? ''}${showcased ? '   (a month of emails, visits, a form fill)' : ''}
  plug-in settings  ${stack.preview?.pages.settings() ?? ''}
  local Marketo     ${stack.marketo.url}   (REST API with a month of email activity)
  reconciliation    every ${RECONCILE_EVERY_MINUTES} minutes from the local Marketo (the last day's activity, first run now)
  re-score          daily at 03:00 (local time) for apps that map a score field
  connection info   .local/dev.json (webhook secret, admin secret, API token)
  admin secret      the settings screen asks for it to register or test (it is never stored in kintone):
                    node -p 'require("./.local/dev.json").adminSecret'

Try it:
  npm run simulate -- --events 20 --type open      # Marketo-like webhook calls for demo customers
  npm run simulate -- --events 200 --type mix --records 50
  npm run backfill -- --app 1 --since ${new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10)}   # the month of history from the local Marketo
  npm run simulate -- --reply test/fixtures/replies/04-iso-2022-jp.eml --from taro.yamada@example.co.jp   # a customer's reply, as SES delivers it
  npm run admin -- status --app 1                  # counters, kintone requests today, last error

Press Ctrl+C to stop.`);
  stack.reconcile().then(
    (result) => console.log(`[reconcile] first run: ${JSON.stringify(result)}`),
    (error: unknown) =>
      console.log(`[reconcile] first run failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  const shutdown = () => {
    console.log('\nstopping…');
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
