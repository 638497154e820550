/** The adapters a function's environment chooses, built once per container at cold start. */
import { S3Client } from '@aws-sdk/client-s3';
import { folderRawMailStore, s3RawMailStore } from '../adapters/raw-mail-store';
import { dynamoRegistry } from '../adapters/registry-dynamodb';
import { fileRegistry } from '../adapters/registry-file';
import { parseKintoneDomains, type KintoneDomainPolicy } from '../core/kintone-domains';
import type { RawMailStore, Registry } from '../services/ports';
import type { ReplyEnvironment, WriterEnvironment } from './environment';

export function registryFrom(env: Pick<WriterEnvironment, 'REGISTRY_TABLE' | 'REGISTRY_FILE'>): Registry {
  if (env.REGISTRY_TABLE) return dynamoRegistry(env.REGISTRY_TABLE);
  if (env.REGISTRY_FILE) return fileRegistry(env.REGISTRY_FILE);
  throw new Error('neither REGISTRY_TABLE nor REGISTRY_FILE is set');
}

/** The kintone hosts this deployment serves (KINTONE_DOMAINS); ALLOW_HTTP_KINTONE admits localhost over http. */
export function kintoneDomainsFrom(
  env: Pick<WriterEnvironment, 'KINTONE_DOMAINS' | 'ALLOW_HTTP_KINTONE'>,
): KintoneDomainPolicy {
  return parseKintoneDomains(env.KINTONE_DOMAINS ?? '', env.ALLOW_HTTP_KINTONE);
}

/** 80% of the 10,000 requests kintone allows an app per day (standard course), leaving room for people and other tools. */
const DEFAULT_DAILY_REQUEST_BUDGET = 8_000;

export function dailyRequestBudgetFrom(env: Pick<WriterEnvironment, 'KINTONE_DAILY_REQUEST_BUDGET'>): number {
  return env.KINTONE_DAILY_REQUEST_BUDGET ?? DEFAULT_DAILY_REQUEST_BUDGET;
}

/** Deployed: the bucket SES's receipt rule writes to; locally: the folder `npm run simulate -- --reply` fills. */
export function rawMailStoreFrom(
  env: Pick<ReplyEnvironment, 'REPLY_BUCKET' | 'REPLY_PREFIX' | 'REPLY_MAIL_DIR'>,
): RawMailStore {
  if (env.REPLY_BUCKET) return s3RawMailStore(env.REPLY_BUCKET, env.REPLY_PREFIX ?? '', new S3Client({}));
  if (env.REPLY_MAIL_DIR) return folderRawMailStore(env.REPLY_MAIL_DIR);
  throw new Error('neither REPLY_BUCKET nor REPLY_MAIL_DIR is set');
}
