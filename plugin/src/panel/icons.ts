/** Small line icons for the event types, drawn as SVG in currentColor. */
import type { EventType } from '../../../contract/src/events';
import { svg } from '../common/dom';

const CIRCLE = 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2z';

const PATHS: Record<EventType | 'unknown', string[]> = {
  send: ['M2.5 8 13.5 2.5 10 13.5 7.5 9z', 'M7.5 9 13.5 2.5'],
  delivered: ['M2 9.5h3.2l1 1.8h3.6l1-1.8H14V14H2z', 'M5 5.2l2 2 4-4'],
  open: ['M2 6.8 8 2.8l6 4V14H2z', 'M2 6.8l6 4 6-4'],
  click: ['M4 2.5v10l2.8-2.6 1.9 4 1.8-.8-1.9-4h3.7z'],
  bounce: ['M6 3.5 2.5 7 6 10.5', 'M2.5 7h7.5a3.5 3.5 0 0 1 0 7H8'],
  unsubscribe: [CIRCLE, 'M3.8 12.2l8.4-8.4'],
  reply: ['M2.5 3h11v7.5H8l-3.5 3v-3h-2z', 'M5 6h6', 'M5 8h4'],
  visit: [CIRCLE, 'M2 8h12', 'M8 2c-2.2 2.4-2.2 9.6 0 12', 'M8 2c2.2 2.4 2.2 9.6 0 12'],
  form: ['M3.5 2h9v12h-9z', 'M5.5 5h5', 'M5.5 7.5h5', 'M5.5 10h3'],
  unknown: [CIRCLE, 'M8 5v3.5', 'M8 11v.5'],
};

export function eventIcon(type: EventType | undefined): SVGSVGElement {
  const paths = PATHS[type ?? 'unknown'];
  return svg(
    'svg',
    {
      viewBox: '0 0 16 16',
      width: 16,
      height: 16,
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': 1.6,
      'stroke-linejoin': 'round',
      'stroke-linecap': 'round',
      'aria-hidden': 'true',
    },
    ...paths.map((d) => svg('path', { d })),
  );
}
