import { h } from '../../common/dom';
import type { ScreenContext } from '../context';
import { fieldSelect } from '../field-select';
import { choicesFor, type LeadSource } from '../slots';
import { radioGroup, row, section } from '../widgets';

export function leadSection(ctx: ScreenContext): HTMLElement {
  const { t, store } = ctx;
  const sources: LeadSource[] = ['email', 'leadId'];
  return section(
    'lead',
    t('section.lead'),
    row(
      'leadKey.source',
      t('leadSource'),
      radioGroup(
        'lead-source',
        sources.map((s) => ({ value: s, label: t(`leadSource.${s}`) })),
        store.draft.leadSource,
        (source) => {
          const fitting = choicesFor({ kind: 'leadKey', source }, ctx.form.fields).fitting;
          if (!fitting.some((f) => f.code === store.draft.leadField))
            store.setDraft('leadField', fitting[0]?.code ?? '');
          store.setDraft('leadSource', source);
        },
      ),
    ),
    store.bind(h('div', null), ['leadSource', 'leadField'], () => {
      const { leadSource, leadField } = store.draft;
      const field = ctx.form.fields.find((f) => f.code === leadField);
      return [
        row(
          'leadKey.field',
          t('leadField'),
          fieldSelect(
            ctx,
            { kind: 'leadKey', source: leadSource },
            leadField,
            true,
            (code) => store.setDraft('leadField', code),
            {
              'data-slot': 'leadKey',
            },
          ),
          { required: true, help: t(`leadFieldHelp.${leadSource}`) },
        ),
        field && !field.unique ? h('p', { className: 'mks-hint mks-hint--warn' }, t('notUnique')) : null,
      ];
    }),
    row(
      'multipleMatches',
      t('multiple'),
      radioGroup(
        'multiple',
        (['all', 'newest', 'skip'] as const).map((m) => ({ value: m, label: t(`multiple.${m}`) })),
        store.draft.multipleMatches,
        (m) => store.setDraft('multipleMatches', m),
      ),
    ),
  );
}
