/**
 * The server's Admin API over plain HTTPS, for operators and CI (the plug-in reaches the same API through
 * kintone's proxy). Answers come back as parsed JSON with their status; nothing here prints a secret.
 */
import type { z } from 'zod';
import {
  ADMIN_ROUTES,
  ADMIN_SECRET_HEADER,
  adminUrlPrefix,
  errorAnswerSchema,
  invalidAnswerSchema,
  statusAnswerSchema,
  type RegistrationRequest,
} from '../../contract/src/admin-api';
import { migrateConfig, type PluginConfig } from '../../contract/src/config';
import type { DevConfig } from '../local/dev-config';

export interface AdminTarget {
  /** Base URL of the deployment, e.g. https://abc.execute-api.ap-northeast-1.amazonaws.com/prod */
  serverUrl: string;
  adminSecret: string;
  appId: string;
}

export interface AdminAnswer {
  status: number;
  body: unknown;
}

export type AdminAction =
  | { route: 'register'; body: RegistrationRequest }
  | { route: 'status' }
  | { route: 'testEvent'; body: { leadKey: string } };

export async function callAdmin(target: AdminTarget, action: AdminAction, timeoutMs = 30_000): Promise<AdminAnswer> {
  const { method, path } = ADMIN_ROUTES[action.route];
  const url = `${adminUrlPrefix(target.serverUrl, target.appId)}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        [ADMIN_SECRET_HEADER]: target.adminSecret,
        ...('body' in action ? { 'content-type': 'application/json' } : {}),
      },
      ...('body' in action ? { body: JSON.stringify(action.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    throw new Error(`could not reach ${url}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: 'not_json', message: text.slice(0, 200) };
  }
  return { status: response.status, body };
}

/**
 * Which deployment to call: `serverUrl` with ADMIN_SECRET from the environment (never an argument, which other
 * users of the machine can read), or else the local stack's dev.json.
 */
export function adminTarget(
  appId: string,
  serverUrl: string | undefined,
  dev: DevConfig | undefined,
  env = process.env,
): AdminTarget {
  const adminSecret = env.ADMIN_SECRET || dev?.adminSecret;
  if (!adminSecret) throw new Error("set ADMIN_SECRET to the deployment's admin secret");
  const url = serverUrl ?? dev?.serverUrl;
  if (!url) throw new Error('pass --server (the ServerUrl stack output)');
  return { serverUrl: url, adminSecret, appId };
}

/** The settings the app is registered with, as the server holds them (the status answer carries them). */
export async function registeredConfig(target: AdminTarget): Promise<PluginConfig> {
  const answer = await callAdmin(target, { route: 'status' });
  if (answer.status === 404) {
    throw new Error(
      `app ${target.appId} is not registered with ${target.serverUrl}: save its plug-in settings or run \`npm run admin -- register\` first`,
    );
  }
  const result = migrateConfig(answerValue(answer, statusAnswerSchema).config);
  if (!result.ok)
    throw new Error(
      `the server sent settings this version cannot read: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  return result.config;
}

/** A successful answer read with the Admin API's schema; a refusal, or an answer this version cannot read, throws. */
export function answerValue<T>(answer: AdminAnswer, schema: z.ZodType<T>): T {
  if (answer.status >= 300) throw new Error(describeRefusal(answer));
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success)
    throw new Error(
      `the server answered ${answer.status} with a body this version cannot read: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** One line per problem, e.g. "config.summary.status: field mkto_status is a NUMBER; …". */
export function describeRefusal(answer: AdminAnswer): string {
  const code = errorAnswerSchema.pick({ error: true }).safeParse(answer.body);
  const sentence = errorAnswerSchema.pick({ message: true }).safeParse(answer.body);
  const problems = invalidAnswerSchema.pick({ errors: true }).safeParse(answer.body);
  const lines = [`server answered ${answer.status}${code.success ? ` ${code.data.error}` : ''}`];
  if (sentence.success) lines.push(`  ${sentence.data.message}`);
  if (problems.success) for (const problem of problems.data.errors) lines.push(`  ${problem.path}: ${problem.message}`);
  return lines.join('\n');
}
