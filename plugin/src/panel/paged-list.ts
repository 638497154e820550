/**
 * A list that shows its first rows and a "Show all" button; shown in full it scrolls inside a box of limited
 * height, so the record's own fields stay near. Items are built only when shown.
 */
import { h } from '../common/dom';
import type { ViewContext } from './context';

export const FIRST_ROWS = 5;

export function pagedList<T>(
  items: readonly T[],
  render: (item: T) => HTMLElement,
  ctx: ViewContext,
  opts: { label: string; className: string },
): HTMLElement {
  let all = false;
  const list = h('ol', `mks-list ${opts.className}`);
  const scroll = h('div', 'mks-scroll', list);
  const more = h('div', 'mks-list__more');
  const draw = () => {
    list.replaceChildren(...(all ? items : items.slice(0, FIRST_ROWS)).map(render));
    scroll.classList.toggle('mks-scroll--all', all);
    // A box that scrolls must be reachable by keyboard (WCAG 2.1.1), and named.
    if (all) {
      scroll.setAttribute('tabindex', '0');
      scroll.setAttribute('role', 'region');
      scroll.setAttribute('aria-label', opts.label);
    } else {
      scroll.removeAttribute('tabindex');
      scroll.removeAttribute('role');
      scroll.removeAttribute('aria-label');
    }
    more.replaceChildren(
      items.length > FIRST_ROWS
        ? h(
            'button',
            {
              className: 'mks-link-button',
              attrs: { type: 'button', 'aria-expanded': all ? 'true' : 'false' },
              on: {
                click: () => {
                  all = !all;
                  draw();
                  if (!all) scroll.scrollTop = 0;
                },
              },
            },
            all ? ctx.t('showFewer') : ctx.t('showAll', { n: items.length }),
          )
        : '',
    );
  };
  draw();
  return h('div', 'mks-paged', scroll, more);
}
