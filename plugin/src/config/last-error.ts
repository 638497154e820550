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

export function lastErrorBox(
  lastError: NonNullable<ServerStatus['lastError']>,
  when: string,
  ctx: ScreenContext,
): HTMLElement {
  const { code } = lastError;
  const known = isLastErrorCode(code);
  const box = alertBox(
    'error',
    h('p', null, ctx.t('lastError', { when, message: ctx.t(known ? `lastError.${code}` : 'lastError.other') })),
    details(ctx, lastError.message),
  );
  box.dataset.role = 'last-error';
  box.dataset.code = known ? code : '';
  return box;
}
