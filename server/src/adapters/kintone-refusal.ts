/** kintone's error codes, translated where they leave the kintone adapters, so no service reads kintone's codes. */
import { KintoneRestAPIError } from '@kintone/rest-api-client';
import { errorMessage } from '../core/error-message';
import { KintoneRefusedError, KintoneUnreachableError } from '../services/ports';
import type { KintoneConnection } from '../services/ports';

/**
 * A refusal of kintone's as a KintoneRefusedError. Anything else the client throws had no answer of kintone's API
 * behind it (no connection, a timeout, a page that is not JSON): a KintoneUnreachableError that keeps the socket's
 * error code.
 */
export function translateRefusal(error: unknown, connection: Pick<KintoneConnection, 'baseUrl' | 'appId'>): unknown {
  if (!(error instanceof KintoneRestAPIError)) {
    const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
    return new KintoneUnreachableError(errorMessage(error), typeof code === 'string' ? code : undefined);
  }
  const { appId, baseUrl } = connection;
  const code: string | undefined = error.code || undefined;
  const reasons: Record<string, string> = {
    GAIA_IA02: 'kintone does not accept this API token',
    GAIA_NO01: `the API token has no permission for app ${appId}`,
    GAIA_AP01: `app ${appId} does not exist in ${baseUrl}`,
    CB_IJ01: 'kintone could not read the request',
    GAIA_IL23: `app ${appId} is in a guest space of kintone: open its plug-in settings inside the guest space and register again, so that the screen names the guest space`,
  };
  const about = code === 'GAIA_AP01' ? 'app' : code === 'GAIA_IL23' ? 'guestSpace' : code ? 'token' : 'proxy';
  const reason =
    (code && reasons[code]) ??
    (code ? `kintone answered ${error.status} ${code}: ${error.message}` : errorMessage(error));
  return new KintoneRefusedError(errorMessage(error), about, reason, error.status, code);
}

/** `call`, with kintone's refusals translated. */
export async function translatingRefusals<T>(
  connection: Pick<KintoneConnection, 'baseUrl' | 'appId'>,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateRefusal(error, connection);
  }
}
