/**
 * The parts of the config contract written without zod. configSchema (config.ts) calls them, and so does the record
 * panel's reader, which is generated from configSchema (plugin/src/common/config-reader.generated.ts) so the panel's
 * bundle carries no schema library: both readers run the same code for these rules.
 */
import type { PluginConfig } from './config';

/** Values the status field can take, in increasing order of precedence. */
export const STATUSES = ['notSent', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'unsubscribed'] as const;
export type Status = (typeof STATUSES)[number];

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An optional field code left blank means the slot is not mapped. */
export function blankToUndefined(code: string | undefined): string | undefined {
  return code ? code : undefined;
}

/** The fields mappingConflicts looks at; a config that failed other rules may still reach it. */
export interface MappedCodes {
  leadKey: { field: string };
  summary: Record<string, unknown>;
  history: { table: string; columns: Record<string, string | undefined> };
}

export interface MappingConflict {
  path: string[];
  message: string;
}

/** A kintone field feeds one slot: no field code twice among the lead key, summary slots and table, nor among columns. */
export function mappingConflicts(config: MappedCodes): MappingConflict[] {
  const conflicts: MappingConflict[] = [];
  const codes = [
    config.leadKey.field,
    ...Object.entries(config.summary)
      .filter(([k]) => k !== 'statusLabels')
      .map(([, v]) => v as string | undefined),
    config.history.table,
  ].filter((c): c is string => Boolean(c));
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) conflicts.push({ path: ['summary'], message: `field ${code} is mapped to more than one slot` });
    seen.add(code);
  }
  const columns = Object.values(config.history.columns).filter((c): c is string => Boolean(c));
  if (new Set(columns).size !== columns.length) {
    conflicts.push({ path: ['history', 'columns'], message: 'a history column is mapped to more than one slot' });
  }
  return conflicts;
}

/**
 * A config of the first pre-release (version 0, unversioned, flat field codes) in the current shape on `base`, to be
 * validated after; anything else as it came.
 */
export function upgradeLegacyConfig(raw: unknown, base: PluginConfig): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || ('version' in raw && raw.version !== 0)) {
    return raw;
  }
  const { emailField, statusField, historyTable, maxRows } = raw as Record<string, unknown>;
  if (
    typeof emailField !== 'string' ||
    (statusField !== undefined && typeof statusField !== 'string') ||
    typeof historyTable !== 'string' ||
    (maxRows !== undefined && !(typeof maxRows === 'number' && Number.isFinite(maxRows)))
  ) {
    return raw;
  }
  return {
    ...base,
    leadKey: { source: 'email', field: emailField },
    summary: { ...base.summary, status: statusField },
    history: { ...base.history, table: historyTable, maxRows: maxRows ?? base.history.maxRows },
  };
}
