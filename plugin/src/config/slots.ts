/**
 * Which form fields the settings screen offers for which mapping slot. The type rules are the server's
 * (core/field-rules), so the screen offers exactly what registration accepts; on top, the screen leaves out
 * fields whose value kintone computes (auto-calculated text, lookups), which the server could not write.
 */
import type { PluginConfig } from '../../../contract/src/config';
import {
  COLUMN_FIELD_TYPES,
  fitsLeadKey,
  fitsLink,
  OWNER_FIELD_TYPES,
  SUMMARY_FIELD_TYPES,
  type ColumnSlot,
  type SummarySlot,
} from '../../../contract/src/field-rules';
import type { FormField, FormModel } from './form-model';

export type { ColumnSlot, SummarySlot };
export type LeadSource = PluginConfig['leadKey']['source'];

export const SUMMARY_SLOTS: readonly SummarySlot[] = [
  'status',
  'openCount',
  'firstOpened',
  'lastOpened',
  'clickCount',
  'lastClicked',
  'lastBounced',
  'unsubscribed',
  'replyCount',
  'lastReplied',
  'visitCount',
  'lastVisited',
  'formCount',
  'lastFormFilled',
  'score',
];
export const COLUMN_SLOTS: readonly ColumnSlot[] = [
  'occurredAt',
  'type',
  'emailName',
  'subject',
  'link',
  'campaign',
  'snippet',
  'formName',
  'eventKey',
];
export const REQUIRED_COLUMNS: readonly ColumnSlot[] = ['occurredAt', 'type', 'eventKey'];

/** Slots that only matter when an event type is recorded, or the score is kept. */
const SLOT_NEEDS: Partial<Record<SummarySlot | ColumnSlot, 'visit' | 'form' | 'score'>> = {
  visitCount: 'visit',
  lastVisited: 'visit',
  formCount: 'form',
  lastFormFilled: 'form',
  formName: 'form',
  score: 'score',
};

export interface Relevance {
  eventTypes: readonly string[];
  scoreOn: boolean;
}

function relevant(slot: SummarySlot | ColumnSlot, draft: Relevance): boolean {
  const need = SLOT_NEEDS[slot];
  if (need === undefined) return true;
  return need === 'score' ? draft.scoreOn : draft.eventTypes.includes(need);
}

/** The summary slots the settings use: visit and form slots when those are recorded, the score when it is kept. */
export function summarySlotsFor(draft: Relevance): SummarySlot[] {
  return SUMMARY_SLOTS.filter((slot) => relevant(slot, draft));
}

/** The history columns the settings use: the form name when form fills are recorded. */
export function columnSlotsFor(draft: Relevance): ColumnSlot[] {
  return COLUMN_SLOTS.filter((slot) => relevant(slot, draft));
}

export type FieldSlot =
  | { kind: 'leadKey'; source: LeadSource }
  | { kind: 'summary'; slot: SummarySlot }
  | { kind: 'column'; slot: ColumnSlot }
  | { kind: 'owner' };

/** A field type, narrowed to one kind of link where it matters. */
export interface Accepts {
  type: string;
  protocol?: 'MAIL' | 'WEB';
}

function fitsType(slot: FieldSlot, field: Pick<FormField, 'type' | 'protocol'>): boolean {
  const probe = { code: '', type: field.type, ...(field.protocol ? { protocol: field.protocol } : {}) };
  switch (slot.kind) {
    case 'leadKey':
      return fitsLeadKey(probe, slot.source);
    case 'summary':
      return SUMMARY_FIELD_TYPES[slot.slot].includes(field.type);
    case 'column':
      return COLUMN_FIELD_TYPES[slot.slot].includes(field.type) && (slot.slot !== 'link' || fitsLink(probe));
    case 'owner':
      return OWNER_FIELD_TYPES.includes(field.type);
  }
}

const PROBES: Accepts[] = [
  { type: 'LINK', protocol: 'MAIL' },
  { type: 'LINK', protocol: 'WEB' },
  { type: 'DROP_DOWN' },
  { type: 'RADIO_BUTTON' },
  { type: 'SINGLE_LINE_TEXT' },
  { type: 'MULTI_LINE_TEXT' },
  { type: 'NUMBER' },
  { type: 'DATETIME' },
  { type: 'USER_SELECT' },
];

/** The field types a slot accepts, for telling the admin what to add when none fits. */
export function acceptedBy(slot: FieldSlot): Accepts[] {
  return PROBES.filter((probe) => fitsType(slot, { type: probe.type, protocol: probe.protocol }));
}

export type Unfit = 'computed' | 'protocol';

export interface Choices {
  fitting: FormField[];
  /** fields of an accepted type that cannot be used, and why */
  unfit: Array<{ field: FormField; why: Unfit }>;
}

export function choicesFor(slot: FieldSlot, pool: readonly FormField[]): Choices {
  const types = new Set(acceptedBy(slot).map((a) => a.type));
  const fitting: FormField[] = [];
  const unfit: Choices['unfit'] = [];
  for (const field of pool) {
    if (!types.has(field.type)) continue;
    if (!fitsType(slot, field)) unfit.push({ field, why: 'protocol' });
    else if (field.computed) unfit.push({ field, why: 'computed' });
    else fitting.push(field);
  }
  // The lead key finds records; a field that prohibits duplicate values finds exactly one.
  if (slot.kind === 'leadKey') fitting.sort((a, b) => Number(b.unique) - Number(a.unique));
  return { fitting, unfit };
}

export function poolFor(slot: FieldSlot, form: FormModel, table: string): FormField[] {
  if (slot.kind !== 'column') return form.fields;
  return form.tables.find((t) => t.code === table)?.columns ?? [];
}
