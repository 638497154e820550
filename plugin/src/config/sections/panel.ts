import { h } from '../../common/dom';
import type { ScreenContext } from '../context';
import { checkbox, description, radioGroup, row, section, selectBox } from '../widgets';

export function panelSection(ctx: ScreenContext): HTMLElement {
  const { t, store } = ctx;
  const { spaces } = ctx.form;
  return section(
    'panel',
    t('section.panel'),
    description(t('placementHelp')),
    row(
      'panel.placement',
      t('placement'),
      radioGroup(
        'placement',
        (['space', 'headerMenu'] as const).map((p) => ({ value: p, label: t(`placement.${p}`) })),
        store.draft.placement,
        (placement) => {
          if (placement === 'space' && !store.draft.spaceId && spaces.length === 1 && spaces[0]) {
            store.setDraft('spaceId', spaces[0]);
          }
          store.setDraft('placement', placement);
        },
      ),
    ),
    store.bind(h('div', null), ['placement'], () => {
      if (store.draft.placement !== 'space') return [];
      const { spaceId } = store.draft;
      const known = spaces.includes(spaceId) || !spaceId ? spaces : [...spaces, spaceId];
      return [
        row(
          'panel.spaceId',
          t('spaceField'),
          spaces.length === 0 && !spaceId
            ? h('p', { className: 'mks-why' }, t('why.noSpace'))
            : selectBox(
                [
                  { value: '', label: t('chooseField') },
                  ...known.map((id) => ({ value: id, label: spaces.includes(id) ? id : `${id} (!)` })),
                ],
                spaceId,
                (id) => store.setDraft('spaceId', id),
                { 'data-slot': 'panel.spaceId' },
              ).element,
          { required: true },
        ),
      ];
    }),
    row(
      'hideHistoryTable',
      t('hideHistoryTableRow'),
      h(
        'div',
        { className: 'kintoneplugin-input-checkbox' },
        checkbox(
          t('hideHistoryTable'),
          store.draft.hideHistoryTable,
          (checked) => store.setDraft('hideHistoryTable', checked),
          'hideHistoryTable',
        ),
      ),
      { help: t('hideHistoryTableHelp') },
    ),
  );
}
