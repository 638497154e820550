import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { routeFor } from './api';
import type { TokenIssuer } from './auth';
import { HttpError, MarketoError, marketoError, requestId } from './errors';
import type { Faults } from './faults';
import type { Limits } from './limits';
import type { RequestStats } from './stats';
import type { MarketoStore } from './store';

export interface ServerDeps {
  store: MarketoStore;
  issuer: TokenIssuer;
  limits: Limits;
  faults: Faults;
  stats: RequestStats;
  now: () => number;
}

const pathOf = (request: FastifyRequest): URL => new URL(request.url, 'http://emulator');

/** Identity and /rest under one server, as a Marketo instance's <munchkin>.mktorest.com does. */
export function createServer(deps: ServerDeps): FastifyInstance {
  const server = Fastify();
  server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, new URLSearchParams(String(body))),
  );
  server.route({
    method: ['GET', 'POST'],
    url: '/identity/oauth/token',
    handler: (request, reply) => identity(deps, request, reply),
  });
  server.route({ method: ['GET', 'POST'], url: '/rest/*', handler: (request, reply) => rest(deps, request, reply) });
  return server;
}

async function identity(deps: ServerDeps, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const url = pathOf(request);
  deps.stats.count(url.pathname);
  const fault = deps.faults.fire(url.pathname);
  if (fault.latencyMs > 0) await sleep(fault.latencyMs);
  if (fault.error instanceof HttpError) return reply.status(fault.error.status).send(fault.error.body);

  const params = new URLSearchParams(url.search);
  if (request.body instanceof URLSearchParams) for (const [key, value] of request.body) params.set(key, value);
  const grantType = params.get('grant_type');
  if (grantType !== 'client_credentials') {
    return reply
      .status(400)
      .send({ error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${grantType ?? ''}` });
  }
  const grant = deps.issuer.issue(params.get('client_id') ?? undefined, params.get('client_secret') ?? undefined);
  if (!grant) return reply.status(401).send({ error: 'invalid_client', error_description: 'Bad client credentials' });
  return grant;
}

function bearerToken(request: FastifyRequest, url: URL): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? url.searchParams.get('access_token') ?? undefined;
}

async function rest(deps: ServerDeps, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const url = pathOf(request);
  const { stats, limits } = deps;
  stats.count(url.pathname);
  const id = requestId(deps.now());
  try {
    deps.issuer.check(bearerToken(request, url));
    limits.enter();
    try {
      const fault = deps.faults.fire(url.pathname);
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.error) throw fault.error;
      const route = routeFor(url.pathname);
      if (!route) throw marketoError('610');
      return { requestId: id, success: true, ...route.handler(deps.store, url.searchParams, route.params, limits) };
    } finally {
      limits.leave();
    }
  } catch (error) {
    if (error instanceof HttpError) return reply.status(error.status).send(error.body);
    if (error instanceof MarketoError) {
      stats.countError(error.code);
      return { requestId: id, success: false, errors: [error.toItem()] };
    }
    throw error;
  }
}
