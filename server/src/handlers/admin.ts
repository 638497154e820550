import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { kintoneAppInspector } from '../adapters/kintone-app';
import { ADMIN_SECRET_HEADER, NEW_ADMIN_SECRET_HEADER } from '../core/admin-api';
import { kintoneRecordStore } from '../adapters/kintone-records';
import type { HttpAnswer } from '../services/accept-webhook';
import { appStatus, registerApp, sendTestEvent, type AdminDeps, type AdminRequest } from '../services/admin';
import { bodyOf, headersOf } from './http-event';
import { adminSettings, getRegistry, logger } from './runtime';

const ROUTES: Record<string, (request: AdminRequest, deps: AdminDeps) => Promise<HttpAnswer>> = {
  'PUT registration': registerApp,
  'GET status': appStatus,
  'POST test-event': sendTestEvent,
};

/** The Admin API: PUT /apps/{appId}/registration, GET /apps/{appId}/status, POST /apps/{appId}/test-event. */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const action = event.path.split('/').filter(Boolean).at(-1) ?? '';
  const route = ROUTES[`${event.httpMethod} ${action}`];
  const answer: HttpAnswer = route
    ? await route(
        {
          appId: event.pathParameters?.appId ?? '',
          adminSecrets: [ADMIN_SECRET_HEADER, NEW_ADMIN_SECRET_HEADER].flatMap((name) => headersOf(event)[name.toLowerCase()] ?? []),
          body: bodyOf(event).toString('utf8'),
        },
        {
          registry: getRegistry(),
          ...(await adminSettings(publicBaseUrlOf(event))),
          inspectApp: kintoneAppInspector,
          recordStore: kintoneRecordStore,
          now: () => new Date(),
          logger,
        },
      )
    : { statusCode: 404, body: { error: 'not_found', message: `no route ${event.httpMethod} ${event.path}` } };
  return {
    statusCode: answer.statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(answer.body),
  };
}

/** API Gateway's own URL of this stage, e.g. https://abc.execute-api.ap-northeast-1.amazonaws.com/prod. */
function publicBaseUrlOf(event: APIGatewayProxyEvent): string {
  const { domainName, path: fullPath } = event.requestContext;
  const stagePrefix = fullPath?.endsWith(event.path) ? fullPath.slice(0, fullPath.length - event.path.length) : '';
  return `https://${domainName ?? 'localhost'}${stagePrefix}`;
}
