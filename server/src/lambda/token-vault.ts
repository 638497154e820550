/**
 * The token vault from the environment, for the functions that open or seal API tokens (writer, admin). A module of
 * its own, so the webhook's package carries no KMS client.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { kmsTokenVault } from '../adapters/token-vault-kms';
import { localTokenVault } from '../adapters/token-vault-local';
import type { TokenVault } from '../services/ports';
import { required } from './runtime';

let vault: TokenVault | undefined;
export function getTokenVault(): TokenVault {
  // Deployed: the stack's KMS key; the local stack: a key file beside the registry file.
  vault ??= process.env.TOKEN_KEY_ID ? kmsTokenVault(process.env.TOKEN_KEY_ID, new KMSClient({})) : localTokenVault(required('TOKEN_KEY_FILE'));
  return vault;
}
