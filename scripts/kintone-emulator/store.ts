import { DEMO_DIRECTORY, Directory, type DirectoryEntries } from './directory';
import { randomId } from './errors';
import { buildProperties, checkLayout, defaultLayout } from './fields';
import type { AppState, DemoInfo, FieldDef, FieldProperty, LayoutRow, StoredRecord, TokenInfo } from './types';
import { nowDateTime } from './values';

export interface AppDefinition {
  name: string;
  /** Put the app in this guest space. */
  guestSpaceId?: string;
  properties: Record<string, FieldProperty>;
  layout?: LayoutRow[];
}

export interface TokenRights {
  view: boolean;
  add: boolean;
  edit: boolean;
  delete?: boolean;
  /** "Manage app": lets the token read the /k/v1/preview/... settings APIs. */
  manage?: boolean;
}

type PersistedApp = Omit<AppState, 'records'> & { records: StoredRecord[] };

export interface PersistedState {
  version: 1;
  nextAppId: number;
  apps: PersistedApp[];
  tokens: TokenInfo[];
  demo?: DemoInfo;
  /** Absent in files saved before the emulator had users: the demo directory. */
  directory?: DirectoryEntries;
}

/** All emulator data: apps with their records, and API tokens. */
export class Store {
  readonly apps = new Map<string, AppState>();
  readonly tokens = new Map<string, TokenInfo>();
  /** The domain's users, groups and organizations. */
  readonly directory = new Directory(DEMO_DIRECTORY);
  demo: DemoInfo | undefined;
  /** Called after every mutation (persistence hooks in here). */
  onChange: () => void = () => undefined;
  private nextAppId = 1;

  createApp(definition: AppDefinition): AppState {
    const properties = buildProperties(definition.properties);
    const layout = definition.layout ?? defaultLayout(properties);
    checkLayout(layout, properties);
    const app: AppState = {
      id: String(this.nextAppId++),
      name: definition.name,
      ...(definition.guestSpaceId ? { guestSpaceId: definition.guestSpaceId } : {}),
      createdAt: nowDateTime(),
      properties,
      layout,
      revision: 1,
      nextRecordId: 1,
      nextRowId: 1,
      records: new Map(),
    };
    this.apps.set(app.id, app);
    this.onChange();
    return app;
  }

  createToken(appId: string, rights: TokenRights): string {
    if (!this.apps.has(appId)) throw new Error(`no app ${appId}`);
    const token = randomId(40);
    this.tokens.set(token, {
      token,
      appId,
      rights: {
        view: rights.view,
        add: rights.add,
        edit: rights.edit,
        delete: rights.delete ?? false,
        manage: rights.manage ?? false,
      },
    });
    this.onChange();
    return token;
  }

  /** What kintone does when an admin deletes a field and updates the app: definition, layout and data go. */
  failDeploys(appId: string, fail: boolean): void {
    const app = this.apps.get(appId);
    if (!app) throw new Error(`no app ${appId}`);
    if (fail) app.failDeploys = true;
    else delete app.failDeploys;
    this.onChange();
  }

  /** The app setting "Enable comments" (on in a new kintone app). */
  enableComments(appId: string, enabled: boolean): void {
    const app = this.apps.get(appId);
    if (!app) throw new Error(`no app ${appId}`);
    if (enabled) delete app.commentsDisabled;
    else app.commentsDisabled = true;
    this.onChange();
  }

  setDirectory(entries: DirectoryEntries): void {
    this.directory.set(entries);
    this.onChange();
  }

  deleteField(appId: string, code: string): void {
    const app = this.apps.get(appId);
    const def = app && Object.hasOwn(app.properties, code) ? app.properties[code] : undefined;
    if (!app || !def) throw new Error(`app ${appId} has no field ${code}`);
    if (!isUserField(def)) throw new Error(`${code} is a system field`);
    delete app.properties[code];
    app.layout = withoutField(app.layout, code);
    delete app.preview;
    app.revision += 1;
    for (const record of app.records.values()) delete record.values[code];
    this.onChange();
  }

  toJSON(): PersistedState {
    return {
      version: 1,
      nextAppId: this.nextAppId,
      apps: [...this.apps.values()].map((app) => ({ ...app, records: [...app.records.values()] })),
      tokens: [...this.tokens.values()],
      ...(this.demo ? { demo: this.demo } : {}),
      directory: this.directory.toJSON(),
    };
  }

  static restore(state: PersistedState): Store {
    const store = new Store();
    store.nextAppId = state.nextAppId;
    for (const app of state.apps) {
      // Files written before app settings had revisions start at revision 1.
      store.apps.set(app.id, {
        ...app,
        revision: app.revision ?? 1,
        records: new Map(app.records.map((r) => [r.id, r])),
      });
    }
    for (const token of state.tokens) store.tokens.set(token.token, token);
    store.demo = state.demo;
    if (state.directory) store.directory.set(state.directory);
    return store;
  }
}

const SYSTEM_TYPES = new Set([
  'RECORD_NUMBER',
  'CREATOR',
  'CREATED_TIME',
  'MODIFIER',
  'UPDATED_TIME',
  'STATUS',
  'CATEGORY',
  'STATUS_ASSIGNEE',
]);

function isUserField(def: FieldDef): boolean {
  return !SYSTEM_TYPES.has(def.type);
}

function withoutField(layout: LayoutRow[], code: string): LayoutRow[] {
  return layout.flatMap((row): LayoutRow[] => {
    if (row.type === 'SUBTABLE') return row.code === code ? [] : [row];
    if (row.type === 'GROUP')
      return row.code === code ? [] : [{ ...row, layout: withoutField(row.layout, code) as typeof row.layout }];
    return [{ ...row, fields: row.fields.filter((field) => !('code' in field) || field.code !== code) }];
  });
}
