/**
 * The slice of kintone's JavaScript API this plug-in uses, typed narrowly. Every access to the global
 * `kintone` object goes through kintone(), so the preview shim can implement exactly this interface.
 */
import type { RecordFields } from '../../../contract/src/kintone-record';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** kintone.plugin.app.proxy resolves with the body text, the HTTP status and the response headers. */
export type ProxyResponse = [body: string, status: number, headers: Record<string, string>];

export interface ProxyConfig {
  headers: Record<string, string>;
  data: Record<string, string>;
}

export interface LoginUser {
  code: string;
  name: string;
  language: string;
  timezone: string;
}

export interface RecordShowEvent {
  type: string;
  appId: number;
  recordId: number;
  record: RecordFields;
}

export interface KintoneApi {
  events: {
    on(type: string | string[], handler: (event: RecordShowEvent) => unknown): void;
  };
  api: {
    (pathOrUrl: string, method: HttpMethod, params: object): Promise<unknown>;
    url(path: string, detectGuestSpace?: boolean): string;
  };
  app: {
    getId(): number | null;
    record: {
      getSpaceElement(id: string): HTMLElement | null;
      getHeaderMenuSpaceElement(): HTMLElement | null;
    };
  };
  mobile: {
    app: {
      getId(): number | null;
      getHeaderSpaceElement(): HTMLElement | null;
      record: {
        getSpaceElement(id: string): HTMLElement | null;
      };
    };
  };
  plugin: {
    app: {
      getConfig(pluginId: string): Record<string, string> | null;
      setConfig(config: Record<string, string>, callback?: () => void): void;
      getProxyConfig(url: string, method: HttpMethod): ProxyConfig | null;
      setProxyConfig(
        url: string,
        method: HttpMethod,
        headers: Record<string, string>,
        data: Record<string, string>,
        callback?: () => void,
      ): void;
      proxy(
        pluginId: string,
        url: string,
        method: HttpMethod,
        headers: Record<string, string>,
        data: object | string,
      ): Promise<ProxyResponse>;
    };
  };
  getLoginUser(): LoginUser;
  $PLUGIN_ID: string;
}

export function kintone(): KintoneApi {
  return (globalThis as unknown as { kintone: KintoneApi }).kintone;
}

/**
 * The guest space the current app lives in, or undefined: inside a guest space kintone.api.url(path, true) names
 * /k/guest/<id>/v1/... (cybozu.dev "APIのURLを取得する"), and the server must call the app that way.
 */
export function guestSpaceId(): string | undefined {
  return /\/k\/guest\/(\d+)\/v1\//.exec(kintone().api.url('/k/v1/app.json', true))?.[1];
}
