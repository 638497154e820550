/** Controls in the look of kintone's plug-in settings (the kintoneplugin-* classes of 51-modern-default). */
import { h, type Child } from '../common/dom';

let nextId = 0;
const uid = (prefix: string) => `mks-${prefix}-${++nextId}`;

export interface Option {
  value: string;
  label: string;
}

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { className: 'mks-section', attrs: { id: `mks-section-${id}`, 'aria-labelledby': `mks-section-${id}-title` } },
    h('h2', { className: 'mks-section__title', attrs: { id: `mks-section-${id}-title` } }, title),
    ...children,
  );
}

export function description(text: string): HTMLElement {
  return h('p', { className: 'kintoneplugin-desc' }, text);
}

/**
 * A labelled setting; `target` is the config path its validation problems are shown under. The label names the
 * row's control for assistive technology (`for`, or `aria-labelledby` for a group of radio buttons or checkboxes, and
 * for controls a bound part of the row renders later), and the help text and the error describe it.
 */
export function row(
  target: string,
  label: string,
  control: Child,
  opts: { required?: boolean; help?: string; labelFor?: string } = {},
): HTMLElement {
  const labelElement = h(
    'label',
    { className: 'kintoneplugin-label', attrs: { id: uid('label'), for: opts.labelFor } },
    h('span', null, label),
    opts.required ? h('span', { className: 'kintoneplugin-require', attrs: { 'aria-hidden': 'true' } }, ' *') : null,
  );
  const help = opts.help ? h('div', { className: 'kintoneplugin-desc', attrs: { id: uid('help') } }, opts.help) : null;
  const error = h('div', { className: 'mks-field-error', attrs: { id: uid('error'), role: 'alert', hidden: true } });
  const element = h(
    'div',
    { className: 'kintoneplugin-row mks-row', attrs: { 'data-target': target } },
    labelElement,
    help,
    control,
    error,
  );
  const describedBy = [help?.id, error.id].filter(Boolean).join(' ');
  const link = () => labelControls(element, labelElement, describedBy, opts.required === true);
  link();
  new MutationObserver(link).observe(element, { childList: true, subtree: true });
  return element;
}

/** Ties the row's own controls (not those of rows inside it) to its label, help and error. */
function labelControls(element: HTMLElement, label: HTMLLabelElement, describedBy: string, required: boolean): void {
  // A bound part of the row may have replaced the control the label named.
  if (label.htmlFor && !element.querySelector(`#${CSS.escape(label.htmlFor)}`)) label.htmlFor = '';
  const own = <T extends Element>(elements: NodeListOf<T>) =>
    [...elements].filter((e) => e.closest('.mks-row') === element);
  for (const group of own(
    element.querySelectorAll<HTMLElement>('.kintoneplugin-input-radio, .kintoneplugin-input-checkbox'),
  )) {
    if (!group.getAttribute('role')) group.setAttribute('role', 'group');
    group.setAttribute('aria-labelledby', label.id);
    group.setAttribute('aria-describedby', describedBy);
  }
  const controls = own(
    element.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea'),
  ).filter((c) => c.type !== 'radio' && c.type !== 'checkbox');
  controls.forEach((control, i) => {
    if (!control.id) control.id = uid('control');
    if (i === 0 && !label.htmlFor) label.htmlFor = control.id;
    else if (label.htmlFor !== control.id && !control.hasAttribute('aria-label'))
      control.setAttribute('aria-labelledby', label.id);
    control.setAttribute('aria-describedby', describedBy);
    if (required) control.setAttribute('aria-required', 'true');
  });
}

export function selectBox(
  options: Option[],
  value: string,
  onChange: (value: string) => void,
  attrs: Record<string, string> = {},
): { element: HTMLElement; select: HTMLSelectElement } {
  const select = h(
    'select',
    { attrs: { id: uid('select'), ...attrs }, on: { change: () => onChange(select.value) } },
    ...options.map((o) => h('option', { attrs: { value: o.value, selected: o.value === value } }, o.label)),
  );
  select.value = options.some((o) => o.value === value) ? value : (options[0]?.value ?? '');
  return {
    element: h(
      'div',
      { className: 'kintoneplugin-select-outer' },
      h('div', { className: 'kintoneplugin-select' }, select),
    ),
    select,
  };
}

export function radioGroup<V extends string>(
  name: string,
  options: Array<{ value: V; label: string }>,
  value: V,
  onChange: (value: V) => void,
): HTMLElement {
  return h(
    'div',
    { className: 'kintoneplugin-input-radio', attrs: { role: 'radiogroup', 'data-name': name } },
    ...options.map((o) => {
      const id = uid('radio');
      return h(
        'span',
        { className: 'kintoneplugin-input-radio-item' },
        h('input', {
          attrs: { type: 'radio', id, name: `mks-${name}`, value: o.value, checked: o.value === value },
          on: { change: () => onChange(o.value) },
        }),
        h('label', { attrs: { for: id } }, o.label),
      );
    }),
  );
}

export function checkbox(
  label: string,
  checked: boolean,
  onChange: (checked: boolean) => void,
  value = '',
): HTMLElement {
  const id = uid('check');
  const input = h('input', {
    attrs: { type: 'checkbox', id, value, checked },
    on: { change: () => onChange(input.checked) },
  });
  return h(
    'span',
    { className: 'kintoneplugin-input-checkbox-item' },
    input,
    h('label', { attrs: { for: id } }, label),
  );
}

export function textInput(
  value: string,
  onInput: (value: string) => void,
  attrs: Record<string, string | boolean> = {},
): HTMLInputElement {
  const input = h('input', {
    className: 'kintoneplugin-input-text',
    attrs: { type: 'text', id: uid('text'), value, spellcheck: 'false', autocomplete: 'off', ...attrs },
    on: { input: () => onInput(input.value) },
  });
  return input;
}

/** A list typed one item per line (page patterns). */
export function textArea(
  value: string,
  onInput: (value: string) => void,
  attrs: Record<string, string | boolean> = {},
): HTMLTextAreaElement {
  const area = h('textarea', {
    className: 'kintoneplugin-input-text mks-textarea',
    attrs: { id: uid('area'), rows: '3', spellcheck: 'false', autocomplete: 'off', ...attrs },
    on: { input: () => onInput(area.value) },
  });
  area.value = value;
  return area;
}

export type ButtonKind = 'normal' | 'ok' | 'cancel';

export function button(
  text: string,
  kind: ButtonKind,
  onClick: () => void,
  attrs: Record<string, string> = {},
): HTMLButtonElement {
  const className =
    kind === 'normal'
      ? 'kintoneplugin-button-normal'
      : kind === 'ok'
        ? 'kintoneplugin-button-dialog-ok'
        : 'kintoneplugin-button-dialog-cancel';
  return h('button', { className, attrs: { type: 'button', ...attrs }, on: { click: onClick } }, text);
}

export function alertBox(level: 'error' | 'info' | 'success', ...children: Child[]): HTMLElement {
  return h(
    'div',
    {
      className: level === 'error' ? 'kintoneplugin-alert mks-alert' : `mks-alert mks-alert--${level}`,
      attrs: { role: level === 'error' ? 'alert' : 'status' },
    },
    ...children,
  );
}

/** Runs an async action with the button disabled and relabelled, restoring it afterwards. */
export async function busy<T>(control: HTMLButtonElement, label: string, action: () => Promise<T>): Promise<T> {
  const original = control.textContent ?? '';
  control.disabled = true;
  control.textContent = label;
  try {
    return await action();
  } finally {
    control.disabled = false;
    control.textContent = original;
  }
}
