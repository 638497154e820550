/**
 * Names shared by the Admin API and the plug-in. kintone's proxy adds the stored secret and token under the
 * standard names and, on a clash, the stored value wins over what the page sends; so values the admin has
 * just typed travel under their own names, or a changed token or secret could never reach the server.
 */
export const ADMIN_SECRET_HEADER = 'X-Admin-Secret';
export const NEW_ADMIN_SECRET_HEADER = 'X-Admin-Secret-New';
export const API_TOKEN_KEY = 'apiToken';
export const NEW_API_TOKEN_KEY = 'newApiToken';
