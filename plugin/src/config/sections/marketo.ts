import { MARKETO_EVENT_TYPES, type MarketoEventType } from '../../../../contract/src/events';
import {
  TRIGGER_NAME_BY_TYPE,
  WEBHOOK_TOKEN_ENCODING,
  webhookHeaders,
  webhookTemplate,
} from '../../../../contract/src/marketo-setup';
import { h, type Child } from '../../common/dom';
import type { ScreenContext } from '../context';
import { copyable } from '../copy';
import { linesOf } from '../draft';
import { description, section } from '../widgets';

/** Marketo marks opens and clicks only; other triggers have no "Is Bot Activity" constraint. */
const BOT_FLAGGED: readonly MarketoEventType[] = ['open', 'click'];

export function marketoSection(ctx: ScreenContext): HTMLElement {
  const { t, store } = ctx;
  return section(
    'marketo',
    t('section.marketo'),
    description(t('marketoIntro')),
    store.bind(h('div', null), ['eventTypes', 'ignoreBots', 'visitPages', 'webhookUrl', 'webhookSecret'], () => {
      const { webhookUrl, webhookSecret } = store.session;
      const webhookName = `kintone-marketo-sync app ${ctx.appId}`;
      return [
        h('h3', { className: 'mks-subtitle' }, t('webhookStep')),
        setupTable(
          [t('webhookName'), copyable(webhookName, t)],
          [t('url'), copyable(webhookUrl, t, { placeholder: t('urlPending') })],
          [t('requestType'), h('code', null, 'POST')],
          [t('template'), copyable(webhookTemplate(), t, { block: true })],
          [
            t('encoding'),
            h(
              'span',
              null,
              h('code', null, WEBHOOK_TOKEN_ENCODING),
              h('span', { className: 'mks-hint' }, ` ${t('encodingHelp')}`),
            ),
          ],
          [t('responseType'), h('code', null, t('none'))],
        ),
        h('h3', { className: 'mks-subtitle' }, t('headerStep')),
        ...webhookHeaders(webhookSecret).map(({ name, value }) =>
          setupTable(
            [t('headerName'), copyable(name, t)],
            [t('headerValue'), copyable(value, t, { placeholder: t('secretPending') })],
          ),
        ),
        h('h3', { className: 'mks-subtitle' }, t('campaignStep')),
        store.draft.eventTypes.length === 0
          ? h('p', { className: 'mks-why' }, t('noEventTypes'))
          : h(
              'div',
              { className: 'mks-campaigns' },
              ...MARKETO_EVENT_TYPES.filter((type) => store.draft.eventTypes.includes(type)).map((type) =>
                campaignCard(ctx, type, webhookName),
              ),
            ),
        store.draft.eventTypes.includes('reply')
          ? h('p', { className: 'mks-hint', attrs: { 'data-note': 'reply' } }, t('replyNoCampaign'))
          : null,
      ];
    }),
  );
}

function campaignCard(ctx: ScreenContext, type: MarketoEventType, webhookName: string): HTMLElement {
  const { t } = ctx;
  const trigger = TRIGGER_NAME_BY_TYPE[type];
  const botConstraint = ctx.store.draft.ignoreBots && BOT_FLAGGED.includes(type);
  return h(
    'article',
    { className: 'mks-campaign', attrs: { 'data-type': type } },
    h('h4', { className: 'mks-campaign__title' }, t(`type.${type}`)),
    setupTable(
      [t('campaignName'), copyable(`kintone: ${trigger}`, t)],
      [t('trigger'), copyable(trigger, t)],
      type === 'visit' ? [t('campaignWebPage'), visitPagesConstraint(ctx)] : null,
      type === 'form'
        ? [
            t('campaignForm'),
            h(
              'span',
              null,
              h('code', null, t('campaignAnyForm')),
              h('span', { className: 'mks-hint' }, ` ${t('campaignFormHelp')}`),
            ),
          ]
        : null,
      botConstraint ? [t('constraint'), copyable('Is Bot Activity = False', t)] : null,
      [t('flow'), h('span', null, `${t('callWebhook')}: `, h('code', null, webhookName))],
      [t('schedule'), h('span', null, t('everyTime'))],
    ),
  );
}

/**
 * The visit campaign listens only on the pages whose visits are recorded: Marketo calls the webhook once per visit,
 * and a trigger on every page would spend the webhook's calls and the server's work on visits it then filters out.
 */
function visitPagesConstraint(ctx: ScreenContext): HTMLElement {
  const { t } = ctx;
  const patterns = linesOf(ctx.store.draft.visitPages);
  if (patterns.length === 0)
    return h('p', { className: 'mks-why', attrs: { 'data-note': 'visit-pages' } }, t('campaignNoPages'));
  return h(
    'div',
    { attrs: { 'data-note': 'visit-pages' } },
    h('code', null, t('campaignWebPageContains')),
    ...patterns.map((pattern) => copyable(pattern, t)),
    h('p', { className: 'mks-hint' }, t('campaignWebPageHelp')),
  );
}

function setupTable(...rows: Array<[string, Child] | null>): HTMLElement {
  return h(
    'div',
    { className: 'mks-setup' },
    ...rows
      .filter((r): r is [string, Child] => r !== null)
      .map(([key, value]) =>
        h(
          'div',
          { className: 'mks-setup__row' },
          h('div', { className: 'mks-setup__key' }, key),
          h('div', { className: 'mks-setup__value' }, value),
        ),
      ),
  );
}
