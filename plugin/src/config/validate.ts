/**
 * Checks the draft against the app's form (does each field exist and fit its slot) in the user's language,
 * then lets the shared schema and the server's own mapping check have the last word.
 */
import { migrateConfig, STATUSES, type PluginConfig } from '../../../contract/src/config';
import { checkMapping } from '../../../contract/src/field-rules';
import type { Translate } from '../common/i18n';
import type { Draft } from './draft';
import { rawConfigOf } from './draft';
import type { FormField, FormModel } from './form-model';
import { typeLabel } from './labels';
import type { ConfigMessage } from './messages';
import {
  acceptedBy,
  choicesFor,
  COLUMN_SLOTS,
  poolFor,
  REQUIRED_COLUMNS,
  SUMMARY_SLOTS,
  type FieldSlot,
} from './slots';

export interface Problem {
  /** the config path of the control the problem belongs to */
  target: string;
  message: string;
  /** found by the server, or by its check of the typed admin secret, rather than by this screen's own checks */
  origin?: 'server';
}

export type Validation = { ok: true; config: PluginConfig } | { ok: false; problems: Problem[] };

export function validateDraft(draft: Draft, form: FormModel, t: Translate<ConfigMessage>): Validation {
  const problems: Problem[] = [];
  const add = (target: string, message: string) => problems.push({ target, message });

  const checkField = (target: string, slot: FieldSlot, code: string, required: boolean) => {
    if (!code) {
      if (required) add(target, t('error.required'));
      return;
    }
    const problem = fieldProblem(slot, code, poolFor(slot, form, draft.table), t);
    if (problem) add(target, problem);
  };

  checkField('leadKey.field', { kind: 'leadKey', source: draft.leadSource }, draft.leadField, true);
  for (const slot of SUMMARY_SLOTS)
    checkField(`summary.${slot}`, { kind: 'summary', slot }, draft.summary[slot], false);
  duplicates(
    [
      { target: 'leadKey.field', code: draft.leadField, name: t('leadField') },
      ...SUMMARY_SLOTS.map((s) => ({ target: `summary.${s}`, code: draft.summary[s], name: t(`slot.${s}`) })),
    ],
    add,
    t,
  );
  if (draft.summary.status) statusLabelProblems(draft, form, add, t);

  if (!draft.table) add('history.table', t('error.tableRequired'));
  else if (!form.tables.some((table) => table.code === draft.table)) {
    add('history.table', t('error.missingField', { code: draft.table }));
  } else {
    for (const slot of COLUMN_SLOTS) {
      checkField(
        `history.columns.${slot}`,
        { kind: 'column', slot },
        draft.columns[slot],
        REQUIRED_COLUMNS.includes(slot),
      );
    }
    duplicates(
      COLUMN_SLOTS.map((s) => ({ target: `history.columns.${s}`, code: draft.columns[s], name: t(`column.${s}`) })),
      add,
      t,
    );
  }
  const maxRows = Number(draft.maxRows);
  if (draft.maxRows.trim() === '' || !Number.isInteger(maxRows) || maxRows < 1 || maxRows > 1000) {
    add('history.maxRows', t('error.maxRows'));
  }

  if (draft.eventTypes.length === 0) add('eventTypes', t('error.eventTypes'));
  if (!isTimeZone(draft.timeZone.trim())) add('marketoTimeZone', t('error.timeZone'));
  if (draft.placement === 'space') {
    if (!draft.spaceId) add('panel.spaceId', t('error.space'));
    else if (!form.spaces.includes(draft.spaceId))
      add('panel.spaceId', t('error.spaceMissing', { code: draft.spaceId }));
  }

  if (problems.length > 0) return { ok: false, problems };
  const result = migrateConfig(rawConfigOf(draft));
  if (!result.ok) return { ok: false, problems: result.problems.map((p) => ({ target: p.path, message: p.message })) };
  const serverProblems = checkMapping(
    result.config,
    form.properties,
    form.spaces.map((elementId) => ({ elementId })),
  );
  if (serverProblems.length > 0)
    return { ok: false, problems: serverProblems.map((p) => ({ target: p.path, message: p.message })) };
  return { ok: true, config: result.config };
}

function fieldProblem(
  slot: FieldSlot,
  code: string,
  pool: readonly FormField[],
  t: Translate<ConfigMessage>,
): string | undefined {
  const field = pool.find((f) => f.code === code);
  if (!field) return t('error.missingField', { code });
  const { fitting, unfit } = choicesFor(slot, [field]);
  if (fitting.length > 0) return undefined;
  const why = unfit[0]?.why;
  if (why === 'computed') return t('error.computed', { code });
  const accepts = acceptedBy(slot);
  if (why === 'protocol') {
    const link = accepts.find((a) => a.type === 'LINK');
    return t('error.wrongLink', { code, type: link ? typeLabel(link, t) : 'LINK' });
  }
  return t('error.unfitField', { code, type: typeLabel({ type: field.type }, t) });
}

function duplicates(
  entries: Array<{ target: string; code: string; name: string }>,
  add: (target: string, message: string) => void,
  t: Translate<ConfigMessage>,
): void {
  const used = entries.filter((e) => e.code);
  for (const entry of used) {
    const other = used.find((o) => o !== entry && o.code === entry.code);
    if (other) add(entry.target, t('error.duplicate', { code: entry.code, other: other.name }));
  }
}

function statusLabelProblems(
  draft: Draft,
  form: FormModel,
  add: (target: string, message: string) => void,
  t: Translate<ConfigMessage>,
): void {
  const field = form.fields.find((f) => f.code === draft.summary.status);
  const options = field && field.type !== 'SINGLE_LINE_TEXT' ? field.options : undefined;
  const seen = new Set<string>();
  for (const status of STATUSES) {
    const label = draft.statusLabels[status].trim();
    const target = `summary.statusLabels.${status}`;
    if (!label) add(target, t('error.statusLabel'));
    else if (options && !options.includes(label))
      add(target, t('error.statusNotOption', { label, code: draft.summary.status }));
    else if (seen.has(label)) add(target, t('error.statusTwice', { label }));
    seen.add(label);
  }
}

function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
