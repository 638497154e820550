import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { kintoneAppInspector } from '../adapters/kintone-app';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { ADMIN_SECRET_HEADER, STATUS_KEY_HEADER } from '../../../contract/src/admin-api';
import { errorAnswer, type HttpAnswer } from '../services/http-answer';
import { appStatus, registerApp, sendTestEvent, type AdminDeps, type AdminRequest } from '../services/admin';
import { adminSettingsFrom, WeakAdminSecretError } from '../lambda/admin-settings';
import { readAdminEnvironment } from '../lambda/environment';
import { bodyOf, headersOf } from '../lambda/http-event';
import { addLambdaContext, logger } from '../lambda/logger';
import { tokenVaultFrom } from '../lambda/token-vault';
import { dailyRequestBudgetFrom, kintoneDomainsFrom, registryFrom } from '../lambda/wiring';

const env = readAdminEnvironment();
const adminSettings = adminSettingsFrom(env);
const registry = registryFrom(env);
const kintoneDomains = kintoneDomainsFrom(env);
const vault = tokenVaultFrom(env);
const dailyRequestBudget = dailyRequestBudgetFrom(env);

const ROUTES: Record<string, (request: AdminRequest, deps: AdminDeps) => Promise<HttpAnswer>> = {
  'PUT registration': registerApp,
  'GET status': appStatus,
  'POST test-event': sendTestEvent,
};

/** The Admin API: PUT /apps/{appId}/registration, GET /apps/{appId}/status, POST /apps/{appId}/test-event. */
export async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
  addLambdaContext(context);
  const action = event.path.split('/').filter(Boolean).at(-1) ?? '';
  const route = ROUTES[`${event.httpMethod} ${action}`];
  const answer = route
    ? await routed(route, event)
    : errorAnswer(404, 'not_found', `no route ${event.httpMethod} ${event.path}`);
  return {
    statusCode: answer.statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(answer.body),
  };
}

async function routed(
  route: (request: AdminRequest, deps: AdminDeps) => Promise<HttpAnswer>,
  event: APIGatewayProxyEvent,
): Promise<HttpAnswer> {
  let settings;
  try {
    settings = await adminSettings(publicBaseUrlOf(event));
  } catch (error) {
    if (!(error instanceof WeakAdminSecretError)) throw error;
    logger.error('admin API refused to work', { reason: error.message });
    return errorAnswer(503, 'weak_admin_secret', error.message);
  }
  const headers = headersOf(event);
  return route(
    {
      appId: event.pathParameters?.appId ?? '',
      adminSecrets: headers[ADMIN_SECRET_HEADER.toLowerCase()] ?? [],
      statusKeys: headers[STATUS_KEY_HEADER.toLowerCase()] ?? [],
      body: bodyOf(event).toString('utf8'),
    },
    {
      registry,
      ...settings,
      kintoneDomains,
      vault,
      dailyRequestBudget,
      inspectApp: kintoneAppInspector,
      recordStore: kintoneRecordStore,
      now: () => new Date(),
      logger,
    },
  );
}

/** API Gateway's own URL of this stage, e.g. https://abc.execute-api.ap-northeast-1.amazonaws.com/prod. */
function publicBaseUrlOf(event: APIGatewayProxyEvent): string {
  const { domainName, path: fullPath } = event.requestContext;
  const stagePrefix = fullPath?.endsWith(event.path) ? fullPath.slice(0, fullPath.length - event.path.length) : '';
  return `https://${domainName ?? 'localhost'}${stagePrefix}`;
}
