/**
 * Every entry point hands the logger its Lambda context: each log line carries the invocation's request id, the
 * function's name and whether the container was cold. Read from what the logger writes, as CloudWatch receives it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'aws-lambda';
import { lambdaContext } from '../../../test/support/lambda-context';

type Handler = (event: never, context: Context) => Promise<unknown>;

const EVENTS: Record<string, { event: unknown; logs: string }> = {
  ingest: {
    event: {
      httpMethod: 'POST',
      path: '/webhook/1',
      pathParameters: { appId: '1' },
      multiValueHeaders: {},
      headers: {},
      body: '{}',
      isBase64Encoded: false,
    },
    logs: 'webhook refused: unknown app or bad or missing secret',
  },
  writer: { event: { Records: [] }, logs: 'batch written' },
  admin: {
    event: {
      httpMethod: 'GET',
      path: '/apps/1/status',
      pathParameters: { appId: '1' },
      multiValueHeaders: { 'X-Admin-Secret': ['short'] },
      headers: {},
      body: null,
      isBase64Encoded: false,
      requestContext: { domainName: 'abc.execute-api.ap-northeast-1.amazonaws.com', path: '/prod/apps/1/status' },
    },
    logs: 'admin API refused to work',
  },
  reconcile: {
    event: { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} },
    logs: 'reconciliation skipped: MARKETO_REST_URL is not set (serverless.yml param marketoRestUrl)',
  },
  reply: { event: { Records: [] }, logs: 'reply event refused' },
};

let dir: string;
const saved = { ...process.env };
let written: string[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kms-lambda-context-'));
  for (const name of [
    'POWERTOOLS_LOG_LEVEL',
    'POWERTOOLS_DEV',
    'AWS_LAMBDA_LOG_LEVEL',
    'MARKETO_REST_URL',
    'REGISTRY_TABLE',
    'TOKEN_KEY_ID',
    'REPLY_BUCKET',
  ])
    delete process.env[name];
  Object.assign(process.env, {
    // Lambda's own: the logger counts a cold start only in an on-demand container.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: 'ap-northeast-1',
    POWERTOOLS_METRICS_DISABLED: 'true',
    REGISTRY_FILE: path.join(dir, 'registry.json'),
    TOKEN_KEY_FILE: path.join(dir, 'token.key'),
    EVENTS_QUEUE_URL: 'http://127.0.0.1:9/000000000000/events',
    ADMIN_SECRET: 'short',
    REPLY_MAIL_DIR: path.join(dir, 'replies'),
  });
  jest.resetModules();
  written = [];
  const capture = (chunk: unknown) => (written.push(String(chunk)), true);
  jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  jest.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(async () => {
  jest.restoreAllMocks();
  process.env = { ...saved };
  await rm(dir, { recursive: true, force: true });
});

const logLines = () =>
  written
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => 'message' in line);

it.each(Object.keys(EVENTS))(
  '%s: the first line of a new container says cold start, later ones not, each with its request id',
  async (name) => {
    const { event, logs } = EVENTS[name]!;
    const { handler } = (await import(`./${name}`)) as { handler: Handler };
    const functionName = `kintone-marketo-sync-dev-${name}`;

    await handler(event as never, lambdaContext(functionName, 'req-cold-0001'));
    await handler(event as never, lambdaContext(functionName, 'req-warm-0002'));

    const lines = logLines();
    expect(lines.map((line) => line.message)).toEqual([logs, logs]);
    expect(lines[0]).toMatchObject({
      function_request_id: 'req-cold-0001',
      cold_start: true,
      function_name: functionName,
      service: 'kintone-marketo-sync',
    });
    expect(lines[1]).toMatchObject({
      function_request_id: 'req-warm-0002',
      cold_start: false,
      function_name: functionName,
    });
  },
);
