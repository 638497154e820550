/** What a preview page tells the kintone shim in the browser (embedded as JSON in the page). */
export type PageKind = 'desktop' | 'mobile' | 'config';

export interface ProxyConfigEntry {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  data: Record<string, string>;
}

export interface Boot {
  page: PageKind;
  appId: number;
  /** record pages only */
  recordId: number | null;
  pluginId: string;
  user: { code: string; name: string; language: string; timezone: string };
  /** the plug-in's public config, {} when nothing is saved */
  config: Record<string, string>;
  /** settings page only: kintone exposes these to app administrators there and nowhere else */
  proxyConfigs: ProxyConfigEntry[];
  /** the guest space the app lives in: kintone.api.url(path, true) then names /k/guest/<id>/v1/... */
  guestSpaceId: string | null;
}
