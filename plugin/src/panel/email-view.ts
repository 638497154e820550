/** One row per email: its subject, and what the customer did with it (sent, opened n×, links clicked, replied). */
import { listeningCampaignName } from '../../../contract/src/marketo-setup';
import type { EventType } from '../../../contract/src/events';
import { h, modified, safeHref } from '../common/dom';
import type { ViewContext } from './context';
import { formatShort, timeElement } from './format';
import { groupByEmail, type EmailSummary } from './grouping';
import { eventIcon } from './icons';
import { cleanLink } from './links';
import type { HistoryRow } from './model';
import { pagedList } from './paged-list';

export function emailSummaries(rows: readonly HistoryRow[]): EmailSummary[] {
  return groupByEmail(rows, (campaign) => listeningCampaignName(campaign) !== undefined);
}

export function emailList(emails: readonly EmailSummary[], ctx: ViewContext): HTMLElement {
  return pagedList(emails, (e) => emailItem(e, ctx), ctx, { label: ctx.t('emailsTitle'), className: 'mks-emails' });
}

function strongest(e: EmailSummary): EventType | undefined {
  if (e.unsubscribed !== undefined) return 'unsubscribe';
  if (e.bounced !== undefined) return 'bounce';
  if (e.replies) return 'reply';
  if (e.clicks) return 'click';
  if (e.opens) return 'open';
  if (e.delivered !== undefined) return 'delivered';
  if (e.sent !== undefined) return 'send';
  return undefined;
}

function emailItem(e: EmailSummary, ctx: ViewContext): HTMLElement {
  const { t, clock } = ctx;
  const title = e.subject || e.emailName || t('unnamedEmail');
  const rel = (ms: number) => timeElement(ms, clock);
  const fact = (name: string, ...children: Array<Node | string>) => h('span', modified('mks-fact', name), ...children);
  const parts = (text: string, ms: number) => {
    // "Opened {when}": the time as a <time> element inside the sentence.
    const [before = '', after = ''] = text.split('\u0000');
    return [before, rel(ms), after];
  };
  const facts: HTMLElement[] = [];
  if (e.sent !== undefined) facts.push(fact('sent', ...parts(t('sentAt', { when: '\u0000' }), e.sent)));
  else if (e.delivered !== undefined) {
    facts.push(fact('delivered', ...parts(t('deliveredAt', { when: '\u0000' }), e.delivered)));
  }
  if (e.opens === 1 && e.lastOpened !== undefined) {
    facts.push(fact('opened', ...parts(t('openedAt', { when: '\u0000' }), e.lastOpened)));
  } else if (e.opens > 1 && e.firstOpened !== undefined && e.lastOpened !== undefined) {
    facts.push(
      fact(
        'opened',
        t('openedTimes', {
          n: e.opens,
          first: formatShort(e.firstOpened, clock),
          last: formatShort(e.lastOpened, clock),
        }),
      ),
    );
  } else if (e.opens === 0 && (e.sent !== undefined || e.delivered !== undefined)) {
    facts.push(fact('notOpened', t('notOpened')));
  }
  if (e.replies === 1 && e.lastReplied !== undefined) {
    facts.push(fact('replied', ...parts(t('repliedAt', { when: '\u0000' }), e.lastReplied)));
  } else if (e.replies > 1 && e.lastReplied !== undefined) {
    facts.push(fact('replied', ...parts(t('repliedTimes', { n: e.replies, when: '\u0000' }), e.lastReplied)));
  }
  if (e.bounced !== undefined) facts.push(fact('bounced', ...parts(t('bouncedAt', { when: '\u0000' }), e.bounced)));
  if (e.unsubscribed !== undefined) {
    facts.push(fact('unsubscribed', ...parts(t('unsubscribedAt', { when: '\u0000' }), e.unsubscribed)));
  }
  const links = e.links.length
    ? h(
        'div',
        'mks-email__links',
        h('span', 'mks-email__links-label', `${t('clickedLinks')}:`),
        ...e.links.map((l) =>
          h(
            'span',
            'mks-email__link',
            linkElement(l.link),
            l.count > 1 ? h('span', 'mks-email__link-count', t('linkTimes', { n: l.count })) : null,
          ),
        ),
      )
    : null;
  const type = strongest(e);
  return h(
    'li',
    { className: modified('mks-email', type ?? 'unknown'), attrs: { 'data-email': e.key } },
    h('span', 'mks-event__icon', eventIcon(type)),
    h(
      'div',
      'mks-email__body',
      h(
        'div',
        {
          className: 'mks-email__subject',
          attrs: {
            title: e.emailName && e.emailName !== title ? t('emailNameTitle', { name: e.emailName }) : undefined,
          },
        },
        title,
      ),
      facts.length ? h('div', 'mks-email__facts', ...facts) : null,
      links,
      e.campaign ? h('div', 'mks-email__campaign', `${t('campaign')}: `, e.campaign) : null,
    ),
    e.last === undefined ? h('span', null) : h('div', 'mks-email__time', rel(e.last)),
  );
}

/** host + path as the text; the full link in the title and, for web and mail links, the href. */
export function linkElement(raw: string): HTMLElement {
  const href = safeHref(raw);
  const { text } = cleanLink(raw);
  return href
    ? h(
        'a',
        { className: 'mks-event__link', attrs: { href, target: '_blank', rel: 'noopener noreferrer', title: raw } },
        text,
      )
    : h('span', { className: 'mks-event__link mks-event__link--text', attrs: { title: raw } }, raw);
}
