/**
 * Checks the draft against the app's form (does each field exist and fit its slot) in the user's language,
 * then lets the shared schema and the server's own mapping check have the last word.
 */
import { migrateConfig, SCORED_TYPES, STATUSES, type PluginConfig } from '../../../contract/src/config';
import { checkMapping } from '../../../contract/src/field-rules';
import { normalisePatterns } from '../../../contract/src/page-pattern';
import type { Translate } from '../common/i18n';
import type { Draft } from './draft';
import { linesOf, rawConfigOf } from './draft';
import type { FormField, FormModel } from './form-model';
import { typeLabel } from './labels';
import type { ConfigMessage } from './messages';
import {
  acceptedBy,
  choicesFor,
  columnSlotsFor,
  poolFor,
  REQUIRED_COLUMNS,
  summarySlotsFor,
  type FieldSlot,
} from './slots';

/** As the config allows: at most 20 patterns of at most 256 characters. */
const MAX_PATTERNS = 20;
const MAX_PATTERN_LENGTH = 256;

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

  const summarySlots = summarySlotsFor(draft);
  const columnSlots = columnSlotsFor(draft);
  checkField('leadKey.field', { kind: 'leadKey', source: draft.leadSource }, draft.leadField, true);
  for (const slot of summarySlots)
    checkField(`summary.${slot}`, { kind: 'summary', slot }, draft.summary[slot], slot === 'score');
  duplicates(
    [
      { target: 'leadKey.field', code: draft.leadField, name: t('leadField') },
      ...summarySlots.map((s) => ({ target: `summary.${s}`, code: draft.summary[s], name: t(`slot.${s}`) })),
    ],
    add,
    t,
  );
  if (draft.summary.status) statusLabelProblems(draft, form, add, t);

  if (!draft.table) add('history.table', t('error.tableRequired'));
  else if (!form.tables.some((table) => table.code === draft.table)) {
    add('history.table', t('error.missingField', { code: draft.table }));
  } else {
    for (const slot of columnSlots) {
      checkField(
        `history.columns.${slot}`,
        { kind: 'column', slot },
        draft.columns[slot],
        REQUIRED_COLUMNS.includes(slot),
      );
    }
    duplicates(
      columnSlots.map((s) => ({ target: `history.columns.${s}`, code: draft.columns[s], name: t(`column.${s}`) })),
      add,
      t,
    );
  }
  const maxRows = Number(draft.maxRows);
  if (draft.maxRows.trim() === '' || !Number.isInteger(maxRows) || maxRows < 1 || maxRows > 1000) {
    add('history.maxRows', t('error.maxRows'));
  }

  if (draft.eventTypes.length === 0) add('eventTypes', t('error.eventTypes'));
  if (draft.eventTypes.includes('visit')) patternProblem('visitPages', draft.visitPages, add, t);
  if (draft.scoreOn) scoreProblems(draft, add, t);
  if (draft.alertsOn) alertProblems(draft, checkField, add, t);
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

type Add = (target: string, message: string) => void;

function patternProblem(target: string, text: string, add: Add, t: Translate<ConfigMessage>): void {
  const lines = linesOf(text);
  if (lines.length === 0) add(target, t('error.patternsRequired'));
  else if (lines.length > MAX_PATTERNS) add(target, t('error.patternsMany', { max: MAX_PATTERNS }));
  else if (lines.some((line) => line.length > MAX_PATTERN_LENGTH))
    add(target, t('error.patternLong', { max: MAX_PATTERN_LENGTH }));
}

function wholeIn(text: string, min: number, max: number): boolean {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max;
}

function scoreProblems(draft: Draft, add: Add, t: Translate<ConfigMessage>): void {
  for (const type of SCORED_TYPES) {
    const text = draft.scoreWeights[type];
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100)
      add(`score.weights.${type}`, t('error.weight'));
  }
  if (!wholeIn(draft.halfLifeDays, 1, 365)) add('score.halfLifeDays', t('error.halfLife'));
}

function alertProblems(
  draft: Draft,
  checkField: (target: string, slot: FieldSlot, code: string, required: boolean) => void,
  add: Add,
  t: Translate<ConfigMessage>,
): void {
  const { alerts } = draft;
  checkField('alerts.ownerField', { kind: 'owner' }, alerts.ownerField, true);
  if (!alerts.onReply && !alerts.onForm && !alerts.onClick && !alerts.onVisit && !alerts.onScore)
    add('alerts.moments', t('error.alertMoments'));
  if (alerts.onForm && !draft.eventTypes.includes('form')) add('alerts.moments', t('error.alertFormNotRecorded'));
  if (alerts.onReply && !draft.eventTypes.includes('reply')) add('alerts.moments', t('error.alertReplyNotRecorded'));
  if (alerts.onClick) {
    if (!draft.eventTypes.includes('click')) add('alerts.clickPages', t('error.alertClickNotRecorded'));
    else patternProblem('alerts.clickPages', alerts.clickPages, add, t);
  }
  if (alerts.onVisit) {
    if (!draft.eventTypes.includes('visit')) add('alerts.visitPages', t('error.alertVisitNotRecorded'));
    else patternProblem('alerts.visitPages', alerts.visitPages, add, t);
  }
  if (alerts.onScore) {
    if (!draft.scoreOn) add('alerts.scoreThreshold', t('error.alertScoreOff'));
    else if (!wholeIn(alerts.scoreThreshold, 1, 100)) add('alerts.scoreThreshold', t('error.scoreThreshold'));
  }
  if (!wholeIn(alerts.perRecordPerDay, 1, 10)) add('alerts.perRecordPerDay', t('error.perRecordPerDay'));
}

/**
 * The alert visit pages no visit is recorded for: no recorded pattern overlaps them (is part of them or contains
 * them), so the alert can never fire. A warning, not a problem: the admin may add the pages later.
 */
export function unrecordedAlertPages(draft: Draft): string[] {
  if (!draft.alertsOn || !draft.alerts.onVisit || !draft.eventTypes.includes('visit')) return [];
  const recorded = normalisePatterns(linesOf(draft.visitPages));
  return linesOf(draft.alerts.visitPages).filter((line) => {
    const [alert = ''] = normalisePatterns([line]);
    return !recorded.some((page) => alert.includes(page) || page.includes(alert));
  });
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
