import { kintoneDay } from '../../../../contract/src/kintone-day';
import { h } from '../../common/dom';
import { STATUS_SOURCES } from '../../../../contract/src/admin-api';
import { formatDateTime, formatRelative } from '../../common/time';
import type { ServerStatus, TestOutcome } from '../admin-client';
import {
  adminClient,
  adminErrorView,
  checkAdminSecret,
  connectionProblems,
  details,
  registerApp,
  serverProblems,
  serverUrlProblem,
  testOutcomeText,
  type SecretCheck,
} from '../connection';
import type { ScreenContext } from '../context';
import { lastErrorBox } from '../last-error';
import { validateDraft } from '../validate';
import { showProblems, problemsShown } from '../problems';
import { alertBox, busy, button, description, row, section, textInput } from '../widgets';

const POLL_MS = 15_000;

export function connectionSection(ctx: ScreenContext, root: () => HTMLElement): HTMLElement {
  const { t, store } = ctx;
  const registerResult = h('div', { className: 'mks-result', attrs: { 'data-result': 'register' } });
  const testResult = h('div', { className: 'mks-result', attrs: { 'data-result': 'test' } });
  const statusBox = h('div', { className: 'mks-server-status', attrs: { 'aria-live': 'polite' } });
  const whose = h('p', { className: 'mks-status-card__whose', attrs: { 'data-role': 'status-whose' } });
  const staleNote = h('p', { className: 'mks-status-stale', attrs: { hidden: true, 'data-role': 'status-stale' } });
  /** The server URL the status box shows figures of. */
  let shownServer = '';
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
    const server = ctx.store.session.serverUrl.trim();
    try {
      const result = await adminClient(ctx).status();
      statusBox.replaceChildren(result.ok ? statusView(result.value, ctx) : adminErrorView(result.error, ctx));
      shownServer = server;
      whose.textContent = t('statusWhose', { appId: String(ctx.appId), server: displayHost(server) });
      markStale(false);
    } finally {
      // eslint-disable-next-line require-atomic-updates -- the flag is the single-flight guard: only this call set it.
      statusInFlight = false;
    }
  };

  /** Greys the figures out while the server URL is edited away from the one they are of. */
  const markStale = (stale: boolean) => {
    statusBox.toggleAttribute('data-stale', stale);
    staleNote.hidden = !stale;
    if (stale) staleNote.textContent = t('statusStale', { server: displayHost(shownServer) });
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
      const result = await registerApp(ctx, validation.config, rotateWebhookSecret);
      if (!result.ok) {
        const problems = serverProblems(result.error, ctx);
        if (problems.length > 0) showProblems(root(), problems);
        if (result.error.kind === 'unauthorized') showSecretCheck('refused');
        registerResult.replaceChildren(adminErrorView(result.error, ctx));
        return;
      }
      showSecretCheck('verified');
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

  const testOutcomeBox = (outcome: TestOutcome, key: string) => {
    const text = testOutcomeText(outcome, key, ctx);
    if (outcome.outcome === 'written') return alertBox('success', text);
    if (outcome.outcome === 'failed') return alertBox('error', h('p', null, text), details(ctx, outcome.message));
    return alertBox('info', text);
  };

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
        const key = leadKey.trim();
        const result = await adminClient(ctx).testEvent(key);
        testResult.replaceChildren(result.ok ? testOutcomeBox(result.value, key) : adminErrorView(result.error, ctx));
        if (result.ok) testResult.firstElementChild?.setAttribute('data-outcome', result.value.outcome);
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

  // The typed admin secret, checked alone with the server as soon as the admin stops typing.
  const secretCheck = h('span', {
    className: 'mks-check',
    attrs: { 'data-role': 'secret-check', 'aria-live': 'polite' },
  });
  const showSecretCheck = (check: SecretCheck | '') => {
    secretCheck.dataset.secretCheck = check;
    secretCheck.textContent = check ? t(`secretCheck.${check}`) : '';
  };
  let checkTimer = 0;
  let checkRound = 0;
  const scheduleSecretCheck = () => {
    window.clearTimeout(checkTimer);
    const round = ++checkRound;
    const { adminSecret, serverUrl } = store.session;
    if (!adminSecret || serverUrlProblem(serverUrl)) {
      showSecretCheck('');
      return;
    }
    showSecretCheck('checking');
    checkTimer = window.setTimeout(() => {
      void checkAdminSecret(ctx).then((check) => {
        if (round !== checkRound) return;
        showSecretCheck(check);
        // A secret the server refused is an error of the field until it is retyped; an accepted one clears it.
        const secretRow = root().querySelector<HTMLElement>('.mks-row[data-target="connection.adminSecret"]');
        if (check === 'refused') {
          showProblems(root(), [
            ...problemsShown(root()).filter((p) => p.target !== 'connection.adminSecret'),
            {
              origin: 'server',
              target: 'connection.adminSecret',
              message: t('error.secretRefused'),
            },
          ]);
        } else if (secretRow?.classList.contains('mks-row--invalid')) {
          showProblems(
            root(),
            problemsShown(root()).filter((p) => p.target !== 'connection.adminSecret'),
          );
        }
      });
    }, 400);
  };
  const adminSecretInput = secretInput('adminSecret', 'connection.adminSecret');
  adminSecretInput.addEventListener('input', scheduleSecretCheck);

  const element = section(
    'connection',
    t('section.connection'),
    description(t('connectionIntro')),
    row('connection.serverUrl', t('serverUrl'), serverUrlInput(), { help: t('serverUrlHelp') }),
    row(
      'connection.adminSecret',
      t('adminSecret'),
      h('div', { className: 'mks-secret' }, adminSecretInput, secretCheck),
      {
        help: t('adminSecretHelp'),
      },
    ),
    row('connection.apiToken', t('apiToken'), secretInput('apiToken', 'connection.apiToken'), {
      help: t('apiTokenHelp'),
    }),
    description(t('registerHelp')),
    h('div', { className: 'mks-actions' }, registerButton, rotateButton),
    registerResult,
    h(
      'div',
      { className: 'mks-status-card' },
      h(
        'div',
        { className: 'mks-status-card__head' },
        h('h3', { className: 'mks-subtitle', attrs: { id: 'mks-server-status-title' } }, t('serverStatus')),
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
      whose,
      staleNote,
      statusBox,
    ),
    h('h3', { className: 'mks-subtitle' }, t('testTitle')),
    description(t('testHelp')),
    store.bind(h('div', { className: 'mks-inline' }), ['leadSource'], () => [
      textInput(leadKey, (v) => (leadKey = v), {
        placeholder: t(`testPlaceholder.${store.draft.leadSource}`),
        'data-slot': 'test.leadKey',
        'aria-label': t(`leadSource.${store.draft.leadSource}`),
      }),
      testButton,
    ]),
    testResult,
  );

  function serverUrlInput(): HTMLInputElement {
    const input = textInput(
      store.session.serverUrl,
      (v) => {
        store.setSession('serverUrl', v.trim());
        markStale(shownServer !== '' && v.trim() !== shownServer);
        scheduleSecretCheck();
      },
      {
        type: 'url',
        placeholder: 'https://',
        class: 'kintoneplugin-input-text mks-input-wide',
        'data-slot': 'connection.serverUrl',
      },
    );
    input.addEventListener('change', () => {
      if (store.session.serverUrl.trim() !== shownServer) void refreshStatus();
    });
    return input;
  }

  void refreshStatus();
  window.setInterval(() => {
    if (document.visibilityState === 'visible') void refreshStatus();
  }, POLL_MS);
  return element;
}

/** The server as the admin knows it: its host, or the text typed when it is no URL. */
function displayHost(serverUrl: string): string {
  try {
    const url = new URL(serverUrl);
    return `${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return serverUrl;
  }
}

function smallButton(element: HTMLButtonElement): HTMLButtonElement {
  element.classList.add('mks-small-button');
  return element;
}

/** The daily re-score's last run, when the app has had one: what it read and rewrote, and why it stopped early. */
function lastRescoreLine(run: ServerStatus['lastRescore'], ctx: ScreenContext): HTMLElement | null {
  const at = run ? Date.parse(run.at) : Number.NaN;
  if (!run || Number.isNaN(at)) return null;
  const count = (n: number) => n.toLocaleString(ctx.lang);
  const text = ctx.t('lastRescore', {
    when: formatDateTime(at, ctx.clock()),
    examined: count(run.examined),
    changed: count(run.changed),
    requests: count(run.requests),
  });
  return h(
    'p',
    { className: 'mks-muted', attrs: { 'data-role': 'last-rescore', 'data-stopped': run.stopped?.reason ?? '' } },
    run.stopped ? `${text} ${ctx.t(`lastRescore.${run.stopped.reason}`)}` : text,
  );
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
  const sources = STATUS_SOURCES.filter((source) => (status.bySource?.[source]?.written ?? 0) > 0);
  const lastEvent = status.lastEventAt ? Date.parse(status.lastEventAt) : Number.NaN;
  const lastErrorAt = status.lastError ? Date.parse(status.lastError.at) : Number.NaN;
  const reconciledUntil = status.reconciledUntil ? Date.parse(status.reconciledUntil) : Number.NaN;
  return h(
    'div',
    null,
    h('div', { className: 'mks-counts' }, ...counts),
    status.written > status.accepted || sources.length > 0
      ? h('p', { className: 'mks-muted', attrs: { 'data-role': 'sources-explain' } }, t('sources.explain'))
      : null,
    sources.length > 0
      ? h(
          'div',
          { attrs: { 'data-role': 'sources' } },
          h('p', { className: 'mks-muted' }, t('sources.written')),
          h(
            'ul',
            { className: 'mks-sources' },
            ...sources.map((source) =>
              h(
                'li',
                { attrs: { 'data-source': source } },
                t('sourceCount', {
                  source: t(`source.${source}`),
                  count: (status.bySource?.[source]?.written ?? 0).toLocaleString(ctx.lang),
                }),
              ),
            ),
          ),
        )
      : null,
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
    lastRescoreLine(status.lastRescore, ctx),
    status.lastError
      ? lastErrorBox(
          status.lastError,
          Number.isNaN(lastErrorAt) ? status.lastError.at : formatDateTime(lastErrorAt, clock),
          ctx,
          lastEvent > lastErrorAt,
        )
      : null,
  );
}
