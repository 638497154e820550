/**
 * Each function's environment, exactly as serverless.yml sets it (provider.environment and the function's own), read
 * once at cold start: a variable that is missing or malformed stops the function with an error that names it, never
 * its value. serverless.yml sets an empty param as '', which reads as unset.
 *
 * Locally serverless-offline hands the handlers the local stack's whole environment (localEnvironment), and with it
 * the stand-ins for what is deployed elsewhere: ADMIN_SECRET and MARKETO_CLIENT_SECRET for the SSM parameters,
 * TOKEN_KEY_FILE for the KMS key.
 */
import { z } from 'zod';

const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);
const optional = z.preprocess(unsetWhenEmpty, z.string().optional());
const required = z.preprocess(unsetWhenEmpty, z.string({ error: 'is not set' }));
const flag = optional.transform((value) => value === 'true');
const positiveWholeNumber = numberWhere(
  (value) => Number.isInteger(value) && value >= 1,
  'must be a positive whole number',
);
const numberAtLeastZero = numberWhere(
  (value) => Number.isFinite(value) && value >= 0,
  'must be a number of at least 0',
);

/** Unset: undefined, so the code that uses the number keeps its default beside the reason for it. */
function numberWhere(rule: (value: number) => boolean, message: string) {
  return z.preprocess(
    unsetWhenEmpty,
    z
      .string()
      .refine((raw) => rule(Number(raw)), message)
      .transform(Number)
      .optional(),
  );
}

/** A rule over several variables, checked even when others failed, so that every problem is named at once. */
function rule(holds: (env: Record<string, unknown>) => boolean, message: string) {
  return [holds, { message, when: () => true }] as const;
}

const eitherOf = (first: string, second: string) =>
  rule((env) => Boolean(env[first] || env[second]), `neither ${first} nor ${second} is set`);

/** Deployed: the DynamoDB table; the local stack and single-host runs: a file. */
const registry = { REGISTRY_TABLE: optional, REGISTRY_FILE: optional };
const queue = { EVENTS_QUEUE_URL: required };
const kintoneDomains = { KINTONE_DOMAINS: optional, ALLOW_HTTP_KINTONE: flag };
/** Deployed: the stack's KMS key; locally a key file beside the registry file. */
const tokenVault = { TOKEN_KEY_ID: optional, TOKEN_KEY_FILE: optional };
const marketo = {
  MARKETO_REST_URL: optional,
  MARKETO_IDENTITY_URL: optional,
  MARKETO_CLIENT_ID: optional,
  MARKETO_CLIENT_SECRET_PARAMETER: optional,
  MARKETO_CLIENT_SECRET: optional,
};

/** Marketo is optional; once MARKETO_REST_URL names it, the client id and a secret are needed too. */
const marketoClientId = rule(
  (env) => !env.MARKETO_REST_URL || Boolean(env.MARKETO_CLIENT_ID),
  'MARKETO_CLIENT_ID is not set (MARKETO_REST_URL is)',
);
const marketoClientSecret = rule(
  (env) => !env.MARKETO_REST_URL || Boolean(env.MARKETO_CLIENT_SECRET_PARAMETER || env.MARKETO_CLIENT_SECRET),
  'neither MARKETO_CLIENT_SECRET_PARAMETER nor MARKETO_CLIENT_SECRET is set (MARKETO_REST_URL is)',
);

const ingest = z.object({ ...registry, ...queue }).refine(...eitherOf('REGISTRY_TABLE', 'REGISTRY_FILE'));

const writer = z
  .object({
    ...registry,
    ...queue,
    ...kintoneDomains,
    ...tokenVault,
    KINTONE_DAILY_REQUEST_BUDGET: positiveWholeNumber,
    MAX_RECEIVE_COUNT: positiveWholeNumber,
    /** Unset when deployed; the local stack keeps it under its short visibility timeout, as 40 s is under 420 s. */
    WRITE_LEASE_WAIT_SECONDS: numberWhere(
      (value) => Number.isInteger(value) && value >= 1 && value < 60,
      "must be a whole number of seconds from 1 to 59 (under the writer's 60 s timeout)",
    ),
  })
  .refine(...eitherOf('REGISTRY_TABLE', 'REGISTRY_FILE'))
  .refine(...eitherOf('TOKEN_KEY_ID', 'TOKEN_KEY_FILE'));

