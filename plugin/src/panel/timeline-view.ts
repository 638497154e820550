/** The history rows as a timeline, newest first: a filter by type, repeated opens collapsed, five rows first. */
import { EVENT_TYPES, type EventType } from '../../../contract/src/events';
import { listeningCampaignName } from '../../../contract/src/marketo-setup';
import { h, modified } from '../common/dom';
import { formatDateTime } from '../common/time';
import type { ViewContext } from './context';
import { linkElement } from './email-view';
import { formatShort, timeElement } from './format';
import { collapseOpens, type TimelineItem } from './grouping';
import { eventIcon } from './icons';
import type { HistoryRow } from './model';
import { pagedList } from './paged-list';

type Filter = EventType | 'all';

/** capped: the history is at its limit, so the counts are of the rows kept, not of all time. */
export function timeline(rows: readonly HistoryRow[], ctx: ViewContext, capped: boolean): HTMLElement {
  let filter: Filter = 'all';
  const body = h('div', 'mks-timeline__body');
  const chips = h('div', { className: 'mks-filters', attrs: { role: 'group', 'aria-label': ctx.t('filterLabel') } });

  const present = EVENT_TYPES.filter((type) => rows.some((r) => r.type === type));
  const counts = new Map<Filter, number>([['all', rows.length]]);
  for (const row of rows) if (row.type) counts.set(row.type, (counts.get(row.type) ?? 0) + 1);
  const keptNote = capped ? ctx.t('countsOfKept', { n: rows.length }) : undefined;

  const render = () => {
    chips.replaceChildren(
      ...(['all', ...present] as Filter[]).map((f) =>
        h(
          'button',
          {
            className: `mks-chip${f === filter ? ' mks-chip--active' : ''}`,
            attrs: {
              type: 'button',
              'aria-pressed': f === filter ? 'true' : 'false',
              'data-filter': f,
              title: keptNote,
            },
            on: {
              click: () => {
                filter = f;
                render();
              },
            },
          },
          f === 'all' ? ctx.t('filterAll') : ctx.t(`type.${f}`),
          h('span', 'mks-chip__count', counts.get(f) ?? 0),
        ),
      ),
    );
    const matching = filter === 'all' ? rows : rows.filter((r) => r.type === filter);
    body.replaceChildren(
      matching.length === 0
        ? h('p', 'mks-muted', ctx.t('filterEmpty'))
        : pagedList(collapseOpens(matching), (item) => eventItem(item, ctx), ctx, {
            label: ctx.t('timelineTitle'),
            className: 'mks-timeline__list',
          }),
    );
  };
  render();

  return h(
    'div',
    'mks-timeline',
    present.length > 1 ? chips : null,
    present.length > 1 && keptNote ? h('p', 'mks-muted mks-kept', keptNote) : null,
    body,
  );
}

function eventItem(item: TimelineItem, ctx: ViewContext): HTMLElement {
  const { t, clock } = ctx;
  const { row, count } = item;
  const typeName = row.type ?? 'unknown';
  const listening = row.campaign ? listeningCampaignName(row.campaign) : undefined;
  // The campaign is news only when it is not the email's own name nor the trigger campaign that recorded the row.
  const campaign = row.campaign && listening === undefined && row.campaign !== row.emailName ? row.campaign : '';
  const visit = row.type === 'visit';
  const meta: HTMLElement[] = [];
  // A visit reads "Visited example.com/pricing": its page is the row's main text, not a detail under it.
  if (row.link && !visit) meta.push(linkElement(row.link));
  if (campaign) meta.push(h('span', 'mks-event__campaign', `${t('campaign')}: `, campaign));
  const main =
    row.type === 'form' && row.formName ? t('formNamed', { name: row.formName }) : row.subject || row.emailName;
  const titles = [
    row.subject && row.emailName && row.emailName !== row.subject ? t('emailNameTitle', { name: row.emailName }) : '',
    listening !== undefined ? t('recordedByTitle', { name: listening }) : '',
  ].filter(Boolean);
  const typeText =
    count > 1
      ? t('openedTimesRow', { n: count })
      : row.type === 'visit' || row.type === 'form'
        ? t(`row.${row.type}`)
        : row.type
          ? t(`type.${row.type}`)
          : t('type.unknown', { type: row.rawType });
  return h(
    'li',
    {
      className: modified('mks-event', typeName),
      attrs: { 'data-type': typeName, 'data-count': count > 1 ? count : undefined },
    },
    h('span', 'mks-event__icon', eventIcon(row.type)),
    h(
      'div',
      'mks-event__body',
      h(
        'div',
        'mks-event__head',
        h('span', 'mks-event__type', typeText),
        visit && row.link
          ? linkElement(row.link)
          : main
            ? h(
                'span',
                {
                  className: row.subject ? 'mks-event__subject' : 'mks-event__email',
                  attrs: { title: titles.length ? titles.join('\n') : undefined },
                },
                main,
              )
            : null,
      ),
      row.snippet
        ? h('blockquote', { className: 'mks-event__snippet', attrs: { title: t('snippet') } }, row.snippet)
        : null,
      meta.length ? h('div', 'mks-event__meta', ...meta) : null,
    ),
    row.at === undefined
      ? h('div', 'mks-event__time mks-muted', t('noDate'))
      : h(
          'div',
          'mks-event__time',
          timeElement(row.at, clock),
          h(
            'span',
            {
              className: 'mks-event__absolute',
              attrs: {
                title:
                  count > 1 && item.firstAt !== undefined
                    ? t('openedBetween', {
                        n: count,
                        first: formatDateTime(item.firstAt, clock),
                        last: formatDateTime(row.at, clock),
                      })
                    : undefined,
              },
            },
            count > 1 && item.firstAt !== undefined
              ? `${formatShort(item.firstAt, clock)} – ${formatShort(row.at, clock)}`
              : formatDateTime(row.at, clock),
          ),
        ),
  );
}
