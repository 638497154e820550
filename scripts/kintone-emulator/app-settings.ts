/**
 * kintone's app settings APIs for the form, as cybozu.dev documents them:
 * - "フォームにフィールドを追加する" (POST /k/v1/preview/app/form/fields.json): adds fields to the pre-live
 *   (動作テスト環境) form and answers the new settings revision;
 * - "フォームのレイアウトを変更する" (PUT /k/v1/preview/app/form/layout.json): replaces the pre-live layout, which
 *   must place every field of the form;
 * - "アプリの設定を運用環境へ反映する" (POST /k/v1/preview/app/deploy.json): an asynchronous copy of the pre-live
 *   settings to the live form (or, with `revert`, the live settings back onto the pre-live ones), all apps or none;
 * - "アプリの設定の運用環境への反映状況を確認する" (GET /k/v1/preview/app/deploy.json): PROCESSING, SUCCESS, FAIL or
 *   CANCEL per app.
 * Each needs the "Manage app" permission. A `revision` that is not the current one (and not -1) is refused with
 * 409 GAIA_CO02, like a record revision. Changing the settings while a deployment runs is refused (documented:
 * "このAPIの実行が完了する前に、アプリの設定を変更するAPIを実行すると、エラーが返ります"; the code is our choice).
 */
import type { KintoneFormLayout } from '@kintone/rest-api-client';
import { FieldErrorCollector, KintoneError } from './errors';
import { checkLayout, COLUMN_TYPES, definition, isColumnDef, isSubtableDef, layoutField } from './fields';
import type { Params } from './params';
import type { AppState, FieldDef, FieldProperty, LayoutRow } from './types';

/** The pre-live form: the preview if the app has one, else (a copy of) the live form. */
export function previewOf(app: AppState): NonNullable<AppState['preview']> {
  return (
    app.preview ?? {
      properties: app.properties,
      layout: app.layout,
      revision: app.revision,
      ...(app.views ? { views: app.views } : {}),
    }
  );
}

export const getPreviewFields = (app: AppState): unknown => {
  const preview = previewOf(app);
  return { properties: preview.properties, revision: String(preview.revision) };
};
export const getPreviewLayout = (app: AppState): unknown => {
  const preview = previewOf(app);
  return { layout: preview.layout, revision: String(preview.revision) };
};

/** While a deployment of the app is processing, its settings cannot change. */
function deploying(app: AppState, now: number): boolean {
  settle(app, now);
  return app.deploy?.status === 'PROCESSING';
}

/** A change to the pre-live settings: refused while a deployment runs, and for a revision that is not current. */
export function checkChangeable(app: AppState, params: Params, now: number): void {
  if (deploying(app, now)) throw new KintoneError(409, 'GAIA_DA02', (m) => m.deployInProgress);
  checkRevision(params, previewOf(app).revision);
}

function checkRevision(params: Params, current: number): void {
  const expected = params.revision;
  // kintone takes a revision as a number or a string; anything else never matches.
  const text = typeof expected === 'string' || typeof expected === 'number' ? String(expected) : undefined;
  if (expected === undefined || expected === null || text === '-1') return;
  if (text !== String(current)) throw new KintoneError(409, 'GAIA_CO02', (m) => m.appRevisionConflict);
}

