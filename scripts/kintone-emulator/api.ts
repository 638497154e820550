import { ADMINISTRATOR } from './auth';
import { KintoneError, invalidParam, requiredParam } from './errors';
import type { Params } from './params';
import { booleanParam, stringListParam, stringParam } from './params';
import { compileQuery, type TextCompare } from './query';
import { addPreviewFields, getPreviewFields, getPreviewLayout, putPreviewLayout } from './app-settings';
import { getPreviewViews, getViews, putPreviewViews } from './app-views';
import { addRecord, addRecords, deleteRecords, updateRecord, updateRecords } from './records';
import type { AppState, Rights } from './types';
import { toWire } from './wire';

/** How this emulator behaves where kintone's documentation leaves it open. */
export interface Behaviour {
  textCompare: TextCompare;
}

/** One kintone REST endpoint: which parameter names the app, the token rights it needs, what it does. */
export interface Route {
  appParam: 'app' | 'id';
  rights: (params: Params) => Array<keyof Rights>;
  mutates: boolean;
  handle(app: AppState, params: Params, behaviour: Behaviour): unknown;
}

const view = (): Array<keyof Rights> => ['view'];
const manage = (): Array<keyof Rights> => ['manage'];

function getApp(app: AppState): unknown {
  return {
    appId: app.id,
    code: '',
    name: app.name,
    description: '',
    spaceId: app.guestSpaceId ?? null,
    threadId: null,
    createdAt: app.createdAt,
    creator: ADMINISTRATOR,
    modifiedAt: app.createdAt,
    modifier: ADMINISTRATOR,
  };
}

const getFields = (app: AppState): unknown => ({ properties: app.properties, revision: String(app.revision) });
const getLayout = (app: AppState): unknown => ({ layout: app.layout, revision: String(app.revision) });

function getRecord(app: AppState, params: Params): unknown {
  const id = stringParam(params, 'id');
  if (id === undefined) throw requiredParam('id');
  if (!/^\d+$/.test(id) || Number(id) < 1) throw invalidParam('id', (m) => m.mustBePositive);
  const record = app.records.get(Number(id));
  if (!record) throw new KintoneError(404, 'GAIA_RE01', (m) => m.recordNotFound(id));
  return { record: toWire(app, record) };
}

function getRecords(app: AppState, params: Params, behaviour: Behaviour): unknown {
  const query = compileQuery(stringParam(params, 'query'), app.properties, behaviour.textCompare);
  const fields = stringListParam(params, 'fields');
  const matched = [...app.records.values()].filter((r) => query.matches(r)).sort((a, b) => query.compare(a, b));
  const page = matched.slice(query.offset, query.offset + query.limit);
  const wanted = fields && fields.length > 0 ? new Set(fields) : undefined;
  return {
    records: page.map((r) => toWire(app, r, wanted)),
    totalCount: booleanParam(params, 'totalCount') ? String(matched.length) : null,
  };
}

export const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['GET /k/v1/app.json', { appParam: 'id', rights: view, mutates: false, handle: getApp }],
  ['GET /k/v1/app/form/fields.json', { appParam: 'app', rights: view, mutates: false, handle: getFields }],
  ['GET /k/v1/app/form/layout.json', { appParam: 'app', rights: view, mutates: false, handle: getLayout }],
  [
    'GET /k/v1/preview/app/form/fields.json',
    { appParam: 'app', rights: manage, mutates: false, handle: getPreviewFields },
  ],
  [
    'GET /k/v1/preview/app/form/layout.json',
    { appParam: 'app', rights: manage, mutates: false, handle: getPreviewLayout },
  ],
  [
    'POST /k/v1/preview/app/form/fields.json',
    { appParam: 'app', rights: manage, mutates: true, handle: (app, p) => addPreviewFields(app, p) },
  ],
  [
    'PUT /k/v1/preview/app/form/layout.json',
    { appParam: 'app', rights: manage, mutates: true, handle: (app, p) => putPreviewLayout(app, p) },
  ],
  ['GET /k/v1/app/views.json', { appParam: 'app', rights: view, mutates: false, handle: getViews }],
  ['GET /k/v1/preview/app/views.json', { appParam: 'app', rights: manage, mutates: false, handle: getPreviewViews }],
  [
    'PUT /k/v1/preview/app/views.json',
    { appParam: 'app', rights: manage, mutates: true, handle: (app, p) => putPreviewViews(app, p) },
  ],
  ['GET /k/v1/record.json', { appParam: 'app', rights: view, mutates: false, handle: getRecord }],
  [
    'POST /k/v1/record.json',
    {
      appParam: 'app',
      rights: () => ['add'],
      mutates: true,
      handle: (app, p) => addRecord(app, p.record, ADMINISTRATOR),
    },
  ],
  [
    'PUT /k/v1/record.json',
    { appParam: 'app', rights: () => ['edit'], mutates: true, handle: (app, p) => updateRecord(app, p, ADMINISTRATOR) },
  ],
  ['GET /k/v1/records.json', { appParam: 'app', rights: view, mutates: false, handle: getRecords }],
  [
    'POST /k/v1/records.json',
    {
      appParam: 'app',
      rights: () => ['add'],
      mutates: true,
      handle: (app, p) => addRecords(app, p.records, ADMINISTRATOR),
    },
  ],
  [
    'PUT /k/v1/records.json',
    {
      appParam: 'app',
      // Documented: UPSERT mode also needs the right to add records.
      rights: (p) => (booleanParam(p, 'upsert') ? ['edit', 'add'] : ['edit']),
      mutates: true,
      handle: (app, p) => ({ records: updateRecords(app, p.records, booleanParam(p, 'upsert'), ADMINISTRATOR) }),
    },
  ],
  [
    'DELETE /k/v1/records.json',
    {
      appParam: 'app',
      rights: () => ['delete'],
      mutates: true,
      handle: (app, p) => {
        deleteRecords(app, p.ids, p.revisions, ADMINISTRATOR);
        return {};
      },
    },
  ],
]);
