/** The plug-in's saved settings per app, as kintone would keep them: in memory, and in a JSON file if given. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { ProxyConfigEntry } from './boot';

export interface AppPluginState {
  config: Record<string, string>;
  proxyConfigs: ProxyConfigEntry[];
}

const method = z.enum(['GET', 'POST', 'PUT', 'DELETE']);
export const proxyConfigEntry = z.object({
  url: z.string().min(1),
  method,
  headers: z.record(z.string(), z.string()),
  data: z.record(z.string(), z.string()),
});
const fileSchema = z.object({
  apps: z.record(
    z.string(),
    z.object({ config: z.record(z.string(), z.string()), proxyConfigs: z.array(proxyConfigEntry) }),
  ),
});

export class PreviewState {
  private readonly apps = new Map<string, AppPluginState>();

  constructor(private readonly path?: string) {
    if (path && existsSync(path)) {
      const saved = fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      for (const [appId, state] of Object.entries(saved.apps)) this.apps.set(appId, state);
    }
  }

  app(appId: string): AppPluginState {
    let state = this.apps.get(appId);
    if (!state) {
      state = { config: {}, proxyConfigs: [] };
      this.apps.set(appId, state);
    }
    return state;
  }

  setConfig(appId: string, config: Record<string, string>): void {
    this.app(appId).config = { ...config };
    this.save();
  }

  /** Like kintone: one entry per URL and method; empty headers and data delete it. */
  setProxyConfig(appId: string, entry: ProxyConfigEntry): void {
    const state = this.app(appId);
    const others = state.proxyConfigs.filter((p) => !(p.url === entry.url && p.method === entry.method));
    const empty = Object.keys(entry.headers).length === 0 && Object.keys(entry.data).length === 0;
    state.proxyConfigs = empty ? others : [...others, entry];
    this.save();
  }

  private save(): void {
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, JSON.stringify({ apps: Object.fromEntries(this.apps) }, null, 2));
  }
}
