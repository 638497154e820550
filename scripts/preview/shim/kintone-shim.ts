/**
 * A `kintone` JavaScript API for the preview pages, implementing exactly the slice of @kintone/dts-gen's declarations
 * the plug-in uses (KintoneApi). Like those declarations, it takes any method name as a string.
 * Plug-in settings and proxy configs live in the preview server; the proxy call is made by the server, so
 * stored secrets never reach the record pages.
 */
import type { HttpMethod, KintoneApi, ProxyResponse, RecordShowEvent } from '../../../plugin/src/common/kintone';
import type { Boot } from '../boot';
import { apiUrl, callApi } from './rest';
import { recordView, type FieldInfo, type LayoutRow, type RecordValue } from './record-view';

type Handler = (event: RecordShowEvent) => unknown;

const bootElement = document.getElementById('preview-boot');
const boot = JSON.parse(bootElement?.textContent ?? '{}') as Boot;
// kintone's desktop record URL carries the record in the hash: /k/1/show#record=5
if (boot.page === 'desktop') {
  const id = Number(new URLSearchParams(location.hash.slice(1)).get('record'));
  boot.recordId = Number.isInteger(id) && id > 0 ? id : null;
}
const handlers = new Map<string, Handler[]>();
const byId = (id: string) => document.getElementById(id);
const pluginList = () => `/k/admin/app/${boot.appId}/plugin/?saved=1`;

async function previewApi(path: string, body: unknown): Promise<Response> {
  return fetch(`/_preview/apps/${boot.appId}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** As kintone's record screens: shows or hides a field (a table as a whole) of the record on its own screen. */
function setFieldShown(page: 'desktop' | 'mobile', code: string, shown: boolean): void {
  if (boot.page !== page) return;
  for (const element of document.querySelectorAll<HTMLElement>(`#pv-record [data-field="${CSS.escape(code)}"]`)) {
    element.hidden = !shown;
  }
}

const api = Object.assign((pathOrUrl: string, method: string, params: object) => callApi(pathOrUrl, method, params), {
  url: (path: string, detectGuestSpace = false) => apiUrl(path, detectGuestSpace, boot.guestSpaceId),
});

const kintone = {
  events: {
    on(type: string | string[], handler: Handler) {
      for (const t of Array.isArray(type) ? type : [type]) handlers.set(t, [...(handlers.get(t) ?? []), handler]);
    },
  },
  api,
  app: {
    getId: () => boot.appId,
    record: {
      getSpaceElement: (id: string) => (boot.page === 'desktop' ? byId(`pv-space-${id}`) : null),
      getHeaderMenuSpaceElement: () => (boot.page === 'desktop' ? byId('pv-header-menu-space') : null),
      setFieldShown: (code: string, shown: boolean) => setFieldShown('desktop', code, shown),
    },
  },
  mobile: {
    app: {
      getId: () => boot.appId,
      getHeaderSpaceElement: () => (boot.page === 'mobile' ? byId('pv-mobile-header-space') : null),
      record: {
        getSpaceElement: (id: string) => (boot.page === 'mobile' ? byId(`pv-space-${id}`) : null),
        setFieldShown: (code: string, shown: boolean) => setFieldShown('mobile', code, shown),
      },
    },
  },
  plugin: {
    app: {
      getConfig: (pluginId: string) => (pluginId === boot.pluginId ? { ...boot.config } : null),
      setConfig(config: Record<string, string>, callback?: () => void) {
        void previewApi('plugin-config', { config }).then(async (response) => {
          if (!response.ok) throw new Error(await response.text());
          boot.config = { ...config };
          if (callback) callback();
          else location.href = pluginList();
        });
      },
      getProxyConfig(url: string, method: string) {
        const entry = boot.proxyConfigs.find((p) => p.url === url && p.method === method);
        return entry ? { headers: { ...entry.headers }, data: { ...entry.data } } : null;
      },
      setProxyConfig(
        url: string,
        method: string,
        headers: Record<string, string>,
        data: Record<string, string>,
        callback?: () => void,
      ) {
        void previewApi('proxy-config', { url, method, headers, data }).then(async (response) => {
          if (!response.ok) throw new Error(await response.text());
          const others = boot.proxyConfigs.filter((p) => !(p.url === url && p.method === method));
          const empty = Object.keys(headers).length === 0 && Object.keys(data).length === 0;
          // The preview server accepted the entry, and its schema allows only kintone's four methods.
          boot.proxyConfigs = empty ? others : [...others, { url, method: method as HttpMethod, headers, data }];
          if (callback) callback();
          else location.href = pluginList();
        });
      },
      async proxy(
        pluginId: string,
        url: string,
        method: string,
        headers: Record<string, string>,
        data: object | string,
      ) {
        const response = await previewApi('proxy', { pluginId, url, method, headers, data });
        const result = (await response.json()) as
          { body: string; status: number; headers: Record<string, string> } | { error: string };
        // kintone rejects with the proxy's response text when the remote server cannot be reached.
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- kintone's contract: the reason is a string.
        if ('error' in result) throw result.error;
        return [result.body, result.status, result.headers] satisfies ProxyResponse;
      },
    },
  },
  getLoginUser: () => ({ ...boot.user }),
  $PLUGIN_ID: boot.pluginId,
} satisfies KintoneApi;

(window as unknown as { kintone: KintoneApi }).kintone = kintone;

async function showRecord(): Promise<void> {
  const container = byId('pv-record');
  if (!container || boot.recordId === null) return;
  try {
    const [fields, layout, record] = (await Promise.all([
      callApi('/k/v1/app/form/fields.json', 'GET', { app: boot.appId }),
      callApi('/k/v1/app/form/layout.json', 'GET', { app: boot.appId }),
      callApi('/k/v1/record.json', 'GET', { app: boot.appId, id: boot.recordId }),
    ])) as [{ properties: Record<string, FieldInfo> }, { layout: LayoutRow[] }, { record: RecordValue }];
    container.replaceChildren(
      recordView({
        layout: layout.layout,
        properties: fields.properties,
        record: record.record,
        timeZone: boot.user.timezone,
        lang: boot.user.language,
      }),
    );
    const type = boot.page === 'mobile' ? 'mobile.app.record.detail.show' : 'app.record.detail.show';
    const event: RecordShowEvent = { type, appId: boot.appId, recordId: boot.recordId, record: record.record };
    for (const handler of handlers.get(type) ?? []) await handler(event);
    document.body.dataset.previewReady = 'true';
  } catch (error) {
    const message =
      typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
    container.replaceChildren(
      Object.assign(document.createElement('p'), { className: 'pv-error', textContent: message }),
    );
    document.body.dataset.previewReady = 'error';
  }
}

function wireChrome(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-keep-hash]')) link.hash = location.hash;
  if (boot.page !== 'desktop' || boot.recordId === null) return;
  const { recordId } = boot;
  const label = byId('pv-record-id');
  if (label) label.textContent = String(recordId);
  byId('pv-prev')?.setAttribute('href', `#record=${Math.max(1, recordId - 1)}`);
  byId('pv-next')?.setAttribute('href', `#record=${recordId + 1}`);
  window.addEventListener('hashchange', () => location.reload());
}

// The plug-in's scripts come after this one; kintone fires the show event once they have registered.
document.addEventListener('DOMContentLoaded', () => {
  wireChrome();
  if (boot.page === 'config') document.body.dataset.previewReady = 'true';
  else void showRecord();
});
