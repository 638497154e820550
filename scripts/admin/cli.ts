/**
 * npm run admin -- register --app 7 --config mapping.json --kintone-url https://example.cybozu.com
 * npm run admin -- status --app 7
 * npm run admin -- test-event --app 7 --lead-key someone@example.com
 * npm run admin -- move --app 7 --kintone-url https://new-domain.cybozu.com
 * npm run admin -- default-config > mapping.json
 *
 * Registers an app without the plug-in (operators, CI), through the same Admin API the settings screen uses.
 * `move` is the operator's alone: it works on the registry directly, with the AWS credentials that reach the
 * table and the token key, because the Admin API never moves an app to another kintone domain.
 * Secrets come from the environment (ADMIN_SECRET, KINTONE_API_TOKEN), never from arguments, which other
 * users of the machine can read; against the local stack they default to .local/dev.json.
 */
import { promises as fs } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import path from 'node:path';
import { kintoneAppInspector } from '../../server/src/adapters/kintone-app';
import { defaultConfig } from '../../contract/src/config';
import { KINTONE_ID } from '../../contract/src/kintone-id';
import { readRegistryAccessEnvironment } from '../../server/src/lambda/environment';
import { tokenVaultFrom } from '../../server/src/lambda/token-vault';
import { kintoneDomainsFrom, registryFrom } from '../../server/src/lambda/wiring';
import { moveRegistration } from '../../server/src/services/admin';
import { DEFAULT_STATE_DIR, loadDevConfig, type DevConfig } from '../local/dev-config';
import { z } from 'zod';
import { registrationAnswerSchema, statusAnswerSchema, testEventAnswerSchema } from '../../contract/src/admin-api';
import {
  adminTarget,
  answerValue,
  callAdmin,
  describeRefusal,
  type AdminAnswer,
  type AdminTarget,
} from './admin-client';

interface TargetOptions {
  app: string;
  server?: string;
}

const appId = (value: string) => {
  if (!KINTONE_ID.test(value)) throw new InvalidArgumentError('must be a kintone app id (digits)');
  return value;
};

const program = new Command('admin').description(
  'Register apps with a kintone-marketo-sync deployment and check on them',
);

const withTarget = (command: Command) =>
  command
    .requiredOption('--app <id>', 'kintone app id', appId)
    .option('--server <url>', 'deployment base URL (default: the local stack from .local/dev.json)');

withTarget(program.command('register'))
  .description('register (or re-register) an app: its field mapping, kintone URL and API token')
  .option('--config <file>', 'the mapping as JSON (see `default-config`); default: the demo app mapping')
  .option('--kintone-url <url>', 'e.g. https://example.cybozu.com (default: the local kintone)')
  .option('--guest-space <id>', 'the guest space the app lives in (its URL reads /k/guest/<id>/...)')
  .option('--rotate-webhook-secret', 'issue a new webhook secret; the old one is refused from then on')
  .option('--disable', 'keep the registration but refuse its webhooks (401) until registered again')
  .option('--json', 'print the server answer as JSON')
  .action(
    async (
      opts: TargetOptions & {
        config?: string;
        kintoneUrl?: string;
        guestSpace?: string;
        rotateWebhookSecret?: boolean;
        disable?: boolean;
        json?: boolean;
      },
    ) => {
      const dev = await localStack(opts.server);
      const target = resolveTarget(opts, dev);
      // Needed the first time; afterwards the server keeps the token it was given (sealed).
      const apiToken = process.env.KINTONE_API_TOKEN || (dev && opts.app === dev.appId ? dev.apiToken : undefined);
      const kintoneBaseUrl = opts.kintoneUrl ?? dev?.previewUrl ?? dev?.kintoneBaseUrl;
      if (!kintoneBaseUrl) fail('--kintone-url is required');
      const config = opts.config ? await readJson(opts.config) : defaultConfig();
      const answer = await callAdmin(target, {
        route: 'register',
        body: {
          config,
          kintoneBaseUrl,
          ...(apiToken ? { apiToken } : {}),
          ...(opts.guestSpace ? { guestSpaceId: opts.guestSpace } : {}),
          ...(opts.rotateWebhookSecret ? { rotateWebhookSecret: true } : {}),
          ...(opts.disable ? { enabled: false } : {}),
        },
      });
      report(answer, opts.json, registrationAnswerSchema, (b) => {
        return [
          `app ${opts.app} registered${b.enabled ? '' : ' (disabled: its webhooks get 401)'}`,
          `webhook URL:    ${b.webhookUrl}`,
          b.webhookSecret
            ? `webhook secret: ${b.webhookSecret}   (Marketo sends it as the X-Webhook-Secret custom header; shown only now)`
            : 'webhook secret: unchanged (shown when it was issued; --rotate-webhook-secret issues a new one)',
        ];
      });
    },
  );

