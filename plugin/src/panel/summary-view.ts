/** The at-a-glance part: status badge, warnings, and the open/click/last-activity tiles. */
import { h } from '../common/dom';
import { formatDateTime, formatRelative } from '../common/time';
import type { ViewContext } from './context';
import type { PanelModel, StatusView } from './model';

export function statusBadge(status: StatusView, { t }: ViewContext): HTMLElement {
  const name = status.kind === 'known' ? status.status : 'custom';
  const text = status.kind === 'known' ? t(`status.${status.status}`) : status.label;
  return h('span', { className: `mks-status mks-status--${name}`, attrs: { 'data-status': name } }, text);
}

export function warnings(model: PanelModel, ctx: ViewContext): HTMLElement[] {
  const { t } = ctx;
  const items: HTMLElement[] = [];
  if (model.unsubscribed) {
    const text =
      model.unsubscribedAt === undefined
        ? t('unsubscribedUndated')
        : t('unsubscribed', { when: formatDateTime(model.unsubscribedAt, ctx.clock) });
    items.push(h('p', { className: 'mks-warning mks-warning--unsubscribed', attrs: { role: 'alert' } }, text));
  }
  if (model.lastBounced !== undefined) {
    items.push(
      h(
        'p',
        { className: 'mks-warning mks-warning--bounced', attrs: { role: 'alert' } },
        t('bounced', { when: formatDateTime(model.lastBounced, ctx.clock) }),
      ),
    );
  }
  return items;
}

export function metricTiles(model: PanelModel, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const newest = model.rows.find((r) => r.at !== undefined);
  const { replies } = model;
  return h(
    'div',
    { className: replies ? 'mks-metrics mks-metrics--4' : 'mks-metrics' },
    tile(
      'opens',
      t('opens'),
      String(model.opens),
      model.lastOpened === undefined
        ? [model.opens === 0 ? t('neverOpened') : null]
        : [
            when(t('lastOpened', { when: formatRelative(model.lastOpened, ctx.clock) }), model.lastOpened, ctx),
            model.firstOpened !== undefined && model.firstOpened !== model.lastOpened
              ? when(t('firstOpened', { when: formatDateTime(model.firstOpened, ctx.clock) }), model.firstOpened, ctx)
              : null,
          ],
    ),
    tile(
      'clicks',
      t('clicks'),
      String(model.clicks),
      model.lastClicked === undefined
        ? [model.clicks === 0 ? t('neverClicked') : null]
        : [when(t('lastClicked', { when: formatRelative(model.lastClicked, ctx.clock) }), model.lastClicked, ctx)],
    ),
    replies
      ? tile(
          'replies',
          t('replies'),
          String(replies.count),
          replies.last === undefined
            ? [replies.count === 0 ? t('neverReplied') : null]
            : [when(t('lastReplied', { when: formatRelative(replies.last, ctx.clock) }), replies.last, ctx)],
        )
      : null,
    tile(
      'last',
      t('lastActivity'),
      newest?.at === undefined ? t('noActivity') : formatRelative(newest.at, ctx.clock),
      newest?.at === undefined ? [] : [when(formatDateTime(newest.at, ctx.clock), newest.at, ctx)],
    ),
  );
}

function tile(name: string, label: string, value: string, notes: Array<HTMLElement | string | null>): HTMLElement {
  return h(
    'div',
    { className: `mks-metric mks-metric--${name}`, attrs: { 'data-metric': name } },
    h('div', { className: 'mks-metric__label' }, label),
    h('div', { className: 'mks-metric__value' }, value),
    ...notes.filter((n) => n !== null).map((n) => h('div', { className: 'mks-metric__note' }, n)),
  );
}

function when(text: string, ms: number, ctx: ViewContext): HTMLElement {
  return h('time', { attrs: { datetime: new Date(ms).toISOString(), title: formatDateTime(ms, ctx.clock) } }, text);
}
