/**
 * "Add the missing fields to this app": what to add (the plan), and adding it with the admin's own kintone
 * session through kintone's app settings APIs (cybozu.dev "フォームにフィールドを追加する", "フォームのレイアウトを
 * 変更する", "一覧の設定を取得する", "一覧の設定を変更する", "アプリの設定を運用環境へ反映する", "アプリの設定の運用環境への反映状況を
 * 確認する"). It only adds: no existing field or list view is changed or removed. Codes avoid every code of the app (codes are unique per app, table
 * columns included) and Space element IDs every element ID in the layout.
 */
import { z } from 'zod';
import { STATUSES, type Status } from '../../../contract/src/config';
import type { Lang } from '../common/i18n';
import { callRestApi, kintone } from '../common/kintone';
import type { Draft } from './draft';
import type { FormModel } from './form-model';
import { configMessages } from './messages';
import { COLUMN_SLOTS, columnSlotsFor, summarySlotsFor, type ColumnSlot, type SummarySlot } from './slots';

type KintoneType = 'DROP_DOWN' | 'DATETIME' | 'NUMBER' | 'SINGLE_LINE_TEXT' | 'MULTI_LINE_TEXT' | 'LINK' | 'SUBTABLE';

export interface PlannedField {
  code: string;
  label: string;
  type: KintoneType;
  /** the setting it fills: summary.<slot>, history.table, history.columns.<slot> */
  target: string;
  /** the table it is a column of */
  table?: string;
}

/** A list view of the customers sorted by the engagement score, highest first. */
export interface PlannedView {
  name: string;
  fields: string[];
  sort: string;
  /** the label of the score field, for saying what the view sorts by */
  scoreLabel: string;
}

export interface Plan {
  /** everything to add, in form order: summary fields, the table, then its columns */
  fields: PlannedField[];
  /** the "Hot customers" view, when the score is kept and the app has no such view */
  view: PlannedView | undefined;
  /** the Space for the panel, when one is needed */
  spaceId: string | undefined;
  /** POST preview/app/form/fields.json's `properties` */
  properties: Record<string, Record<string, unknown>>;
  /** what the draft takes once the fields exist */
  apply(draft: Draft): Draft;
}

const SUMMARY_TYPES: Record<SummarySlot, KintoneType> = {
  status: 'DROP_DOWN',
  openCount: 'NUMBER',
  firstOpened: 'DATETIME',
  lastOpened: 'DATETIME',
  clickCount: 'NUMBER',
  lastClicked: 'DATETIME',
  lastBounced: 'DATETIME',
  unsubscribed: 'DATETIME',
  lastReplied: 'DATETIME',
  replyCount: 'NUMBER',
  lastVisited: 'DATETIME',
  visitCount: 'NUMBER',
  lastFormFilled: 'DATETIME',
  formCount: 'NUMBER',
  score: 'NUMBER',
};
const SUMMARY_CODES: Record<SummarySlot, string> = {
  status: 'mkto_status',
  openCount: 'mkto_open_count',
  firstOpened: 'mkto_first_opened',
  lastOpened: 'mkto_last_opened',
  clickCount: 'mkto_click_count',
  lastClicked: 'mkto_last_clicked',
  lastBounced: 'mkto_last_bounced',
  unsubscribed: 'mkto_unsubscribed',
  lastReplied: 'mkto_last_replied',
  replyCount: 'mkto_reply_count',
  lastVisited: 'mkto_last_visited',
  visitCount: 'mkto_visit_count',
  lastFormFilled: 'mkto_last_form',
  formCount: 'mkto_form_count',
  score: 'mkto_score',
};
const COLUMN_TYPES: Record<ColumnSlot, KintoneType> = {
  occurredAt: 'DATETIME',
  type: 'SINGLE_LINE_TEXT',
  emailName: 'SINGLE_LINE_TEXT',
  subject: 'SINGLE_LINE_TEXT',
  link: 'LINK',
  campaign: 'SINGLE_LINE_TEXT',
  snippet: 'MULTI_LINE_TEXT',
  formName: 'SINGLE_LINE_TEXT',
  eventKey: 'SINGLE_LINE_TEXT',
};
const COLUMN_CODES: Record<ColumnSlot, string> = {
  occurredAt: 'mkto_h_at',
  type: 'mkto_h_type',
  emailName: 'mkto_h_email',
  subject: 'mkto_h_subject',
  link: 'mkto_h_link',
  campaign: 'mkto_h_campaign',
  snippet: 'mkto_h_snippet',
  formName: 'mkto_h_form',
  eventKey: 'mkto_h_key',
};
const TABLE_CODE = 'mkto_history';
const SPACE_ID = 'mkto_panel';
const TABLE_LABEL: Record<Lang, string> = { en: 'Marketo email history', ja: 'Marketo メール履歴' };

