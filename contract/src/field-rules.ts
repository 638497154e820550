/**
 * Which kintone fields fit which mapping slot, and whether a config fits an app's real form. Shared by the
 * settings screen (to offer only fitting fields) and the registration (to refuse a mapping that would fail
 * at write time). Browser-safe.
 */
import type { PluginConfig } from './config';
import { STATUSES } from './config';
import { EVENT_TYPES } from './events';

export interface FieldProperty {
  type: string;
  code: string;
  label?: string;
  unique?: boolean;
  protocol?: string;
  options?: Record<string, { label: string; index?: string }>;
  fields?: Record<string, FieldProperty>;
}

export type SummarySlot = Exclude<keyof PluginConfig['summary'], 'statusLabels'>;
export type ColumnSlot = keyof PluginConfig['history']['columns'];

const DATETIME = ['DATETIME'];
const NUMBER = ['NUMBER'];
const TEXT = ['SINGLE_LINE_TEXT'];

export const SUMMARY_FIELD_TYPES: Record<SummarySlot, string[]> = {
  status: ['DROP_DOWN', 'RADIO_BUTTON', 'SINGLE_LINE_TEXT'],
  firstOpened: DATETIME,
  lastOpened: DATETIME,
  openCount: NUMBER,
  lastClicked: DATETIME,
  clickCount: NUMBER,
  lastBounced: DATETIME,
  unsubscribed: DATETIME,
  lastReplied: DATETIME,
  replyCount: NUMBER,
  lastVisited: DATETIME,
  visitCount: NUMBER,
  lastFormFilled: DATETIME,
  formCount: NUMBER,
  score: NUMBER,
};

export const COLUMN_FIELD_TYPES: Record<ColumnSlot, string[]> = {
  occurredAt: DATETIME,
  type: ['SINGLE_LINE_TEXT', 'DROP_DOWN'],
  emailName: TEXT,
  subject: ['SINGLE_LINE_TEXT', 'MULTI_LINE_TEXT'],
  link: ['LINK', 'SINGLE_LINE_TEXT'],
  campaign: TEXT,
  snippet: ['MULTI_LINE_TEXT', 'SINGLE_LINE_TEXT'],
  formName: TEXT,
  eventKey: TEXT,
};

/** The alerts mention the users of the record's owner field: a User selection field. */
export const OWNER_FIELD_TYPES = ['USER_SELECT'];

/** Whether a field can hold the lead key: a MAIL link or text for emails, text or number for lead ids. */
export function fitsLeadKey(field: FieldProperty, source: PluginConfig['leadKey']['source']): boolean {
  if (source === 'email')
    return (field.type === 'LINK' && field.protocol === 'MAIL') || field.type === 'SINGLE_LINE_TEXT';
  return field.type === 'SINGLE_LINE_TEXT' || field.type === 'NUMBER';
}

export function fitsLink(field: FieldProperty): boolean {
  return field.type !== 'LINK' || field.protocol === 'WEB';
}

export interface MappingProblem {
  /** Config path of the slot, e.g. `summary.openCount` or `history.columns.occurredAt`. */
  path: string;
  message: string;
}

export interface FormLayoutSpace {
  elementId: string;
}

/**
 * Every reason the config would fail against this form. An empty list means every mapped field exists
 * and has a type (and, for choice fields, the options) the writer needs.
 */
export function checkMapping(
  config: PluginConfig,
  properties: Record<string, FieldProperty>,
  spaces: readonly FormLayoutSpace[],
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const check = (path: string, code: string | undefined, within: Record<string, FieldProperty>, types: string[]) => {
    if (!code) return undefined;
    const field = within[code];
    if (!field) {
      problems.push({ path, message: `field "${code}" does not exist` });
      return undefined;
    }
    if (!types.includes(field.type)) {
      problems.push({ path, message: `field "${code}" is ${field.type}; this needs ${types.join(' or ')}` });
      return undefined;
    }
    return field;
  };

  const leadField = properties[config.leadKey.field];
  if (!leadField) problems.push({ path: 'leadKey.field', message: `field "${config.leadKey.field}" does not exist` });
  else if (!fitsLeadKey(leadField, config.leadKey.source)) {
    const need = config.leadKey.source === 'email' ? 'a Link field (email) or a text field' : 'a text or number field';
    problems.push({
      path: 'leadKey.field',
      message: `field "${leadField.code}" is ${leadField.type}; the lead key needs ${need}`,
    });
  }

  for (const slot of Object.keys(SUMMARY_FIELD_TYPES) as SummarySlot[]) {
    const field = check(`summary.${slot}`, config.summary[slot], properties, SUMMARY_FIELD_TYPES[slot]);
    if (slot === 'status' && field?.options) {
      const options = new Set(Object.keys(field.options));
      const missing = STATUSES.map((s) => config.summary.statusLabels[s]).filter((label) => !options.has(label));
      if (missing.length > 0) {
        problems.push({
          path: 'summary.statusLabels',
          message: `field "${field.code}" has no option ${missing.map((m) => `"${m}"`).join(', ')}`,
        });
      }
    }
  }

  if (config.alerts) check('alerts.ownerField', config.alerts.ownerField, properties, OWNER_FIELD_TYPES);

  const table = check('history.table', config.history.table, properties, ['SUBTABLE']);
  if (table) {
    const columns = table.fields ?? {};
    for (const slot of Object.keys(COLUMN_FIELD_TYPES) as ColumnSlot[]) {
      const field = check(`history.columns.${slot}`, config.history.columns[slot], columns, COLUMN_FIELD_TYPES[slot]);
      if (slot === 'link' && field && !fitsLink(field)) {
        problems.push({
          path: 'history.columns.link',
          message: `field "${field.code}" is an email or phone link; use a web link or text field`,
        });
      }
      if (slot === 'type' && field?.options) {
        const missing = EVENT_TYPES.filter((t) => config.eventTypes.includes(t) && !(t in (field.options ?? {})));
        if (missing.length > 0)
          problems.push({
            path: 'history.columns.type',
            message: `field "${field.code}" has no option ${missing.join(', ')}`,
          });
      }
    }
  }

  if (config.panel.placement === 'space') {
    const spaceId = config.panel.spaceId;
    if (!spaces.some((s) => s.elementId === spaceId)) {
      problems.push({ path: 'panel.spaceId', message: `there is no Space field with element ID "${spaceId}"` });
    }
  }
  return problems;
}
