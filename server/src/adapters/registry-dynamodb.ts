/**
 * The registry in one DynamoDB table, for the deployed server: one item per app. The registration is one JSON
 * string attribute, read and written whole like the file registry's, so storing it does not depend on the
 * client's marshalling options (as a map, the config's undefined fields would need removeUndefinedValues). The
 * counters are numeric attributes that concurrent Lambdas change with atomic ADDs, never read-modify-write.
 */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  ScanCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { AppStatus, Registry, StatusUpdate } from '../services/ports';
import { emptyStatus } from '../services/ports';
import { registrationSchema, statusSchema, StoredRegistrationError } from './registration-codec';

const KEY = 'appId';
const REQUESTS_PREFIX = 'kintoneRequests_';
/** One numeric attribute per source and counter (`bySource_webhook_written`), so concurrent writers can ADD. */
const SOURCE_PREFIX = 'bySource_';
/**
 * The alert ledger: one item per app and kintone day (`alerts#<app>#<day>`, never an app id, which is digits), one
 * numeric attribute per record and moment kind, removed by the table's TTL on `expiresAt` a few days later.
 */
const ALERTS_PREFIX = 'alerts#';
const ALERTS_KEPT_SECONDS = 3 * 86_400;

/** The table's key schema, for whatever creates the table (serverless.yml, tests). */
export const registryTableDefinition = {
  AttributeDefinitions: [{ AttributeName: KEY, AttributeType: 'S' }],
  KeySchema: [{ AttributeName: KEY, KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
} satisfies Omit<CreateTableCommandInput, 'TableName'>;

const storedRegistration = z
  .string()
  .transform((json, ctx) => {
    try {
      return JSON.parse(json) as unknown;
    } catch {
      // Not the SyntaxError's message: it quotes the start of the text, which may be the API token.
      ctx.addIssue({ code: 'custom', message: 'registration is not JSON' });
      return z.NEVER;
    }
  })
  .pipe(registrationSchema);

type StatusExpression = Pick<
  UpdateCommandInput,
  'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
>;

export function dynamoRegistry(
  tableName: string,
  client: DynamoDBDocumentClient = DynamoDBDocumentClient.from(new DynamoDBClient({})),
): Registry {
  // Strongly consistent, so a rotated webhook secret holds from the next request on.
  const read = async (appId: string) =>
    (await client.send(new GetCommand({ TableName: tableName, Key: { [KEY]: appId }, ConsistentRead: true }))).Item;

  /** False when the condition failed: the app is unknown, or the stored lastEventAt is newer. */
  const update = async (appId: string, expression: StatusExpression): Promise<boolean> => {
    try {
      await client.send(new UpdateCommand({ TableName: tableName, Key: { [KEY]: appId }, ...expression }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };

  const registrationOf = (appId: string, item: Record<string, unknown>) => {
    const parsed = storedRegistration.safeParse(item.registration);
    if (!parsed.success) throw new StoredRegistrationError(appId, parsed.error);
    return parsed.data;
  };

  return {
    async get(appId) {
      const item = await read(appId);
      return item ? registrationOf(appId, item) : undefined;
    },

    async getWithStatus(appId) {
      const item = await read(appId);
      return item ? { registration: registrationOf(appId, item), status: statusOf(item) } : undefined;
    },

    async put(registration) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [KEY]: registration.appId },
          UpdateExpression: 'SET #registration = :registration',
          ExpressionAttributeNames: { '#registration': 'registration' },
          ExpressionAttributeValues: { ':registration': JSON.stringify(registration) },
        }),
      );
    },

    async status(appId): Promise<AppStatus> {
      const item = await read(appId);
      return item ? statusOf(item) : emptyStatus();
    },

    async appIds() {
      const ids: string[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: tableName,
            ProjectionExpression: '#key',
            ExpressionAttributeNames: { '#key': KEY },
            ExclusiveStartKey: startKey,
          }),
        );
        ids.push(...(page.Items ?? []).map((item) => String(item[KEY])).filter((id) => !id.startsWith(ALERTS_PREFIX)));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return ids;
    },

    async recordReconciled(appId, until, recent = []) {
      await update(appId, {
        UpdateExpression: 'SET #until = :until, #recent = :recent',
        ConditionExpression: `attribute_exists(${KEY}) AND (attribute_not_exists(#until) OR #until < :until)`,
        ExpressionAttributeNames: { '#until': 'reconciledUntil', '#recent': 'reconciledRecently' },
        ExpressionAttributeValues: { ':until': until, ':recent': [...recent] },
      });
    },

    async reconciledRecently(appId) {
      const recent: unknown = (await read(appId))?.reconciledRecently;
      return Array.isArray(recent) ? recent.filter((guid): guid is string => typeof guid === 'string') : [];
    },

    async acquireWriteLease(appId, holder, now, until) {
      return update(appId, {
        UpdateExpression: 'SET #holder = :holder, #until = :until',
        ConditionExpression: `attribute_exists(${KEY}) AND (attribute_not_exists(#until) OR #until < :now OR #holder = :holder)`,
        ExpressionAttributeNames: { '#holder': 'leaseHolder', '#until': 'leaseUntil' },
        ExpressionAttributeValues: { ':holder': holder, ':until': until, ':now': now },
      });
    },

    async releaseWriteLease(appId, holder) {
      await update(appId, {
        UpdateExpression: 'REMOVE #holder, #until',
        ConditionExpression: '#holder = :holder',
        ExpressionAttributeNames: { '#holder': 'leaseHolder', '#until': 'leaseUntil' },
        ExpressionAttributeValues: { ':holder': holder },
      });
    },

    async claimAlert(appId, recordId, kind, day, limit) {
      return update(`${ALERTS_PREFIX}${appId}#${day}`, {
        UpdateExpression: 'ADD #slot :one SET #expires = :expires',
        ConditionExpression: 'attribute_not_exists(#slot) OR #slot < :limit',
        ExpressionAttributeNames: { '#slot': `${recordId}:${kind}`, '#expires': 'expiresAt' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': limit,
          ':expires': Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + ALERTS_KEPT_SECONDS,
        },
      });
    },

    async recordStatus(appId, change) {
      // DynamoDB has no max(), so moving lastEventAt forward is part of the condition; when that fails because
      // the stored one is newer, the rest of the change is written without it.
      const expression = statusExpression(change);
      if (!expression || (await update(appId, expression)) || !change.lastEventAt) return;
      const withoutLastEventAt = statusExpression({ ...change, lastEventAt: undefined });
      if (withoutLastEventAt) await update(appId, withoutLastEventAt);
    },
  };
}