/** Every code in use: fields, system fields, table columns. */
export function codesOf(form: FormModel): Set<string> {
  const codes = new Set<string>();
  for (const [code, field] of Object.entries(form.properties)) {
    codes.add(code);
    for (const column of Object.keys(field.fields ?? {})) codes.add(column);
  }
  return codes;
}

/** `wanted`, or wanted_2, wanted_3, … : the first one nobody uses; the chosen one is then taken. */
export function freeCode(wanted: string, taken: Set<string>): string {
  let code = wanted;
  for (let n = 2; taken.has(code); n++) code = `${wanted}_${n}`;
  taken.add(code);
  return code;
}

/** What the form lacks for the draft's empty settings: summary fields, a history table, a Space for the panel. */
export function planMissing(form: FormModel, draft: Draft, lang: Lang): Plan {
  const m = configMessages[lang];
  const taken = codesOf(form);
  const fields: PlannedField[] = [];
  const properties: Plan['properties'] = {};
  const summary: Partial<Record<SummarySlot, string>> = {};
  const statusLabels = Object.fromEntries(STATUSES.map((s) => [s, m[`status.${s}`]])) as Record<Status, string>;

  for (const slot of summarySlotsFor(draft)) {
    if (draft.summary[slot]) continue;
    const code = freeCode(SUMMARY_CODES[slot], taken);
    const type = SUMMARY_TYPES[slot];
    const label = m[`slot.${slot}`];
    summary[slot] = code;
    fields.push({ code, label, type, target: `summary.${slot}` });
    properties[code] = {
      type,
      code,
      label,
      ...(type === 'DROP_DOWN'
        ? {
            options: Object.fromEntries(
              STATUSES.map((s, index) => [statusLabels[s], { label: statusLabels[s], index: String(index) }]),
            ),
            defaultValue: statusLabels.notSent,
          }
        : {}),
      ...(type === 'NUMBER' ? { defaultValue: '0' } : {}),
    };
  }

  const hasTable = Boolean(draft.table) && form.tables.some((t) => t.code === draft.table);
  let table: { code: string; columns: Record<ColumnSlot, string> } | undefined;
  if (!hasTable) {
    const code = freeCode(TABLE_CODE, taken);
    const used = columnSlotsFor(draft);
    const columns = Object.fromEntries(
      COLUMN_SLOTS.map((c) => [c, used.includes(c) ? freeCode(COLUMN_CODES[c], taken) : '']),
    ) as Record<ColumnSlot, string>;
    table = { code, columns };
    fields.push({ code, label: TABLE_LABEL[lang], type: 'SUBTABLE', target: 'history.table' });
    const columnProps: Record<string, Record<string, unknown>> = {};
    for (const slot of used) {
      const columnCode = columns[slot];
      const type = COLUMN_TYPES[slot];
      const label = m[`column.${slot}`];
      fields.push({ code: columnCode, label, type, target: `history.columns.${slot}`, table: code });
      columnProps[columnCode] = { type, code: columnCode, label, ...(type === 'LINK' ? { protocol: 'WEB' } : {}) };
    }
    properties[code] = { type: 'SUBTABLE', code, label: TABLE_LABEL[lang], fields: columnProps };
  }

  const needsSpace = form.spaces.length === 0 && !(draft.placement === 'space' && form.spaces.includes(draft.spaceId));
  const spaceId = needsSpace ? freeCode(SPACE_ID, new Set(form.spaces)) : undefined;

  return {
    fields,
    view: draft.scoreOn ? hotView(form, draft, { ...draft.summary, ...summary }, fields, lang) : undefined,
    spaceId,
    properties,
    apply: (previous) => ({
      ...previous,
      summary: { ...previous.summary, ...summary },
      statusLabels: summary.status ? statusLabels : previous.statusLabels,
      ...(table ? { table: table.code, columns: table.columns } : {}),
      ...(spaceId ? { placement: 'space' as const, spaceId } : {}),
    }),
  };
}

