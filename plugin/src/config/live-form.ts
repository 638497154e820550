/**
 * Which of the pre-live form's fields and Spaces are live. kintone keeps fields added to an app's settings apart
 * until "Update App" deploys them (and keeps them there when a deployment fails); the server writes to the live form
 * and refuses a mapping to anything else, so the screen offers only what is live and names the rest.
 */
import type { FieldProperty } from '../../../contract/src/field-rules';
import type { FormModel, NotLive } from './form-model';

export interface LiveForm {
  properties: Record<string, FieldProperty>;
  /** the Spaces' element IDs in the live layout */
  spaces: readonly string[];
}

/** The model without what is not live yet, which it lists in `notLive` instead. */
export function liveOnly(model: FormModel, live: LiveForm): FormModel {
  const codes = new Set(
    Object.values(live.properties).flatMap((p) => [p.code, ...Object.values(p.fields ?? {}).map((c) => c.code)]),
  );
  const spaces = new Set(live.spaces);
  const isLive = (item: { code: string }) => codes.has(item.code);
  const liveTables = model.tables.filter(isLive);
  const notLive: NotLive[] = [
    ...model.fields.filter((f) => !isLive(f)).map((f) => ({ code: f.code, label: f.label, kind: 'field' as const })),
    ...model.tables.filter((t) => !isLive(t)).map((t) => ({ code: t.code, label: t.label, kind: 'table' as const })),
    ...liveTables.flatMap((t) =>
      t.columns.filter((c) => !isLive(c)).map((c) => ({ code: c.code, label: c.label, kind: 'field' as const })),
    ),
    ...model.spaces.filter((s) => !spaces.has(s)).map((s) => ({ code: s, label: s, kind: 'space' as const })),
  ];
  return {
    ...model,
    fields: model.fields.filter(isLive),
    tables: liveTables.map((t) => ({ ...t, columns: t.columns.filter(isLive) })),
    spaces: model.spaces.filter((s) => spaces.has(s)),
    properties: Object.fromEntries(
      Object.entries(model.properties)
        .filter(([code]) => codes.has(code))
        .map(([code, p]) => [
          code,
          p.fields
            ? { ...p, fields: Object.fromEntries(Object.entries(p.fields).filter(([column]) => codes.has(column))) }
            : p,
        ]),
    ),
    notLive,
  };
}
