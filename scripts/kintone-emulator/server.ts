import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROUTES, type Behaviour } from './api';
import { deployStatus, settle, startDeploy } from './app-settings';
import { authenticate, authorize, type Principal } from './auth';
import { KintoneError, invalidParam, randomId, renderError, requiredParam } from './errors';
import { faultRuleSchema, type Faults } from './faults';
import { messagesFor } from './messages';
import { booleanParam, collectParams, stringParam } from './params';
import type { RequestStats } from './stats';
import type { Store } from './store';
import type { AppState } from './types';

export interface ServerDeps {
  store: Store;
  faults: Faults;
  stats: RequestStats;
  maxConcurrent: number;
  behaviour: Behaviour;
  /** How long a deployment of app settings stays PROCESSING. */
  deployDelayMs: number;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** The kintone REST subset under /k/v1 plus the control API under /_emulator. */
export function createServer(deps: ServerDeps): FastifyInstance {
  const server = Fastify({ bodyLimit: 64 * 1024 * 1024 });

  server.removeAllContentTypeParsers();
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new KintoneError(400, 'CB_IJ01', (m) => m.invalidJson), undefined);
    }
  });
  // kintone reads JSON only; other bodies are ignored rather than refused.
  server.addContentTypeParser('*', { parseAs: 'string' }, (_request, _body, done) => done(null, undefined));

  server.setErrorHandler((error: unknown, request, reply) => {
    const m = messagesFor(header(request, 'accept-language'));
    if (error instanceof KintoneError) {
      if (error.rawBody !== undefined) {
        const json = /^\s*[{[]/.test(error.rawBody);
        return reply
          .status(error.status)
          .type(json ? 'application/json' : 'text/html')
          .send(error.rawBody);
      }
      if (error.status === 429) reply.header('X-Cybozu-Error', error.code);
      return reply.status(error.status).send(renderError(error, m));
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const message = error instanceof Error ? error.message : String(error);
    return reply.status(status).send({ id: randomId(20), code: 'EMULATOR_ERROR', message });
  });

  server.route({
    method: ['GET', 'POST', 'PUT', 'DELETE'],
    url: '/k/*',
    handler: (request, reply) => handleKintone(deps, request, reply),
  });
  registerControlApi(server, deps);
  return server;
}

async function handleKintone(deps: ServerDeps, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const { store, faults, stats, maxConcurrent } = deps;
  reply.header('X-ConcurrencyLimit-Limit', String(maxConcurrent));
  if (!stats.enter(maxConcurrent)) {
    reply.header('X-ConcurrencyLimit-Running', String(stats.running + 1));
    throw new KintoneError(429, 'GAIA_TO04', (m) => m.tooManyConcurrent);
  }
  reply.header('X-ConcurrencyLimit-Running', String(stats.running));
  try {
    const url = new URL(request.url, 'http://emulator');
    const override = header(request, 'x-http-method-override');
    // rest-api-client sends a GET whose URL would exceed 4 KB as POST + this header, params in the body.
    const method = request.method === 'POST' && override ? override.toUpperCase() : request.method;
    const guest = /^\/k\/guest\/(\d+)(\/v1\/.*)$/.exec(url.pathname);
    const path = guest ? `/k${guest[2]}` : url.pathname;
    if (path === '/k/v1/preview/app/deploy.json' && (method === 'GET' || method === 'POST'))
      return handleDeploy(deps, request, method, url, guest?.[1]);
    const route = ROUTES.get(`${method} ${path}`);
    if (!route) throw new KintoneError(404, 'EMULATOR_NOT_IMPLEMENTED', (m) => m.notImplemented(method, url.pathname));
    const params = collectParams(url.search, request.body);

    const principal = authenticate(
      {
        cybozuAuthorization: header(request, 'x-cybozu-authorization'),
        apiToken: header(request, 'x-cybozu-api-token'),
      },
      store.tokens,
    );
    const appId = stringParam(params, route.appParam);
    if (appId === undefined) throw requiredParam(route.appParam);
    if (!/^\d+$/.test(appId) || Number(appId) < 1) throw invalidParam(route.appParam, (m) => m.mustBePositive);
    // Every authenticated call costs the app one request of its daily budget, whatever happens next.
    stats.countApp(appId);

    const fault = faults.fire({ method, path: url.pathname, appId });
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.error) throw fault.error;

    const stored = store.apps.get(appId);
    if (stored) checkSpacePath(stored, guest?.[1]);
    if (stored && settle(stored, Date.now())) store.onChange();
    const app = authorize(principal, appId, stored, route.rights(params));
    if (method === 'GET' && url.pathname.endsWith('/records.json') && booleanParam(params, 'totalCount'))
      stats.countTotalCount();
    let result;
    try {
      result = route.handle(app, params, { behaviour: deps.behaviour, directory: store.directory });
    } catch (error) {
      if (error instanceof KintoneError && error.code === 'GAIA_CO02') stats.countConflict();
      throw error;
    }
    if (route.mutates) store.onChange();
    if (fault.dropResponse) {
      reply.hijack();
      request.raw.socket.destroy();
      return undefined;
    }
    return result;
  } finally {
    stats.leave();
  }
}

function principalOf(deps: ServerDeps, request: FastifyRequest): Principal {
  return authenticate(
    {
      cybozuAuthorization: header(request, 'x-cybozu-authorization'),
      apiToken: header(request, 'x-cybozu-api-token'),
    },
    deps.store.tokens,
  );
}

/**
 * GET/POST preview/app/deploy.json: the apps are listed in `apps` (ids for GET, {app, revision} for POST), up to
 * 300, all in the same guest space when in one; each needs "Manage app".
 */
function handleDeploy(
  deps: ServerDeps,
  request: FastifyRequest,
  method: 'GET' | 'POST',
  url: URL,
  guestSpace: string | undefined,
): unknown {
  const params = collectParams(url.search, request.body);
  const principal = principalOf(deps, request);
  const list = params.apps;
  if (!Array.isArray(list) || list.length === 0) throw requiredParam('apps');
  if (list.length > 300) throw invalidParam('apps', (m) => m.invalidValue);
  const targets = list.map((item: unknown, index) => {
    const entry =
      method === 'POST' && typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const id = method === 'POST' ? entry.app : item;
    const appId = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
    const at = method === 'POST' ? `apps[${index}].app` : `apps[${index}]`;
    if (!/^\d+$/.test(appId) || Number(appId) < 1) throw invalidParam(at, (m) => m.mustBePositive);
    deps.stats.countApp(appId);
    const stored = deps.store.apps.get(appId);
    if (stored) checkSpacePath(stored, guestSpace);
    return { app: authorize(principal, appId, stored, ['manage']), revision: entry.revision };
  });
  if (method === 'GET') return { apps: targets.map(({ app }) => deployStatus(app)) };
  startDeploy(targets, booleanParam(params, 'revert'), deps.deployDelayMs);
  deps.store.onChange();
  return {};
}

/**
 * A guest space's app answers under /k/guest/<its space>/v1/ only: /k/v1/ gets 400 GAIA_IL23, and a guest path
 * for an app outside that guest space 403 CB_NO02 (observed on kintone by SonicGarden/kintone-emulator's
 * dual-mode guest space tests; the wrong-space case is assumed to answer as the normal-app one does).
 */
function checkSpacePath(app: AppState, guestSpaceInPath: string | undefined): void {
  if (app.guestSpaceId === guestSpaceInPath) return;
  if (guestSpaceInPath === undefined) throw new KintoneError(400, 'GAIA_IL23', (m) => m.guestSpacePathRequired);
  throw new KintoneError(403, 'CB_NO02', (m) => m.noPermission);
}

function registerControlApi(server: FastifyInstance, deps: ServerDeps): void {
  server.post('/_emulator/faults', async (request, reply) => {
    const parsed = faultRuleSchema.safeParse(request.body);
    if (!parsed.success) return reply.status(400).send({ error: 'invalid fault rule', issues: parsed.error.issues });
    deps.faults.add(parsed.data);
    return {};
  });
  server.delete('/_emulator/faults', async () => {
    deps.faults.clear();
    return {};
  });
  server.get('/_emulator/stats', async () => deps.stats.snapshot());
  server.post('/_emulator/stats/reset', async () => {
    deps.stats.reset();
    return {};
  });
  server.get('/_emulator/demo', async (_request, reply) =>
    deps.store.demo
      ? deps.store.demo
      : reply.status(404).send({ error: 'the emulator was started without the demo app' }),
  );
}
