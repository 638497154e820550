/**
 * npm run bench:rescore -- [--records 10000] [--days 1] [--seed 1]
 * Measures the daily re-score's kintone requests against the local kintone: the demo app and an app of `--records`
 * engaged customers get a month of activity written by the writer (scores stored as it goes, at the end of the
 * month), then the re-score runs `--days` later, and once more the same day. Also compares the writer's requests for
 * that month with and without a score field mapped, and measures the first run after a score field is mapped on the
 * app written without it (every record read once, every engaged customer scored). Prints the figures and writes them
 * to .local/bench-rescore.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { defaultConfig, type PluginConfig } from '../../contract/src/config';
import type { EngagementEvent, EventType } from '../../contract/src/events';
import { GET_LIMIT, PUT_LIMIT } from '../../contract/src/kintone-record';
import { kintoneRecordStore } from '../../server/src/adapters/kintone-records';
import { fileRegistry } from '../../server/src/adapters/registry-file';
import { localTokenVault } from '../../server/src/adapters/token-vault-local';
import { parseKintoneDomains } from '../../server/src/core/kintone-domains';
import { hashSecret } from '../../server/src/core/secrets';
import { rescoreRegisteredApps } from '../../server/src/services/rescore';
import type { RescoreRun } from '../../server/src/services/ports';
import { writeAppEvents } from '../../server/src/services/write-events';
import { eventKey } from '../../server/src/core/event-key';
import { wholeNumber } from '../cli-args';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from '../kintone-emulator';
import { DEMO_CUSTOMERS } from '../kintone-emulator/seed';
import { DEFAULT_STATE_DIR } from '../local/dev-config';
import { seededRandom } from '../marketo-emulator/random';
import { addCustomers, benchLeads } from './workload';

const DAY = 24 * 60 * 60 * 1000;
/** The month's activity types and how often each comes up (opens dominate, as in a real instance). */
const MIX: [EventType, number][] = [
  ['open', 0.55],
  ['click', 0.2],
  ['visit', 0.15],
  ['form', 0.05],
  ['unsubscribe', 0.02],
  ['bounce', 0.03],
];
/** The events written per writer call: the writer's SQS batch is 100 messages, several calls a batch here is fine. */
const WRITE_CHUNK = 2_000;

interface AppFigures {
  records: number;
  events: number;
  writerRequests: { withScore: number; withoutScore: number };
  rescore: { daysLater: RescoreRun; sameDayAgain: RescoreRun };
  /** Requests the local kintone counted for the app during each run. */
  counted: { daysLater: number; sameDayAgain: number };
  floor: { daysLater: number; sameDayAgain: number };
  /** The first run on the copy written without a score field, once one is mapped. */
  scoreFieldMappedLater: { run: RescoreRun; counted: number; floor: number };
}

const SCORED = (config: PluginConfig): PluginConfig => ({
  ...config,
  summary: { ...config.summary, score: 'mkto_score' },
  eventTypes: ['open', 'click', 'bounce', 'unsubscribe', 'reply', 'visit', 'form'],
  visitPages: ['example.com/pricing'],
});

/** 1 to 8 events per customer over the 30 days before `monthEnd`, drawn from MIX. */
function month(appId: string, emails: readonly string[], monthEnd: number, seed: number): EngagementEvent[] {
  const random = seededRandom(seed);
  const pickType = (): EventType => {
    let r = random();
    for (const [type, share] of MIX) if ((r -= share) < 0) return type;
    return 'open';
  };
  return emails.flatMap((email) =>
    Array.from({ length: 1 + Math.floor(random() * 8) }, () => {
      const type = pickType();
      const occurredAt = new Date(Math.floor((monthEnd - random() * 30 * DAY) / 60_000) * 60_000).toISOString();
      const base = {
        appId,
        type,
        leadId: '',
        email,
        emailName: type === 'visit' || type === 'form' ? '' : 'Newsletter',
        subject: '',
        snippet: '',
        formName: type === 'form' ? 'Contact us' : '',
        link: type === 'click' ? 'https://www.example.com/news' : type === 'visit' ? 'www.example.com/pricing' : '',
        campaign: 'Nurture',
        campaignId: '1001',
        occurredAt,
        isBot: false,
        source: 'webhook' as const,
        receivedAt: occurredAt,
      };
      return { ...base, key: eventKey(base) };
    }),
  );
}

/** Pages of 500 to read `examined` records (one more when a page comes back full), PUTs of 100 for `changed`. */
const floorOf = (run: RescoreRun) => Math.floor(run.examined / GET_LIMIT) + 1 + Math.ceil(run.changed / PUT_LIMIT);

