import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { defaultConfig } from '../../../contract/src/config';
import { StoredRegistrationError } from './registration-codec';
import { registryContract, sampleRegistration } from '../../../test/support/registry-contract';
import { dynamoRegistry, registryTableDefinition } from './registry-dynamodb';

// dynalite ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an `import` would need declarations it lacks.
const dynalite = require('dynalite') as (options: { createTableMs: number }) => Server;

let server: Server;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;
let tables = 0;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  documents = DynamoDBDocumentClient.from(client);
});

afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
});

/** A fresh table per test, so tests never see each other's apps. */
async function newTable(): Promise<string> {
  const tableName = `registry-${++tables}`;
  await client.send(new CreateTableCommand({ TableName: tableName, ...registryTableDefinition }));
  await waitUntilTableExists({ client, minDelay: 1, maxWaitTime: 10 }, { TableName: tableName });
  return tableName;
}

registryContract(async () => dynamoRegistry(await newTable(), documents));

describe('stored data that no longer validates', () => {
  const token = sampleRegistration('1').apiTokenSealed;

  it('is refused with the problem named and the API token left out', async () => {
    const tableName = await newTable();
    const broken = { ...sampleRegistration('1'), config: { ...defaultConfig(), eventTypes: [] } };
    await documents.send(
      new PutCommand({ TableName: tableName, Item: { appId: '1', registration: JSON.stringify(broken) } }),
    );
    const error = await dynamoRegistry(tableName, documents)
      .get('1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredRegistrationError);
    expect((error as Error).message).toMatch(/app 1 .*eventTypes/);
    expect((error as Error).message).not.toContain(token);
  });

  it('is refused without quoting text that is not JSON', async () => {
    const tableName = await newTable();
    await documents.send(new PutCommand({ TableName: tableName, Item: { appId: '1', registration: token } }));
    const error = await dynamoRegistry(tableName, documents)
      .get('1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredRegistrationError);
    expect((error as Error).message).not.toContain(token);
  });

  it('is refused when the registration attribute is missing', async () => {
    const tableName = await newTable();
    await documents.send(new PutCommand({ TableName: tableName, Item: { appId: '1', written: 3 } }));
    await expect(dynamoRegistry(tableName, documents).get('1')).rejects.toThrow(StoredRegistrationError);
  });
});
