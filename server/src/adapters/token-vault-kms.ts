/**
 * The deployed token vault: KMS Encrypt/Decrypt with the stack's key and the app id as encryption context, so the
 * key policy and CloudTrail see which app a token belongs to and one app's ciphertext never opens as another's.
 * Opened tokens are kept for the container's life: the writer opens the same token for every batch.
 */
import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { TokenVault } from '../services/ports';

const PREFIX = 'kms:';

export function kmsTokenVault(keyId: string, kms: Pick<KMSClient, 'send'>): TokenVault {
  const opened = new Map<string, Promise<string>>();
  const context = (appId: string) => ({ appId });

  return {
    async seal(appId, token) {
      const answer = await kms.send(
        new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(token, 'utf8'), EncryptionContext: context(appId) }),
      );
      if (!answer.CiphertextBlob) throw new Error('KMS returned no ciphertext');
      return `${PREFIX}${Buffer.from(answer.CiphertextBlob).toString('base64')}`;
    },

    open(appId, sealed) {
      const cacheKey = `${appId}\n${sealed}`;
      let token = opened.get(cacheKey);
      if (!token) {
        token = decrypt(appId, sealed);
        opened.set(cacheKey, token);
        token.catch(() => opened.delete(cacheKey));
      }
      return token;
    },
  };

  async function decrypt(appId: string, sealed: string): Promise<string> {
    if (!sealed.startsWith(PREFIX)) throw new Error(`the API token of app ${appId} is not sealed by KMS`);
    const answer = await kms.send(
      new DecryptCommand({
        KeyId: keyId,
        CiphertextBlob: Buffer.from(sealed.slice(PREFIX.length), 'base64'),
        EncryptionContext: context(appId),
      }),
    );
    if (!answer.Plaintext) throw new Error('KMS returned no plaintext');
    return Buffer.from(answer.Plaintext).toString('utf8');
  }
}
