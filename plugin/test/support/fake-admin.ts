/** A stand-in for the server's Admin API that records what the plug-in sent (test/e2e drives the real one). */
import Fastify from 'fastify';
import type { RegistrationAnswer, StatusAnswer, TestEventAnswer } from '../../../contract/src/admin-api';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface FakeAdmin {
  url: string;
  webhookSecret: string;
  statusKey: string;
  requests: RecordedRequest[];
  /** What the status answers as the last error from now on (none: undefined). */
  setLastError(lastError: StatusAnswer['lastError']): void;
  /** What the test-event route answers from now on (by default: written). */
  setTestAnswer(answer: TestEventAnswer): void;
  close(): Promise<void>;
}

export async function startFakeAdmin(adminSecret: string): Promise<FakeAdmin> {
  const app = Fastify();
  const requests: RecordedRequest[] = [];
  const webhookSecret = 'whsec-0123456789abcdef';
  const statusKey = 'status-key-0123456789abcdef';
  const registered = new Set<string>();
  let base = '';
  const updatedAt = new Date().toISOString();
  let testAnswer: TestEventAnswer | undefined;
  let lastError: StatusAnswer['lastError'] = {
    at: new Date(Date.now() - 60 * 60_000).toISOString(),
    code: 'kintone_refused_token',
    message: 'kintone does not accept this API token',
  };

  // As the server does: the admin secret opens everything, the status key only GET …/status; a sent admin secret
  // is judged alone (kintone's proxy adds the stored status key to the screen's check of a typed secret).
  app.addHook('onRequest', async (request, reply) => {
    const sentSecret = request.headers['x-admin-secret'];
    const statusRead =
      sentSecret === undefined &&
      request.method === 'GET' &&
      request.url.endsWith('/status') &&
      request.headers['x-status-key'] === statusKey;
    if (sentSecret !== adminSecret && !statusRead) {
      requests.push({ method: request.method, path: request.url, headers: request.headers, body: undefined });
      await reply.code(401).send({ error: 'unauthorized', message: 'missing or wrong X-Admin-Secret header' });
    }
  });
  app.addHook('preHandler', async (request) => {
    requests.push({ method: request.method, path: request.url, headers: request.headers, body: request.body });
  });
  app.put('/apps/:appId/registration', async (request, reply) => {
    const { appId } = request.params as { appId: string };
    const body = request.body as { apiToken?: string; rotateWebhookSecret?: boolean; config?: unknown };
    if (!body.apiToken && !registered.has(appId)) {
      return reply.code(400).send({
        error: 'invalid_request',
        errors: [
          {
            path: 'apiToken',
            message: 'is required when the app is registered for the first time',
            code: 'api_token_required',
          },
        ],
      });
    }
    const issued = !registered.has(appId) || body.rotateWebhookSecret === true;
    registered.add(appId);
    return {
      appId,
      webhookUrl: `${base}/webhook/${appId}`,
      ...(issued ? { webhookSecret } : {}),
      webhookSecretIssued: issued,
      statusKey,
      enabled: true,
      updatedAt,
    } satisfies RegistrationAnswer;
  });
  app.get(
    '/apps/:appId/status',
    async (request) =>
      ({
        appId: (request.params as { appId: string }).appId,
        enabled: true,
        updatedAt,
        accepted: 12,
        written: 10,
        duplicates: 1,
        trimmed: 2,
        unmatched: 1,
        filtered: 0,
        failed: 0,
        deferred: 3,
        bySource: { webhook: { accepted: 12, written: 6 }, reconcile: { written: 4 } },
        kintoneRequests: { [new Date().toISOString().slice(0, 10)]: 1234, '2020-01-01': 9999 },
        lastEventAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        ...(lastError ? { lastError } : {}),
        reconciledUntil: '2026-11-28T01:30:00.000Z',
        lastRescore: {
          at: '2026-11-28T18:00:00.000Z',
          examined: 10000,
          changed: 1841,
          skipped: 0,
          requests: 38,
          stopped: { reason: 'budget', message: "the app's daily kintone request budget (8000) would be exceeded" },
        },
      }) satisfies StatusAnswer,
  );
  app.post('/apps/:appId/test-event', async (request) => {
    const { leadKey } = request.body as { leadKey: string };
    if (testAnswer) return testAnswer;
    return {
      outcome: 'written',
      eventKey: 'test-event-key',
      message: `a test open was written to the record of ${leadKey}`,
    } satisfies TestEventAnswer;
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url: base,
    webhookSecret,
    statusKey,
    requests,
    setLastError: (next) => (lastError = next),
    setTestAnswer: (next) => (testAnswer = next),
    close: () => app.close(),
  };
}
