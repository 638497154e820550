import type { Entity, EntityType } from './types';

export interface DirectoryEntries {
  users?: Entity[];
  groups?: Entity[];
  organizations?: Entity[];
}

/**
 * The users, groups and organizations of the kintone domain: what a USER_SELECT value and a comment's mentions may
 * name. kintone answers a code it does not know with GAIA_IL26 (user) or GAIA_IL28 (organization).
 */
export class Directory {
  private readonly byType = new Map<EntityType, Map<string, string>>([
    ['USER', new Map()],
    ['GROUP', new Map()],
    ['ORGANIZATION', new Map()],
  ]);

  constructor(entries: DirectoryEntries = {}) {
    this.set(entries);
  }

  /** Replaces the kinds given; kinds left out keep their entries. */
  set(entries: DirectoryEntries): void {
    const kinds: [EntityType, Entity[] | undefined][] = [
      ['USER', entries.users],
      ['GROUP', entries.groups],
      ['ORGANIZATION', entries.organizations],
    ];
    for (const [type, list] of kinds) {
      if (list) this.byType.set(type, new Map(list.map((e) => [e.code, e.name])));
    }
  }

  has(type: EntityType, code: string): boolean {
    return this.byType.get(type)?.has(code) ?? false;
  }

  /** The display name kintone shows for the code (the code itself for one no longer in the directory). */
  nameOf(type: EntityType, code: string): string {
    return this.byType.get(type)?.get(code) ?? code;
  }

  toJSON(): Required<DirectoryEntries> {
    const list = (type: EntityType): Entity[] =>
      [...(this.byType.get(type) ?? new Map<string, string>())].map(([code, name]) => ({ code, name }));
    return { users: list('USER'), groups: list('GROUP'), organizations: list('ORGANIZATION') };
  }
}

/** The demo domain: the administrator API tokens act as, and the sales team that owns the demo customers. */
export const DEMO_DIRECTORY: Required<DirectoryEntries> = {
  users: [
    { code: 'Administrator', name: 'Administrator' },
    { code: 'sato.kenji', name: '佐藤 健二' },
    { code: 'ito.mika', name: '伊藤 美香' },
    { code: 'emma.wilson', name: 'Emma Wilson' },
  ],
  groups: [{ code: 'sales-managers', name: 'Sales managers' }],
  organizations: [{ code: 'sales-dept', name: '営業部' }],
};