/** The counters of an item, with its per-day request counters gathered into one map. */
function statusOf(item: Record<string, unknown>): AppStatus {
  const perDay = Object.entries(item).flatMap(([name, value]) =>
    name.startsWith(REQUESTS_PREFIX) && typeof value === 'number'
      ? [[name.slice(REQUESTS_PREFIX.length), value] as const]
      : [],
  );
  const bySource: Record<string, Record<string, number>> = {};
  for (const [name, value] of Object.entries(item)) {
    if (!name.startsWith(SOURCE_PREFIX) || typeof value !== 'number') continue;
    const [source = '', counter = ''] = name.slice(SOURCE_PREFIX.length).split('_');
    bySource[source] = { ...bySource[source], [counter]: value };
  }
  return statusSchema.parse({
    ...item,
    ...(perDay.length > 0 ? { kintoneRequests: Object.fromEntries(perDay) } : {}),
    ...(Object.keys(bySource).length > 0 ? { bySource } : {}),
  });
}

/** The change as one UpdateItem that never creates an item; undefined when there is nothing to change. */
function statusExpression(change: StatusUpdate): StatusExpression | undefined {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const add: string[] = [];
  const set: string[] = [];
  let condition = `attribute_exists(${KEY})`;
  Object.entries(change.add).forEach(([counter, amount], i) => {
    if (amount === undefined) return;
    names[`#c${i}`] = counter;
    values[`:c${i}`] = amount;
    add.push(`#c${i} :c${i}`);
  });
  Object.entries(change.bySource ?? {}).forEach(([source, counters], i) => {
    Object.entries(counters).forEach(([counter, amount], j) => {
      if (amount === undefined) return;
      names[`#s${i}_${j}`] = `${SOURCE_PREFIX}${source}_${counter}`;
      values[`:s${i}_${j}`] = amount;
      add.push(`#s${i}_${j} :s${i}_${j}`);
    });
  });
  if (change.kintoneRequests) {
    // One counter attribute per kintone day, so concurrent writers can ADD without reading.
    names['#requests'] = `${REQUESTS_PREFIX}${change.kintoneRequests.day}`;
    values[':requests'] = change.kintoneRequests.count;
    add.push('#requests :requests');
  }
  if (change.lastError) {
    names['#lastError'] = 'lastError';
    values[':lastError'] = change.lastError;
    set.push('#lastError = :lastError');
  }
  if (change.lastRescore) {
    names['#lastRescore'] = 'lastRescore';
    values[':lastRescore'] = change.lastRescore;
    set.push('#lastRescore = :lastRescore');
  }
  if (change.lastEventAt) {
    names['#lastEventAt'] = 'lastEventAt';
    values[':lastEventAt'] = change.lastEventAt;
    set.push('#lastEventAt = :lastEventAt');
    condition += ' AND (attribute_not_exists(#lastEventAt) OR #lastEventAt <= :lastEventAt)';
  }
  if (add.length === 0 && set.length === 0) return undefined;
  const clauses = [add.length > 0 ? `ADD ${add.join(', ')}` : '', set.length > 0 ? `SET ${set.join(', ')}` : ''];
  return {
    UpdateExpression: clauses.filter(Boolean).join(' '),
    ConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
