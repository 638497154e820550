/**
 * "Alerts to the owner": off unless turned on; then the User selection field whose users are mentioned, the moments
 * that alert (each with what it needs: pages, a score), how many a record may get a day, and the comments' language.
 */
import { h } from '../../common/dom';
import type { ScreenContext } from '../context';
import { alertsTurnedOn, type AlertsDraft } from '../draft';
import { fieldSelect } from '../field-select';
import { unrecordedAlertPages } from '../validate';
import { checkbox, description, radioGroup, row, section, textArea, textInput } from '../widgets';

type Moment = 'onReply' | 'onForm' | 'onClick' | 'onVisit' | 'onScore';
const MOMENT_KEY: Record<Moment, 'moment.reply' | 'moment.form' | 'moment.click' | 'moment.visit' | 'moment.score'> = {
  onReply: 'moment.reply',
  onForm: 'moment.form',
  onClick: 'moment.click',
  onVisit: 'moment.visit',
  onScore: 'moment.score',
};

function alertSettings(ctx: ScreenContext): HTMLElement[] {
  const { t, store } = ctx;
  const set = (patch: Partial<AlertsDraft>) => store.setDraft('alerts', { ...store.draft.alerts, ...patch });
  const alerts = store.draft.alerts;

  // What a moment needs is shown while it is ticked; toggled in place so typing never re-renders it.
  const detail = (moment: Moment, ...content: HTMLElement[]) =>
    h('div', { className: 'mks-moment-detail', attrs: { hidden: !alerts[moment] } }, ...content);
  const details: Partial<Record<Moment, HTMLElement>> = {
    onClick: detail(
      'onClick',
      row(
        'alerts.clickPages',
        t('alertClickPages'),
        textArea(alerts.clickPages, (text) => set({ clickPages: text }), {
          'data-slot': 'alerts.clickPages',
          placeholder: '/pricing',
        }),
        { required: true, help: t('alertPagesHelp') },
      ),
    ),
    onVisit: detail(
      'onVisit',
      row(
        'alerts.visitPages',
        t('alertVisitPages'),
        textArea(alerts.visitPages, (text) => set({ visitPages: text }), {
          'data-slot': 'alerts.visitPages',
          placeholder: '/pricing',
        }),
        { required: true, help: t('alertPagesHelp') },
      ),
      store.bind(h('div', null), ['alerts', 'visitPages', 'eventTypes'], () => {
        const unrecorded = unrecordedAlertPages(store.draft);
        return unrecorded.length > 0
          ? [
              h(
                'p',
                { className: 'mks-hint mks-hint--warn', attrs: { 'data-role': 'alert-visit-unrecorded' } },
                t('warn.alertVisitPages', { pages: unrecorded.join(', ') }),
              ),
            ]
          : [];
      }),
    ),
    onScore: detail(
      'onScore',
      row(
        'alerts.scoreThreshold',
        t('alertScore'),
        textInput(alerts.scoreThreshold, (v) => set({ scoreThreshold: v }), {
          inputmode: 'numeric',
          class: 'kintoneplugin-input-text mks-input-number',
          'data-slot': 'alerts.scoreThreshold',
        }),
        { required: true },
      ),
    ),
  };

  return [
    description(t('alertsNote')),
    row(
      'alerts.ownerField',
      t('ownerField'),
      fieldSelect(ctx, { kind: 'owner' }, alerts.ownerField, true, (code) => set({ ownerField: code }), {
        'data-slot': 'alerts.ownerField',
      }),
      { required: true, help: t('ownerFieldHelp') },
    ),
    row(
      'alerts.moments',
      t('alertMoments'),
      h(
        'div',
        { className: 'kintoneplugin-input-checkbox mks-checklist' },
        ...(Object.keys(MOMENT_KEY) as Moment[]).map((moment) =>
          h(
            'div',
            { className: 'mks-checklist__item' },
            checkbox(
              t(MOMENT_KEY[moment]),
              alerts[moment],
              (on) => {
                set({ [moment]: on });
                const shown = details[moment];
                if (shown) shown.hidden = !on;
              },
              moment,
            ),
            // Directly under its checkbox, so "these pages" is next to the moment it belongs to.
            details[moment] ?? null,
          ),
        ),
      ),
      { required: true },
    ),
    row(
      'alerts.perRecordPerDay',
      t('perRecordPerDay'),
      h(
        'div',
        { className: 'mks-inline' },
        textInput(alerts.perRecordPerDay, (v) => set({ perRecordPerDay: v }), {
          inputmode: 'numeric',
          class: 'kintoneplugin-input-text mks-input-number',
          'data-slot': 'alerts.perRecordPerDay',
        }),
        h('span', { className: 'mks-unit' }, t('perRecordPerDayUnit')),
      ),
      { help: t('perRecordPerDayHelp') },
    ),
    row(
      'alerts.language',
      t('alertLanguage'),
      radioGroup(
        'alert-language',
        (['ja', 'en'] as const).map((lang) => ({ value: lang, label: t(`language.${lang}`) })),
        alerts.language,
        (language) => set({ language }),
      ),
    ),
  ];
}

export function alertsSection(ctx: ScreenContext): HTMLElement {
  const { t, store } = ctx;
  return section(
    'alerts',
    t('section.alerts'),
    description(t('alertsIntro')),
    row(
      'alertsOn',
      t('section.alerts'),
      h(
        'div',
        { className: 'kintoneplugin-input-checkbox' },
        checkbox(
          t('alertsOn'),
          store.draft.alertsOn,
          (on) => {
            if (on) store.setDraft('alerts', alertsTurnedOn(store.draft));
            store.setDraft('alertsOn', on);
          },
          'alertsOn',
        ),
      ),
    ),
    store.bind(h('div', null), ['alertsOn'], () => (store.draft.alertsOn ? alertSettings(ctx) : [])),
  );
}
