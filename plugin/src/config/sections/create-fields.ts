/**
 * "Fields of this app": what the screen matched to existing fields for the admin to confirm, and a button that
 * adds the missing fields to the app after showing exactly what it will add (create-fields.ts does the adding).
 */
import { h } from '../../common/dom';
import type { ScreenContext } from '../context';
import { createFields, DeployFailed, planMissing, type Plan, type Step } from '../create-fields';
import { loadFormModel, type NotLive } from '../form-model';
import type { Match } from '../matching';
import type { ConfigMessage } from '../messages';
import { alertBox, button, description, section } from '../widgets';
import { alertsSection } from './alerts';
import { historySection } from './history';
import { leadSection } from './lead';
import { panelSection } from './panel';
import { scoreSection } from './score';
import { summarySection } from './summary';

function settingLabel(ctx: ScreenContext, target: string): string {
  const [head, a, b] = target.split('.');
  if (head === 'leadKey') return ctx.t('leadField');
  if (head === 'summary' && a) return ctx.t(`slot.${a}` as ConfigMessage);
  if (head === 'history' && a === 'table') return ctx.t('table');
  if (head === 'history' && b) return ctx.t(`column.${b}` as ConfigMessage);
  return ctx.t('spaceField');
}

function matchedList(ctx: ScreenContext, matched: readonly Match[]): HTMLElement | null {
  if (matched.length === 0) return null;
  return h(
    'details',
    { className: 'mks-advanced', attrs: { 'data-role': 'matched-details' } },
    h('summary', { className: 'mks-advanced__summary' }, ctx.t('fields.matchedSummary', { count: matched.length })),
    h('p', null, ctx.t('fields.matchedIntro')),
    h(
      'ul',
      { className: 'mks-matched', attrs: { 'data-role': 'matched' } },
      ...matched.map((m) =>
        h(
          'li',
          { attrs: { 'data-target': m.target } },
          `${settingLabel(ctx, m.target)}: ${m.label === m.code ? m.code : `${m.label} (${m.code})`} — ${ctx.t(`fields.how.${m.how}`)}`,
        ),
      ),
    ),
  );
}

function typeName(ctx: ScreenContext, type: string): string {
  if (type === 'LINK') return ctx.t('fieldType.LINK.WEB');
  return ctx.t(`fieldType.${type}` as ConfigMessage);
}

function planList(ctx: ScreenContext, plan: Plan): HTMLElement {
  const tableLabel = plan.fields.find((f) => f.type === 'SUBTABLE')?.label ?? '';
  return h(
    'ul',
    { className: 'mks-plan', attrs: { 'data-role': 'plan' } },
    ...plan.fields.map((f) =>
      h(
        'li',
        { attrs: { 'data-code': f.code }, className: f.table ? 'mks-plan__column' : '' },
        `${f.label} (${f.code}): ${typeName(ctx, f.type)}${f.table ? ` — ${ctx.t('fields.inTable', { table: tableLabel })}` : ''}`,
      ),
    ),
    plan.spaceId
      ? h('li', { attrs: { 'data-code': plan.spaceId } }, ctx.t('fields.space', { id: plan.spaceId }))
      : null,
    plan.view
      ? h(
          'li',
          { attrs: { 'data-view': plan.view.name } },
          ctx.t('fields.view', { name: plan.view.name, score: plan.view.scoreLabel }),
        )
      : null,
  );
}

/** What is in the app's settings but not live: nothing can use it, and adding more would deploy it unasked. */
function notLiveNotice(ctx: ScreenContext, notLive: readonly NotLive[]): HTMLElement {
  return alertBox(
    'info',
    h('p', { attrs: { 'data-role': 'not-live-intro' } }, ctx.t('fields.notLive')),
    h(
      'ul',
      { className: 'mks-plan', attrs: { 'data-role': 'not-live' } },
      ...notLive.map((n) =>
        h(
          'li',
          { attrs: { 'data-code': n.code } },
          n.kind === 'space'
            ? ctx.t('fields.notLive.space', { code: n.code })
            : n.label === n.code
              ? n.code
              : `${n.label} (${n.code})`,
        ),
      ),
    ),
  );
}

function describeFailure(ctx: ScreenContext, error: unknown): string {
  if (error instanceof DeployFailed)
    return ctx.t(error.status === 'PROCESSING' ? 'fields.deployPending' : 'fields.deployFailed');
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'GAIA_CO02') return ctx.t('fields.clash');
  if (['GAIA_NO01', 'CB_NO02', 'GAIA_NO02'].includes(code)) return ctx.t('fields.noRights');
  const message =
    typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return ctx.t('fields.failed', { detail: message });
}

