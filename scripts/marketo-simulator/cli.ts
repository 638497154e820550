/**
 * npm run simulate -- --events 500 --type open [--records 50] [--encoding json] [--email someone@example.com]
 * Sends Marketo-like webhook calls to the local stack (or --url/--secret elsewhere) and prints a summary.
 * npm run simulate -- --reply path/to/message.eml [--to reply+1001@replies.example.com]
 * Feeds a received reply through the local reply function as SES would, and prints what became of it.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { wholeNumber } from '../cli-args';
import { loadDevConfig } from '../local/dev-config';
import { invokeLocalFunction } from '../local/offline';
import { feedReply } from './reply';
import { isActivityType, planActivities } from './activities';
import type { SimulatedLead } from './render';
import { MARKETO_MAX_CONNECTIONS, MARKETO_TIMEOUT_MS, percentile, sendActivities } from './send';

const program = new Command('simulate')
  .description('Send webhook calls to the local stack the way a Marketo trigger campaign does')
  .addOption(new Option('--events <n>', 'how many activities to send').argParser(wholeNumber(1)).default(10))
  .addOption(
    new Option('--type <type>', 'activity type').default('open').argParser((v) => {
      if (!isActivityType(v))
        throw new InvalidArgumentError('open, click, delivered, bounce, unsubscribe, send, visit, form or mix');
      return v;
    }),
  )
  .addOption(
    new Option('--records <n>', 'how many distinct customers the activities are spread over').argParser(wholeNumber(1)),
  )
  .option('--email <address>', 'send every activity for this one lead email')
  .addOption(
    new Option('--encoding <encoding>', 'form: the generated Form/Url setup; json: a bare-token JSON template')
      .choices(['json', 'form'])
      .default('form'),
  )
  .addOption(
    new Option('--concurrency <n>', `connections at once (Marketo uses up to ${MARKETO_MAX_CONNECTIONS})`)
      .argParser(wholeNumber(1))
      .default(MARKETO_MAX_CONNECTIONS),
  )
  .option('--time-zone <zone>', 'Marketo subscription time zone for {{system.dateTime}}', 'Asia/Tokyo')
  .option('--url <url>', 'webhook URL (default: from .local/dev.json)')
  .option('--secret <secret>', 'webhook secret (default: from .local/dev.json)')
  .addOption(new Option('--seed <n>', 'random seed').argParser(wholeNumber(1)).default(1))
  .option('--reply <file>', 'instead of webhooks: a raw reply message (.eml) received on the reply-to domain')
  .option(
    '--to <address>',
    'with --reply: the address it was sent to (the envelope recipient)',
    'replies@replies.example.com',
  )
  .option('--from <address>', "with --reply: replace the message's sender, e.g. with a demo customer's email");

async function main(): Promise<void> {
  program.parse();
  const opts = program.opts<{
    events: number;
    type: ReturnType<typeof planActivities>[number]['type'] | 'mix';
    records?: number;
    email?: string;
    encoding: 'json' | 'form';
    concurrency: number;
    timeZone: string;
    url?: string;
    secret?: string;
    seed: number;
    reply?: string;
    to: string;
    from?: string;
  }>();
  const dev = await loadDevConfig();
  if (opts.reply) {
    const { lambdaUrl, replyMailDir } = dev;
    if (!lambdaUrl || !replyMailDir) throw new Error('.local/dev.json is from an older version: restart `npm start`');
    const outcome = await feedReply({
      file: opts.reply,
      recipients: [opts.to],
      ...(opts.from ? { from: opts.from } : {}),
      mailDir: replyMailDir,
      invoke: (event) => invokeLocalFunction(lambdaUrl, 'reply', event),
    });
    console.log(JSON.stringify(outcome, null, 2));
    return;
  }
  const leads: SimulatedLead[] = opts.email
    ? [{ leadId: '', email: opts.email }]
    : await demoLeads(dev.kintoneBaseUrl, dev.apiToken, dev.appId, opts.records);
  const activities = planActivities({
    count: opts.events,
    leads,
    type: opts.type,
    spreadMinutes: 60,
    end: new Date(),
    seed: opts.seed,
  });
  const started = performance.now();
  const summary = await sendActivities(activities, {
    url: opts.url ?? dev.webhookUrl,
    secret: opts.secret ?? dev.webhookSecret,
    encoding: opts.encoding,
    timeZone: opts.timeZone,
    concurrency: opts.concurrency,
    timeoutMs: MARKETO_TIMEOUT_MS,
  });
  const seconds = (performance.now() - started) / 1000;
  const ms = (p: number) => `${percentile(summary.latenciesMs, p).toFixed(1)} ms`;
  console.log(`sent ${summary.sent} ${opts.type} activities for ${leads.length} leads in ${seconds.toFixed(1)} s`);
  console.log(
    `answers: ${Object.entries(summary.byStatus)
      .map(([s, n]) => `${s} × ${n}`)
      .join(', ')}`,
  );
  console.log(`acknowledgement latency p50 ${ms(50)}, p95 ${ms(95)}, p99 ${ms(99)}`);
  if (Object.keys(summary.byStatus).some((status) => status !== '202')) process.exitCode = 1;
}

async function demoLeads(baseUrl: string, apiToken: string, app: string, limit?: number): Promise<SimulatedLead[]> {
  const client = new KintoneRestAPIClient({ baseUrl, auth: { apiToken } });
  const records = await client.record.getAllRecords({ app, fields: ['email', 'marketo_lead_id'] });
  const leads = records
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- both are text fields of the demo app.
    .map((r) => ({ leadId: String(r.marketo_lead_id?.value ?? ''), email: String(r.email?.value ?? '') }))
    .filter((l) => l.email);
  return limit ? leads.slice(0, limit) : leads;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
