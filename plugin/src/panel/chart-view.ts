/**
 * A stacked bar per week over the last 90 days, in a disclosure (open on desktop, closed on mobile). Drawn with HTML
 * boxes rather than SVG so the bars stretch to any panel width while the labels keep their size; each week says what
 * it holds in its title, and a visually hidden list says the same to screen readers (the bars are hidden from them).
 */
import { EVENT_TYPES } from '../../../contract/src/events';
import { h, modified } from '../common/dom';
import { formatDay } from '../common/time';
import type { ViewContext } from './context';
import type { HistoryRow } from './model';
import { weeklyActivity } from './weekly';

export function activityChart(rows: readonly HistoryRow[], ctx: ViewContext, open: boolean): HTMLElement {
  const { t } = ctx;
  const weeks = weeklyActivity(rows, ctx.clock.now);
  const total = weeks.reduce((sum, w) => sum + w.total, 0);
  const peak = Math.max(1, ...weeks.map((w) => w.total));
  const describe = (week: (typeof weeks)[number]) => {
    const present = EVENT_TYPES.filter((type) => week.counts[type] > 0);
    return week.total === 0
      ? t('weekNone')
      : present.map((type) => `${t(`type.${type}`)} ${week.counts[type]}`).join(t('listSeparator'));
  };

  const bars = weeks.map((week) => {
    const present = EVENT_TYPES.filter((type) => week.counts[type] > 0);
    const stack = h(
      'div',
      'mks-chart__stack',
      ...present.map((type) => {
        const segment = h('div', modified('mks-bar', type));
        segment.style.flexGrow = String(week.counts[type]);
        return segment;
      }),
    );
    stack.style.height = `${(week.total / peak) * 100}%`;
    return h(
      'div',
      {
        className: 'mks-chart__week',
        attrs: {
          'data-total': week.total,
          title: t('weekOf', { date: formatDay(week.start, ctx.clock), detail: describe(week) }),
        },
      },
      stack,
    );
  });

  const active = weeks.filter((w) => w.total > 0);
  const quiet = weeks.length - active.length;
  const text = h(
    'div',
    'mks-visually-hidden mks-chart__text',
    h('p', null, t('chartText')),
    active.length
      ? h(
          'ul',
          null,
          ...active.map((week) =>
            h('li', null, t('weekOf', { date: formatDay(week.start, ctx.clock), detail: describe(week) })),
          ),
        )
      : null,
    h('p', null, active.length === 0 ? t('chartQuietAll') : quiet > 0 ? t('chartQuiet', { n: quiet }) : ''),
  );

  const label = (index: number) => {
    const week = weeks[index];
    return h('span', null, week ? formatDay(week.start, ctx.clock) : '');
  };

  const details = h(
    'details',
    { className: 'mks-chart', attrs: { 'data-total': total, open } },
    h(
      'summary',
      'mks-section-title mks-chart__summary',
      h('span', 'mks-section-title__text', t('chartTitle')),
      h(
        'span',
        'mks-section-title__aside',
        total === 0 ? t('chartEmpty') : total === 1 ? t('chartTotalOne') : t('chartTotal', { n: total }),
      ),
    ),
    text,
    h(
      'div',
      { className: 'mks-chart__body', attrs: { 'aria-hidden': 'true' } },
      h('div', 'mks-chart__scale', h('span', null, String(peak)), h('span', null, '0')),
      h('div', 'mks-chart__plot', ...bars),
    ),
    h(
      'div',
      { className: 'mks-chart__labels', attrs: { 'aria-hidden': 'true' } },
      label(0),
      label(Math.floor(weeks.length / 2)),
      label(weeks.length - 1),
    ),
  );
  return details;
}
