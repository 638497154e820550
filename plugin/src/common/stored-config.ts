/**
 * What the plug-in keeps in kintone's public plug-in config: the mapping (key "config", the shared
 * versioned schema) and the connection (key "connection": server and webhook URL, never a secret).
 */
import type { ConfigProblem, PluginConfig } from '../../../contract/src/config';
import { readConfig } from './config-reader.generated';

const CONFIG_KEY = 'config';
const CONNECTION_KEY = 'connection';

export type StoredMapping =
  { kind: 'none' } | { kind: 'ok'; config: PluginConfig } | { kind: 'invalid'; problems: ConfigProblem[] };

export interface Connection {
  serverUrl: string;
  webhookUrl: string;
}

export function readMapping(stored: Record<string, string> | null): StoredMapping {
  const raw = stored?.[CONFIG_KEY];
  if (!raw) return { kind: 'none' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { kind: 'invalid', problems: [{ path: '', message: 'the saved settings are not valid JSON' }] };
  }
  // migrateConfig's twin without zod, which the record panel's bundle must not carry (config-reader.generated.ts).
  const result = readConfig(parsed);
  return result.ok ? { kind: 'ok', config: result.config } : { kind: 'invalid', problems: result.problems };
}

export function readConnection(stored: Record<string, string> | null): Connection {
  const empty: Connection = { serverUrl: '', webhookUrl: '' };
  const raw = stored?.[CONNECTION_KEY];
  if (!raw) return empty;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return empty;
    const { serverUrl, webhookUrl } = value as Record<string, unknown>;
    return {
      serverUrl: typeof serverUrl === 'string' ? serverUrl : '',
      webhookUrl: typeof webhookUrl === 'string' ? webhookUrl : '',
    };
  } catch {
    return empty;
  }
}

export function storedValues(config: PluginConfig, connection: Connection): Record<string, string> {
  return { [CONFIG_KEY]: JSON.stringify(config), [CONNECTION_KEY]: JSON.stringify(connection) };
}
