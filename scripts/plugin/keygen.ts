/**
 * The plug-in's signing key. kintone derives the plug-in ID from its public half, so the same key must be
 * used for every build: a new key makes a different plug-in, installed beside the old one without its settings.
 */
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** kintone's packer signs with RSA-1024 keys stored as PKCS#1 PEM (what node-rsa exports as "pkcs1-private"). */
function generatePrivateKey(): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 1024,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return privateKey.endsWith('\n') ? privateKey : `${privateKey}\n`;
}

/** The plug-in ID as kintone computes it: SHA-256 of the DER public key, 32 hex digits mapped 0-f to a-p. */
export function pluginIdOf(privateKeyPem: string): string {
  const der = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(c <= '9' ? c.charCodeAt(0) + 49 : c.charCodeAt(0) + 10)).join('');
}

export function ensurePrivateKey(
  path: string,
  log: (line: string) => void = console.log,
): { created: boolean; pluginId: string } {
  if (existsSync(path)) return { created: false, pluginId: pluginIdOf(readFileSync(path, 'utf8')) };
  const key = generatePrivateKey();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, key, { mode: 0o600 });
  const pluginId = pluginIdOf(key);
  log(
    [
      '',
      `Created a new private key: ${path}`,
      `It fixes the plug-in ID: ${pluginId}`,
      'KEEP THIS FILE and use it for every build. A build with another key is a different plug-in:',
      'kintone would install it beside this one, and its settings in every app would be lost.',
      'Never commit it (*.ppk is git-ignored); store it where your team keeps secrets.',
      '',
    ].join('\n'),
  );
  return { created: true, pluginId };
}