const admin = z
  .object({
    ...registry,
    ...kintoneDomains,
    ...tokenVault,
    KINTONE_DAILY_REQUEST_BUDGET: positiveWholeNumber,
    ADMIN_SECRET_PARAMETER: optional,
    ADMIN_SECRET: optional,
    /** Set for a custom domain (and the local stack); otherwise the admin API derives its URL from the request. */
    PUBLIC_BASE_URL: optional,
  })
  .refine(...eitherOf('REGISTRY_TABLE', 'REGISTRY_FILE'))
  .refine(...eitherOf('TOKEN_KEY_ID', 'TOKEN_KEY_FILE'))
  .refine(...eitherOf('ADMIN_SECRET_PARAMETER', 'ADMIN_SECRET'));

const reconcile = z
  .object({
    ...registry,
    ...queue,
    ...kintoneDomains,
    ...marketo,
    RECONCILE_LAG_MINUTES: numberAtLeastZero,
    RECONCILE_OVERLAP_MINUTES: numberAtLeastZero,
    MARKETO_CALLS_PER_20S: numberAtLeastZero,
    MARKETO_DAILY_BUDGET: numberAtLeastZero,
  })
  .refine(...eitherOf('REGISTRY_TABLE', 'REGISTRY_FILE'))
  .refine(...marketoClientId)
  .refine(...marketoClientSecret);

/** The daily re-score reads and writes records like the writer, from the same daily budget. */
const rescore = z
  .object({
    ...registry,
    ...kintoneDomains,
    ...tokenVault,
    KINTONE_DAILY_REQUEST_BUDGET: positiveWholeNumber,
  })
  .refine(...eitherOf('REGISTRY_TABLE', 'REGISTRY_FILE'))
  .refine(...eitherOf('TOKEN_KEY_ID', 'TOKEN_KEY_FILE'));

const reply = z
  .object({
    ...registry,
    ...queue,
    ...kintoneDomains,
    ...marketo,
    /** Deployed: the bucket SES's receipt rule writes to, under REPLY_PREFIX; locally: a folder of messages. */
    REPLY_BUCKET: optional,
    REPLY_PREFIX: optional,
    REPLY_MAIL_DIR: optional,
  })
  .refine(...eitherOf('REGISTRY_TABLE', 'REGISTRY_FILE'))
  .refine(...eitherOf('REPLY_BUCKET', 'REPLY_MAIL_DIR'))
  .refine(...marketoClientId)
  .refine(...marketoClientSecret);

/** The registry as an operator's tools reach it (`npm run admin -- move`, the benchmark's baseline): with its token vault and kintone domains. */
const registryAccess = z
  .object({ ...registry, ...tokenVault, ...kintoneDomains })
  .refine(...eitherOf('REGISTRY_TABLE', 'REGISTRY_FILE'))
  .refine(...eitherOf('TOKEN_KEY_ID', 'TOKEN_KEY_FILE'));

export type IngestEnvironment = z.output<typeof ingest>;
export type WriterEnvironment = z.output<typeof writer>;
export type AdminEnvironment = z.output<typeof admin>;
export type ReconcileEnvironment = z.output<typeof reconcile>;
export type RescoreEnvironment = z.output<typeof rescore>;
export type ReplyEnvironment = z.output<typeof reply>;
export type RegistryAccessEnvironment = z.output<typeof registryAccess>;

export const readIngestEnvironment = reader('the ingest function', ingest);
export const readWriterEnvironment = reader('the writer function', writer);
export const readAdminEnvironment = reader('the admin function', admin);
export const readReconcileEnvironment = reader('the reconcile function', reconcile);
export const readRescoreEnvironment = reader('the rescore function', rescore);
export const readReplyEnvironment = reader('the reply function', reply);
export const readRegistryAccessEnvironment = reader("the registry's tools", registryAccess);

function reader<S extends z.ZodType>(name: string, schema: S): (env?: NodeJS.ProcessEnv) => z.output<S> {
  return (env = process.env) => {
    const parsed = schema.safeParse(env);
    if (parsed.success) return parsed.data;
    // An issue's message is written here and names the variable; zod's own would not print a value either.
    const problems = parsed.error.issues.map((issue) => [...issue.path, issue.message].join(' '));
    throw new Error(`environment of ${name}: ${problems.join('; ')}`);
  };
}
