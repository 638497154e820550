/** The activity section: by email (the default when the history holds several emails) or as a timeline. */
import { h } from '../common/dom';
import type { ViewContext } from './context';
import { emailList, emailSummaries } from './email-view';
import { isWebActivity } from './grouping';
import type { PanelModel } from './model';
import { timeline } from './timeline-view';

type View = 'emails' | 'timeline';

export function activitySection(model: PanelModel, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const emails = emailSummaries(model.rows);
  // The by-email view leaves them out: say where they are.
  const webNote = model.rows.some(isWebActivity) ? h('p', 'mks-muted mks-web-note', t('webInTimeline')) : null;
  let view: View = emails.length > 1 ? 'emails' : 'timeline';
  const body = h('div', 'mks-activity__body');
  const switcher = h('div', { className: 'mks-views', attrs: { role: 'group', 'aria-label': t('viewLabel') } });
  const draw = () => {
    switcher.replaceChildren(
      ...(['emails', 'timeline'] as const).map((v) =>
        h(
          'button',
          {
            className: `mks-view-button${v === view ? ' mks-view-button--active' : ''}`,
            attrs: { type: 'button', 'aria-pressed': v === view ? 'true' : 'false', 'data-view': v },
            on: {
              click: () => {
                view = v;
                draw();
              },
            },
          },
          v === 'emails' ? t('viewByEmail') : t('viewTimeline'),
        ),
      ),
    );
    body.dataset.view = view;
    const shown = view === 'emails' ? [emailList(emails, ctx), webNote] : [timeline(model.rows, ctx, model.capped)];
    body.replaceChildren(...shown.filter((e) => e !== null));
  };
  draw();
  return h(
    'div',
    { className: 'mks-activity', attrs: { 'data-view-count': emails.length } },
    h(
      'div',
      'mks-section-title',
      h('h3', 'mks-section-title__text', t('timelineTitle')),
      emails.length > 0 ? switcher : null,
    ),
    body,
  );
}
