/** The raw mail stores: S3 through the SDK against a local stand-in speaking S3's wire format, and a folder. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { folderRawMailStore, s3RawMailStore } from './raw-mail-store';

const MESSAGE = Buffer.from(
  'From: a@example.com\r\nSubject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\r\n\r\n\x1b$B$3$s$K$A$O\x1b(B\r\n',
  'binary',
);
const objects = new Map([['/replies/inbound/0f1e2d3c4b5a', MESSAGE]]);
const requested: string[] = [];

let server: Server;
let client: S3Client;
let dir: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(`${request.method} ${request.url}`);
    const body = objects.get(new URL(request.url ?? '/', 'http://s3').pathname);
    if (!body) {
      response.writeHead(404, { 'content-type': 'application/xml' });
      response.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  dir = await mkdtemp(path.join(os.tmpdir(), 'kms-mail-'));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

it('reads the object the receipt rule stored, byte for byte, and names a missing one', async () => {
  const store = s3RawMailStore('replies', 'inbound/', client);
  expect(Buffer.from(await store.read('0f1e2d3c4b5a')).equals(MESSAGE)).toBe(true);
  expect(requested.at(-1)).toBe('GET /replies/inbound/0f1e2d3c4b5a?x-id=GetObject');
  await expect(store.read('nothere')).rejects.toThrow(/key does not exist/i);
});

it.each([folderRawMailStore, () => s3RawMailStore('replies', 'inbound/', client)])(
  'refuses ids that are not message ids before any read (%#)',
  async (storeOf) => {
    const store = storeOf(dir);
    const before = requested.length;
    for (const id of ['../registry.json', 'a/../../etc/passwd', '', '.hidden', 'x'.repeat(200), 'a b']) {
      await expect(store.read(id)).rejects.toThrow('not a mail message id');
    }
    expect(requested.length).toBe(before);
  },
);

it('reads a message from a folder', async () => {
  await writeFile(path.join(dir, 'local-1'), MESSAGE);
  expect(Buffer.from(await folderRawMailStore(dir).read('local-1')).equals(MESSAGE)).toBe(true);
  await expect(folderRawMailStore(dir).read('local-2')).rejects.toThrow(/ENOENT/);
});
