/**
 * Finds, for a first setup, the fields an app already has for each setting: by type plus label in either
 * language (the screen's own labels and common variants, e.g. 最終開封日時 / Last opened), by code, and, when
 * exactly one field fits a setting, that one. Pure: the screen shows what was matched for the admin to confirm.
 */
import { DEFAULT_STATUS_LABELS, STATUSES, type Status } from '../../../contract/src/config';
import type { Draft } from './draft';
import type { FormField, FormModel, FormTable } from './form-model';
import { configMessages } from './messages';
import { choicesFor, COLUMN_SLOTS, SUMMARY_SLOTS, type ColumnSlot, type FieldSlot, type SummarySlot } from './slots';

export type MatchHow = 'label' | 'code' | 'only';

export interface Match {
  /** the config path, as validation problems name it: leadKey.field, summary.openCount, history.table, … */
  target: string;
  code: string;
  label: string;
  how: MatchHow;
}

/** Lower case, without spaces, punctuation, and the 「」/() decorations labels often carry. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-・:：()（）「」[\]【】/／.]/g, '');
}

const both = (key: keyof typeof configMessages.en): string[] => [configMessages.en[key], configMessages.ja[key]];

/** Labels a field may carry for each setting, besides the screen's own in both languages. */
const SUMMARY_LABELS: Record<SummarySlot, string[]> = {
  status: [...both('slot.status'), 'メールステータス', '配信ステータス', 'Email status', 'Marketo status'],
  openCount: [...both('slot.openCount'), 'Opens', '開封数', 'メール開封回数'],
  firstOpened: [...both('slot.firstOpened'), 'First open', '初回開封日', '初回開封'],
  lastOpened: [...both('slot.lastOpened'), 'Last open', '最終開封日', '最終開封', 'Last opened at'],
  clickCount: [...both('slot.clickCount'), 'Clicks', 'クリック数'],
  lastClicked: [...both('slot.lastClicked'), 'Last click', '最終クリック日', '最終クリック'],
  lastBounced: [...both('slot.lastBounced'), 'Last bounce', 'Bounced at', 'バウンス日時'],
  unsubscribed: [...both('slot.unsubscribed'), 'Unsubscribed', '配信停止日', '配信停止'],
  lastReplied: [...both('slot.lastReplied'), 'Last reply', '最終返信日', '最終返信'],
  replyCount: [...both('slot.replyCount'), 'Replies', '返信数'],
  lastVisited: [...both('slot.lastVisited'), 'Last visit', '最終訪問日', '最終訪問', 'Last web visit'],
  visitCount: [...both('slot.visitCount'), 'Visits', '訪問数', 'Web 訪問回数'],
  lastFormFilled: [
    ...both('slot.lastFormFilled'),
    'Last form',
    'Last form fill',
    '最終フォーム送信',
    'フォーム送信日時',
  ],
  formCount: [...both('slot.formCount'), 'Form fills', 'フォーム送信数'],
  score: [...both('slot.score'), 'Score', 'スコア', 'Engagement', 'Lead score', 'エンゲージメント'],
};

const COLUMN_LABELS: Record<ColumnSlot, string[]> = {
  occurredAt: [...both('column.occurredAt'), 'When', 'Date', 'Time', 'Occurred at', '発生日時', '日付'],
  type: [...both('column.type'), 'Type', 'Activity', 'Event', '種別', '種類', 'イベント', 'イベント種別', '反応'],
  emailName: [...both('column.emailName'), 'Email', 'メール', '配信メール', 'メールの名前'],
  subject: [...both('column.subject'), 'Title', 'タイトル', 'メール件名'],
  link: [...both('column.link'), 'Link', 'URL', 'リンク', 'クリックしたリンク'],
  campaign: [...both('column.campaign'), 'Campaign name', 'キャンペーン名', '施策'],
  snippet: [...both('column.snippet'), 'Reply', 'Reply snippet', '返信', '返信内容', '返信本文'],
  formName: [...both('column.formName'), 'Form name', 'フォーム名'],
  eventKey: [...both('column.eventKey'), 'Key', 'キー', 'Event ID', 'イベントID'],
};

