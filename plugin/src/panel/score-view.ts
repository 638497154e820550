/**
 * The engagement score in two short lines: the number (with a bar that only repeats it) and why, the three events
 * that add the most, each with how long ago. Said in text, so colour carries nothing alone.
 */
import { MAX_SCORE } from '../../../contract/src/score';
import { h, modified } from '../common/dom';
import type { ViewContext } from './context';
import { timeElement } from './format';
import { eventIcon } from './icons';
import type { ScoreView } from './model';
import { reasonText } from './reasons';

export function scoreLine(score: ScoreView, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const fill = h('span', 'mks-score__fill');
  fill.style.width = `${(score.now / MAX_SCORE) * 100}%`;
  const stored = score.stored !== undefined && score.stored !== score.now ? score.stored : undefined;
  return h(
    'div',
    { className: 'mks-score', attrs: { 'data-score': score.now, 'data-stored': score.stored } },
    h(
      'div',
      'mks-score__head',
      h('span', 'mks-score__label', t('scoreLabel')),
      h('strong', 'mks-score__value', score.now),
      h('span', 'mks-score__max', `/${MAX_SCORE}`),
      h('span', { className: 'mks-score__bar', attrs: { 'aria-hidden': 'true' } }, fill),
      stored === undefined ? null : h('span', 'mks-score__stored', t('scoreStored', { n: stored })),
    ),
    why(score, ctx),
  );
}

function why(score: ScoreView, ctx: ViewContext): HTMLElement {
  const { t, clock } = ctx;
  if (score.top.length === 0) {
    const { reset } = score;
    return h(
      'p',
      'mks-score__why mks-score__none',
      reset ? sentence(t('scoreReset', { what: t(`type.${reset.type}`) }), reset.at, ctx) : t('scoreNothing'),
    );
  }
  return h(
    'div',
    'mks-score__why',
    h('span', { className: 'mks-score__why-label', attrs: { 'aria-hidden': 'true' } }, `${t('scoreWhy')}:`),
    h(
      'ol',
      { className: 'mks-reasons', attrs: { 'aria-label': t('scoreWhy') } },
      ...score.top.map((row) =>
        h(
          'li',
          { className: modified('mks-reason', row.type), attrs: { 'data-type': row.type } },
          h('span', 'mks-reason__icon', eventIcon(row.type)),
          reasonText(row, ctx),
          ' ',
          timeElement(row.at, clock),
        ),
      ),
    ),
  );
}

/** A sentence with its time as a <time> element where the message says {when}. */
function sentence(message: string, at: number, ctx: ViewContext): HTMLElement {
  const [before = '', after = ''] = message.split('{when}');
  return h('span', null, before, timeElement(at, ctx.clock), after);
}
