/**
 * The slice of kintone's JavaScript API this plug-in uses. Its types are those of `@kintone/dts-gen`'s
 * `kintone.d.ts` (the plug-in's tsconfig lists it in "files"), picked down to the members the plug-in calls. Every
 * access to the global `kintone` object goes through kintone(), so the preview shim can implement exactly this slice.
 *
 * The official declarations type what kintone hands back as `any` (the plug-in config, the proxy config, the proxy's
 * and kintone.api's results, the event object). The functions below are the one place each such value enters the
 * plug-in, with the type kintone's documentation gives it (cybozu.dev, kintone JavaScript API); nothing else reads them.
 */
import type { RecordFields } from '../../../contract/src/kintone-record';

/** The methods kintone's documentation lists for kintone.api, kintone.plugin.app.proxy and the proxy configs. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The promise form of a function kintone declares twice: first with a promise result, then with success and failure
 * callbacks. The plug-in only uses the promise form.
 */
type PromiseForm<F> = F extends { (...args: infer A): infer R; (...args: infer _C): unknown }
  ? (...args: A) => R
  : never;

/** The official declarations, reached through globalThis because this module's kintone() shadows the name. */
type Official = typeof globalThis.kintone;

export interface KintoneApi {
  events: Pick<Official['events'], 'on'>;
  api: PromiseForm<Official['api']> & Pick<Official['api'], 'url'>;
  app: Pick<Official['app'], 'getId'> & {
    record: Pick<Official['app']['record'], 'getSpaceElement' | 'getHeaderMenuSpaceElement' | 'setFieldShown'>;
  };
  mobile: {
    app: Pick<Official['mobile']['app'], 'getId' | 'getHeaderSpaceElement'> & {
      record: Pick<Official['mobile']['app']['record'], 'getSpaceElement' | 'setFieldShown'>;
    };
  };
  plugin: {
    app: Pick<Official['plugin']['app'], 'getConfig' | 'setConfig' | 'getProxyConfig' | 'setProxyConfig'> & {
      proxy: PromiseForm<Official['plugin']['app']['proxy']>;
    };
  };
  /** The plug-in reads the user's language and time zone (and the preview's user has only these fields). */
  getLoginUser(): Pick<kintone.LoginUser, 'code' | 'name' | 'language' | 'timezone'>;
  $PLUGIN_ID: Official['$PLUGIN_ID'];
}

export function kintone(): KintoneApi {
  return globalThis.kintone;
}

/**
 * kintone.plugin.app.getConfig: the plug-in's settings as an object of string keys and string values (setConfig
 * only stores strings), or null on a screen where plug-in settings are not available (cybozu.dev "プラグインの
 * 設定情報を取得する").
 */
export function pluginConfig(pluginId: string): Record<string, string> | null {
  const config: unknown = kintone().plugin.app.getConfig(pluginId);
  return config as Record<string, string> | null;
}

/** What kintone.plugin.app.getProxyConfig returns: the headers and data stored with setProxyConfig. */
export interface ProxyConfig {
  headers: Record<string, string>;
  data: Record<string, string>;
}

/**
 * kintone.plugin.app.getProxyConfig: the stored headers and data (header values always come back as strings), or
 * null when nothing is stored for this URL and method (cybozu.dev "外部APIの実行に必要な情報を取得する").
 */
export function proxyConfig(url: string, method: HttpMethod): ProxyConfig | null {
  const config: unknown = kintone().plugin.app.getProxyConfig(url, method);
  return config as ProxyConfig | null;
}

/** kintone.plugin.app.proxy resolves with the body text, the HTTP status and the response headers. */
export type ProxyResponse = [body: string, status: number, headers: Record<string, string>];

/**
 * kintone.plugin.app.proxy without callbacks: a promise of [body (string), status (number), headers (object)], or a
 * rejection with the proxy's response body (a string) when the request fails (cybozu.dev "プラグインから外部APIを
 * 実行する").
 */
export async function proxy(
  pluginId: string,
  url: string,
  method: HttpMethod,
  headers: Record<string, string>,
  data: object | string,
): Promise<ProxyResponse> {
  const response: unknown = await kintone().plugin.app.proxy(pluginId, url, method, headers, data);
  return response as ProxyResponse;
}

/**
 * kintone.api without callbacks: a promise of the REST API's response object, or a rejection with kintone's error
 * (cybozu.dev "kintone REST APIリクエストを送信する"). The caller parses the answer.
 */
export async function callRestApi(pathOrUrl: string, method: HttpMethod, params: object): Promise<unknown> {
  const body: unknown = await kintone().api(pathOrUrl, method, params);
  return body;
}

/** The event object of app.record.detail.show and mobile.app.record.detail.show (cybozu.dev "レコード詳細画面を表示した後のイベント"). */
export interface RecordShowEvent {
  type: string;
  appId: number;
  recordId: number;
  record: RecordFields;
}

export type RecordShowType = 'app.record.detail.show' | 'mobile.app.record.detail.show';

/** kintone.events.on for the record detail screens, the handler given the documented event object. */
export function onRecordShow(type: RecordShowType, handler: (event: RecordShowEvent) => unknown): void {
  kintone().events.on(type, handler);
}

/**
 * The guest space the current app lives in, or undefined: inside a guest space kintone.api.url(path, true) names
 * /k/guest/<id>/v1/... (cybozu.dev "APIのURLを取得する"), and the server must call the app that way.
 */
export function guestSpaceId(): string | undefined {
  return /\/k\/guest\/(\d+)\/v1\//.exec(kintone().api.url('/k/v1/app.json', true))?.[1];
}
