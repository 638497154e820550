/**
 * The draft the screen opens with: the saved settings, or for a first setup the defaults reduced to the
 * fields this app really has.
 */
import { CONFIG_VERSION, defaultConfig, type PluginConfig } from '../../../contract/src/config';
import type { StoredMapping } from '../common/stored-config';
import { draftOf, type Draft } from './draft';
import type { FormModel } from './form-model';
import { choicesFor, COLUMN_SLOTS, poolFor, SUMMARY_SLOTS, type FieldSlot } from './slots';

export function initialDraft(mapping: StoredMapping, form: FormModel): Draft {
  if (mapping.kind === 'ok') return draftOf(mapping.config);
  return fitToForm(draftOf(defaultConfig()), form);
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
