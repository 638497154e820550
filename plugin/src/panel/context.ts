import type { Translate } from '../common/i18n';
import type { Clock } from '../common/time';
import type { PanelMessage } from './messages';

export interface ViewContext {
  t: Translate<PanelMessage>;
  clock: Clock;
}
