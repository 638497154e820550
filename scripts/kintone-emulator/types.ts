import type { KintoneFormFieldProperty as P, KintoneFormLayout } from '@kintone/rest-api-client';

/** Options as kintone writes them, or just the option names in display order. */
export type OptionsInput = readonly string[] | Record<string, { label: string; index: string }>;

interface InputBase {
  code: string;
  label: string;
  noLabel?: boolean;
  required?: boolean;
}

/** Field definitions accepted by createApp: kintone's property shapes, defaults optional. */
export type InSubtableFieldProperty =
  | (InputBase & {
      type: 'SINGLE_LINE_TEXT';
      unique?: boolean;
      defaultValue?: string;
      minLength?: string;
      maxLength?: string;
    })
  | (InputBase & { type: 'MULTI_LINE_TEXT'; defaultValue?: string })
  | (InputBase & {
      type: 'LINK';
      protocol: 'WEB' | 'CALL' | 'MAIL';
      unique?: boolean;
      defaultValue?: string;
      minLength?: string;
      maxLength?: string;
    })
  | (InputBase & { type: 'NUMBER'; unique?: boolean; defaultValue?: string; minValue?: string; maxValue?: string })
  | (InputBase & { type: 'DATE' | 'DATETIME'; unique?: boolean; defaultValue?: string; defaultNowValue?: boolean })
  | (InputBase & { type: 'DROP_DOWN' | 'RADIO_BUTTON'; options: OptionsInput; defaultValue?: string })
  | (InputBase & { type: 'CHECK_BOX'; options: OptionsInput; defaultValue?: string[] })
  | (InputBase & { type: 'USER_SELECT'; defaultValue?: Array<{ code: string; type: 'USER' }> });

export type FieldProperty =
  | InSubtableFieldProperty
  | {
      type: 'SUBTABLE';
      code: string;
      label: string;
      noLabel?: boolean;
      fields: Record<string, InSubtableFieldProperty>;
    }
  | { type: 'GROUP'; code: string; label: string; noLabel?: boolean; openGroup?: boolean };

export type LayoutRow = KintoneFormLayout.OneOf;

/** Stored definitions are complete kintone property objects, served as-is by fields.json. */
export type ColumnDef =
  | P.SingleLineText
  | P.MultiLineText
  | P.Link
  | P.Number
  | P.Date
  | P.DateTime
  | P.Dropdown
  | P.RadioButton
  | P.CheckBox
  | P.UserSelect;
export type SubtableDef = P.Subtable<Record<string, ColumnDef>>;
export type SystemFieldDef =
  P.RecordNumber | P.Creator | P.CreatedTime | P.Modifier | P.UpdatedTime | P.Status | P.Category | P.StatusAssignee;
export type FieldDef = ColumnDef | SubtableDef | P.Group | SystemFieldDef;

export type CellValue = string | string[];
export interface StoredRow {
  id: string;
  values: Record<string, CellValue>;
}
export type StoredValue = CellValue | StoredRow[];

export interface Entity {
  code: string;
  name: string;
}

/** A record comment as kintone keeps it; `mentions` name users, groups or organizations of the directory. */
export interface StoredComment {
  id: number;
  text: string;
  createdAt: string;
  creator: Entity;
  mentions: Mention[];
}

export type EntityType = 'USER' | 'GROUP' | 'ORGANIZATION';

export interface Mention {
  code: string;
  type: EntityType;
}

export interface StoredRecord {
  id: number;
  revision: number;
  createdAt: string;
  updatedAt: string;
  creator: Entity;
  modifier: Entity;
  /** User field values by code; subtables hold rows; a USER_SELECT holds its users' codes. */
  values: Record<string, StoredValue>;
  /** The record's comments, oldest first; ids count from 1 per record (kintone-java-client's e2e tests). */
  comments?: StoredComment[];
}

export interface AppState {
  id: string;
  name: string;
  /** The guest space the app lives in: its REST API is then under /k/guest/<id>/v1/ only. */
  guestSpaceId?: string;
  createdAt: string;
  properties: Record<string, FieldDef>;
  layout: LayoutRow[];
  /** Revision of the live (deployed) settings. */
  revision: number;
  /**
   * The pre-live settings the /k/v1/preview/ APIs read and change, with their revision; deploy.json copies them
   * to the live form. Absent: the same as the live form.
   */
  preview?: {
    properties: Record<string, FieldDef>;
    layout: LayoutRow[];
    revision: number;
    views?: Record<string, ViewDef>;
  };
  /** The live list views by name (app-views.ts). Absent: none. */
  views?: Record<string, ViewDef>;
  /** The last deployment: PROCESSING until `until` (ms since epoch), then its outcome. */
  deploy?: { status: 'PROCESSING' | 'SUCCESS' | 'FAIL' | 'CANCEL'; until: number; revert: boolean };
  /** The app setting "Enable comments" switched off: the comment APIs answer GAIA_RE12. */
  commentsDisabled?: boolean;
  /** A test switch: deployments of this app end FAIL, the live form unchanged and the pre-live one kept. */
  failDeploys?: boolean;
  nextRecordId: number;
  nextRowId: number;
  records: Map<number, StoredRecord>;
}

/** A list view as GET views.json answers it. */
export type ViewDef = {
  index: string;
  id: string;
  name: string;
  filterCond: string;
  sort: string;
} & (
  | { type: 'LIST'; fields: string[] }
  | { type: 'CALENDAR'; date: string; title: string }
  | { type: 'CUSTOM'; html: string; pager: boolean; device: 'DESKTOP' | 'ANY' }
);

export interface Rights {
  view: boolean;
  add: boolean;
  edit: boolean;
  delete: boolean;
  /** "Manage app" permission: needed for the /k/v1/preview/... settings APIs. */
  manage: boolean;
}

export interface TokenInfo {
  token: string;
  appId: string;
  rights: Rights;
}

export interface DemoInfo {
  appId: string;
  fullToken: string;
  viewOnlyToken: string;
  noEditToken: string;
}

export function isRows(value: StoredValue | undefined): value is StoredRow[] {
  return Array.isArray(value) && value.every((item) => typeof item !== 'string');
}

export function textOf(value: StoredValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

export function listOf(value: StoredValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Property lookup that ignores Object.prototype, so a code like "constructor" is just unknown. */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