async function measureApp(
  emu: KintoneEmulator,
  appId: string,
  token: string,
  emails: readonly string[],
  options: { days: number; seed: number },
): Promise<AppFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-rescore-'));
  try {
    const registry = fileRegistry(path.join(dir, 'registry.json'));
    const vault = localTokenVault(path.join(dir, 'token.key'));
    const config = SCORED(defaultConfig());
    await registry.put({
      appId,
      kintoneBaseUrl: emu.url,
      apiTokenSealed: await vault.seal(appId, token),
      webhookSecretHash: hashSecret('bench-secret-0123456789abcdef'),
      enabled: true,
      config,
      updatedAt: new Date().toISOString(),
    });
    const connection = { baseUrl: emu.url, apiToken: token, appId };
    const monthEnd = Date.now();
    const events = month(appId, emails, monthEnd, options.seed);

    // The writer's requests for the month with the score mapped, and for the same month on a copy of the app
    // without it.
    const writerRequests = async (cfg: PluginConfig, targetAppId: string, tokenFor: string) => {
      const store = kintoneRecordStore({ ...connection, appId: targetAppId, apiToken: tokenFor });
      for (let i = 0; i < events.length; i += WRITE_CHUNK) {
        const batch = events.slice(i, i + WRITE_CHUNK).map((e) => ({ ...e, appId: targetAppId }));
        const report = await writeAppEvents(batch, cfg, store, { now: monthEnd });
        if (report.errors.length > 0) throw new Error(JSON.stringify(report.errors));
      }
      return store.requestsSent();
    };
    const copy = emu.createApp(withScoreField());
    const copyToken = emu.createToken(copy, { view: true, add: true, edit: true });
    await addCustomers({ ...connection, appId: copy, apiToken: copyToken }, leadsOf(emails));
    const withoutScore = await writerRequests(defaultConfig(), copy, copyToken);
    const withScore = await writerRequests(config, appId, token);

    const deps = {
      vault,
      kintoneDomains: parseKintoneDomains(new URL(emu.url).host, true),
      recordStore: kintoneRecordStore,
      dailyRequestBudget: 8_000,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    };
    const later = new Date(monthEnd + options.days * DAY);
    const runAt = async (at: Date, target = appId, targetRegistry = registry) => {
      emu.resetStats();
      const result = await rescoreRegisteredApps({ ...deps, registry: targetRegistry, now: () => at });
      const app = result.apps.find((a) => a.appId === target);
      if (!app) throw new Error(`app ${target} was not re-scored`);
      return { run: app.run, counted: emu.stats().requestsByApp[target] ?? 0 };
    };
    // The copy, in a registry of its own, now with the score field mapped: its first run scores the month's events.
    const copyRegistry = fileRegistry(path.join(dir, 'copy-registry.json'));
    await copyRegistry.put({
      ...(await registry.get(appId))!,
      appId: copy,
      apiTokenSealed: await vault.seal(copy, copyToken),
    });
    const mappedLater = await runAt(new Date(monthEnd), copy, copyRegistry);
    // The app's own first run, at once: its scores are the writer's, so it only reads; the daily runs follow.
    await runAt(new Date(monthEnd));
    const daysLater = await runAt(later);
    const sameDayAgain = await runAt(new Date(later.getTime() + 60_000));
    return {
      records: emails.length,
      events: events.length,
      writerRequests: { withScore, withoutScore },
      rescore: { daysLater: daysLater.run, sameDayAgain: sameDayAgain.run },
      counted: { daysLater: daysLater.counted, sameDayAgain: sameDayAgain.counted },
      floor: { daysLater: floorOf(daysLater.run), sameDayAgain: floorOf(sameDayAgain.run) },
      scoreFieldMappedLater: { ...mappedLater, floor: floorOf(mappedLater.run) },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function withScoreField() {
  const definition = demoAppDefinition();
  return {
    ...definition,
    properties: {
      ...definition.properties,
      mkto_score: { type: 'NUMBER' as const, code: 'mkto_score', label: 'Engagement score' },
    },
  };
}

const leadsOf = (emails: readonly string[]) => emails.map((email, i) => ({ leadId: String(700_000 + i), email }));

async function main(): Promise<void> {
  const program = new Command('bench:rescore')
    .description("Measure the daily re-score's kintone requests against the local kintone")
    .addOption(
      new Option('--records <n>', 'engaged customers in the large app')
        .argParser(wholeNumber(1, 100_000))
        .default(10_000),
    )
    .addOption(
      new Option('--days <n>', 'days between the month and the re-score').argParser(wholeNumber(1, 365)).default(1),
    )
    .addOption(new Option('--seed <n>', 'seed of the month of activity').argParser(wholeNumber(0)).default(1))
    .parse();
  const options = program.opts<{ records: number; days: number; seed: number }>();

  const emu = await startKintoneEmulator({ port: 0, seedDemo: false });
  try {
    const demo = emu.createApp({ ...withScoreField(), name: 'Customers (demo)' });
    const demoToken = emu.createToken(demo, { view: true, add: true, edit: true });
    const demoEmails = DEMO_CUSTOMERS.map(([, , email]) => email);
    await addCustomers({ baseUrl: emu.url, apiToken: demoToken, appId: demo }, leadsOf(demoEmails));

    const large = emu.createApp({ ...withScoreField(), name: 'Customers (large)' });
    const largeToken = emu.createToken(large, { view: true, add: true, edit: true });
    const largeEmails = benchLeads(options.records).map((lead) => lead.email);
    await addCustomers({ baseUrl: emu.url, apiToken: largeToken, appId: large }, leadsOf(largeEmails));

    const figures = {
      measuredAt: new Date().toISOString(),
      days: options.days,
      demoApp: await measureApp(emu, demo, demoToken, demoEmails, options),
      largeApp: await measureApp(emu, large, largeToken, largeEmails, options),
    };
    console.log(JSON.stringify(figures, null, 2));
    await mkdir(DEFAULT_STATE_DIR, { recursive: true });
    await writeFile(path.join(DEFAULT_STATE_DIR, 'bench-rescore.json'), `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await emu.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