/** The demo app's codes and their plain-English forms (mkto_last_opened, last_opened, lastOpened). */
const SUMMARY_CODES: Record<SummarySlot, string[]> = {
  status: ['mkto_status', 'email_status', 'marketo_status'],
  openCount: ['mkto_open_count', 'open_count', 'opens'],
  firstOpened: ['mkto_first_opened', 'first_opened'],
  lastOpened: ['mkto_last_opened', 'last_opened'],
  clickCount: ['mkto_click_count', 'click_count', 'clicks'],
  lastClicked: ['mkto_last_clicked', 'last_clicked'],
  lastBounced: ['mkto_last_bounced', 'last_bounced'],
  unsubscribed: ['mkto_unsubscribed', 'unsubscribed', 'unsubscribed_at'],
  lastReplied: ['mkto_last_replied', 'last_replied'],
  replyCount: ['mkto_reply_count', 'reply_count', 'replies'],
  lastVisited: ['mkto_last_visited', 'last_visited'],
  visitCount: ['mkto_visit_count', 'visit_count', 'visits'],
  lastFormFilled: ['mkto_last_form', 'last_form', 'last_form_filled'],
  formCount: ['mkto_form_count', 'form_count'],
  score: ['mkto_score', 'engagement_score', 'score'],
};
const COLUMN_CODES: Record<ColumnSlot, string[]> = {
  occurredAt: ['mkto_h_at', 'occurred_at', 'at'],
  type: ['mkto_h_type', 'event_type', 'type'],
  emailName: ['mkto_h_email', 'email_name'],
  subject: ['mkto_h_subject', 'subject'],
  link: ['mkto_h_link', 'link', 'clicked_link'],
  campaign: ['mkto_h_campaign', 'campaign'],
  snippet: ['mkto_h_snippet', 'snippet', 'reply_text'],
  formName: ['mkto_h_form', 'form_name', 'form'],
  eventKey: ['mkto_h_key', 'event_key', 'key'],
};
const TABLE_LABELS = ['履歴', 'history', 'marketo', '配信', 'メール', 'email', 'activity', 'engagement'];
const EMAILISH = /mail|メール/i;

const setOf = (list: readonly string[]) => new Set(list.map(normalize));

/** How a field fits a setting's names: its label, else its code; undefined when neither. */
function byName(field: FormField, labels: Set<string>, codes: Set<string>): MatchHow | undefined {
  if (labels.has(normalize(field.label))) return 'label';
  if (codes.has(normalize(field.code)) || labels.has(normalize(field.code))) return 'code';
  return undefined;
}

/** The best candidate among fitting, unused fields: a name match (label before code), else the only one. */
function pick(
  fitting: readonly FormField[],
  used: ReadonlySet<string>,
  labels: Set<string>,
  codes: Set<string>,
  allowOnly: boolean,
): { field: FormField; how: MatchHow } | undefined {
  const free = fitting.filter((f) => !used.has(f.code));
  for (const how of ['label', 'code'] as const) {
    const named = free.filter((f) => byName(f, labels, codes) === how);
    if (named.length === 1 && named[0]) return { field: named[0], how };
  }
  if (allowOnly && free.length === 1 && free[0]) return { field: free[0], how: 'only' };
  return undefined;
}

/** Which option of a choice field reads like each status (the config's words, or the screen's in either language). */
export function statusOptions(options: readonly string[]): Record<Status, string> {
  const names = (status: Status) =>
    setOf([
      DEFAULT_STATUS_LABELS[status],
      configMessages.en[`status.${status}`],
      configMessages.ja[`status.${status}`],
    ]);
  return Object.fromEntries(STATUSES.map((s) => [s, options.find((o) => names(s).has(normalize(o))) ?? ''])) as Record<
    Status,
    string
  >;
}

function leadKeyMatch(form: FormModel): { field: FormField; how: MatchHow } | undefined {
  const fitting = choicesFor({ kind: 'leadKey', source: 'email' }, form.fields).fitting;
  const mail = fitting.filter((f) => f.type === 'LINK');
  if (mail.length === 1 && mail[0]) return { field: mail[0], how: 'only' };
  const emailish = (mail.length > 1 ? mail : fitting).filter((f) => EMAILISH.test(f.label) || EMAILISH.test(f.code));
  const unique = emailish.filter((f) => f.unique);
  const chosen = unique.length === 1 ? unique[0] : emailish.length === 1 ? emailish[0] : undefined;
  if (!chosen) return undefined;
  return { field: chosen, how: EMAILISH.test(chosen.label) ? 'label' : 'code' };
}

function tableMatch(form: FormModel): { table: FormTable; how: MatchHow } | undefined {
  if (form.tables.length === 1 && form.tables[0]) return { table: form.tables[0], how: 'only' };
  const named = form.tables.filter((t) => TABLE_LABELS.some((word) => normalize(t.label).includes(normalize(word))));
  if (named.length === 1 && named[0]) return { table: named[0], how: 'label' };
  return undefined;
}

