/** The at-a-glance part: status badge, headline, warnings, and the open/click/reply/last-activity tiles. */
import type { EventType } from '../../../contract/src/events';
import { h, modified } from '../common/dom';
import { formatDateTime, formatRelative } from '../common/time';
import type { ViewContext } from './context';
import { timeElement } from './format';
import { chooseHeadline, headlineEmail } from './headline';
import { eventIcon } from './icons';
import { cleanLink } from './links';
import type { PanelModel, StatusView, Tally } from './model';
import { reasonText } from './reasons';

export function statusBadge(status: StatusView, recorded: readonly EventType[], { t }: ViewContext): HTMLElement {
  // "Not sent" is the status field's default: without recorded sends it only means nothing was recorded.
  const noneRecorded = status.kind === 'known' && status.status === 'notSent' && !recorded.includes('send');
  const name = status.kind === 'known' ? (noneRecorded ? 'none' : status.status) : 'custom';
  const text =
    status.kind === 'known' ? (noneRecorded ? t('status.noneRecorded') : t(`status.${status.status}`)) : status.label;
  return h('span', { className: modified('mks-status', name), attrs: { 'data-status': name } }, text);
}

export function headline(model: PanelModel, ctx: ViewContext): HTMLElement | null {
  const { t, clock } = ctx;
  const chosen = chooseHeadline({ rows: model.rows, bounceStands: model.bounceStands });
  if (!chosen) return null;
  const { row, type, count } = chosen;
  const email = headlineEmail(row) || t('unnamedEmail');
  const ago = formatRelative(row.at, clock);
  const link = row.link ? cleanLink(row.link).short : '';
  const text =
    type === 'click'
      ? link
        ? t('headline.click', { email, link, when: ago })
        : t('headline.clickNoLink', { email, when: ago })
      : type === 'visit' || type === 'form'
        ? `${reasonText(row, ctx)} · ${ago}`
        : type === 'open' && count > 1
          ? t('headline.openMany', { email, n: count, when: ago })
          : t(`headline.${type}`, { email, when: ago });
  return h(
    'p',
    {
      className: modified('mks-headline', type),
      attrs: {
        'data-type': type,
        title: `${formatDateTime(row.at, clock)}${row.link ? `\n${row.link}` : ''}`,
      },
    },
    h('span', 'mks-headline__icon', eventIcon(type)),
    h('span', 'mks-visually-hidden', `${t('headlineLabel')}: `),
    h('span', 'mks-headline__text', text),
  );
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
  if (model.lastBounced !== undefined && model.bounceStands) {
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
  const tiles = [
    model.recorded.includes('open') || model.opens > 0
      ? tile(
          'opens',
          t('opens'),
          String(model.opens),
          model.lastOpened === undefined
            ? [model.opens === 0 ? t('neverOpened') : null]
            : [
                when(t('lastOpened', { when: formatRelative(model.lastOpened, ctx.clock) }), model.lastOpened, ctx),
                model.firstOpened !== undefined && model.firstOpened !== model.lastOpened
                  ? when(
                      t('firstOpened', { when: formatDateTime(model.firstOpened, ctx.clock) }),
                      model.firstOpened,
                      ctx,
                    )
                  : null,
              ],
        )
      : null,
    model.recorded.includes('click') || model.clicks > 0
      ? tile(
          'clicks',
          t('clicks'),
          String(model.clicks),
          model.lastClicked === undefined
            ? [model.clicks === 0 ? t('neverClicked') : null]
            : [when(t('lastClicked', { when: formatRelative(model.lastClicked, ctx.clock) }), model.lastClicked, ctx)],
        )
      : null,
    tallyTile('replies', model.replies, ctx),
    tallyTile('visits', model.visits, ctx),
    tallyTile('forms', model.forms, ctx),
    tile(
      'last',
      t('lastActivity'),
      newest?.at === undefined ? t('noActivity') : formatRelative(newest.at, ctx.clock),
      newest?.at === undefined ? [] : [when(formatDateTime(newest.at, ctx.clock), newest.at, ctx)],
    ),
  ].filter((e): e is HTMLElement => e !== null);
  return h('div', modified('mks-metrics', tiles.length), ...tiles);
}

const TALLY_TEXT = {
  replies: { label: 'replies', last: 'lastReplied', never: 'neverReplied' },
  visits: { label: 'visits', last: 'lastVisited', never: 'neverVisited' },
  forms: { label: 'forms', last: 'lastFormFilled', never: 'neverFormFilled' },
} as const;

/** A count with its last time; none when the app does not record the type (tally undefined). */
function tallyTile(name: keyof typeof TALLY_TEXT, tally: Tally | undefined, ctx: ViewContext): HTMLElement | null {
  if (!tally) return null;
  const text = TALLY_TEXT[name];
  const { t } = ctx;
  return tile(
    name,
    t(text.label),
    String(tally.count),
    tally.last === undefined
      ? [tally.count === 0 ? t(text.never) : null]
      : [when(t(text.last, { when: formatRelative(tally.last, ctx.clock) }), tally.last, ctx)],
  );
}

function tile(name: string, label: string, value: string, notes: Array<HTMLElement | string | null>): HTMLElement {
  return h(
    'div',
    { className: modified('mks-metric', name), attrs: { 'data-metric': name } },
    h('div', 'mks-metric__label', label),
    h('div', 'mks-metric__value', value),
    ...notes.filter((n) => n !== null).map((n) => h('div', 'mks-metric__note', n)),
  );
}

function when(text: string, ms: number, ctx: ViewContext): HTMLElement {
  return timeElement(ms, ctx.clock, text);
}
