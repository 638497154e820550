/**
 * The /rest endpoints. Each handler gets the query and answers the fields beside requestId/success.
 * Parameter error codes: 701 for a missing parameter ("%s cannot be blank"), 1003 for an invalid one;
 * the codes follow Marketo's error table, the exact texts are guesses.
 */
import { z } from 'zod';
import { marketoError } from './errors';
import { decodePosition, encodePosition } from './paging-token';
import type { Limits } from './limits';
import type { MarketoStore } from './store';
import { ACTIVITY_TYPE_DEFINITIONS, type Lead } from './types';

export type Query = URLSearchParams;
export type RestHandler = (
  store: MarketoStore,
  query: Query,
  pathParams: { id?: string },
  limits: Limits,
) => Record<string, unknown>;

const MAX_BATCH = 300;
const MAX_ACTIVITY_TYPES = 10;
const MAX_FILTER_VALUES = 300;

function required(query: Query, name: string): string {
  const value = query.get(name);
  if (value === null || value.trim() === '') throw marketoError('701', `${name} cannot be blank`);
  return value;
}

/** Comma-separated and/or repeated parameter values. */
const listParam = (query: Query, name: string): string[] =>
  query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

const positiveInt = z.coerce.number().int().positive();

function parseWith<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw marketoError('1003', `Invalid value for ${name}: ${String(value)}`);
  return parsed.data;
}

/**
 * The forms the Paging Tokens docs show (yyyy-mm-ddThh:mm:ss with Z or an offset; shorter ones in examples). Whether
 * Marketo takes fractions of a second is undocumented: the emulator refuses them, the strict reading.
 */
const SINCE_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$/;

const pagingToken: RestHandler = (_store, query) => {
  const since = required(query, 'sinceDatetime');
  const ms = Date.parse(since);
  if (!SINCE_DATETIME.test(since) || Number.isNaN(ms))
    throw marketoError('1003', `Invalid value for sinceDatetime: ${since}`);
  return { nextPageToken: encodePosition({ at: ms, afterId: 0 }) };
};

const activities: RestHandler = (store, query) => {
  const position = decodePosition(required(query, 'nextPageToken'));
  const typeValues = listParam(query, 'activityTypeIds');
  if (typeValues.length === 0) throw marketoError('701', 'activityTypeIds cannot be blank');
  // Guess at the code/text: the docs only say "up to 10 activity types".
  if (typeValues.length > MAX_ACTIVITY_TYPES)
    throw marketoError('1003', `Too many activityTypeIds, max ${String(MAX_ACTIVITY_TYPES)}`);
  const typeIds = new Set(typeValues.map((v) => parseWith(positiveInt, v, 'activityTypeIds')));
  const batch = query.get('batchSize');
  const batchSize = batch === null ? MAX_BATCH : parseWith(positiveInt.max(MAX_BATCH), batch, 'batchSize');
  const page = store.page(position, typeIds, batchSize);
  // Like Marketo, an empty page has no `result` member at all.
  return {
    nextPageToken: encodePosition(page.position),
    moreResult: page.moreResult,
    ...(page.activities.length > 0 ? { result: page.activities } : {}),
  };
};

const LEAD_FIELDS = ['id', 'email', 'company', 'createdAt', 'updatedAt'] as const satisfies readonly (keyof Lead)[];
type LeadField = (typeof LEAD_FIELDS)[number];
const isLeadField = (name: string): name is LeadField => (LEAD_FIELDS as readonly string[]).includes(name);
/** Marketo's default field set when `fields` is absent (it also has firstName/lastName, not kept here). */
const DEFAULT_LEAD_FIELDS: readonly LeadField[] = ['id', 'email', 'updatedAt', 'createdAt'];

const leads: RestHandler = (store, query) => {
  const filterType = required(query, 'filterType');
  const values = listParam(query, 'filterValues');
  if (values.length === 0) throw marketoError('701', 'filterValues cannot be blank');
  if (values.length > MAX_FILTER_VALUES)
    throw marketoError('1003', `Too many filterValues, max ${String(MAX_FILTER_VALUES)}`);
  const requested = listParam(query, 'fields');
  for (const name of requested) if (!isLeadField(name)) throw marketoError('1006', `Field '${name}' not found`);
  const fields: LeadField[] =
    requested.length > 0
      ? ['id', ...requested.filter(isLeadField).filter((f) => f !== 'id')]
      : [...DEFAULT_LEAD_FIELDS];

  let found: Lead[];
  if (filterType === 'id') {
    const ids = values.map((v) => parseWith(positiveInt, v, 'filterValues'));
    found = ids.flatMap((id) => store.leads.get(id) ?? []);
  } else if (filterType === 'email') {
    const wanted = new Set(values.map((v) => v.toLowerCase()));
    found = [...store.leads.values()].filter((lead) => wanted.has(lead.email.toLowerCase()));
  } else {
    throw marketoError('1003', `Invalid filterType: ${filterType} (the emulator supports id and email)`);
  }
  // Unknown ids are simply absent from result.
  return { result: found.map((lead) => Object.fromEntries(fields.map((f) => [f, lead[f]]))) };
};

const emailById: RestHandler = (store, _query, params) => {
  const id = parseWith(positiveInt, params.id, 'id');
  const email = store.emails.get(id);
  // Guess: Marketo's asset API answers an unknown id with 702; it may instead say success:true with a
  // "No assets found for the given search criteria." warning (as documented for A/B-test emails).
  if (!email) throw marketoError('702', `Email not found: ${String(id)}`);
  return { warnings: [], errors: [], result: [email.asset] };
};

const campaignById: RestHandler = (store, _query, params) => {
  const id = parseWith(positiveInt, params.id, 'id');
  const name = store.campaigns.get(id);
  // Guess: an unknown id answers 702, like an unknown asset.
  if (name === undefined) throw marketoError('702', `Campaign not found: ${String(id)}`);
  return { result: [{ id, name, description: '', type: 'trigger', workspaceName: 'Default', active: true }] };
};

/** The activity types and their attributes (Get Activity Types). */
const activityTypes: RestHandler = () => ({ result: ACTIVITY_TYPE_DEFINITIONS });

/** Today's calls (this one included), all given to one API user; Marketo's quota day is US Central. */
const usage: RestHandler = (_store, _query, _params, limits) => ({
  result: [
    {
      date: limits.quotaDay,
      total: limits.dailyUsed,
      users: [{ userId: 'api-user@example.com', count: limits.dailyUsed }],
    },
  ],
});

export function routeFor(path: string): { handler: RestHandler; params: { id?: string } } | undefined {
  switch (path) {
    case '/rest/v1/activities/pagingtoken.json':
      return { handler: pagingToken, params: {} };
    case '/rest/v1/activities/types.json':
      return { handler: activityTypes, params: {} };
    case '/rest/v1/activities.json':
      return { handler: activities, params: {} };
    case '/rest/v1/leads.json':
      return { handler: leads, params: {} };
    case '/rest/v1/stats/usage.json':
      return { handler: usage, params: {} };
  }
  const campaign = /^\/rest\/v1\/campaigns\/([^/]+)\.json$/.exec(path);
  if (campaign?.[1] !== undefined) return { handler: campaignById, params: { id: campaign[1] } };
  const email = /^\/rest\/asset\/v1\/email\/([^/]+)\.json$/.exec(path);
  if (email?.[1] !== undefined) return { handler: emailById, params: { id: email[1] } };
  return undefined;
}
