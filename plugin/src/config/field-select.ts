/** A field picker for one slot: only fitting fields are offered, and an empty list says why. */
import { h } from '../common/dom';
import type { ScreenContext } from './context';
import type { FormField } from './form-model';
import { typesLabel } from './labels';
import { acceptedBy, choicesFor, poolFor, type Choices, type FieldSlot } from './slots';
import { selectBox, type Option } from './widgets';

export function fieldSelect(
  ctx: ScreenContext,
  slot: FieldSlot,
  value: string,
  required: boolean,
  onChange: (code: string) => void,
  attrs: Record<string, string> = {},
): HTMLElement {
  const { t } = ctx;
  const choices = choicesFor(slot, poolFor(slot, ctx.form, ctx.store.draft.table));
  const options: Option[] = [
    { value: '', label: required ? t('chooseField') : t('notRecorded') },
    ...choices.fitting.map((f) => ({
      value: f.code,
      label: fieldLabel(f, slot.kind === 'leadKey' && f.unique ? t('uniqueMark') : ''),
    })),
  ];
  // A saved code that no longer fits stays visible, so validation can say what is wrong with it.
  if (value && !choices.fitting.some((f) => f.code === value)) options.push({ value, label: `${value} (!)` });
  const { element, select } = selectBox(options, value, onChange, attrs);
  if (choices.fitting.length > 0) return element;
  select.disabled = !value;
  return h('div', { className: 'mks-slot' }, element, whyNone(ctx, slot, choices));
}

export function fieldLabel(field: Pick<FormField, 'label' | 'code'>, mark = ''): string {
  const base = field.label === field.code ? field.code : `${field.label} (${field.code})`;
  return mark ? `${base} [${mark}]` : base;
}

function whyNone(ctx: ScreenContext, slot: FieldSlot, choices: Choices): HTMLElement {
  const { t } = ctx;
  if (choices.unfit.length === 0) {
    return h('p', { className: 'mks-why' }, t('why.noneOfType', { types: typesLabel(acceptedBy(slot), t) }));
  }
  return h(
    'div',
    { className: 'mks-why' },
    h('p', null, t('why.onlyUnfit')),
    h('ul', null, ...choices.unfit.map(({ field, why }) => h('li', null, `${fieldLabel(field)}: ${t(`why.${why}`)}`))),
  );
}
