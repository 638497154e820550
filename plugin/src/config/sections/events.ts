import { EVENT_TYPES } from '../../../../contract/src/events';
import { TRIGGER_NAME_BY_TYPE } from '../../../../contract/src/marketo-setup';
import { h } from '../../common/dom';
import type { ScreenContext } from '../context';
import { checkbox, row, section, textArea, textInput } from '../widgets';

export function eventsSection(ctx: ScreenContext): HTMLElement {
  const { t, store } = ctx;
  const zones = h(
    'datalist',
    { attrs: { id: 'mks-time-zones' } },
    ...Intl.supportedValuesOf('timeZone').map((zone) => h('option', { attrs: { value: zone } })),
  );
  // Visits are recorded for the chosen pages only: shown, and required, once visits are ticked, under their checkbox.
  const visitPagesBox = store.bind(h('div', { className: 'mks-moment-detail' }), ['eventTypes'], () =>
    store.draft.eventTypes.includes('visit')
      ? [
          row(
            'visitPages',
            t('visitPages'),
            textArea(store.draft.visitPages, (text) => store.setDraft('visitPages', text), {
              'data-slot': 'visitPages',
              placeholder: '/pricing',
            }),
            { required: true, help: t('visitPagesHelp') },
          ),
        ]
      : [],
  );
  return section(
    'events',
    t('section.events'),
    row(
      'eventTypes',
      t('eventTypes'),
      h(
        'div',
        { className: 'kintoneplugin-input-checkbox mks-checklist' },
        ...EVENT_TYPES.map((type) =>
          h(
            'div',
            { className: 'mks-checklist__item' },
            checkbox(
              t(`type.${type}`),
              store.draft.eventTypes.includes(type),
              (checked) =>
                store.setDraft(
                  'eventTypes',
                  EVENT_TYPES.filter((e) => (e === type ? checked : store.draft.eventTypes.includes(e))),
                ),
              type,
            ),
            h(
              'span',
              { className: 'mks-hint' },
              type === 'reply' ? t('replyHint') : t('triggerHint', { trigger: TRIGGER_NAME_BY_TYPE[type] }),
            ),
            type === 'visit' ? visitPagesBox : null,
          ),
        ),
      ),
      { required: true },
    ),
    row(
      'ignoreBots',
      t('ignoreBots'),
      h(
        'div',
        { className: 'kintoneplugin-input-checkbox' },
        checkbox(
          t('ignoreBots'),
          store.draft.ignoreBots,
          (checked) => store.setDraft('ignoreBots', checked),
          'ignoreBots',
        ),
      ),
      { help: t('ignoreBotsHelp') },
    ),
    row(
      'marketoTimeZone',
      t('timeZone'),
      h(
        'div',
        null,
        textInput(store.draft.timeZone, (zone) => store.setDraft('timeZone', zone), {
          list: 'mks-time-zones',
          'data-slot': 'marketoTimeZone',
        }),
        zones,
      ),
      { required: true, help: t('timeZoneHelp') },
    ),
  );
}
