import type { Translate } from '../common/i18n';
import type { ConfigMessage } from './messages';
import type { Accepts } from './slots';

const NAMED = new Set([
  'SINGLE_LINE_TEXT',
  'MULTI_LINE_TEXT',
  'NUMBER',
  'DATETIME',
  'DROP_DOWN',
  'RADIO_BUTTON',
  'LINK',
  'USER_SELECT',
]);

export function typeLabel(accepts: Accepts, t: Translate<ConfigMessage>): string {
  if (accepts.type === 'LINK' && accepts.protocol) return t(`fieldType.LINK.${accepts.protocol}`);
  return NAMED.has(accepts.type) ? t(`fieldType.${accepts.type}` as ConfigMessage) : accepts.type;
}

export function typesLabel(accepts: readonly Accepts[], t: Translate<ConfigMessage>): string {
  const names = accepts.map((a) => typeLabel(a, t));
  const last = names.pop() ?? '';
  return names.length === 0 ? last : `${names.join(t('listSeparator'))}${t('or')}${last}`;
}
