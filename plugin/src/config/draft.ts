/** The settings as the form edits them (strings, possibly incomplete), and the way to and from the config. */
import { CONFIG_VERSION, STATUSES, type PluginConfig, type Status } from '../../../contract/src/config';
import type { EventType } from '../../../contract/src/events';
import { COLUMN_SLOTS, SUMMARY_SLOTS, type ColumnSlot, type LeadSource, type SummarySlot } from './slots';

export interface Draft {
  leadSource: LeadSource;
  leadField: string;
  multipleMatches: PluginConfig['multipleMatches'];
  summary: Record<SummarySlot, string>;
  statusLabels: Record<Status, string>;
  table: string;
  columns: Record<ColumnSlot, string>;
  maxRows: string;
  eventTypes: EventType[];
  ignoreBots: boolean;
  timeZone: string;
  placement: PluginConfig['panel']['placement'];
  spaceId: string;
  hideHistoryTable: boolean;
}

export function draftOf(config: PluginConfig): Draft {
  return {
    leadSource: config.leadKey.source,
    leadField: config.leadKey.field,
    multipleMatches: config.multipleMatches,
    summary: Object.fromEntries(SUMMARY_SLOTS.map((s) => [s, config.summary[s] ?? ''])) as Record<SummarySlot, string>,
    statusLabels: { ...config.summary.statusLabels },
    table: config.history.table,
    columns: Object.fromEntries(COLUMN_SLOTS.map((c) => [c, config.history.columns[c] ?? ''])) as Record<
      ColumnSlot,
      string
    >,
    maxRows: String(config.history.maxRows),
    eventTypes: [...config.eventTypes],
    ignoreBots: config.ignoreBots,
    timeZone: config.marketoTimeZone,
    placement: config.panel.placement,
    spaceId: config.panel.placement === 'space' ? config.panel.spaceId : '',
    hideHistoryTable: config.hideHistoryTable ?? false,
  };
}

/** Unvalidated: configSchema decides whether this is a config. */
export function rawConfigOf(draft: Draft): unknown {
  const optional = (code: string) => (code ? code : undefined);
  return {
    version: CONFIG_VERSION,
    leadKey: { source: draft.leadSource, field: draft.leadField },
    multipleMatches: draft.multipleMatches,
    summary: {
      ...Object.fromEntries(SUMMARY_SLOTS.map((s) => [s, optional(draft.summary[s])])),
      statusLabels: Object.fromEntries(STATUSES.map((s) => [s, draft.statusLabels[s]])),
    },
    history: {
      table: draft.table,
      columns: Object.fromEntries(COLUMN_SLOTS.map((c) => [c, optional(draft.columns[c])])),
      maxRows: draft.maxRows.trim() === '' ? Number.NaN : Number(draft.maxRows),
    },
    eventTypes: draft.eventTypes,
    ignoreBots: draft.ignoreBots,
    marketoTimeZone: draft.timeZone.trim(),
    panel: draft.placement === 'space' ? { placement: 'space', spaceId: draft.spaceId } : { placement: 'headerMenu' },
    ...(draft.hideHistoryTable ? { hideHistoryTable: true } : {}),
  };
}
