/**
 * The token vault the environment chooses, for the functions that open or seal API tokens (writer, admin). A module
 * of its own, so the webhook's package carries no KMS client.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { kmsTokenVault } from '../adapters/token-vault-kms';
import { localTokenVault } from '../adapters/token-vault-local';
import type { TokenVault } from '../services/ports';
import type { WriterEnvironment } from './environment';

/** Deployed: the stack's KMS key; the local stack: a key file beside the registry file. */
export function tokenVaultFrom(env: Pick<WriterEnvironment, 'TOKEN_KEY_ID' | 'TOKEN_KEY_FILE'>): TokenVault {
  if (env.TOKEN_KEY_ID) return kmsTokenVault(env.TOKEN_KEY_ID, new KMSClient({}));
  if (env.TOKEN_KEY_FILE) return localTokenVault(env.TOKEN_KEY_FILE);
  throw new Error('neither TOKEN_KEY_ID nor TOKEN_KEY_FILE is set');
}
