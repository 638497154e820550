/** A value to copy into Marketo: shown as text, with a copy button that confirms what it did. */
import { h } from '../common/dom';
import type { Translate } from '../common/i18n';
import type { ConfigMessage } from './messages';

export function copyable(
  value: string,
  t: Translate<ConfigMessage>,
  opts: { block?: boolean; placeholder?: string } = {},
): HTMLElement {
  const shown = value || opts.placeholder || '';
  const text = opts.block
    ? // Focusable, so a keyboard can scroll a long template sideways.
      h('pre', { className: 'mks-copy__text mks-copy__text--block', attrs: { tabindex: '0' } }, shown)
    : h('code', { className: `mks-copy__text${value ? '' : ' mks-muted'}` }, shown);
  const feedback = h('span', { className: 'mks-copy__feedback', attrs: { 'aria-live': 'polite' } });
  const copyButton = h(
    'button',
    {
      className: 'mks-copy__button',
      attrs: { type: 'button', disabled: !value, 'data-copy': value },
      on: {
        click: () => {
          void copyText(value).then((ok) => {
            feedback.textContent = ok ? t('copied') : t('copyFailed');
            window.setTimeout(() => (feedback.textContent = ''), 2000);
          });
        },
      },
    },
    t('copy'),
  );
  return h('div', { className: `mks-copy${opts.block ? ' mks-copy--block' : ''}` }, text, copyButton, feedback);
}

async function copyText(value: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    // The clipboard API needs permission or a secure context; the selection route works in more places.
    const area = h('textarea', { className: 'mks-offscreen', attrs: { readonly: true } });
    area.value = value;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
