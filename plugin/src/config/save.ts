/**
 * Save: validate the mapping and the connection, register the mapping with the server (with the admin secret typed
 * now), keep the app's read-only status key with setProxyConfig, then store the public config with one setConfig. Without a callback kintone then
 * returns to the app's plug-in list, as native plug-ins do.
 */
import { kintone } from '../common/kintone';
import { storedValues } from '../common/stored-config';
import { normalizeServerUrl } from '../../../contract/src/admin-api';
import { adminClient, adminErrorView, connectionProblems, storeProxyConfigs } from './connection';
import type { ScreenContext } from './context';
import { problemList, showProblems } from './problems';
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
  const problems = [
    ...(validation.ok ? [] : validation.problems),
    ...(connected && options.register ? connectionProblems(ctx, 'change') : []),
  ];
  showProblems(root, problems);
  if (!validation.ok || problems.length > 0) {
    feedback.replaceChildren(problemList(root, t('fixProblems'), problems));
    feedback.scrollIntoView({ block: 'nearest' });
    return;
  }

  if (connected && options.register) {
    const apiToken = store.session.apiToken;
    const result = await adminClient(ctx).register(validation.config, location.origin, apiToken ? { apiToken } : {});
    if (!result.ok) {
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
      feedback.scrollIntoView({ block: 'nearest' });
      return;
    }
    store.applyRegistration(result.value);
  }

  await storeProxyConfigs(ctx, options.previousServerUrl);
  kintone().plugin.app.setConfig(
    storedValues(validation.config, {
      serverUrl: normalizeServerUrl(store.session.serverUrl),
      webhookUrl: connected ? store.session.webhookUrl : '',
    }),
  );
}