/** Rebuilds the mapping sections once the form has new fields, so they offer (and show selected) the new ones. */
function rebuildMappingSections(ctx: ScreenContext, screen: ParentNode): void {
  const builders: Array<[string, (c: ScreenContext) => HTMLElement]> = [
    ['lead', leadSection],
    ['summary', summarySection],
    ['history', historySection],
    ['score', scoreSection],
    ['alerts', alertsSection],
    ['panel', panelSection],
  ];
  for (const [id, build] of builders) screen.querySelector(`#mks-section-${id}`)?.replaceWith(build(ctx));
}

export function createFieldsSection(ctx: ScreenContext, matched: readonly Match[]): HTMLElement {
  const { t, store } = ctx;
  const outcome = h('div', { attrs: { 'data-role': 'create-outcome', 'aria-live': 'polite' } });
  let confirming = false;
  const body = h('div', null);
  const element = section('fields', t('fields.title'), matchedList(ctx, matched), body, outcome);

  const render = (): Array<Node | null> => {
    if (ctx.form.notLive?.length) return [notLiveNotice(ctx, ctx.form.notLive)];
    const plan = planMissing(ctx.form, store.draft, ctx.lang);
    const count = plan.fields.filter((f) => !f.table).length + (plan.spaceId ? 1 : 0);
    if (count === 0 && !plan.view) return [description(t('fields.complete'))];
    if (!confirming) {
      return [
        description(count > 0 ? t('fields.missingIntro', { count }) : t('fields.viewOnlyIntro')),
        button(
          t('fields.add'),
          'normal',
          () => {
            confirming = true;
            refresh();
          },
          { 'data-action': 'add-fields' },
        ),
      ];
    }
    const progress = h('p', { className: 'kintoneplugin-desc', attrs: { role: 'status', 'data-role': 'progress' } });
    const confirmButton = button(
      t('fields.confirm'),
      'ok',
      () => {
        confirmButton.disabled = true;
        cancelButton.disabled = true;
        void run(plan, progress).finally(() => {
          confirming = false;
          refresh();
        });
      },
      { 'data-action': 'confirm-add-fields' },
    );
    const cancelButton = button(
      t('fields.cancel'),
      'cancel',
      () => {
        confirming = false;
        refresh();
      },
      { 'data-action': 'cancel-add-fields' },
    );
    return [
      h(
        'div',
        { className: 'mks-confirm', attrs: { 'data-role': 'confirm-add-fields' } },
        h('p', null, t('fields.confirmIntro')),
        planList(ctx, plan),
        h('div', { className: 'mks-inline' }, cancelButton, confirmButton),
        progress,
      ),
    ];
  };

  const run = async (plan: Plan, progress: HTMLElement): Promise<void> => {
    outcome.replaceChildren();
    try {
      await createFields(plan, {
        appId: ctx.appId,
        onStep: (step: Step) => {
          progress.textContent = t(`fields.step.${step}`);
        },
      });
      ctx.form = await loadFormModel(ctx.appId);
      const next = plan.apply(store.draft);
      store.setDraft('summary', next.summary);
      store.setDraft('statusLabels', next.statusLabels);
      store.setDraft('columns', next.columns);
      store.setDraft('table', next.table);
      store.setDraft('spaceId', next.spaceId);
      store.setDraft('placement', next.placement);
      const screen = element.parentNode;
      if (screen) rebuildMappingSections(ctx, screen);
      const said = [
        plan.fields.length > 0 ? t('fields.added', { count: plan.fields.length }) : '',
        plan.view ? t('fields.viewAdded', { name: plan.view.name }) : '',
      ];
      outcome.replaceChildren(alertBox('success', said.filter(Boolean).join(' ')));
    } catch (error) {
      outcome.replaceChildren(alertBox('error', describeFailure(ctx, error)));
      // What did reach the app's settings is listed as not live yet, and is not offered to add again.
      ctx.form = await loadFormModel(ctx.appId).catch(() => ctx.form);
    }
  };

  const refresh = () => body.replaceChildren(...render().filter((n): n is Node => n !== null));
  store.bind(body, ['summary', 'table', 'placement', 'spaceId', 'eventTypes', 'scoreOn'], () =>
    confirming ? [...body.childNodes] : render(),
  );
  return element;
}