/** Columns worth seeing next to the score: a company or person name, the lead key, then the latest signals. */
const VIEW_SLOTS: readonly SummarySlot[] = [
  'score',
  'lastFormFilled',
  'lastReplied',
  'lastVisited',
  'lastClicked',
  'status',
];
const NAME_LABEL = /会社|社名|顧客名|取引先|氏名|担当者名|お名前|company|account|customer|contact|name/i;

function hotView(
  form: FormModel,
  draft: Draft,
  summary: Partial<Record<SummarySlot, string>>,
  planned: readonly PlannedField[],
  lang: Lang,
): PlannedView | undefined {
  const score = summary.score;
  const names = [configMessages.en['view.hot'], configMessages.ja['view.hot']];
  if (!score || form.viewNames.some((name) => names.includes(name))) return undefined;
  const slots = summarySlotsFor(draft);
  const named = form.fields
    .filter((f) => f.type === 'SINGLE_LINE_TEXT' && NAME_LABEL.test(f.label) && f.code !== draft.leadField)
    .slice(0, 2)
    .map((f) => f.code);
  const signals = VIEW_SLOTS.filter((slot) => slots.includes(slot)).flatMap((slot) => summary[slot] ?? []);
  const scoreLabel =
    planned.find((f) => f.code === score)?.label ?? form.fields.find((f) => f.code === score)?.label ?? score;
  return {
    name: configMessages[lang]['view.hot'],
    fields: [...new Set([...named, ...(draft.leadField ? [draft.leadField] : []), ...signals])],
    sort: `${score} desc`,
    scoreLabel,
  };
}

/** The rows the added fields take: the summary fields a few to a row, then the Space, then the table. */
export function layoutRows(plan: Plan): unknown[] {
  const top = plan.fields.filter((f) => !f.table && f.type !== 'SUBTABLE');
  const rows: unknown[] = [];
  for (let i = 0; i < top.length; i += 3) {
    rows.push({ type: 'ROW', fields: top.slice(i, i + 3).map((f) => ({ type: f.type, code: f.code })) });
  }
  if (plan.spaceId)
    rows.push({
      type: 'ROW',
      fields: [{ type: 'SPACER', elementId: plan.spaceId, size: { width: '640', height: '240' } }],
    });
  const table = plan.fields.find((f) => f.type === 'SUBTABLE');
  if (table)
    rows.push({
      type: 'SUBTABLE',
      code: table.code,
      fields: plan.fields.filter((f) => f.table === table.code).map((f) => ({ type: f.type, code: f.code })),
    });
  return rows;
}

export type Step = 'fields' | 'layout' | 'views' | 'deploy' | 'done';

const revisionAnswer = z.object({ revision: z.string() });
const layoutAnswer = z.object({
  layout: z.array(z.looseObject({ type: z.string(), code: z.string().optional() })),
  revision: z.string(),
});
const deployAnswer = z.object({ apps: z.array(z.object({ app: z.string(), status: z.string() })) });
const viewsAnswer = z.object({
  views: z.record(z.string(), z.looseObject({ index: z.union([z.string(), z.number()]) })),
  revision: z.string(),
});

export class DeployFailed extends Error {
  constructor(readonly status: string) {
    super(status);
  }
}

/** Codes the layout names (rows, tables, groups), to leave out the rows kintone appended for the new fields. */
function namesAdded(
  row: { type: string; code?: string | undefined } & Record<string, unknown>,
  added: Set<string>,
): boolean {
  if (row.type === 'SUBTABLE') return added.has(row.code ?? '');
  if (row.type !== 'ROW' || !Array.isArray(row.fields)) return false;
  const fields = row.fields as Array<{ code?: string }>;
  return fields.length > 0 && fields.every((f) => f.code !== undefined && added.has(f.code));
}

