import { kintoneDay } from '../../../../contract/src/kintone-day';
import { h } from '../../common/dom';
import { guestSpaceId } from '../../common/kintone';
import { formatDateTime, formatRelative } from '../../common/time';
import type { ServerStatus } from '../admin-client';
import { adminClient, adminErrorView, connectionProblems } from '../connection';
import type { ScreenContext } from '../context';
import { validateDraft } from '../validate';
import { showProblems } from '../problems';
import { alertBox, busy, button, description, row, section, textInput } from '../widgets';

const POLL_MS = 15_000;

export function connectionSection(ctx: ScreenContext, root: () => HTMLElement): HTMLElement {
  const { t, store } = ctx;
  const registerResult = h('div', { className: 'mks-result', attrs: { 'data-result': 'register' } });
  const testResult = h('div', { className: 'mks-result', attrs: { 'data-result': 'test' } });
  const statusBox = h('div', { className: 'mks-server-status', attrs: { 'aria-live': 'polite' } });
  let leadKey = '';

  const problemsBefore = (purpose: 'change' | 'status'): boolean => {
    const problems = connectionProblems(ctx, purpose);
    showProblems(root(), problems);
    return problems.length > 0;
  };

  let statusInFlight = false;
  const refreshStatus = async () => {
    if (statusInFlight || connectionProblems(ctx, 'status').length > 0) {
      if (!statusInFlight) statusBox.replaceChildren(h('p', { className: 'mks-muted' }, t('statusIdle')));
      return;
    }
    statusInFlight = true;
    try {
      const result = await adminClient(ctx).status();
      statusBox.replaceChildren(result.ok ? statusView(result.value, ctx) : adminErrorView(result.error, ctx));
    } finally {
      // eslint-disable-next-line require-atomic-updates -- the flag is the single-flight guard: only this call set it.
      statusInFlight = false;
    }
  };

  const register = (trigger: HTMLButtonElement, busyLabel: string, rotateWebhookSecret: boolean) => {
    registerResult.replaceChildren();
    const validation = validateDraft(store.draft, ctx.form, t);
    if (!validation.ok) {
      showProblems(root(), validation.problems);
      registerResult.replaceChildren(alertBox('error', t('fixMappingFirst')));
      return;
    }
    if (problemsBefore('change')) return;
    if (rotateWebhookSecret && !window.confirm(t('rotateConfirm'))) return;
    void busy(trigger, busyLabel, async () => {
      const apiToken = store.session.apiToken;
      const guest = guestSpaceId();
      const result = await adminClient(ctx).register(validation.config, location.origin, {
        ...(apiToken ? { apiToken } : {}),
        ...(guest ? { guestSpaceId: guest } : {}),
        rotateWebhookSecret,
      });
      if (!result.ok) {
        registerResult.replaceChildren(adminErrorView(result.error, ctx));
        return;
      }
      store.applyRegistration(result.value);
      registerResult.replaceChildren(
        alertBox('success', t(result.value.webhookSecret ? 'secretIssued' : 'registered')),
      );
      await refreshStatus();
    });
  };
  const registerButton = button(t('register'), 'normal', () => register(registerButton, t('registering'), false), {
    'data-action': 'register',
  });
  const rotateButton = button(t('rotateSecret'), 'normal', () => register(rotateButton, t('rotating'), true), {
    'data-action': 'rotate-secret',
  });

  const testButton = button(
    t('sendTest'),
    'normal',
    () => {
      testResult.replaceChildren();
      if (problemsBefore('change')) return;
      if (!leadKey.trim()) {
        testResult.replaceChildren(alertBox('error', t('needLeadKey')));
        return;
      }
      void busy(testButton, t('sendingTest'), async () => {
        const result = await adminClient(ctx).testEvent(leadKey.trim());
        testResult.replaceChildren(
          result.ok
            ? alertBox('info', t('testResult', { outcome: result.value.outcome, message: result.value.message }))
            : adminErrorView(result.error, ctx),
        );
        await refreshStatus();
      });
    },
    { 'data-action': 'test-event' },
  );

  const secretInput = (key: 'adminSecret' | 'apiToken', slot: string) =>
    textInput(store.session[key], (v) => store.setSession(key, v.trim()), {
      type: 'password',
      'data-slot': slot,
      autocomplete: 'new-password',
    });

  const element = section(
    'connection',
    t('section.connection'),
    description(t('connectionIntro')),
    row(
      'connection.serverUrl',
      t('serverUrl'),
      textInput(store.session.serverUrl, (v) => store.setSession('serverUrl', v.trim()), {
        type: 'url',
        placeholder: 'https://',
        class: 'kintoneplugin-input-text mks-input-wide',
        'data-slot': 'connection.serverUrl',
      }),
      { help: t('serverUrlHelp') },
    ),
    row('connection.adminSecret', t('adminSecret'), secretInput('adminSecret', 'connection.adminSecret'), {
      help: t('adminSecretHelp'),
    }),
    row('connection.apiToken', t('apiToken'), secretInput('apiToken', 'connection.apiToken'), {
      help: t('apiTokenHelp'),
    }),
    h('div', { className: 'mks-actions' }, registerButton, rotateButton),
    registerResult,
    h(
      'div',
      { className: 'mks-status-card' },
      h(
        'div',
        { className: 'mks-status-card__head' },
        h('h3', { className: 'mks-subtitle' }, t('serverStatus')),
        smallButton(
          button(
            t('refresh'),
            'normal',
            () => {
              void refreshStatus();
            },
            { 'data-action': 'refresh-status' },
          ),
        ),
      ),
      statusBox,
    ),
    h('h3', { className: 'mks-subtitle' }, t('testTitle')),
    description(t('testHelp')),
    store.bind(h('div', { className: 'mks-inline' }), ['leadSource'], () => [
      textInput(leadKey, (v) => (leadKey = v), {
        placeholder: t(`testPlaceholder.${store.draft.leadSource}`),
        'data-slot': 'test.leadKey',
      }),
      testButton,
    ]),
    testResult,
  );

  void refreshStatus();
  window.setInterval(() => {
    if (document.visibilityState === 'visible') void refreshStatus();
  }, POLL_MS);
  return element;
}