/** Field codes may not be empty, start with a digit, or hold spaces or ASCII symbols other than "_". */
const CODE = /^(?![0-9])[^\s!-/:-@[-^`{-~]{1,128}$/u;
/** What the emulator can add: every type a table column can have, and tables themselves at the top level. */
const ADDABLE: ReadonlySet<string> = new Set([...COLUMN_TYPES, 'SUBTABLE']);

/** Every code in use on a form: fields, table columns (codes are unique per app, tables included). */
function codesIn(properties: Record<string, FieldDef>): Set<string> {
  const codes = new Set<string>();
  for (const def of Object.values(properties)) {
    codes.add(def.code);
    if (isSubtableDef(def)) for (const code of Object.keys(def.fields)) codes.add(code);
  }
  return codes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkField(
  key: string,
  raw: unknown,
  errors: FieldErrorCollector,
  inTable: boolean,
): raw is FieldProperty & Record<string, unknown> {
  const at = `properties.${key}`;
  if (!isRecord(raw)) {
    errors.add(at, (m) => m.requiredParam);
    return false;
  }
  let ok = true;
  if (!CODE.test(key) || raw.code !== key) {
    errors.add(`${at}.code`, (m) => m.badFieldCode);
    ok = false;
  }
  if (typeof raw.label !== 'string' || raw.label.trim() === '') {
    errors.add(`${at}.label`, (m) => m.required);
    ok = false;
  }
  const type = raw.type;
  if (typeof type !== 'string' || !(inTable ? COLUMN_TYPES : ADDABLE).has(type)) {
    errors.add(`${at}.type`, (m) => m.unsupportedFieldType);
    return false;
  }
  if (inTable && raw.unique === true) {
    errors.add(`${at}.unique`, (m) => m.invalidValue);
    ok = false;
  }
  if (type === 'LINK' && !['WEB', 'CALL', 'MAIL'].includes(String(raw.protocol))) {
    errors.add(`${at}.protocol`, (m) => m.required);
    ok = false;
  }
  if (['DROP_DOWN', 'RADIO_BUTTON', 'CHECK_BOX'].includes(type)) {
    const options = raw.options;
    const valid =
      isRecord(options) &&
      Object.keys(options).length > 0 &&
      Object.entries(options).every(
        ([name, o]) => isRecord(o) && o.label === name && /^\d+$/.test(String(o.index as string | number)),
      );
    if (!valid) {
      errors.add(`${at}.options`, (m) => m.optionsRequired);
      ok = false;
    }
  }
  if (type === 'SUBTABLE') {
    const fields = raw.fields;
    if (!isRecord(fields) || Object.keys(fields).length === 0) {
      errors.add(`${at}.fields`, (m) => m.requiredParam);
      return false;
    }
    for (const [code, column] of Object.entries(fields)) {
      if (!checkField(code, column, errors, true)) ok = false;
    }
  }
  return ok;
}

/** POST preview/app/form/fields.json: new fields go to the end of the pre-live form, one row each. */
export function addPreviewFields(app: AppState, params: Params, now = Date.now()): { revision: string } {
  if (deploying(app, now)) throw new KintoneError(409, 'GAIA_DA02', (m) => m.deployInProgress);
  const preview = previewOf(app);
  checkRevision(params, preview.revision);
  const properties = params.properties;
  const errors = new FieldErrorCollector();
  if (!isRecord(properties) || Object.keys(properties).length === 0) {
    errors.add('properties', (m) => m.requiredParam);
    throw errors.toError();
  }
  const valid = Object.entries(properties).map(([key, raw]) => checkField(key, raw, errors, false));
  if (!errors.empty || valid.includes(false)) throw errors.toError();

  const used = codesIn(preview.properties);
  for (const [code, raw] of Object.entries(properties)) {
    const prop = raw as FieldProperty;
    const codes = [code, ...(prop.type === 'SUBTABLE' ? Object.keys(prop.fields) : [])];
    for (const c of codes) {
      if (used.has(c)) throw new KintoneError(400, 'GAIA_FC01', (m) => m.fieldCodeDuplicate(c));
      used.add(c);
    }
  }

  const added: Record<string, FieldDef> = {};
  for (const [code, raw] of Object.entries(properties)) added[code] = definition(strip(raw as FieldProperty));
  const rows: LayoutRow[] = Object.values(added).flatMap((def): LayoutRow[] => {
    if (isSubtableDef(def))
      return [{ type: 'SUBTABLE', code: def.code, fields: Object.values(def.fields).map(layoutField) }];
    return isColumnDef(def) ? [{ type: 'ROW', fields: [layoutField(def)] }] : [];
  });
  app.preview = {
    ...preview,
    properties: { ...preview.properties, ...added },
    layout: [...preview.layout, ...rows],
    revision: preview.revision + 1,
  };
  return { revision: String(app.preview.revision) };
}

/** Keeps the properties the emulator stores; kintone's defaults fill the rest (fields.ts). */
function strip(raw: FieldProperty): FieldProperty {
  const copy = { ...raw } as FieldProperty & Record<string, unknown>;
  if (copy.type === 'SUBTABLE') {
    copy.fields = Object.fromEntries(
      Object.entries(copy.fields).map(([code, col]) => [code, strip(col) as typeof col]),
    );
  }
  return copy;
}

/** PUT preview/app/form/layout.json: the whole layout; every field of the form must be placed once. */
export function putPreviewLayout(app: AppState, params: Params, now = Date.now()): { revision: string } {
  if (deploying(app, now)) throw new KintoneError(409, 'GAIA_DA02', (m) => m.deployInProgress);
  const preview = previewOf(app);
  checkRevision(params, preview.revision);
  const layout = params.layout;
  const errors = new FieldErrorCollector();
  if (!Array.isArray(layout)) {
    errors.add('layout', (m) => m.requiredParam);
    throw errors.toError();
  }
  const rows = layout as LayoutRow[];
  try {
    checkLayout(rows, preview.properties);
  } catch (error) {
    const code = /names \S+ (\S+),/.exec(error instanceof Error ? error.message : '')?.[1] ?? '';
    errors.add('layout', (m) => m.layoutUnknownField(code));
    throw errors.toError();
  }
  const placed = new Set<string>();
  const visit = (list: readonly LayoutRow[]): void => {
    for (const row of list) {
      if (row.type === 'SUBTABLE') placed.add(row.code);
      else if (row.type === 'GROUP') {
        placed.add(row.code);
        visit(row.layout);
      } else for (const field of row.fields) if ('code' in field) placed.add(field.code);
    }
  };
  visit(rows);
  for (const def of Object.values(preview.properties)) {
    const userField = isColumnDef(def) || isSubtableDef(def) || def.type === 'GROUP';
    if (userField && !placed.has(def.code)) {
      errors.add('layout', (m) => m.layoutMissingField(def.code));
      throw errors.toError();
    }
  }
  app.preview = { ...preview, layout: cleanLayout(rows), revision: preview.revision + 1 };
  return { revision: String(app.preview.revision) };
}

/** Stores only what GET layout.json answers: type, code, size, and a Space's or Label's elementId/label. */
function cleanLayout(rows: readonly LayoutRow[]): LayoutRow[] {
  const field = (f: KintoneFormLayout.Field.OneOf): KintoneFormLayout.Field.OneOf => {
    const copy = { ...f } as Record<string, unknown>;
    if (f.type === 'SPACER' || f.type === 'HR' || f.type === 'LABEL')
      copy.elementId = typeof copy.elementId === 'string' ? copy.elementId : '';
    return copy as unknown as KintoneFormLayout.Field.OneOf;
  };
  return rows.map((row): LayoutRow => {
    if (row.type === 'ROW') return { type: 'ROW', fields: row.fields.map(field) };
    if (row.type === 'SUBTABLE') return { type: 'SUBTABLE', code: row.code, fields: row.fields };
    return { type: 'GROUP', code: row.code, layout: row.layout };
  });
}

/** Finishes a deployment whose time has come: the live form takes the pre-live one (or the reverse). */
export function settle(app: AppState, now: number): boolean {
  const deploy = app.deploy;
  if (deploy?.status !== 'PROCESSING' || now < deploy.until) return false;
  if (app.failDeploys && !deploy.revert) {
    app.deploy = { ...deploy, status: 'FAIL' };
    return true;
  }
  const preview = previewOf(app);
  if (deploy.revert) {
    delete app.preview;
  } else {
    app.properties = preview.properties;
    app.layout = preview.layout;
    app.revision = preview.revision;
    if (preview.views) app.views = preview.views;
    delete app.preview;
  }
  app.deploy = { ...deploy, status: 'SUCCESS' };
  return true;
}

export interface DeployTarget {
  app: AppState;
  revision: unknown;
}

/** POST preview/app/deploy.json for apps already authorised; all or nothing. */
export function startDeploy(
  targets: readonly DeployTarget[],
  revert: boolean,
  delayMs: number,
  now = Date.now(),
): void {
  for (const { app, revision } of targets) {
    if (deploying(app, now)) throw new KintoneError(409, 'GAIA_DA02', (m) => m.deployInProgress);
    checkRevision({ revision }, previewOf(app).revision);
  }
  for (const { app } of targets) app.deploy = { status: 'PROCESSING', until: now + delayMs, revert };
}

/** GET preview/app/deploy.json: an app never deployed reports SUCCESS (its live settings are current). */
export function deployStatus(app: AppState, now = Date.now()): { app: string; status: string } {
  settle(app, now);
  return { app: app.id, status: app.deploy?.status ?? 'SUCCESS' };
}
