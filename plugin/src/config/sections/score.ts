/**
 * "Engagement score": whether to keep it, the Number field it goes to, and (folded under "Advanced") the points per
 * activity and the half-life of contract/src/score.ts, with the defaults one click away.
 */
import { DEFAULT_SCORE_SETTINGS, SCORED_TYPES, type ScoredType } from '../../../../contract/src/config';
import { h } from '../../common/dom';
import type { ScreenContext } from '../context';
import { fieldSelect } from '../field-select';
import { button, checkbox, description, row, section, textInput } from '../widgets';

function defaultWeights(): Record<ScoredType, string> {
  return Object.fromEntries(SCORED_TYPES.map((t) => [t, String(DEFAULT_SCORE_SETTINGS.weights[t])])) as Record<
    ScoredType,
    string
  >;
}

/** The half-life the explanation names: the typed one once it is a valid number of days. */
function halfLifeShown(text: string): number {
  const days = Number(text);
  return Number.isInteger(days) && days >= 1 && days <= 365 ? days : DEFAULT_SCORE_SETTINGS.halfLifeDays;
}

function numberInput(value: string, onInput: (value: string) => void, slot: string): HTMLInputElement {
  return textInput(value, onInput, {
    inputmode: 'decimal',
    class: 'kintoneplugin-input-text mks-input-number',
    'data-slot': slot,
  });
}

function advanced(ctx: ScreenContext): HTMLElement {
  const { t, store } = ctx;
  const body = h('div', null);
  const render = () =>
    body.replaceChildren(
      description(t('scoreWeightsHelp')),
      h(
        'div',
        { className: 'mks-grid mks-grid--compact' },
        ...SCORED_TYPES.map((type) =>
          row(
            `score.weights.${type}`,
            t(`type.${type}`),
            h(
              'div',
              { className: 'mks-inline' },
              numberInput(
                store.draft.scoreWeights[type],
                (v) => store.setDraft('scoreWeights', { ...store.draft.scoreWeights, [type]: v }),
                `score.weights.${type}`,
              ),
              h('span', { className: 'mks-unit' }, t('pointsUnit')),
            ),
          ),
        ),
      ),
      row(
        'score.halfLifeDays',
        t('halfLife'),
        h(
          'div',
          { className: 'mks-inline' },
          numberInput(store.draft.halfLifeDays, (v) => store.setDraft('halfLifeDays', v), 'score.halfLifeDays'),
          h('span', { className: 'mks-unit' }, t('halfLifeUnit')),
        ),
        { help: t('halfLifeHelp') },
      ),
      button(
        t('scoreDefaults'),
        'normal',
        () => {
          store.setDraft('scoreWeights', defaultWeights());
          store.setDraft('halfLifeDays', String(DEFAULT_SCORE_SETTINGS.halfLifeDays));
          render();
        },
        { 'data-action': 'score-defaults' },
      ),
    );
  render();
  const details = h(
    'details',
    { className: 'mks-advanced', attrs: { 'data-role': 'score-advanced' } },
    h('summary', { className: 'mks-advanced__summary' }, t('scoreAdvanced')),
    body,
  );
  // A problem inside opens it.
  new MutationObserver(() => {
    if (details.querySelector('.mks-row--invalid')) details.open = true;
  }).observe(details, { subtree: true, attributes: true, attributeFilter: ['class'] });
  return details;
}

export function scoreSection(ctx: ScreenContext): HTMLElement {
  const { t, store } = ctx;
  return section(
    'score',
    t('section.score'),
    store.bind(h('div', null), ['halfLifeDays'], () => [
      description(t('scoreIntro', { days: halfLifeShown(store.draft.halfLifeDays) })),
    ]),
    row(
      'scoreOn',
      t('section.score'),
      h(
        'div',
        { className: 'kintoneplugin-input-checkbox' },
        checkbox(t('scoreOn'), store.draft.scoreOn, (on) => store.setDraft('scoreOn', on), 'scoreOn'),
      ),
    ),
    store.bind(h('div', null), ['scoreOn'], () =>
      store.draft.scoreOn
        ? [
            row(
              'summary.score',
              t('scoreField'),
              fieldSelect(
                ctx,
                { kind: 'summary', slot: 'score' },
                store.draft.summary.score,
                true,
                (code) => store.setDraft('summary', { ...store.draft.summary, score: code }),
                { 'data-slot': 'summary.score' },
              ),
              { required: true, help: t('scoreFieldHelp') },
            ),
            advanced(ctx),
          ]
        : [],
    ),
  );
}