withTarget(program.command('status'))
  .description("show an app's counters, last event and last error")
  .option('--json', 'print the server answer as JSON')
  .action(async (opts: TargetOptions & { json?: boolean }) => {
    const answer = await callAdmin(resolveTarget(opts, await localStack(opts.server)), { route: 'status' });
    // The mapping is long and the admin wrote it: --json shows it.
    const lines = (body: z.infer<typeof statusAnswerSchema>) =>
      Object.entries(body)
        .filter(([k]) => k !== 'config')
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects took the JSON branch.
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
    report(answer, opts.json, statusAnswerSchema, lines);
  });

withTarget(program.command('test-event'))
  .description('write one test event for a lead straight to kintone and say what became of it')
  .requiredOption('--lead-key <value>', "the lead's email (or Marketo lead id, if the app matches on it)")
  .option('--json', 'print the server answer as JSON')
  .action(async (opts: TargetOptions & { leadKey: string; json?: boolean }) => {
    const answer = await callAdmin(resolveTarget(opts, await localStack(opts.server)), {
      route: 'testEvent',
      body: { leadKey: opts.leadKey },
    });
    report(answer, opts.json, testEventAnswerSchema, (b) => {
      if (b.outcome !== 'written') process.exitCode = 1;
      return [`${b.outcome}${b.code ? ` (${b.code})` : ''}: ${b.message}`];
    });
  });

program
  .command('move')
  .description(
    "operator: move an app's registration to another kintone domain the deployment serves (registry access needed)",
  )
  .requiredOption('--app <id>', 'kintone app id', appId)
  .requiredOption('--kintone-url <url>', 'the domain the app now lives in, e.g. https://new-domain.cybozu.com')
  .addHelpText(
    'after',
    [
      '',
      'Environment: KINTONE_API_TOKEN (the app in its new domain: view and edit records), KINTONE_DOMAINS (as deployed),',
      'and the registry: REGISTRY_TABLE with TOKEN_KEY_ID (AWS credentials of the deployment), or REGISTRY_FILE with',
      'TOKEN_KEY_FILE (default: the local stack in .local).',
    ].join('\n'),
  )
  .action(async (opts: { app: string; kintoneUrl: string }) => {
    const apiToken = process.env.KINTONE_API_TOKEN;
    if (!apiToken) fail('set KINTONE_API_TOKEN to an API token of the app in its new domain');
    const env = readRegistryAccessEnvironment(
      process.env.REGISTRY_TABLE
        ? process.env
        : {
            ...process.env,
            REGISTRY_FILE: process.env.REGISTRY_FILE || path.join(DEFAULT_STATE_DIR, 'registry.json'),
            TOKEN_KEY_FILE: process.env.TOKEN_KEY_FILE || path.join(DEFAULT_STATE_DIR, 'token.key'),
          },
    );
    const answer = await moveRegistration(
      opts.app,
      { kintoneBaseUrl: opts.kintoneUrl, apiToken },
      {
        registry: registryFrom(env),
        kintoneDomains: kintoneDomainsFrom(env),
        vault: tokenVaultFrom(env),
        inspectApp: kintoneAppInspector,
        now: () => new Date(),
        logger: {
          info: () => undefined,
          warn: () => undefined,
          error: (message, data) => console.error(message, JSON.stringify(data ?? {})),
        },
      },
    );
    const moved = z.object({ movedFrom: z.string(), kintoneBaseUrl: z.string() });
    report({ status: answer.statusCode, body: answer.body }, false, moved, (b) => {
      return [
        `app ${opts.app} moved from ${b.movedFrom} to ${b.kintoneBaseUrl}; its mapping, webhook secret and counters are kept`,
      ];
    });
  });

program
  .command('default-config')
  .description('print the demo app mapping, a starting point for --config')
  .action(() => console.log(JSON.stringify(defaultConfig(), null, 2)));

/** The local stack's dev.json, when no --server names another deployment. */
async function localStack(server: string | undefined): Promise<DevConfig | undefined> {
  if (server) return undefined;
  return loadDevConfig().catch((error: unknown) =>
    fail(`${error instanceof Error ? error.message : String(error)} (or pass --server)`),
  );
}

function resolveTarget(opts: TargetOptions, dev: DevConfig | undefined): AdminTarget {
  try {
    return adminTarget(opts.app, opts.server, dev);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = await fs.readFile(file, 'utf8').catch(() => fail(`cannot read ${file}`));
  try {
    return JSON.parse(text);
  } catch {
    return fail(`${file} is not valid JSON`);
  }
}

function report<T>(
  answer: AdminAnswer,
  json: boolean | undefined,
  schema: z.ZodType<T>,
  lines: (body: T) => string[],
): void {
  if (answer.status >= 300) {
    if (json) console.log(JSON.stringify(answer.body, null, 2));
    console.error(describeRefusal(answer));
    process.exitCode = 1;
    return;
  }
  if (json) {
    console.log(JSON.stringify(answer.body, null, 2));
    return;
  }
  try {
    console.log(lines(answerValue(answer, schema)).join('\n'));
  } catch (cause) {
    console.error(cause instanceof Error ? cause.message : String(cause));
    process.exitCode = 1;
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
