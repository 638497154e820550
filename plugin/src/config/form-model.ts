/**
 * The app's form as the settings screen needs it: top-level fields, tables with their columns, and
 * Space elements. Read from the pre-live (preview) form, as it is being edited, keeping only what is live too: the
 * server writes to the live form, so fields not deployed yet are listed apart (live-form.ts), never offered.
 */
import { z } from 'zod';
import type { FieldProperty } from '../../../contract/src/field-rules';
import { callRestApi, kintone } from '../common/kintone';
import { liveOnly, type LiveForm } from './live-form';

export interface FormField {
  code: string;
  label: string;
  type: string;
  unique: boolean;
  /** LINK fields: WEB, CALL or MAIL */
  protocol: string | undefined;
  /** DROP_DOWN / RADIO_BUTTON options in their display order */
  options: string[];
  /** auto-calculated text or lookup fields: kintone overwrites what the server would write */
  computed: boolean;
}

export interface FormTable {
  code: string;
  label: string;
  columns: FormField[];
}

export interface FormModel {
  fields: FormField[];
  tables: FormTable[];
  spaces: string[];
  /** the form as kintone describes it, for the server's own check of a mapping (core/field-rules) */
  properties: Record<string, FieldProperty>;
  /** fields, tables and Spaces in the app's settings that are not live yet (live-form): offered nowhere */
  notLive?: NotLive[];
  /** the names of the app's (pre-live) list views, so none is added twice */
  viewNames: string[];
}

export interface NotLive {
  code: string;
  label: string;
  kind: 'field' | 'table' | 'space';
}

interface RawField extends FieldProperty {
  expression?: string | undefined;
  lookup?: unknown;
  fields?: Record<string, RawField> | undefined;
}

const rawField: z.ZodType<RawField> = z.object({
  type: z.string(),
  code: z.string(),
  label: z.string().optional(),
  unique: z.boolean().optional(),
  protocol: z.string().optional(),
  options: z.record(z.string(), z.object({ label: z.string(), index: z.string().optional() })).optional(),
  expression: z.string().optional(),
  lookup: z.unknown().optional(),
  get fields() {
    return z.record(z.string(), rawField).optional();
  },
});

const fieldsResponse = z.object({ properties: z.record(z.string(), rawField) });

interface LayoutNode {
  type: string;
  elementId?: string | undefined;
  fields?: LayoutNode[] | undefined;
  layout?: LayoutNode[] | undefined;
}

const layoutNode: z.ZodType<LayoutNode> = z.object({
  type: z.string(),
  elementId: z.string().optional(),
  get fields() {
    return z.array(layoutNode).optional();
  },
  get layout() {
    return z.array(layoutNode).optional();
  },
});

const layoutResponse = z.object({ layout: z.array(layoutNode) });
const viewsResponse = z.object({ views: z.record(z.string(), z.unknown()) });

export async function loadFormModel(appId: number): Promise<FormModel> {
  const live = loadLiveForm(appId);
  live.catch(() => undefined); // awaited below, after the pre-live form: not an unhandled rejection meanwhile
  const api = kintone().api;
  const [fields, layout, views] = await Promise.all([
    callRestApi(api.url('/k/v1/preview/app/form/fields', true), 'GET', { app: appId }),
    callRestApi(api.url('/k/v1/preview/app/form/layout', true), 'GET', { app: appId }),
    // Only to leave out a view the app already has: the screen works without it (adding a view reads them again).
    callRestApi(api.url('/k/v1/preview/app/views', true), 'GET', { app: appId }).catch(() => ({ views: {} })),
  ]);
  const model = formModelOf(
    fieldsResponse.parse(fields).properties,
    layoutResponse.parse(layout).layout,
    Object.keys(viewsResponse.parse(views).views),
  );
  return liveOnly(model, await live);
}

/** The live form's field codes and Spaces (GET app/form/fields and layout without "preview"). */
async function loadLiveForm(appId: number): Promise<LiveForm> {
  const api = kintone().api;
  const [fields, layout] = await Promise.all([
    callRestApi(api.url('/k/v1/app/form/fields', true), 'GET', { app: appId }),
    callRestApi(api.url('/k/v1/app/form/layout', true), 'GET', { app: appId }),
  ]);
  return { properties: fieldsResponse.parse(fields).properties, spaces: spacesIn(layoutResponse.parse(layout).layout) };
}

export function formModelOf(
  properties: Record<string, RawField>,
  layout: LayoutNode[],
  viewNames: string[] = [],
): FormModel {
  const all = Object.values(properties);
  return {
    fields: all
      .filter((f) => f.type !== 'SUBTABLE')
      .map(toField)
      .sort(byLabel),
    tables: all
      .filter((f) => f.type === 'SUBTABLE')
      .map((t) => ({
        code: t.code,
        label: t.label || t.code,
        columns: Object.values(t.fields ?? {})
          .map(toField)
          .sort(byLabel),
      }))
      .sort(byLabel),
    spaces: spacesIn(layout),
    properties,
    viewNames,
  };
}

function toField(raw: RawField): FormField {
  return {
    code: raw.code,
    label: raw.label || raw.code,
    type: raw.type,
    unique: raw.unique === true,
    protocol: raw.protocol,
    options: Object.values(raw.options ?? {})
      .sort((a, b) => Number(a.index) - Number(b.index))
      .map((o) => o.label),
    computed: Boolean(raw.expression) || (raw.lookup !== undefined && raw.lookup !== null),
  };
}

function spacesIn(nodes: LayoutNode[]): string[] {
  return nodes.flatMap((node) => [
    ...(node.type === 'SPACER' && node.elementId ? [node.elementId] : []),
    ...spacesIn(node.fields ?? []),
    ...spacesIn(node.layout ?? []),
  ]);
}

function byLabel(a: { label: string }, b: { label: string }): number {
  return a.label.localeCompare(b.label);
}
