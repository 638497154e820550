import { h } from '../../common/dom';
import type { ScreenContext } from '../context';
import { fieldLabel, fieldSelect } from '../field-select';
import { choicesFor, COLUMN_SLOTS, columnSlotsFor, REQUIRED_COLUMNS, type ColumnSlot } from '../slots';
import { description, row, section, selectBox, textInput } from '../widgets';

export function historySection(ctx: ScreenContext): HTMLElement {
  const { t, store } = ctx;
  const tables = ctx.form.tables;
  const tableControl =
    tables.length === 0
      ? h('p', { className: 'mks-why' }, t('why.noTable'))
      : selectBox(
          [{ value: '', label: t('chooseField') }, ...tables.map((tb) => ({ value: tb.code, label: fieldLabel(tb) }))],
          store.draft.table,
          (code) => {
            store.setDraft('columns', guessColumns(ctx, code));
            store.setDraft('table', code);
          },
          { 'data-slot': 'history.table' },
        ).element;
  return section(
    'history',
    t('section.history'),
    description(t('historyIntro')),
    row('history.table', t('table'), tableControl, { required: true }),
    store.bind(h('div', { className: 'mks-grid' }), ['table', 'eventTypes'], () => {
      if (!store.draft.table)
        return tables.length === 0 ? [] : [h('p', { className: 'mks-why' }, t('why.chooseTable'))];
      return columnSlotsFor(store.draft).map((slot) =>
        row(
          `history.columns.${slot}`,
          t(`column.${slot}`),
          fieldSelect(
            ctx,
            { kind: 'column', slot },
            store.draft.columns[slot],
            REQUIRED_COLUMNS.includes(slot),
            (code) => store.setDraft('columns', { ...store.draft.columns, [slot]: code }),
            { 'data-slot': `history.columns.${slot}` },
          ),
          { required: REQUIRED_COLUMNS.includes(slot), ...(slot === 'eventKey' ? { help: t('eventKeyHelp') } : {}) },
        ),
      );
    }),
    row(
      'history.maxRows',
      t('maxRows'),
      h(
        'div',
        { className: 'mks-inline' },
        textInput(store.draft.maxRows, (v) => store.setDraft('maxRows', v), {
          inputmode: 'numeric',
          class: 'kintoneplugin-input-text mks-input-number',
          'data-slot': 'history.maxRows',
        }),
        h('span', { className: 'mks-unit' }, t('maxRowsUnit')),
      ),
      { help: t('maxRowsHelp') },
    ),
  );
}

/** Keeps columns that exist in the new table; a column slot with exactly one fitting, unused column takes it. */
function guessColumns(ctx: ScreenContext, tableCode: string): Record<ColumnSlot, string> {
  const columns = ctx.form.tables.find((tb) => tb.code === tableCode)?.columns ?? [];
  const next = { ...ctx.store.draft.columns };
  for (const slot of COLUMN_SLOTS) {
    const fitting = choicesFor({ kind: 'column', slot }, columns).fitting;
    if (fitting.some((f) => f.code === next[slot])) continue;
    const free = fitting.filter((f) => !Object.values(next).includes(f.code));
    next[slot] = free.length === 1 && free[0] ? free[0].code : '';
  }
  return next;
}
