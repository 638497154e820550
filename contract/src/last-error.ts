/**
 * What stopped the server the last time something failed for an app, as a short stable code: the settings screen
 * words each in the admin's language with what to do, and keeps the server's own sentence (`lastError.message`) as
 * the details. Statuses stored before codes existed have none, and a newer server may send one an older screen does
 * not know: callers word both as a generic failure.
 */
export const LAST_ERROR_CODES = [
  /** the app's daily kintone request budget is spent: events wait for kintone's next day */
  'budget_used',
  /** the server holds no registration for the app */
  'app_not_registered',
  /** the app's registration is turned off */
  'app_disabled',
  /** the server could not read its registry */
  'registry_unreadable',
  /** the app is registered for a kintone domain this deployment no longer serves */
  'domain_not_served',
  /** the stored API token could not be opened */
  'token_unreadable',
  /** kintone refused the API token (not accepted, or no right to the records) */
  'kintone_refused_token',
  /** kintone says the app does not exist */
  'kintone_refused_app',
  /** the app is in a guest space the registration does not name */
  'kintone_guest_space',
  /** kintone refused a request for another reason (its code and sentence are in the message) */
  'kintone_refused',
  /** kintone could not be reached, or something in front of it answered instead */
  'kintone_unreachable',
  /** records came back without a mapped field: removed or renamed since the app was registered */
  'fields_changed',
  /** kintone refused the values written to some records (CB_VA01) */
  'records_invalid',
  /** records kept changing while they were written, and the writer gave up for now */
  'write_conflict',
  /** writing failed for a reason the server does not recognise */
  'write_failed',
  /** kintone refused an owner alert's record comment (the events themselves were written) */
  'alert_refused',
  /** the daily re-score of the engagement scores stopped on a failure the server does not recognise */
  'rescore_failed',
  /** the scheduled reconciliation with Marketo's activity log stopped */
  'reconcile_failed',
  /** Marketo's daily API quota (or this deployment's share of it) is spent */
  'marketo_quota',
  /** Marketo refused the server's API credentials */
  'marketo_refused',
] as const;

export type LastErrorCode = (typeof LAST_ERROR_CODES)[number];

export function isLastErrorCode(code: unknown): code is LastErrorCode {
  return (LAST_ERROR_CODES as readonly unknown[]).includes(code);
}
