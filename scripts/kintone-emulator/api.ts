import { ADMINISTRATOR } from './auth';
import { KintoneError, invalidParam, requiredParam } from './errors';
import type { Params } from './params';
import { booleanParam, stringListParam, stringParam } from './params';
import { compileQuery, type TextCompare } from './query';
import { addPreviewFields, getPreviewFields, getPreviewLayout, putPreviewLayout } from './app-settings';
import { getPreviewViews, getViews, putPreviewViews } from './app-views';
import { addComment, getComments } from './comments';
import type { Directory } from './directory';
import { addRecord, addRecords, deleteRecords, updateRecord, updateRecords, type Writer } from './records';
import type { AppState, Rights } from './types';
import { toWire } from './wire';

/** How this emulator behaves where kintone's documentation leaves it open. */
export interface Behaviour {
  textCompare: TextCompare;
}

/** What a route may read besides the app: the emulator's behaviour switches and the domain's directory. */
export interface RouteContext {
  behaviour: Behaviour;
  directory: Directory;
}

/** One kintone REST endpoint: which parameter names the app, the token rights it needs, what it does. */
export interface Route {
  appParam: 'app' | 'id';
  rights: (params: Params) => Array<keyof Rights>;
  mutates: boolean;
  handle(app: AppState, params: Params, context: RouteContext): unknown;
}

/** Writes through the REST API are done as "Administrator" (API tokens; the password user is the administrator). */
const writer = (context: RouteContext): Writer => ({ user: ADMINISTRATOR, directory: context.directory });

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

function getRecord(app: AppState, params: Params, { directory }: RouteContext): unknown {
  const id = stringParam(params, 'id');
  if (id === undefined) throw requiredParam('id');
  if (!/^\d+$/.test(id) || Number(id) < 1) throw invalidParam('id', (m) => m.mustBePositive);
  const record = app.records.get(Number(id));
  if (!record) throw new KintoneError(404, 'GAIA_RE01', (m) => m.recordNotFound(id));
  return { record: toWire(app, record, directory) };
}

function getRecords(app: AppState, params: Params, { behaviour, directory }: RouteContext): unknown {
  const query = compileQuery(stringParam(params, 'query'), app.properties, behaviour.textCompare);
  const fields = stringListParam(params, 'fields');
  const matched = [...app.records.values()].filter((r) => query.matches(r)).sort((a, b) => query.compare(a, b));
  const page = matched.slice(query.offset, query.offset + query.limit);
  const wanted = fields && fields.length > 0 ? new Set(fields) : undefined;
  return {
    records: page.map((r) => toWire(app, r, directory, wanted)),
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
      handle: (app, p, c) => addRecord(app, p.record, writer(c)),
    },
  ],
  [
    'PUT /k/v1/record.json',
    { appParam: 'app', rights: () => ['edit'], mutates: true, handle: (app, p, c) => updateRecord(app, p, writer(c)) },
  ],
  ['GET /k/v1/records.json', { appParam: 'app', rights: view, mutates: false, handle: getRecords }],
  [
    'POST /k/v1/records.json',
    {
      appParam: 'app',
      rights: () => ['add'],
      mutates: true,
      handle: (app, p, c) => addRecords(app, p.records, writer(c)),
    },
  ],
  [
    'PUT /k/v1/records.json',
    {
      appParam: 'app',
      // Documented: UPSERT mode also needs the right to add records.
      rights: (p) => (booleanParam(p, 'upsert') ? ['edit', 'add'] : ['edit']),
      mutates: true,
      handle: (app, p, c) => ({ records: updateRecords(app, p.records, booleanParam(p, 'upsert'), writer(c)) }),
    },
  ],
  [
    'DELETE /k/v1/records.json',
    {
      appParam: 'app',
      rights: () => ['delete'],
      mutates: true,
      handle: (app, p, c) => {
        deleteRecords(app, p.ids, p.revisions, writer(c));
        return {};
      },
    },
  ],
  // Documented: posting and reading comments need the view right on the app and the record.
  [
    'POST /k/v1/record/comment.json',
    {
      appParam: 'app',
      rights: view,
      mutates: true,
      handle: (app, p, c) => addComment(app, p, ADMINISTRATOR, c.directory),
    },
  ],
  [
    'GET /k/v1/record/comments.json',
    { appParam: 'app', rights: view, mutates: false, handle: (app, p, c) => getComments(app, p, c.directory) },
  ],
]);
