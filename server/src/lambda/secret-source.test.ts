/** The admin secret's sources, against a local stand-in for SSM's JSON API (the SDK's real wire format). */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSMClient } from '@aws-sdk/client-ssm';
import { ssmSecret } from '../adapters/ssm-secret';
import { secretSource } from './secret-source';

const NAME = '/kintone-marketo-sync/test/admin-secret';

interface SeenRequest {
  headers: IncomingHttpHeaders;
  body: unknown;
}

let server: Server;
let endpoint: string;
let parameters: Map<string, string>;
let seen: SeenRequest[];

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const body = JSON.parse(text) as { Name: string };
      seen.push({ headers: request.headers, body });
      const value = parameters.get(body.Name);
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (value === undefined) {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: 'ParameterNotFound', message: `${body.Name} not found` }));
        return;
      }
      response.end(JSON.stringify({ Parameter: { Name: body.Name, Type: 'SecureString', Value: value, Version: 1 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

beforeEach(() => {
  parameters = new Map([[NAME, 'first-secret']]);
  seen = [];
});

const client = () =>
  new SSMClient({ endpoint, region: 'ap-northeast-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

describe('ssmSecret', () => {
  it('reads the parameter decrypted, once, however many requests ask', async () => {
    const secret = ssmSecret(NAME, client());
    await expect(Promise.all([secret(), secret()])).resolves.toEqual(['first-secret', 'first-secret']);
    await expect(secret()).resolves.toBe('first-secret');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers['x-amz-target']).toBe('AmazonSSM.GetParameter');
    expect(seen[0]?.body).toEqual({ Name: NAME, WithDecryption: true });
  });

  it('reads again once the time to keep it has passed, so a rotated secret takes hold', async () => {
    let clock = 0;
    const secret = ssmSecret(NAME, client(), { ttlMs: 1_000, now: () => clock });
    await expect(secret()).resolves.toBe('first-secret');
    parameters.set(NAME, 'rotated-secret');
    clock = 999;
    await expect(secret()).resolves.toBe('first-secret');
    clock = 1_000;
    await expect(secret()).resolves.toBe('rotated-secret');
    expect(seen).toHaveLength(2);
  });

  it('keeps no failure: the next request reads again', async () => {
    parameters.clear();
    const secret = ssmSecret(NAME, client());
    await expect(secret()).rejects.toThrow(/not found/);
    parameters.set(NAME, 'created-later');
    await expect(secret()).resolves.toBe('created-later');
    expect(seen).toHaveLength(2);
  });

  it('refuses an empty value', async () => {
    parameters.set(NAME, '');
    await expect(ssmSecret(NAME, client())()).rejects.toThrow(`SSM parameter ${NAME} has no value`);
  });
});

describe('secretSource', () => {
  it('prefers the SSM parameter when ADMIN_SECRET_PARAMETER is set', async () => {
    const source = secretSource('ADMIN_SECRET', { parameter: NAME, value: 'from-env' }, client);
    await expect(source()).resolves.toBe('first-secret');
  });

  it('uses ADMIN_SECRET without touching SSM otherwise', async () => {
    const source = secretSource('ADMIN_SECRET', { parameter: undefined, value: 'from-env' }, () => {
      throw new Error('no SSM client expected');
    });
    await expect(source()).resolves.toBe('from-env');
    expect(seen).toHaveLength(0);
  });

  it('says which variables are missing when neither is set', async () => {
    await expect(secretSource('ADMIN_SECRET', { parameter: undefined, value: undefined })()).rejects.toThrow(
      'ADMIN_SECRET (or ADMIN_SECRET_PARAMETER) is not set',
    );
  });

  it("builds the default client from the Lambda's environment (region, credentials, endpoint)", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_SSM: endpoint,
    });
    delete process.env.AWS_PROFILE;
    try {
      await expect(secretSource('ADMIN_SECRET', { parameter: NAME, value: undefined })()).resolves.toBe('first-secret');
    } finally {
      process.env = saved;
    }
  });
});
