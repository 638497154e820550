/** Marketo's REST API as the environment names it, for the functions that call it (reconcile, reply). */
import { marketoHost, type MarketoConnection } from '../adapters/marketo-client';
import type { ReconcileEnvironment } from './environment';
import { secretSource } from './secret-source';

type MarketoVariables = Pick<
  ReconcileEnvironment,
  | 'MARKETO_REST_URL'
  | 'MARKETO_IDENTITY_URL'
  | 'MARKETO_CLIENT_ID'
  | 'MARKETO_CLIENT_SECRET_PARAMETER'
  | 'MARKETO_CLIENT_SECRET'
>;

/** The connection, with the client secret as it is now (SSM's value is kept a while); undefined when Marketo is not connected. */
export function marketoConnectionFrom(env: MarketoVariables): (() => Promise<MarketoConnection>) | undefined {
  const restUrl = env.MARKETO_REST_URL;
  if (!restUrl) return undefined;
  const clientId = env.MARKETO_CLIENT_ID;
  if (!clientId) throw new Error('MARKETO_CLIENT_ID is not set (MARKETO_REST_URL is)');
  const clientSecret = secretSource('MARKETO_CLIENT_SECRET', {
    parameter: env.MARKETO_CLIENT_SECRET_PARAMETER,
    value: env.MARKETO_CLIENT_SECRET,
  });
  const identityUrl = env.MARKETO_IDENTITY_URL || `${marketoHost(restUrl)}/identity`;
  return async () => ({ restUrl, identityUrl, clientId, clientSecret: await clientSecret() });
}
