/** The admin function as Lambda runs it, for what only the handler decides: the admin secret's strength. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { lambdaContext } from '../../../test/support/lambda-context';

let dir: string;
const saved = { ...process.env };
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kms-admin-handler-'));
  Object.assign(process.env, {
    REGISTRY_FILE: path.join(dir, 'registry.json'),
    TOKEN_KEY_FILE: path.join(dir, 'token.key'),
    KINTONE_DOMAINS: 'example.cybozu.com',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  delete process.env.ADMIN_SECRET_PARAMETER;
  jest.resetModules();
});
afterEach(async () => {
  process.env = { ...saved };
  await rm(dir, { recursive: true, force: true });
});

const context = lambdaContext('kintone-marketo-sync-dev-admin', 'c0ffee00-0000-4000-8000-000000000001');

const statusRequest = (secret: string) =>
  ({
    httpMethod: 'GET',
    path: '/apps/1/status',
    pathParameters: { appId: '1' },
    multiValueHeaders: { 'X-Admin-Secret': [secret] },
    headers: {},
    body: null,
    isBase64Encoded: false,
    requestContext: { domainName: 'abc.execute-api.ap-northeast-1.amazonaws.com', path: '/prod/apps/1/status' },
  }) as unknown as APIGatewayProxyEvent;

it.each([
  ['shorter than 32 characters', 'short-admin-secret'],
  ['of too few different characters', 'abababababababababababababababababab'],
])('refuses to work with an admin secret %s, even when it is presented right', async (_label, weak) => {
  process.env.ADMIN_SECRET = weak;
  const { handler } = await import('./admin');
  const answer = await handler(statusRequest(weak), context);
  expect(answer.statusCode).toBe(503);
  expect(JSON.parse(answer.body)).toMatchObject({ error: 'weak_admin_secret' });
  expect(answer.body).not.toContain(weak);
});

it('works with a strong one: an unregistered app is 404, a wrong secret 401', async () => {
  const strong = 'Zq8v3kP0mW7xR2tY5uI9oA1sD4fG6hJ-';
  process.env.ADMIN_SECRET = strong;
  const { handler } = await import('./admin');
  expect((await handler(statusRequest(strong), context)).statusCode).toBe(404);
  expect((await handler(statusRequest(`${strong}x`), context)).statusCode).toBe(401);
});
