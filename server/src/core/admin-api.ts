/**
 * Names shared by the Admin API and its callers (the plug-in's settings screen, `npm run admin`).
 *
 * kintone's plug-in proxy adds whatever the settings screen stored with setProxyConfig to every matching call, and
 * the proxy works on record screens too: every app user can send requests with the stored values. So the admin
 * secret and the kintone API token are never stored there; the admin types them when registering. The one value
 * the screen may store is the app's status key, for GET …/status only: it shows that app's counters, nothing more.
 */
export const ADMIN_SECRET_HEADER = 'X-Admin-Secret';
export const STATUS_KEY_HEADER = 'X-Status-Key';
export const API_TOKEN_KEY = 'apiToken';
