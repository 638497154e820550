/** Shared by the desktop and mobile entries: read the settings and the record, find the place, render. */
import { RecordShapeError, type RecordFields } from '../../../contract/src/kintone-record';
import { langOf, pairedTranslator } from '../common/i18n';
import { kintone, pluginConfig } from '../common/kintone';
import { readMapping } from '../common/stored-config';
import type { ViewContext } from './context';
import { panelMessages } from './messages';
import { buildPanelModel, MissingFieldError } from './model';
import { renderPanel, type PanelState, type Variant } from './panel-view';

export interface PanelHost {
  variant: Variant;
  space(elementId: string): HTMLElement | null;
  /** Where the panel goes when no Space field is chosen or the chosen one is not on the form. */
  fallback(): HTMLElement | null;
  /** kintone's setFieldShown on this screen: shows or hides a field of the record. */
  setFieldShown(code: string, shown: boolean): void;
}

export function mountPanel(pluginId: string, record: RecordFields, host: PanelHost): void {
  const api = kintone();
  const user = api.getLoginUser();
  const lang = langOf(user.language);
  const ctx: ViewContext = {
    t: pairedTranslator(panelMessages, lang),
    clock: { lang, timeZone: user.timezone, now: Date.now() },
  };
  const mapping = readMapping(pluginConfig(pluginId));
  const space =
    mapping.kind === 'ok' && mapping.config.panel.placement === 'space'
      ? host.space(mapping.config.panel.spaceId)
      : null;
  const target = space ?? host.fallback();
  if (!target) return;

  let state: PanelState;
  if (mapping.kind === 'none') state = { kind: 'notConfigured' };
  else if (mapping.kind === 'invalid') {
    state = { kind: 'invalidConfig', detail: mapping.problems.map((p) => `${p.path}: ${p.message}`).join('; ') };
  } else {
    try {
      state = {
        kind: 'ready',
        model: buildPanelModel(record, mapping.config, ctx.clock.now),
        maxRows: mapping.config.history.maxRows,
      };
    } catch (error) {
      if (error instanceof MissingFieldError) state = { kind: 'missingField', code: error.code };
      else if (error instanceof RecordShapeError) state = { kind: 'failed', detail: error.message };
      else throw error;
    }
  }
  renderPanel(target, state, ctx, host.variant);
  // The panel shows the history's rows; the table goes only once the panel stands in its place.
  if (state.kind === 'ready' && mapping.kind === 'ok' && mapping.config.hideHistoryTable) {
    host.setFieldShown(mapping.config.history.table, false);
  }
}
