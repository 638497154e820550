/** Adapters chosen from the environment, built once per Lambda container and shared by the handlers. */
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { marketoHost, type MarketoConnection } from '../adapters/marketo-client';
import { folderRawMailStore, s3RawMailStore } from '../adapters/raw-mail-store';
import { ssmSecret } from '../adapters/ssm-secret';
import { dynamoRegistry } from '../adapters/registry-dynamodb';
import { fileRegistry } from '../adapters/registry-file';
import { sqsEventQueue } from '../adapters/sqs-queue';
import { parseKintoneDomains, type KintoneDomainPolicy } from '../core/kintone-domains';
import { adminSecretProblem } from '../core/secrets';
import type { EventQueue, Log, RawMailStore, Registry } from '../services/ports';

const powertools = new Logger({ serviceName: 'kintone-marketo-sync' });
export const logger: Log = {
  info: (message, data) => powertools.info(message, data ?? {}),
  warn: (message, data) => powertools.warn(message, data ?? {}),
  error: (message, data) => powertools.error(message, data ?? {}),
};

export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

let registry: Registry | undefined;
export function getRegistry(): Registry {
  // Deployed: the DynamoDB table; the local stack and single-host runs: a file.
  registry ??= process.env.REGISTRY_TABLE ? dynamoRegistry(process.env.REGISTRY_TABLE) : fileRegistry(required('REGISTRY_FILE'));
  return registry;
}

let queue: EventQueue | undefined;
export function getQueue(): EventQueue {
  queue ??= sqsEventQueue(required('EVENTS_QUEUE_URL'));
  return queue;
}

let marketoSecret: (() => Promise<string>) | undefined;
/** Marketo's REST API from the environment (MARKETO_REST_URL, …); undefined when it is not connected. */
export async function marketoConnection(): Promise<MarketoConnection | undefined> {
  const restUrl = process.env.MARKETO_REST_URL;
  if (!restUrl) return undefined;
  marketoSecret ??= secretSource('MARKETO_CLIENT_SECRET', process.env);
  return {
    restUrl,
    identityUrl: process.env.MARKETO_IDENTITY_URL || `${marketoHost(restUrl)}/identity`,
    clientId: required('MARKETO_CLIENT_ID'),
    clientSecret: await marketoSecret(),
  };
}

let rawMail: RawMailStore | undefined;
export function getRawMailStore(): RawMailStore {
  // Deployed: the bucket SES's receipt rule writes to; locally: the folder `npm run simulate -- --reply` fills.
  rawMail ??= process.env.REPLY_BUCKET
    ? s3RawMailStore(process.env.REPLY_BUCKET, process.env.REPLY_PREFIX ?? '', new S3Client({}))
    : folderRawMailStore(required('REPLY_MAIL_DIR'));
  return rawMail;
}

let kintoneDomains: KintoneDomainPolicy | undefined;
/** The kintone hosts this deployment serves (KINTONE_DOMAINS); ALLOW_HTTP_KINTONE admits localhost over http. */
export function getKintoneDomains(): KintoneDomainPolicy {
  kintoneDomains ??= parseKintoneDomains(process.env.KINTONE_DOMAINS ?? '', process.env.ALLOW_HTTP_KINTONE === 'true');
  return kintoneDomains;
}

/** 80% of the 10,000 requests kintone allows an app per day (standard course), leaving room for people and other tools. */
const DEFAULT_DAILY_REQUEST_BUDGET = 8_000;
export function dailyRequestBudget(): number {
  return positiveWholeNumber('KINTONE_DAILY_REQUEST_BUDGET', DEFAULT_DAILY_REQUEST_BUDGET);
}

export function positiveWholeNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

/** The deployment's admin secret is too weak to guard every app: the Admin API refuses to work with it. */
export class WeakAdminSecretError extends Error {
  constructor(problem: string) {
    super(`the deployment's admin secret ${problem}; set a stronger one (README, "Deploying")`);
    this.name = 'WeakAdminSecretError';
  }
}

/** Admin API settings; PUBLIC_BASE_URL overrides the URL derived from the request (custom domains, local stack). */
export async function adminSettings(derivedBaseUrl: string): Promise<{ adminSecret: string; publicBaseUrl: string }> {
  const adminSecret = await getAdminSecret();
  const problem = adminSecretProblem(adminSecret);
  if (problem) throw new WeakAdminSecretError(problem);
  return { adminSecret, publicBaseUrl: (process.env.PUBLIC_BASE_URL || derivedBaseUrl).replace(/\/+$/, '') };
}

let adminSecret: (() => Promise<string>) | undefined;
function getAdminSecret(): Promise<string> {
  adminSecret ??= secretSource('ADMIN_SECRET', process.env);
  return adminSecret();
}

/**
 * A secret named `name`: deployed, a SecureString parameter whose name is in `<name>_PARAMETER`, read at run time,
 * so the secret is in neither the CloudFormation template nor the function's configuration; locally `<name>` itself.
 */
export function secretSource(
  name: string,
  env: NodeJS.ProcessEnv,
  ssm: () => Pick<SSMClient, 'send'> = () => new SSMClient({}),
): () => Promise<string> {
  const parameter = env[`${name}_PARAMETER`];
  if (parameter) return ssmSecret(parameter, ssm());
  return async () => {
    const value = env[name];
    if (!value) throw new Error(`environment variable ${name} (or ${name}_PARAMETER) is not set`);
    return value;
  };
}
