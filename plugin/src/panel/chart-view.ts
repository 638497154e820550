/**
 * A stacked bar per week over the last 90 days. Drawn with HTML boxes rather than SVG so the bars stretch
 * to any panel width while the labels keep their size; each week says what it holds in its title.
 */
import { EVENT_TYPES } from '../../../contract/src/events';
import { h } from '../common/dom';
import { formatDay } from '../common/time';
import type { ViewContext } from './context';
import type { HistoryRow } from './model';
import { weeklyActivity } from './weekly';

export function activityChart(rows: readonly HistoryRow[], ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const weeks = weeklyActivity(rows, ctx.clock.now);
  const total = weeks.reduce((sum, w) => sum + w.total, 0);
  const peak = Math.max(1, ...weeks.map((w) => w.total));

  const bars = weeks.map((week) => {
    const present = EVENT_TYPES.filter((type) => week.counts[type] > 0);
    const detail =
      week.total === 0 ? t('weekNone') : present.map((type) => `${t(`type.${type}`)} ${week.counts[type]}`).join(', ');
    const stack = h(
      'div',
      { className: 'mks-chart__stack' },
      ...present.map((type) => {
        const segment = h('div', { className: `mks-bar mks-bar--${type}` });
        segment.style.flexGrow = String(week.counts[type]);
        return segment;
      }),
    );
    stack.style.height = `${(week.total / peak) * 100}%`;
    return h(
      'div',
      {
        className: 'mks-chart__week',
        attrs: { 'data-total': week.total, title: t('weekOf', { date: formatDay(week.start, ctx.clock), detail }) },
      },
      stack,
    );
  });

  const label = (index: number) => {
    const week = weeks[index];
    return h('span', null, week ? formatDay(week.start, ctx.clock) : '');
  };

  return h(
    'div',
    { className: 'mks-chart', attrs: { 'data-total': total } },
    h(
      'div',
      { className: 'mks-section-title' },
      h('span', null, t('chartTitle')),
      h(
        'span',
        { className: 'mks-section-title__aside' },
        total === 0 ? t('chartEmpty') : total === 1 ? t('chartTotalOne') : t('chartTotal', { n: total }),
      ),
    ),
    h(
      'div',
      { className: 'mks-chart__body', attrs: { role: 'img', 'aria-label': t('chartTitle') } },
      h('div', { className: 'mks-chart__scale' }, h('span', null, String(peak)), h('span', null, '0')),
      h('div', { className: 'mks-chart__plot' }, ...bars),
    ),
    h(
      'div',
      { className: 'mks-chart__labels' },
      label(0),
      label(Math.floor(weeks.length / 2)),
      label(weeks.length - 1),
    ),
  );
}
