/** The code of a failure recorded as an app's last error (contract/src/last-error), from the error that caused it. */
import type { LastErrorCode } from '../../../contract/src/last-error';
import {
  KintoneRefusedError,
  KintoneUnreachableError,
  RecordValidationError,
  RevisionConflictError,
  type MarketoStop,
} from './ports';

/** kintone's codes for a token it does not accept or that has no right to the app's records. */
const TOKEN_REFUSALS = new Set(['GAIA_IA02', 'GAIA_NO01', 'CB_NO02', 'CB_AU01']);

/** A failure while reading or writing the app's records in kintone. */
export function writeErrorCode(error: unknown): LastErrorCode {
  if (error instanceof RecordValidationError) return 'records_invalid';
  if (error instanceof RevisionConflictError) return 'write_conflict';
  if (error instanceof KintoneUnreachableError) return 'kintone_unreachable';
  if (error instanceof KintoneRefusedError) {
    // Without kintone's code, or unavailable (5xx, too busy): nothing of the app's to correct, the events are retried.
    if (error.about === 'proxy' || error.status >= 500 || error.status === 429) return 'kintone_unreachable';
    if (error.about === 'app') return 'kintone_refused_app';
    if (error.about === 'guestSpace') return 'kintone_guest_space';
    return error.code && TOKEN_REFUSALS.has(error.code) ? 'kintone_refused_token' : 'kintone_refused';
  }
  return 'write_failed';
}

/** A failure of the scheduled reconciliation with Marketo's activity log. */
export function reconcileErrorCode(error: unknown): LastErrorCode {
  const stop = typeof error === 'object' && error !== null ? (error as Partial<MarketoStop>).marketoStop : undefined;
  if (stop === 'quota') return 'marketo_quota';
  if (stop === 'credentials') return 'marketo_refused';
  return 'reconcile_failed';
}
