/**
 * The token vaults: KMS through the SDK against a local stand-in speaking KMS's JSON protocol (it binds the
 * ciphertext to the encryption context, as KMS does), and the local key file.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { kmsTokenVault } from './token-vault-kms';
import { localTokenVault } from './token-vault-local';

const TOKEN = 'kintone-api-token-0123456789abcdef';
const standInKey = randomBytes(32);
const requests: { target: string; body: Record<string, unknown> }[] = [];

/** KMS Encrypt/Decrypt as the AWS JSON 1.1 protocol carries them; a wrong context answers InvalidCiphertextException. */
function answer(target: string, body: Record<string, unknown>): [number, Record<string, unknown>] {
  const context = JSON.stringify(body.EncryptionContext ?? {});
  if (target === 'TrentService.Encrypt') {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', standInKey, iv).setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(Buffer.from(String(body.Plaintext), 'base64')), cipher.final()]);
    return [
      200,
      { KeyId: body.KeyId, CiphertextBlob: Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64') },
    ];
  }
  const blob = Buffer.from(String(body.CiphertextBlob), 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', standInKey, blob.subarray(0, 12)).setAAD(Buffer.from(context));
    decipher.setAuthTag(blob.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
    return [200, { KeyId: 'key', Plaintext: plain.toString('base64') }];
  } catch {
    return [400, { __type: 'InvalidCiphertextException', message: '' }];
  }
}

let server: Server;
let kms: KMSClient;
let dir: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target']);
      const body = JSON.parse(text) as Record<string, unknown>;
      requests.push({ target, body });
      const [status, json] = answer(target, body);
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  kms = new KMSClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  dir = await mkdtemp(path.join(os.tmpdir(), 'kms-vault-'));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('KMS vault', () => {
  it("seals with the stack's key and the app id as encryption context, and opens only for that app", async () => {
    const vault = kmsTokenVault('alias/tokens', kms);
    const sealed = await vault.seal('7', TOKEN);
    expect(sealed).toMatch(/^kms:/);
    expect(sealed).not.toContain(TOKEN);
    expect(requests.at(-1)).toMatchObject({
      target: 'TrentService.Encrypt',
      body: { KeyId: 'alias/tokens', EncryptionContext: { appId: '7' } },
    });
    await expect(vault.open('7', sealed)).resolves.toBe(TOKEN);
    await expect(vault.open('8', sealed)).rejects.toThrow();
  });

  it('asks KMS once per sealed token for the life of the container, and again after a failure', async () => {
    const vault = kmsTokenVault('alias/tokens', kms);
    const sealed = await vault.seal('7', TOKEN);
    const before = requests.length;
    await Promise.all([vault.open('7', sealed), vault.open('7', sealed)]);
    await vault.open('7', sealed);
    expect(requests.length - before).toBe(1);
    await expect(vault.open('9', sealed)).rejects.toThrow();
    await expect(vault.open('9', sealed)).rejects.toThrow();
    expect(requests.length - before).toBe(3);
  });

  it('refuses what it did not seal', async () => {
    await expect(kmsTokenVault('k', kms).open('7', 'local-aes256gcm:a.b.c')).rejects.toThrow(/not sealed by KMS/);
  });
});

describe('local vault', () => {
  it('keeps its key in a file of its own, readable by the owner only, and seals per app', async () => {
    const keyFile = path.join(dir, 'nested', 'token.key');
    const vault = localTokenVault(keyFile);
    const sealed = await vault.seal('7', TOKEN);
    expect(sealed).not.toContain(TOKEN);
    expect((await stat(keyFile)).mode & 0o077).toBe(0);
    await expect(localTokenVault(keyFile).open('7', sealed)).resolves.toBe(TOKEN);
    await expect(vault.open('8', sealed)).rejects.toThrow(/another app or key/);
    await expect(localTokenVault(path.join(dir, 'other.key')).open('7', sealed)).rejects.toThrow(/another app or key/);
    expect(await readFile(keyFile, 'utf8')).not.toContain(TOKEN);
  });

  it('gives two processes starting together the same key', async () => {
    const keyFile = path.join(dir, 'race.key');
    const [a, b] = [localTokenVault(keyFile), localTokenVault(keyFile)];
    const [sealedA, sealedB] = await Promise.all([a.seal('1', TOKEN), b.seal('1', TOKEN)]);
    await expect(b.open('1', sealedA)).resolves.toBe(TOKEN);
    await expect(a.open('1', sealedB)).resolves.toBe(TOKEN);
  });
});
