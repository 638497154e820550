import { h } from '../common/dom';
import { langOf, translator } from '../common/i18n';
import { kintone, pluginConfig } from '../common/kintone';
import { readConnection, readMapping } from '../common/stored-config';
import type { ScreenContext } from './context';
import { loadFormModel, type FormModel } from './form-model';
import { initialSetup, wasMigrated } from './initial-draft';
import { configMessages } from './messages';
import { saveSettings } from './save';
import { connectionSection } from './sections/connection';
import { createFieldsSection } from './sections/create-fields';
import { eventsSection } from './sections/events';
import { historySection } from './sections/history';
import { leadSection } from './sections/lead';
import { marketoSection } from './sections/marketo';
import { panelSection } from './sections/panel';
import { summarySection } from './sections/summary';
import { Store } from './store';
import { alertBox, busy, button } from './widgets';

// kintone.$PLUGIN_ID is only defined while this file is first executed.
const PLUGIN_ID = kintone().$PLUGIN_ID;

void start(PLUGIN_ID);

async function start(pluginId: string): Promise<void> {
  const root = document.getElementById('mks-config');
  if (!root) return;
  const api = kintone();
  const user = api.getLoginUser();
  const lang = langOf(user.language);
  const t = translator(configMessages, lang);
  const appId = api.app.getId();
  root.lang = lang;
  root.replaceChildren(h('p', { className: 'mks-loading' }, t('loading')));

  let form: FormModel;
  try {
    if (appId === null) throw new Error('kintone.app.getId() returned no app');
    form = await loadFormModel(appId);
  } catch (error) {
    root.replaceChildren(alertBox('error', t('loadFailed', { detail: describe(error) })));
    return;
  }

  const stored = pluginConfig(pluginId);
  const mapping = readMapping(stored);
  const connection = readConnection(stored);
  const setup = initialSetup(mapping, form);
  const store = new Store(setup.draft, {
    serverUrl: connection.serverUrl,
    adminSecret: '',
    apiToken: '',
    webhookUrl: connection.webhookUrl,
    webhookSecret: '',
    statusKey: '',
  });
  const ctx: ScreenContext = {
    t,
    lang,
    clock: () => ({ lang, timeZone: user.timezone, now: Date.now() }),
    appId,
    pluginId,
    form,
    store,
  };

  const notices = [
    mapping.kind === 'ok' && wasMigrated(stored, mapping.config) ? alertBox('info', t('migrated')) : null,
    mapping.kind === 'invalid'
      ? alertBox(
          'error',
          t('savedInvalid', { detail: mapping.problems.map((p) => `${p.path}: ${p.message}`).join('; ') }),
        )
      : null,
  ];
  const feedback = h('div', { className: 'mks-feedback', attrs: { 'data-role': 'feedback' } });
  const screen = h('div', { className: 'mks-screen' });
  const saveButton = button(
    t('save'),
    'ok',
    () => {
      void busy(saveButton, t('saving'), () =>
        saveSettings(ctx, { root: screen, feedback, previousServerUrl: connection.serverUrl, register: true }),
      );
    },
    { 'data-action': 'save' },
  );
  const cancelButton = button(t('cancel'), 'cancel', () => history.back(), { 'data-action': 'cancel' });

  screen.append(
    h(
      'header',
      { className: 'mks-page-header' },
      h('h1', { className: 'mks-page-title' }, t('pageTitle')),
      h('p', { className: 'kintoneplugin-desc' }, t('pageIntro')),
    ),
    ...notices.filter((n): n is HTMLElement => n !== null),
    createFieldsSection(ctx, setup.matched),
    leadSection(ctx),
    summarySection(ctx),
    historySection(ctx),
    eventsSection(ctx),
    panelSection(ctx),
    connectionSection(ctx, () => screen),
    marketoSection(ctx),
    h(
      'footer',
      { className: 'mks-footer' },
      feedback,
      h('div', { className: 'mks-footer__buttons' }, cancelButton, saveButton),
    ),
  );
  root.replaceChildren(screen);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
