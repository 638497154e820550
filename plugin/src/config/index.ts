import { h } from '../common/dom';
import { langOf, translator } from '../common/i18n';
import { kintone, pluginConfig } from '../common/kintone';
import { readConnection, readMapping } from '../common/stored-config';
import type { ScreenContext } from './context';
import { loadFormModel, type FormModel } from './form-model';
import { initialSetup, wasMigrated } from './initial-draft';
import { configMessages } from './messages';
import { connectionProblems } from './connection';
import { refreshProblems } from './problems';
import { saveSettings } from './save';
import { connectionSection } from './sections/connection';
import { createFieldsSection } from './sections/create-fields';
import { alertsSection } from './sections/alerts';
import { eventsSection } from './sections/events';
import { historySection } from './sections/history';
import { leadSection } from './sections/lead';
import { marketoSection } from './sections/marketo';
import { panelSection } from './sections/panel';
import { scoreSection } from './sections/score';
import { summarySection } from './sections/summary';
import { Store } from './store';
import { validateDraft } from './validate';
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
  const setup = initialSetup(mapping, form, lang);
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
    h('nav', { className: 'mks-nav', attrs: { 'aria-label': t('nav.label') } }),
    ...notices.filter((n): n is HTMLElement => n !== null),
    createFieldsSection(ctx, setup.matched),
    leadSection(ctx),
    summarySection(ctx),
    historySection(ctx),
    eventsSection(ctx),
    scoreSection(ctx),
    alertsSection(ctx),
    panelSection(ctx),
    connectionSection(ctx, () => screen),
    marketoSection(ctx),
    h(
      'footer',
      { className: 'mks-footer', attrs: { 'aria-label': t('save') } },
      feedback,
      h('p', { className: 'mks-footer__note' }, t('footerNote')),
      h('div', { className: 'mks-footer__buttons' }, cancelButton, saveButton),
    ),
  );
  fillPageNav(screen);
  root.replaceChildren(screen);

  // A setting's error goes as soon as it is fixed (after the control's own handler has updated the draft).
  const afterEdit = (event: Event) => {
    // A text field reports each keystroke as `input`; its `change` on leaving would only move the page under the
    // pointer (a click on the button below would then miss).
    const target = event.target;
    if (event.type === 'change' && target instanceof HTMLInputElement && !['checkbox', 'radio'].includes(target.type))
      return;
    const edited = (event.target as Element | null)?.closest<HTMLElement>('.mks-row')?.dataset.target;
    queueMicrotask(() => {
      const validation = validateDraft(store.draft, form, t);
      const current = [
        ...(validation.ok ? [] : validation.problems),
        ...(store.session.serverUrl.trim() ? connectionProblems(ctx, 'change') : []),
      ];
      if (refreshProblems(screen, current, edited).length === 0) feedback.replaceChildren();
    });
  };
  screen.addEventListener('input', afterEdit);
  screen.addEventListener('change', afterEdit);
}

/** Links to the screen's sections, so the admin can jump to one; the section's heading then takes the focus. */
function fillPageNav(screen: HTMLElement): void {
  const nav = screen.querySelector('.mks-nav');
  if (!nav) return;
  const links = [...screen.querySelectorAll<HTMLElement>('section.mks-section')].map((section) => {
    const title = section.querySelector<HTMLElement>('.mks-section__title');
    return h(
      'li',
      null,
      h(
        'a',
        {
          className: 'mks-nav__link',
          attrs: { href: `#${section.id}`, 'data-section': section.id },
          on: {
            click: (event: Event) => {
              event.preventDefault();
              section.scrollIntoView({ block: 'start' });
              if (title) {
                title.tabIndex = -1;
                title.focus({ preventScroll: true });
              }
            },
          },
        },
        title?.textContent ?? section.id,
      ),
    );
  });
  nav.replaceChildren(h('ul', { className: 'mks-nav__list' }, ...links));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
