/** The settings as the form edits them (strings, possibly incomplete), and the way to and from the config. */
import {
  CONFIG_VERSION,
  SCORED_TYPES,
  STATUSES,
  type PluginConfig,
  type ScoredType,
  type Status,
} from '../../../contract/src/config';
import type { EventType } from '../../../contract/src/events';
import { scoreSettingsOf } from '../../../contract/src/score';
import type { Lang } from '../common/i18n';
import {
  COLUMN_SLOTS,
  columnSlotsFor,
  SUMMARY_SLOTS,
  summarySlotsFor,
  type ColumnSlot,
  type LeadSource,
  type SummarySlot,
} from './slots';

/** The alert settings as typed; page patterns one per line. */
export interface AlertsDraft {
  ownerField: string;
  onReply: boolean;
  onForm: boolean;
  onClick: boolean;
  clickPages: string;
  onVisit: boolean;
  visitPages: string;
  onScore: boolean;
  scoreThreshold: string;
  perRecordPerDay: string;
  language: Lang;
}

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
  /** The pages whose visits are recorded, one pattern per line. */
  visitPages: string;
  scoreOn: boolean;
  scoreWeights: Record<ScoredType, string>;
  halfLifeDays: string;
  alertsOn: boolean;
  alerts: AlertsDraft;
}

/** The typed lines of a pattern list, without blank ones. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** `lang`: the admin's language, the alerts' language until one is saved. */
export function draftOf(config: PluginConfig, lang: Lang = 'en'): Draft {
  const score = scoreSettingsOf(config);
  const alerts = config.alerts;
  return {
    ...mappingDraftOf(config),
    visitPages: (config.visitPages ?? []).join('\n'),
    scoreOn: Boolean(config.summary.score),
    scoreWeights: Object.fromEntries(SCORED_TYPES.map((t) => [t, String(score.weights[t])])) as Record<
      ScoredType,
      string
    >,
    halfLifeDays: String(score.halfLifeDays),
    alertsOn: alerts !== undefined,
    alerts: {
      ownerField: alerts?.ownerField ?? '',
      onReply: alerts?.onReply ?? false,
      onForm: alerts?.onForm ?? false,
      onClick: (alerts?.clickPages.length ?? 0) > 0,
      clickPages: (alerts?.clickPages ?? []).join('\n'),
      onVisit: (alerts?.visitPages.length ?? 0) > 0,
      visitPages: (alerts?.visitPages ?? []).join('\n'),
      onScore: alerts?.scoreThreshold !== undefined,
      // A hot lead with the default weights (a reply, a form fill and a click this week) scores about 20 to 35.
      scoreThreshold: String(alerts?.scoreThreshold ?? 30),
      perRecordPerDay: String(alerts?.perRecordPerDay ?? 1),
      language: alerts?.language ?? lang,
    },
  };
}

/**
 * The alert settings once alerts are turned on: with no moment ticked yet, replies and form fills are (those of them
 * that are recorded), so a first Save does not fail for want of a moment.
 */
export function alertsTurnedOn(draft: Draft): AlertsDraft {
  const { alerts } = draft;
  if (alerts.onReply || alerts.onForm || alerts.onClick || alerts.onVisit || alerts.onScore) return alerts;
  return { ...alerts, onReply: draft.eventTypes.includes('reply'), onForm: draft.eventTypes.includes('form') };
}

type MappingDraft = Omit<Draft, 'visitPages' | 'scoreOn' | 'scoreWeights' | 'halfLifeDays' | 'alertsOn' | 'alerts'>;

function mappingDraftOf(config: PluginConfig): MappingDraft {
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
  // A slot the settings do not use (visits not recorded, no score) is not saved, even if a field was chosen earlier.
  const summarySlots = summarySlotsFor(draft);
  const columnSlots = columnSlotsFor(draft);
  const weight = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  return {
    version: CONFIG_VERSION,
    leadKey: { source: draft.leadSource, field: draft.leadField },
    multipleMatches: draft.multipleMatches,
    summary: {
      ...Object.fromEntries(
        SUMMARY_SLOTS.map((s) => [s, summarySlots.includes(s) ? optional(draft.summary[s]) : undefined]),
      ),
      statusLabels: Object.fromEntries(STATUSES.map((s) => [s, draft.statusLabels[s]])),
    },
    history: {
      table: draft.table,
      columns: Object.fromEntries(
        COLUMN_SLOTS.map((c) => [c, columnSlots.includes(c) ? optional(draft.columns[c]) : undefined]),
      ),
      maxRows: draft.maxRows.trim() === '' ? Number.NaN : Number(draft.maxRows),
    },
    eventTypes: draft.eventTypes,
    ignoreBots: draft.ignoreBots,
    marketoTimeZone: draft.timeZone.trim(),
    panel: draft.placement === 'space' ? { placement: 'space', spaceId: draft.spaceId } : { placement: 'headerMenu' },
    ...(draft.hideHistoryTable ? { hideHistoryTable: true } : {}),
    ...(draft.eventTypes.includes('visit') ? { visitPages: linesOf(draft.visitPages) } : {}),
    ...(draft.scoreOn
      ? {
          score: {
            weights: Object.fromEntries(SCORED_TYPES.map((t) => [t, weight(draft.scoreWeights[t])])),
            halfLifeDays: weight(draft.halfLifeDays),
          },
        }
      : {}),
    ...(draft.alertsOn ? { alerts: rawAlertsOf(draft.alerts) } : {}),
  };
}

function rawAlertsOf(alerts: AlertsDraft): unknown {
  return {
    ownerField: alerts.ownerField,
    onReply: alerts.onReply,
    onForm: alerts.onForm,
    clickPages: alerts.onClick ? linesOf(alerts.clickPages) : [],
    visitPages: alerts.onVisit ? linesOf(alerts.visitPages) : [],
    ...(alerts.onScore ? { scoreThreshold: Number(alerts.scoreThreshold) } : {}),
    perRecordPerDay: Number(alerts.perRecordPerDay),
    language: alerts.language,
  };
}