/**
 * Adds the view after the app's own. kintone's PUT replaces every view, so each existing one is sent back as read
 * (its settings only: not the id kintone assigns); a view of the same name already there is left as it is. The
 * revision just read makes kintone refuse (GAIA_CO02) if someone changed the views meanwhile. Returns the new settings
 * revision, or undefined when nothing was changed.
 */
async function addView(view: PlannedView, appId: number): Promise<string | undefined> {
  const url = (path: string) => kintone().api.url(path, true);
  const current = viewsAnswer.parse(await callRestApi(url('/k/v1/preview/app/views'), 'GET', { app: appId }));
  if (view.name in current.views) return undefined;
  const views: Record<string, unknown> = {};
  for (const [name, existing] of Object.entries(current.views)) {
    const { id: _id, builtinType: _builtin, ...settings } = existing;
    views[name] = settings;
  }
  const last = Math.max(-1, ...Object.values(current.views).map((v) => Number(v.index)));
  views[view.name] = { type: 'LIST', index: String(last + 1), name: view.name, fields: view.fields, sort: view.sort };
  return revisionAnswer.parse(
    await callRestApi(url('/k/v1/preview/app/views'), 'PUT', {
      app: appId,
      views,
      revision: current.revision,
    }),
  ).revision;
}

export interface CreateOptions {
  appId: number;
  onStep?: (step: Step) => void;
  /** between two looks at the deployment's status */
  pollMs?: number;
  /** give up waiting after this long (the deployment itself goes on) */
  timeoutMs?: number;
}

/**
 * Adds the planned fields to the pre-live form, lays them out (the existing layout unchanged, the new rows
 * after it), deploys the app settings and waits for kintone to finish. Each step names the revision it read,
 * so a change made meanwhile by someone else is refused (409 GAIA_CO02) instead of overwritten.
 */
export async function createFields(plan: Plan, options: CreateOptions): Promise<void> {
  const { appId, onStep = () => undefined, pollMs = 1000, timeoutMs = 180_000 } = options;
  const url = (path: string) => kintone().api.url(path, true);
  let revision: string | undefined;
  if (plan.fields.length > 0 || plan.spaceId) {
    onStep('fields');
    const fieldsRevision = Object.keys(plan.properties).length
      ? revisionAnswer.parse(
          await callRestApi(url('/k/v1/preview/app/form/fields'), 'POST', { app: appId, properties: plan.properties }),
        ).revision
      : undefined;
    onStep('layout');
    const current = layoutAnswer.parse(await callRestApi(url('/k/v1/preview/app/form/layout'), 'GET', { app: appId }));
    const added = new Set(plan.fields.filter((f) => !f.table).map((f) => f.code));
    const layout = [...current.layout.filter((row) => !namesAdded(row, added)), ...layoutRows(plan)];
    revision = revisionAnswer.parse(
      await callRestApi(url('/k/v1/preview/app/form/layout'), 'PUT', {
        app: appId,
        layout,
        revision: fieldsRevision ?? current.revision,
      }),
    ).revision;
  }
  if (plan.view) {
    onStep('views');
    revision = (await addView(plan.view, appId)) ?? revision;
  }
  onStep('deploy');
  await callRestApi(url('/k/v1/preview/app/deploy'), 'POST', {
    apps: [{ app: appId, ...(revision ? { revision } : {}) }],
  });
  const started = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const answer = deployAnswer.parse(await callRestApi(url('/k/v1/preview/app/deploy'), 'GET', { apps: [appId] }));
    const status = answer.apps.find((a) => a.app === String(appId))?.status ?? 'FAIL';
    if (status === 'SUCCESS') break;
    if (status !== 'PROCESSING') throw new DeployFailed(status);
    if (Date.now() - started > timeoutMs) throw new DeployFailed('PROCESSING');
  }
  onStep('done');
}
