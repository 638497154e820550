/** The local kintone emulator and the preview server, as the browser tests use them. */
import { createServer } from 'node:net';
import { defaultConfig, type PluginConfig } from '../../../contract/src/config';
import {
  ADMIN_LOGIN,
  ADMIN_PASSWORD,
  startKintoneEmulator,
  type KintoneEmulator,
} from '../../../scripts/kintone-emulator';
import { startPreviewServer, type PreviewServer } from '../../../scripts/preview/server';
import { ensurePluginBuilt, PLUGIN_DIR } from './build';

export interface Stack {
  kintone: KintoneEmulator;
  preview: PreviewServer;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  ensurePluginBuilt();
  const kintone = await startKintoneEmulator({ port: 0 });
  const preview = await startPreviewServer({
    port: 0,
    kintoneBaseUrl: kintone.url,
    appId: kintone.demo.appId,
    pluginDir: PLUGIN_DIR,
  });
  return { kintone, preview, close: async () => void (await Promise.all([preview.close(), kintone.close()])) };
}

export function saveConfig(stack: Stack, config: PluginConfig = defaultConfig(), appId?: string): void {
  stack.preview.setPluginConfig({ config: JSON.stringify(config) }, appId);
}

const auth = { 'X-Cybozu-Authorization': Buffer.from(`${ADMIN_LOGIN}:${ADMIN_PASSWORD}`).toString('base64') };

export async function kintoneRequest(stack: Stack, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${stack.kintone.url}${path}`, {
    method,
    headers: body === undefined ? auth : { ...auth, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export interface HistoryRowInput {
  at: string;
  type: string;
  emailName?: string;
  subject?: string;
  link?: string;
  campaign?: string;
  snippet?: string;
  /** written only when given (the form name column is the demo app's newest) */
  formName?: string;
  key?: string;
}

/** Writes the record's history table and summary fields through the REST API, as the server would. */
export async function writeEngagement(
  stack: Stack,
  recordId: number,
  rows: HistoryRowInput[],
  summary: Record<string, string> = {},
): Promise<void> {
  const record: Record<string, { value: unknown }> = {
    mkto_history: {
      value: rows.map((row, i) => ({
        value: {
          mkto_h_at: { value: row.at },
          mkto_h_type: { value: row.type },
          mkto_h_email: { value: row.emailName ?? '' },
          mkto_h_subject: { value: row.subject ?? '' },
          mkto_h_link: { value: row.link ?? '' },
          mkto_h_campaign: { value: row.campaign ?? '' },
          mkto_h_snippet: { value: row.snippet ?? '' },
          ...(row.formName === undefined ? {} : { mkto_h_form: { value: row.formName } }),
          mkto_h_key: { value: row.key ?? `key-${recordId}-${i}` },
        },
      })),
    },
  };
  for (const [code, value] of Object.entries(summary)) record[code] = { value };
  await kintoneRequest(stack, 'PUT', '/k/v1/record.json', { app: stack.kintone.demo.appId, id: recordId, record });
}

/** kintone DATETIME values are UTC to the minute. */
export function minutesAgo(minutes: number, now = Date.now()): string {
  return `${new Date(now - minutes * 60_000).toISOString().slice(0, 16)}:00Z`;
}

/** A local port nothing listens on, for "server unreachable" cases. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}