/** History table columns by label and type, then the only fitting column left for a slot. */
export function matchColumns(table: FormTable, keep: Partial<Record<ColumnSlot, string>> = {}): Match[] {
  const used = new Set(Object.values(keep).filter((c): c is string => Boolean(c)));
  const found = new Map<ColumnSlot, Match>();
  for (const pass of [false, true]) {
    for (const slot of COLUMN_SLOTS) {
      if (keep[slot] || found.has(slot)) continue;
      const fitting = choicesFor({ kind: 'column', slot }, table.columns).fitting;
      const hit = pick(fitting, used, setOf(COLUMN_LABELS[slot]), setOf(COLUMN_CODES[slot]), pass);
      if (!hit) continue;
      used.add(hit.field.code);
      found.set(slot, {
        target: `history.columns.${slot}`,
        code: hit.field.code,
        label: hit.field.label,
        how: hit.how,
      });
    }
  }
  return COLUMN_SLOTS.flatMap((slot) => found.get(slot) ?? []);
}

/**
 * Fills the empty settings of `draft` from the form and lists what it filled. Settings already set are kept;
 * each field fills one setting only.
 */
export function matchForm(form: FormModel, draft: Draft): { draft: Draft; matched: Match[] } {
  const next: Draft = {
    ...draft,
    summary: { ...draft.summary },
    columns: { ...draft.columns },
    statusLabels: { ...draft.statusLabels },
  };
  const matched: Match[] = [];
  const used = new Set<string>([draft.leadField, ...Object.values(draft.summary)].filter(Boolean));

  if (!next.leadField && next.leadSource === 'email') {
    const hit = leadKeyMatch(form);
    if (hit && !used.has(hit.field.code)) {
      next.leadField = hit.field.code;
      used.add(hit.field.code);
      matched.push({ target: 'leadKey.field', code: hit.field.code, label: hit.field.label, how: hit.how });
    }
  }

  for (const slot of SUMMARY_SLOTS) {
    if (next.summary[slot]) continue;
    const fieldSlot: FieldSlot = { kind: 'summary', slot };
    let fitting = choicesFor(fieldSlot, form.fields).fitting;
    // A status needs a choice field whose options read like the statuses, or a text field named like one.
    if (slot === 'status')
      fitting = fitting.filter(
        (f) => f.type === 'SINGLE_LINE_TEXT' || Object.values(statusOptions(f.options)).every((o) => o !== ''),
      );
    // Counts and times are only ever matched by name: a lone Number field is not necessarily an open count.
    const hit = pick(fitting, used, setOf(SUMMARY_LABELS[slot]), setOf(SUMMARY_CODES[slot]), false);
    const statusByOptions =
      slot === 'status' && !hit ? fitting.filter((f) => f.type !== 'SINGLE_LINE_TEXT' && !used.has(f.code)) : [];
    const chosen =
      hit ??
      (statusByOptions.length === 1 && statusByOptions[0]
        ? { field: statusByOptions[0], how: 'only' as const }
        : undefined);
    if (!chosen) continue;
    next.summary[slot] = chosen.field.code;
    used.add(chosen.field.code);
    matched.push({ target: `summary.${slot}`, code: chosen.field.code, label: chosen.field.label, how: chosen.how });
    if (slot === 'status' && chosen.field.type !== 'SINGLE_LINE_TEXT')
      next.statusLabels = statusOptions(chosen.field.options);
  }

  if (!next.table || !form.tables.some((t) => t.code === next.table)) {
    const hit = tableMatch(form);
    if (hit) {
      next.table = hit.table.code;
      next.columns = Object.fromEntries(COLUMN_SLOTS.map((c) => [c, ''])) as Draft['columns'];
      matched.push({ target: 'history.table', code: hit.table.code, label: hit.table.label, how: hit.how });
    }
  }
  const table = form.tables.find((t) => t.code === next.table);
  if (table) {
    const keep = Object.fromEntries(
      COLUMN_SLOTS.filter((c) => table.columns.some((col) => col.code === next.columns[c])).map((c) => [
        c,
        next.columns[c],
      ]),
    );
    for (const hit of matchColumns(table, keep)) {
      next.columns[hit.target.slice('history.columns.'.length) as ColumnSlot] = hit.code;
      matched.push(hit);
    }
  }

  if (!next.spaceId && form.spaces.length === 1 && form.spaces[0]) {
    next.spaceId = form.spaces[0];
    next.placement = 'space';
    matched.push({ target: 'panel.spaceId', code: form.spaces[0], label: form.spaces[0], how: 'only' });
  }
  return { draft: next, matched };
}