function smallButton(element: HTMLButtonElement): HTMLButtonElement {
  element.classList.add('mks-small-button');
  return element;
}

function statusView(status: ServerStatus, ctx: ScreenContext): HTMLElement {
  const { t } = ctx;
  const clock = ctx.clock();
  const keys = (
    ['accepted', 'written', 'duplicates', 'trimmed', 'unmatched', 'filtered', 'failed', 'deferred'] as const
  ).filter((key) => status[key] !== undefined && ((key !== 'deferred' && key !== 'trimmed') || status[key] > 0));
  const requestsToday = status.kintoneRequests?.[kintoneDay(new Date(clock.now))] ?? 0;
  const counts = keys.map((key) => {
    const value = status[key] ?? 0;
    return h(
      'div',
      { className: `mks-count mks-count--${key}`, attrs: { 'data-count': key, 'data-nonzero': value > 0 } },
      h('div', { className: 'mks-count__value' }, value.toLocaleString(ctx.lang)),
      h('div', { className: 'mks-count__label' }, t(`count.${key}`)),
    );
  });
  const lastEvent = status.lastEventAt ? Date.parse(status.lastEventAt) : Number.NaN;
  const lastErrorAt = status.lastError ? Date.parse(status.lastError.at) : Number.NaN;
  const reconciledUntil = status.reconciledUntil ? Date.parse(status.reconciledUntil) : Number.NaN;
  return h(
    'div',
    null,
    h('div', { className: 'mks-counts' }, ...counts),
    h(
      'p',
      { className: 'mks-muted', attrs: { 'data-requests-today': requestsToday } },
      t('requestsToday', { count: requestsToday.toLocaleString(ctx.lang) }),
    ),
    h(
      'p',
      { className: 'mks-muted' },
      Number.isNaN(lastEvent)
        ? t('noEvents')
        : t('lastEvent', { when: `${formatRelative(lastEvent, clock)} (${formatDateTime(lastEvent, clock)})` }),
    ),
    !status.reconciledUntil || Number.isNaN(reconciledUntil)
      ? null
      : h(
          'p',
          { className: 'mks-muted', attrs: { 'data-reconciled-until': status.reconciledUntil } },
          t('reconciledUntil', { when: formatDateTime(reconciledUntil, clock) }),
        ),
    status.lastError
      ? alertBox(
          'error',
          t('lastError', {
            when: Number.isNaN(lastErrorAt) ? status.lastError.at : formatDateTime(lastErrorAt, clock),
            message: status.lastError.message,
          }),
        )
      : null,
  );
}
