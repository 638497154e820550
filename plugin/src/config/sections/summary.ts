import { DEFAULT_STATUS_LABELS, STATUSES, type Status } from '../../../../contract/src/config';
import { h } from '../../common/dom';
import type { ScreenContext } from '../context';
import { fieldSelect } from '../field-select';
import type { FormField } from '../form-model';
import { summarySlotsFor, type SummarySlot } from '../slots';
import { description, row, section, selectBox, textInput } from '../widgets';

/** The slots this section maps: those the recorded events use; the score has its own section. */
function slotsShown(ctx: ScreenContext): SummarySlot[] {
  return summarySlotsFor(ctx.store.draft).filter((slot) => slot !== 'score');
}

export function summarySection(ctx: ScreenContext): HTMLElement {
  const { t, store } = ctx;
  const grid = store.bind(h('div', { className: 'mks-grid' }), ['eventTypes'], () =>
    slotsShown(ctx).map((slot) =>
      row(
        `summary.${slot}`,
        t(`slot.${slot}`),
        fieldSelect(
          ctx,
          { kind: 'summary', slot },
          store.draft.summary[slot],
          false,
          (code) => {
            if (slot === 'status') adoptOptions(ctx, code);
            store.setDraft('summary', { ...store.draft.summary, [slot]: code });
          },
          { 'data-slot': `summary.${slot}` },
        ),
      ),
    ),
  );
  // The summary fields are optional and usually matched or added for the admin: folded, with a count that
  // says how many are set; a problem inside opens it.
  const summaryLine = store.bind(
    h('summary', { className: 'mks-advanced__summary' }),
    ['summary', 'eventTypes'],
    () => {
      const shown = slotsShown(ctx);
      return [
        document.createTextNode(
          t('summaryAdvanced', {
            matched: shown.filter((slot) => store.draft.summary[slot]).length,
            total: shown.length,
          }),
        ),
      ];
    },
  );
  const details = h(
    'details',
    { className: 'mks-advanced', attrs: { 'data-role': 'summary-advanced' } },
    summaryLine,
    grid,
    store.bind(h('div', { className: 'mks-status-values' }), ['summary'], () => statusValues(ctx)),
  );
  new MutationObserver(() => {
    if (details.querySelector('.mks-row--invalid')) details.open = true;
  }).observe(details, { subtree: true, attributes: true, attributeFilter: ['class'] });
  return section('summary', t('section.summary'), description(t('summaryIntro')), details);
}

function statusField(ctx: ScreenContext): FormField | undefined {
  return ctx.form.fields.find((f) => f.code === ctx.store.draft.summary.status);
}

function optionsOf(field: FormField | undefined): string[] | undefined {
  return field && field.type !== 'SINGLE_LINE_TEXT' ? field.options : undefined;
}

/** When a choice field is picked for the status, each status takes the option that reads like it. */
function adoptOptions(ctx: ScreenContext, code: string): void {
  const options = optionsOf(ctx.form.fields.find((f) => f.code === code));
  if (!options) return;
  const { statusLabels } = ctx.store.draft;
  const pick = (status: Status) => {
    if (options.includes(statusLabels[status])) return statusLabels[status];
    const wanted = [DEFAULT_STATUS_LABELS[status], ctx.t(`status.${status}`)].map((s) => s.toLowerCase());
    return options.find((o) => wanted.includes(o.toLowerCase())) ?? '';
  };
  ctx.store.setDraft('statusLabels', Object.fromEntries(STATUSES.map((s) => [s, pick(s)])) as Record<Status, string>);
}

function statusValues(ctx: ScreenContext): Array<HTMLElement | null> {
  const { t, store } = ctx;
  const field = statusField(ctx);
  if (!store.draft.summary.status || !field) return [];
  const options = optionsOf(field);
  const setLabel = (status: Status, label: string) =>
    store.setDraft('statusLabels', { ...store.draft.statusLabels, [status]: label });
  return [
    h('h3', { className: 'mks-subtitle' }, t('statusValues')),
    description(t(options ? 'statusValuesHelp.options' : 'statusValuesHelp.text', { field: field.label })),
    h(
      'div',
      { className: 'mks-grid mks-grid--compact' },
      ...STATUSES.map((status) =>
        row(
          `summary.statusLabels.${status}`,
          t(`status.${status}`),
          options
            ? selectBox(
                [{ value: '', label: t('chooseField') }, ...options.map((o) => ({ value: o, label: o }))],
                store.draft.statusLabels[status],
                (label) => setLabel(status, label),
                { 'data-status': status },
              ).element
            : textInput(store.draft.statusLabels[status], (label) => setLabel(status, label), {
                'data-status': status,
              }),
        ),
      ),
    ),
  ];
}
