/**
 * Save: validate the mapping and the connection, register the mapping with the server (with the admin secret typed
 * now), keep the app's read-only status key with setProxyConfig, then store the public config with one setConfig. Without a callback kintone then
 * returns to the app's plug-in list, as native plug-ins do.
 */
import { kintone } from '../common/kintone';
import { storedValues } from '../common/stored-config';
import { normalizeServerUrl } from '../../../contract/src/admin-api';
import { adminErrorView, connectionProblems, registerApp, serverProblems, storeProxyConfigs } from './connection';
import type { ScreenContext } from './context';
import { focusFirstProblem, problemList, problemsShown, showProblems } from './problems';
import { validateDraft } from './validate';
import { alertBox, button } from './widgets';
import { h } from '../common/dom';

export interface SaveOptions {
  root: HTMLElement;
  feedback: HTMLElement;
  /** the server URL of the saved settings, whose proxy configs are dropped if it changed */
  previousServerUrl: string;
  register: boolean;
}

export async function saveSettings(ctx: ScreenContext, options: SaveOptions): Promise<void> {
  const { t, store } = ctx;
  const { root, feedback } = options;
  feedback.replaceChildren();
  const validation = validateDraft(store.draft, ctx.form, t);
  const connected = store.session.serverUrl.trim() !== '';
  // The server's refusal of the typed admin secret stands until the secret is typed again.
  const refusedSecret = problemsShown(root).filter(
    (p) => p.origin === 'server' && p.target === 'connection.adminSecret' && options.register,
  );
  const connection = connected && options.register ? connectionProblems(ctx, 'change') : [];
  const problems = [
    ...(validation.ok ? [] : validation.problems),
    ...(connection.length > 0 ? connection : refusedSecret),
  ];
  if (!validation.ok || problems.length > 0) {
    showProblems(root, problems);
    feedback.replaceChildren(problemList(root, t('fixProblems'), problems));
    focusFirstProblem(root);
    return;
  }
  showProblems(root, []);

  if (connected && options.register) {
    const result = await registerApp(ctx, validation.config);
    if (!result.ok) {
      showProblems(root, serverProblems(result.error, ctx));
      feedback.replaceChildren(
        alertBox(
          'error',
          h('p', null, t('registerBeforeSave')),
          adminErrorView(result.error, ctx),
          button(
            t('saveWithoutRegistering'),
            'normal',
            () => {
              void saveSettings(ctx, { ...options, register: false });
            },
            {
              'data-action': 'save-without-registering',
            },
          ),
        ),
      );
      if (!focusFirstProblem(root)) feedback.scrollIntoView({ block: 'nearest' });
      return;
    }
    store.applyRegistration(result.value);
    if (result.value.webhookSecret) {
      // Shown only this once: the page must not close before the admin has copied it into Marketo.
      feedback.replaceChildren(alertBox('success', t('secretIssuedOnSave')));
      root.querySelector('#mks-section-marketo')?.scrollIntoView({ block: 'start' });
      return;
    }
  }

  await storeProxyConfigs(ctx, options.previousServerUrl);
  kintone().plugin.app.setConfig(
    storedValues(validation.config, {
      serverUrl: normalizeServerUrl(store.session.serverUrl),
      webhookUrl: connected ? store.session.webhookUrl : '',
    }),
  );
}
