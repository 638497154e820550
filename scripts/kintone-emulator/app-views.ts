/**
 * kintone's list view settings, as cybozu.dev documents them:
 * - "一覧の設定を取得する" (GET /k/v1/app/views.json, and /k/v1/preview/app/views.json for the pre-live settings):
 *   every view by name, with its id, index, type, filter and sort, and the settings revision;
 * - "一覧の設定を変更する" (PUT /k/v1/preview/app/views.json): replaces the pre-live views with the ones given, so a
 *   view left out is deleted; a view is named by its name before the change (`name` renames it, and is required,
 *   equal to the key, for a new one); a LIST view needs `fields`; answers each view's id and the new revision.
 * The views reach the live app with the rest of the pre-live settings (app-settings.ts deploy). The revision is the
 * app settings' one, shared with the form: a stale revision is refused with 409 GAIA_CO02.
 */
import { FieldErrorCollector, KintoneError } from './errors';
import { checkChangeable, previewOf } from './app-settings';
import type { Params } from './params';
import { compileQuery } from './query';
import type { AppState, ViewDef } from './types';

const VIEW_TYPES: ReadonlySet<string> = new Set(['LIST', 'CALENDAR', 'CUSTOM']);
const MAX_NAME = 64;

export const getViews = (app: AppState): unknown => ({ views: app.views ?? {}, revision: String(app.revision) });

export const getPreviewViews = (app: AppState): unknown => {
  const preview = previewOf(app);
  return { views: preview.views ?? {}, revision: String(preview.revision) };
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Codes a view may show or sort by: the top-level fields of the form, system fields included. */
function viewableCodes(app: AppState): Set<string> {
  return new Set(
    Object.values(previewOf(app).properties)
      .filter((def) => def.type !== 'SUBTABLE' && def.type !== 'GROUP')
      .map((def) => def.code),
  );
}

/** A new id: above every id the app's views (live and pre-live) had, in a range of the app's own. */
function nextViewId(app: AppState): string {
  const ids = [...Object.values(app.views ?? {}), ...Object.values(previewOf(app).views ?? {})].map((v) =>
    Number(v.id),
  );
  return String(Math.max(Number(app.id) * 100_000, ...ids) + 1);
}

function checkView(
  app: AppState,
  key: string,
  raw: unknown,
  existing: ViewDef | undefined,
  errors: FieldErrorCollector,
): raw is Record<string, unknown> {
  const at = `views.${key}`;
  if (!isRecord(raw)) {
    errors.add(at, (m) => m.requiredParam);
    return false;
  }
  let ok = true;
  const index = raw.index;
  if (!(typeof index === 'number' || typeof index === 'string') || !/^-?\d+$/.test(String(index))) {
    errors.add(`${at}.index`, (m) => m.requiredParam);
    ok = false;
  }
  if (typeof raw.type !== 'string' || !VIEW_TYPES.has(raw.type)) {
    errors.add(`${at}.type`, (m) => m.requiredParam);
    ok = false;
  }
  const name = raw.name;
  if (name === undefined ? !existing : typeof name !== 'string' || name.trim() === '') {
    errors.add(`${at}.name`, (m) => m.requiredParam);
    ok = false;
  } else if (!existing && name !== key) {
    errors.add(`${at}.name`, (m) => m.invalidValue);
    ok = false;
  } else if (typeof name === 'string' && [...name].length > MAX_NAME) {
    errors.add(`${at}.name`, (m) => m.maxLength(MAX_NAME));
    ok = false;
  }
  const codes = viewableCodes(app);
  if (raw.type === 'LIST') {
    const fields = raw.fields ?? (existing?.type === 'LIST' ? existing.fields : undefined);
    if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string')) {
      errors.add(`${at}.fields`, (m) => m.requiredParam);
      ok = false;
    } else {
      for (const code of fields as string[])
        if (!codes.has(code)) {
          errors.add(`${at}.fields`, (m) => m.queryFieldNotFound(code));
          ok = false;
        }
    }
  }
  for (const [param, prefix] of [
    ['filterCond', ''],
    ['sort', 'order by '],
  ] as const) {
    const query = raw[param];
    if (query === undefined || query === '') continue;
    if (typeof query !== 'string') {
      errors.add(`${at}.${param}`, (m) => m.invalidValue);
      ok = false;
      continue;
    }
    try {
      compileQuery(`${prefix}${query}`, previewOf(app).properties);
    } catch (error) {
      if (!(error instanceof KintoneError)) throw error;
      errors.add(`${at}.${param}`, error.text);
      ok = false;
    }
  }
  return ok;
}

/** The view as GET views.json answers it: kintone's defaults for what the request left out. */
function stored(raw: Record<string, unknown>, key: string, existing: ViewDef | undefined, id: string): ViewDef {
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  const base = {
    index: String(raw.index),
    id,
    name: text(raw.name, key),
    filterCond: text(raw.filterCond, existing?.filterCond ?? ''),
    sort: text(raw.sort, existing?.sort ?? ''),
  };
  if (raw.type === 'LIST') {
    const fields = Array.isArray(raw.fields)
      ? (raw.fields as string[])
      : existing?.type === 'LIST'
        ? existing.fields
        : [];
    return { ...base, type: 'LIST', fields: [...fields] };
  }
  if (raw.type === 'CALENDAR') {
    const before = existing?.type === 'CALENDAR' ? existing : undefined;
    return {
      ...base,
      type: 'CALENDAR',
      date: text(raw.date, before?.date ?? '更新日時'),
      title: text(raw.title, before?.title ?? 'レコード番号'),
    };
  }
  const before = existing?.type === 'CUSTOM' ? existing : undefined;
  return {
    ...base,
    type: 'CUSTOM',
    html: text(raw.html, before?.html ?? ''),
    pager: typeof raw.pager === 'boolean' ? raw.pager : before?.pager !== false,
    device: raw.device === 'ANY' || raw.device === 'DESKTOP' ? raw.device : (before?.device ?? 'DESKTOP'),
  };
}

/** PUT preview/app/views.json: the pre-live views become exactly the ones given. */
export function putPreviewViews(app: AppState, params: Params, now = Date.now()): unknown {
  checkChangeable(app, params, now);
  const preview = previewOf(app);
  const views = params.views;
  const errors = new FieldErrorCollector();
  if (!isRecord(views)) {
    errors.add('views', (m) => m.requiredParam);
    throw errors.toError();
  }
  const before = preview.views ?? {};
  const checked = Object.entries(views).map(([key, raw]) => checkView(app, key, raw, before[key], errors));
  if (!errors.empty || checked.includes(false)) throw errors.toError();
  const names = Object.entries(views).map(([key, raw]) => (raw as { name?: string }).name ?? key);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) {
    errors.add(`views.${twice}.name`, (m) => m.unique);
    throw errors.toError();
  }

  let fresh = nextViewId(app);
  const next: Record<string, ViewDef> = {};
  for (const [key, raw] of Object.entries(views) as Array<[string, Record<string, unknown>]>) {
    const existing = before[key];
    const id = existing?.id ?? fresh;
    if (!existing) fresh = String(Number(fresh) + 1);
    const view = stored(raw, key, existing, id);
    next[view.name] = view;
  }
  app.preview = { ...preview, views: next, revision: preview.revision + 1 };
  return {
    views: Object.fromEntries(Object.values(next).map((v) => [v.name, { id: v.id }])),
    revision: String(app.preview.revision),
  };
}
