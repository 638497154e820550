import { Faults, type FaultController } from './faults';
import { Persister } from './persist';
import type { TextCompare } from './query';
import { seedDemo } from './seed';
import { createServer } from './server';
import { RequestStats, type EmulatorStats } from './stats';
import { Store, type AppDefinition, type TokenRights } from './store';
import type { DirectoryEntries } from './directory';
import type { DemoInfo } from './types';

export interface KintoneEmulatorOptions {
  /** 0 = a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Load state from this JSON file if it exists, and save it after each mutation. */
  persistPath?: string;
  /** In-flight /k requests beyond this get 429 GAIA_TO04. Default 100, kintone's limit per domain. */
  maxConcurrent?: number;
  /** Create the "Customers" demo app on a fresh start. Default true. */
  seedDemo?: boolean;
  /** How text `=`/`in` compare letter case, which kintone does not document. Default 'exact'. */
  textCompare?: TextCompare;
  /** How long a deployment of app settings (POST preview/app/deploy.json) stays PROCESSING. Default 1000 ms. */
  deployDelayMs?: number;
}

export interface KintoneEmulator {
  /** e.g. http://localhost:3100 (rest-api-client accepts plain http for localhost only). */
  url: string;
  /** The demo app "Customers" and its tokens; empty strings when started without the demo. */
  demo: DemoInfo;
  faults: FaultController;
  stats(): EmulatorStats;
  resetStats(): void;
  /** Adds an app (system fields are added for you) and returns its id. */
  createApp(def: AppDefinition): string;
  createToken(appId: string, rights: TokenRights): string;
  /** Deletes a field from an app as an admin would (definition, layout and stored values). */
  deleteField(appId: string, code: string): void;
  /** A fault switch for tests: the app's deployments of its settings end FAIL (the live form unchanged). */
  failDeploys(appId: string, fail: boolean): void;
  /** The app setting "Enable comments" (on by default, as in a new kintone app). */
  enableComments(appId: string, enabled: boolean): void;
  /** Replaces the users, groups or organizations given (the demo directory otherwise: see DEMO_DIRECTORY). */
  setDirectory(entries: DirectoryEntries): void;
  /** Saves pending state and stops the server. */
  close(): Promise<void>;
}

/**
 * rest-api-client refuses a plain-http baseUrl unless its hostname is "localhost", so a loopback
 * or wildcard bind is announced as localhost.
 */
function urlHost(host: string): string {
  if (['127.0.0.1', '::1', '0.0.0.0', '::', 'localhost'].includes(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

const NO_DEMO: DemoInfo = { appId: '', fullToken: '', viewOnlyToken: '', noEditToken: '' };

export async function startKintoneEmulator(opts: KintoneEmulatorOptions = {}): Promise<KintoneEmulator> {
  const persister = opts.persistPath ? new Persister(opts.persistPath) : undefined;
  const saved = await persister?.load();
  const store = saved ? Store.restore(saved) : new Store();
  if (persister) store.onChange = () => persister.schedule(() => store.toJSON());
  if (!saved && (opts.seedDemo ?? true)) seedDemo(store);

  const faults = new Faults();
  const stats = new RequestStats();
  const server = createServer({
    store,
    faults,
    stats,
    maxConcurrent: opts.maxConcurrent ?? 100,
    behaviour: { textCompare: opts.textCompare ?? 'exact' },
    deployDelayMs: opts.deployDelayMs ?? 1000,
  });
  const host = opts.host ?? '127.0.0.1';
  await server.listen({ port: opts.port ?? 0, host });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;

  return {
    url: `http://${urlHost(host)}:${String(port)}`,
    demo: store.demo ?? NO_DEMO,
    faults,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    createApp: (def) => store.createApp(def).id,
    createToken: (appId, rights) => store.createToken(appId, rights),
    deleteField: (appId, code) => store.deleteField(appId, code),
    failDeploys: (appId, fail) => store.failDeploys(appId, fail),
    enableComments: (appId, enabled) => store.enableComments(appId, enabled),
    setDirectory: (entries) => store.setDirectory(entries),
    close: async () => {
      await server.close();
      await persister?.flush();
    },
  };
}
