/**
 * The token vault of the local stack and single-host use: AES-256-GCM with a key file kept apart from the registry
 * file (created, mode 0600, on first use), the app id as additional authenticated data so a sealed token copied to
 * another app's entry does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TokenVault } from '../services/ports';

const PREFIX = 'local-aes256gcm:';

export function localTokenVault(keyFile: string): TokenVault {
  let key: Promise<Buffer> | undefined;
  const keyOf = () => (key ??= loadOrCreateKey(keyFile));

  return {
    async seal(appId, token) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await keyOf(), iv);
      cipher.setAAD(Buffer.from(appId, 'utf8'));
      const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
      return `${PREFIX}${[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.')}`;
    },

    async open(appId, sealed) {
      const parts = sealed.startsWith(PREFIX) ? sealed.slice(PREFIX.length).split('.') : [];
      if (parts.length !== 3) throw new Error(`the API token of app ${appId} is not sealed by the local vault`);
      const [iv, tag, data] = parts.map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
      try {
        const decipher = createDecipheriv('aes-256-gcm', await keyOf(), iv);
        decipher.setAAD(Buffer.from(appId, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch {
        throw new Error(
          `the API token of app ${appId} does not open with the local vault's key (sealed for another app or key)`,
        );
      }
    },
  };
}

async function loadOrCreateKey(keyFile: string): Promise<Buffer> {
  await fs.mkdir(path.dirname(keyFile), { recursive: true });
  // `wx`: of two processes starting together, one creates the key and both then read the same one.
  await fs
    .writeFile(keyFile, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 })
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  const key = Buffer.from((await fs.readFile(keyFile, 'utf8')).trim(), 'base64');
  if (key.length !== 32) throw new Error(`${keyFile} does not hold a 256-bit key`);
  return key;
}
