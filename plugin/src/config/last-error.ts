/**
 * The status box's last error in the admin's language: what the server's code means and what to do about it, with the
 * server's own sentence folded under the details. A status without a code (stored before codes existed) or with one
 * this plug-in does not know (a newer server's) gets a generic sentence.
 */
import { isLastErrorCode } from '../../../contract/src/last-error';
import { h } from '../common/dom';
import type { ServerStatus } from './admin-client';
import { details } from './connection';
import type { ScreenContext } from './context';
import { alertBox } from './widgets';

/**
 * `resolved`: events were written after the error, so it is most likely over; shown as a muted note rather than an
 * alarm, with the same words and details.
 */
export function lastErrorBox(
  lastError: NonNullable<ServerStatus['lastError']>,
  when: string,
  ctx: ScreenContext,
  resolved = false,
): HTMLElement {
  const { code } = lastError;
  const known = isLastErrorCode(code);
  const message = ctx.t(known ? `lastError.${code}` : 'lastError.other');
  const content = [
    h('p', null, ctx.t(resolved ? 'earlierError' : 'lastError', { when, message })),
    details(ctx, lastError.message),
  ];
  const box = resolved ? h('div', { className: 'mks-earlier-error' }, ...content) : alertBox('error', ...content);
  box.dataset.role = 'last-error';
  box.dataset.code = known ? code : '';
  box.dataset.resolved = String(resolved);
  return box;
}
