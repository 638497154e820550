import type { Context } from 'aws-lambda';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { readRescoreEnvironment } from '../lambda/environment';
import { addLambdaContext, logger } from '../lambda/logger';
import { publishRescoreMetrics } from '../lambda/metrics';
import { tokenVaultFrom } from '../lambda/token-vault';
import { dailyRequestBudgetFrom, kintoneDomainsFrom, registryFrom } from '../lambda/wiring';
import { rescoreRegisteredApps, type RescoreResult } from '../services/rescore';

/** Left for recording the status and returning: the run stops reading this long before the function's timeout. */
const STOP_BEFORE_TIMEOUT_MS = 60_000;

const env = readRescoreEnvironment();
const registry = registryFrom(env);
const vault = tokenVaultFrom(env);
const kintoneDomains = kintoneDomainsFrom(env);
const dailyRequestBudget = dailyRequestBudgetFrom(env);

/** The daily schedule (EventBridge) lands here: every app's engagement scores brought up to date. */
export async function handler(_event: unknown, context: Context): Promise<RescoreResult> {
  addLambdaContext(context);
  const result = await rescoreRegisteredApps({
    registry,
    recordStore: kintoneRecordStore,
    vault,
    kintoneDomains,
    dailyRequestBudget,
    logger,
    now: () => new Date(),
    keepGoing: () => context.getRemainingTimeInMillis() > STOP_BEFORE_TIMEOUT_MS,
  });
  const total = (key: 'examined' | 'changed' | 'requests') => result.apps.reduce((sum, a) => sum + a.run[key], 0);
  publishRescoreMetrics({ examined: total('examined'), changed: total('changed'), kintoneRequests: total('requests') });
  return result;
}
