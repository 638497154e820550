/**
 * The draft the screen opens with: the saved settings, or for a first setup the defaults reduced to the
 * fields this app really has.
 */
import { CONFIG_VERSION, defaultConfig, type PluginConfig } from '../../../contract/src/config';
import type { Lang } from '../common/i18n';
import type { StoredMapping } from '../common/stored-config';
import { draftOf, type Draft } from './draft';
import type { FormModel } from './form-model';
import { matchForm, type Match } from './matching';
import {
  choicesFor,
  COLUMN_SLOTS,
  columnSlotsFor,
  poolFor,
  SUMMARY_SLOTS,
  summarySlotsFor,
  type FieldSlot,
} from './slots';

export function initialDraft(mapping: StoredMapping, form: FormModel, lang: Lang = 'en'): Draft {
  if (mapping.kind === 'ok') return draftOf(mapping.config, lang);
  return fitToForm(draftOf(defaultConfig(), lang), form);
}

/**
 * The opening draft and, for a first setup, which settings were matched to the app's fields (by type and label
 * in either language, by code, or as the only field that fits) for the admin to confirm.
 */
export function initialSetup(
  mapping: StoredMapping,
  form: FormModel,
  lang: Lang = 'en',
): { draft: Draft; matched: Match[] } {
  if (mapping.kind === 'ok') return { draft: draftOf(mapping.config, lang), matched: [] };
  const fitted = fitToForm(draftOf(defaultConfig(), lang), form);
  const found = matchForm(form, fitted);
  // An app that already has a score field wants the score kept.
  const draft: Draft = { ...found.draft, scoreOn: Boolean(found.draft.summary.score) };
  // Slots for what is not recorded (visits, form fills) stay matched in the draft, shown once the admin ticks them.
  const used = new Set([
    ...summarySlotsFor(draft).map((s) => `summary.${s}`),
    ...columnSlotsFor(draft).map((c) => `history.columns.${c}`),
  ]);
  const shown = (m: Match) => !/^(summary|history\.columns)\./.test(m.target) || used.has(m.target);
  return { draft, matched: [...keptDefaults(fitted, form), ...found.matched].filter(shown) };
}

/** The default settings whose field the app has (the demo app's codes): matched by code. */
function keptDefaults(draft: Draft, form: FormModel): Match[] {
  const label = (code: string, fields: ReadonlyArray<{ code: string; label: string }>) =>
    fields.find((f) => f.code === code)?.label ?? code;
  const table = form.tables.find((tb) => tb.code === draft.table);
  const kept: Match[] = [];
  if (draft.leadField)
    kept.push({
      target: 'leadKey.field',
      code: draft.leadField,
      label: label(draft.leadField, form.fields),
      how: 'code',
    });
  for (const slot of SUMMARY_SLOTS) {
    const code = draft.summary[slot];
    if (code) kept.push({ target: `summary.${slot}`, code, label: label(code, form.fields), how: 'code' });
  }
  if (table) {
    kept.push({ target: 'history.table', code: table.code, label: table.label, how: 'code' });
    for (const slot of COLUMN_SLOTS) {
      const code = draft.columns[slot];
      if (code) kept.push({ target: `history.columns.${slot}`, code, label: label(code, table.columns), how: 'code' });
    }
  }
  if (draft.placement === 'space' && draft.spaceId)
    kept.push({
      target: 'panel.spaceId',
      code: draft.spaceId,
      label: draft.spaceId,
      how: form.spaces.length === 1 ? 'only' : 'code',
    });
  return kept;
}

/** Was the stored config written by an older version (and upgraded by migrateConfig)? */
export function wasMigrated(stored: Record<string, string> | null, config: PluginConfig): boolean {
  try {
    const raw: unknown = JSON.parse(stored?.config ?? 'null');
    const version = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
    return version !== CONFIG_VERSION && config.version === CONFIG_VERSION;
  } catch {
    return false;
  }
}

function fitToForm(draft: Draft, form: FormModel): Draft {
  const fits = (slot: FieldSlot, code: string) =>
    choicesFor(slot, poolFor(slot, form, draft.table)).fitting.some((f) => f.code === code);
  const table = form.tables.some((t) => t.code === draft.table) ? draft.table : '';
  const next: Draft = { ...draft, table };
  next.leadField = fits({ kind: 'leadKey', source: draft.leadSource }, draft.leadField) ? draft.leadField : '';
  next.summary = { ...draft.summary };
  for (const slot of SUMMARY_SLOTS) if (!fits({ kind: 'summary', slot }, draft.summary[slot])) next.summary[slot] = '';
  next.columns = { ...draft.columns };
  for (const slot of COLUMN_SLOTS)
    if (!table || !fits({ kind: 'column', slot }, draft.columns[slot])) next.columns[slot] = '';
  if (!form.spaces.includes(draft.spaceId)) {
    next.spaceId = form.spaces[0] ?? '';
    if (!next.spaceId) next.placement = 'headerMenu';
  }
  return next;
}
