/** A local DynamoDB (dynalite, pure JavaScript) holding the registry table, as the deployed server has it. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { registryTableDefinition } from '../../server/src/adapters/registry-dynamodb';

// dynalite ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an `import` would need declarations it lacks.
const dynalite = require('dynalite') as (options: { createTableMs: number }) => Server;

export const REGISTRY_TABLE = 'kintone-marketo-sync-registry';

export interface LocalDynamo {
  endpoint: string;
  tableName: string;
  documents: DynamoDBDocumentClient;
  close(): Promise<void>;
}

export async function startLocalDynamo(port: number): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(new CreateTableCommand({ TableName: REGISTRY_TABLE, ...registryTableDefinition }));
  await waitUntilTableExists({ client, minDelay: 1, maxWaitTime: 10 }, { TableName: REGISTRY_TABLE });
  return {
    endpoint,
    tableName: REGISTRY_TABLE,
    documents: DynamoDBDocumentClient.from(client),
    close: async () => {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
