/** The panel frame and its states: ready, not configured, settings out of date, failed. */
import { h, modified } from '../common/dom';
import type { ViewContext } from './context';
import { activitySection } from './activity-view';
import { activityChart } from './chart-view';
import type { PanelModel } from './model';
import { headline, metricTiles, statusBadge, warnings } from './summary-view';
import { eventIcon } from './icons';
import { scoreLine } from './score-view';

export type PanelState =
  | { kind: 'ready'; model: PanelModel; maxRows: number }
  | { kind: 'notConfigured' }
  | { kind: 'invalidConfig'; detail: string }
  | { kind: 'missingField'; code: string }
  | { kind: 'failed'; detail: string };

export type Variant = 'desktop' | 'mobile';

export function renderPanel(target: HTMLElement, state: PanelState, ctx: ViewContext, variant: Variant): void {
  const { t } = ctx;
  const header = h(
    'header',
    'mks-panel__header',
    h('h2', 'mks-panel__title', t('title')),
    state.kind === 'ready' ? statusBadge(state.model.status, state.model.recorded, ctx) : null,
  );
  const panel = h(
    'section',
    {
      className: modified('mks-panel', variant),
      attrs: { 'aria-label': t('title'), 'data-state': state.kind },
    },
    header,
    state.kind === 'ready' ? headline(state.model, ctx) : null,
    ...body(state, ctx, variant),
  );
  target.replaceChildren(panel);
}

function body(state: PanelState, ctx: ViewContext, variant: Variant): HTMLElement[] {
  const { t } = ctx;
  switch (state.kind) {
    case 'notConfigured':
      return [notice('info', t('notConfigured'))];
    case 'invalidConfig':
      return [notice('error', t('invalidConfig', { detail: state.detail }))];
    case 'missingField':
      return [notice('error', t('missingField', { code: state.code }))];
    case 'failed':
      return [notice('error', t('failed', { detail: state.detail }))];
    case 'ready': {
      const { model } = state;
      const counts = [model.opens, model.clicks, model.replies?.count, model.visits?.count, model.forms?.count];
      if (model.rows.length === 0 && counts.every((n) => !n)) {
        return [
          ...warnings(model, ctx),
          h(
            'div',
            'mks-empty',
            h('span', 'mks-empty__icon', eventIcon('send')),
            // Without recorded sends, an empty history does not mean no email was sent.
            h('p', 'mks-empty__title', model.recorded.includes('send') ? t('empty') : t('emptyNoSends')),
            h(
              'p',
              'mks-muted',
              t('emptyRecorded', { types: model.recorded.map((type) => t(`noun.${type}`)).join(t('listSeparator')) }),
            ),
          ),
        ];
      }
      return [
        model.score ? scoreLine(model.score, ctx) : null,
        ...warnings(model, ctx),
        metricTiles(model, ctx),
        activitySection(model, ctx),
        activityChart(model.rows, ctx, variant === 'desktop'),
        model.capped ? h('p', 'mks-muted mks-capped', t('capped', { max: state.maxRows })) : null,
      ].filter((e): e is HTMLElement => e !== null);
    }
  }
}

function notice(level: 'info' | 'error', text: string): HTMLElement {
  return h(
    'p',
    { className: modified('mks-notice', level), attrs: { role: level === 'error' ? 'alert' : 'status' } },
    text,
  );
}
