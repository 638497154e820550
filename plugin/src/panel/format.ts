/** Short date and time for dense rows ("11/4 6:56"), and the <time> element the panel puts around every time. */
import { h } from '../common/dom';
import { dateFormat, formatDateTime, formatRelative, type Clock } from '../common/time';

const formats = new Map<string, Intl.DateTimeFormat>();

export function formatShort(ms: number, clock: Clock): string {
  const key = `${clock.lang} ${clock.timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = dateFormat(clock, { month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    formats.set(key, format);
  }
  return format.format(ms);
}

/** A relative time ("7 minutes ago") with the full date and time in its title. */
export function timeElement(ms: number, clock: Clock, text = formatRelative(ms, clock)): HTMLElement {
  return h('time', { attrs: { datetime: new Date(ms).toISOString(), title: formatDateTime(ms, clock) } }, text);
}
