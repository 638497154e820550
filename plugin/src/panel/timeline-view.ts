/** The history rows as a timeline, newest first, with a filter by type and paging. */
import { EVENT_TYPES, type EventType } from '../../../contract/src/events';
import { listeningCampaignName } from '../../../contract/src/marketo-setup';
import { h, safeHref } from '../common/dom';
import { formatDateTime, formatRelative } from '../common/time';
import type { ViewContext } from './context';
import { eventIcon } from './icons';
import type { HistoryRow } from './model';

type Filter = EventType | 'all';
const PAGE = 20;

export function timeline(rows: readonly HistoryRow[], ctx: ViewContext): HTMLElement {
  let filter: Filter = 'all';
  let shown = PAGE;
  const list = h('ol', { className: 'mks-timeline__list' });
  const more = h('div', { className: 'mks-timeline__more' });
  const chips = h('div', { className: 'mks-filters', attrs: { role: 'group', 'aria-label': ctx.t('filterLabel') } });

  const present = EVENT_TYPES.filter((type) => rows.some((r) => r.type === type));
  const count = (f: Filter) => (f === 'all' ? rows.length : rows.filter((r) => r.type === f).length);

  const render = () => {
    chips.replaceChildren(
      ...(['all', ...present] as Filter[]).map((f) =>
        h(
          'button',
          {
            className: `mks-chip${f === filter ? ' mks-chip--active' : ''}`,
            attrs: { type: 'button', 'aria-pressed': f === filter ? 'true' : 'false', 'data-filter': f },
            on: {
              click: () => {
                filter = f;
                shown = PAGE;
                render();
              },
            },
          },
          f === 'all' ? ctx.t('filterAll') : ctx.t(`type.${f}`),
          h('span', { className: 'mks-chip__count' }, count(f)),
        ),
      ),
    );
    const matching = filter === 'all' ? rows : rows.filter((r) => r.type === filter);
    list.replaceChildren(...matching.slice(0, shown).map((row) => eventItem(row, ctx)));
    const rest = matching.length - shown;
    more.replaceChildren(
      rest > 0
        ? h(
            'button',
            {
              className: 'mks-link-button',
              attrs: { type: 'button' },
              on: {
                click: () => {
                  shown += PAGE;
                  render();
                },
              },
            },
            ctx.t('showMore', { n: Math.min(PAGE, rest) }),
          )
        : matching.length === 0
          ? h('p', { className: 'mks-muted' }, ctx.t('filterEmpty'))
          : '',
    );
  };
  render();

  return h(
    'div',
    { className: 'mks-timeline' },
    h('div', { className: 'mks-section-title' }, h('span', null, ctx.t('timelineTitle'))),
    present.length > 1 ? chips : null,
    list,
    more,
  );
}

function eventItem(row: HistoryRow, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const typeName = row.type ?? 'unknown';
  const href = row.link ? safeHref(row.link) : undefined;
  const meta: HTMLElement[] = [];
  if (row.link) {
    meta.push(
      href
        ? h(
            'a',
            {
              className: 'mks-event__link',
              attrs: { href, target: '_blank', rel: 'noopener noreferrer', title: row.link },
            },
            row.link,
          )
        : h('span', { className: 'mks-event__link mks-event__link--text' }, row.link),
    );
  }
  if (row.campaign) {
    const listening = listeningCampaignName(row.campaign);
    meta.push(
      listening === undefined
        ? h('span', { className: 'mks-event__campaign' }, `${t('campaign')}: `, row.campaign)
        : h(
            'span',
            { className: 'mks-event__campaign mks-event__campaign--listening' },
            `${t('listeningCampaign')}: `,
            listening,
          ),
    );
  }
  return h(
    'li',
    { className: `mks-event mks-event--${typeName}`, attrs: { 'data-type': typeName } },
    h('span', { className: 'mks-event__icon' }, eventIcon(row.type)),
    h(
      'div',
      { className: 'mks-event__body' },
      h(
        'div',
        { className: 'mks-event__head' },
        h(
          'span',
          { className: 'mks-event__type' },
          row.type ? t(`type.${row.type}`) : t('type.unknown', { type: row.rawType }),
        ),
        row.emailName ? h('span', { className: 'mks-event__email' }, row.emailName) : null,
      ),
      row.subject ? h('div', { className: 'mks-event__subject', attrs: { title: t('subject') } }, row.subject) : null,
      row.snippet
        ? h('blockquote', { className: 'mks-event__snippet', attrs: { title: t('snippet') } }, row.snippet)
        : null,
      meta.length ? h('div', { className: 'mks-event__meta' }, ...meta) : null,
    ),
    row.at === undefined
      ? h('div', { className: 'mks-event__time mks-muted' }, t('noDate'))
      : h(
          'div',
          { className: 'mks-event__time' },
          h(
            'time',
            { attrs: { datetime: new Date(row.at).toISOString(), title: formatDateTime(row.at, ctx.clock) } },
            formatRelative(row.at, ctx.clock),
          ),
          h('span', { className: 'mks-event__absolute' }, formatDateTime(row.at, ctx.clock)),
        ),
  );
}
