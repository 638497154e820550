import type { Lang, Translate } from '../common/i18n';
import type { Clock } from '../common/time';
import type { FormModel } from './form-model';
import type { ConfigMessage } from './messages';
import type { Store } from './store';

export interface ScreenContext {
  t: Translate<ConfigMessage>;
  lang: Lang;
  clock: () => Clock;
  appId: number;
  pluginId: string;
  form: FormModel;
  store: Store;
}
