/**
 * The record panel's generated config reader against the schema it was generated from: over valid configs and
 * systematic breakages of them, readConfig (no zod) and migrateConfig (zod, as the server and the settings screen
 * read) agree on accept or reject, on the config they return (keys, key order, values) and on the problems (paths,
 * messages, order).
 */
import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod/mini';
import { defaultConfig, migrateConfig, type PluginConfig } from '../../contract/src/config';
import { readConfig } from '../src/common/config-reader.generated';

type Json = unknown;
type Path = (string | number)[];

/** Every field mapped to its own code, every optional part present. */
function fullConfig(): PluginConfig {
  const base = defaultConfig();
  return {
    ...base,
    leadKey: { source: 'leadId', field: 'lead_id' },
    multipleMatches: 'newest',
    summary: {
      ...base.summary,
      lastBounced: 'mkto_last_bounced',
      unsubscribed: 'mkto_unsubscribed',
      lastVisited: 'mkto_last_visited',
      visitCount: 'mkto_visit_count',
      lastFormFilled: 'mkto_last_form',
      formCount: 'mkto_form_count',
      score: 'mkto_score',
    },
    history: { ...base.history, columns: { ...base.history.columns, formName: 'mkto_h_form' }, maxRows: 1000 },
    eventTypes: ['send', 'delivered', 'open', 'click', 'bounce', 'unsubscribe', 'reply', 'visit', 'form'],
    ignoreBots: false,
    visitPages: ['/pricing', 'example.com/products'],
    score: { weights: { open: 1, click: 3, visit: 1, form: 8, reply: 10 }, halfLifeDays: 14 },
    alerts: {
      ownerField: 'owner',
      onReply: true,
      onForm: false,
      clickPages: ['/pricing'],
      visitPages: [],
      scoreThreshold: 70,
      perRecordPerDay: 1,
      language: 'ja',
    },
    marketoTimeZone: 'America/Los_Angeles',
    panel: { placement: 'headerMenu' },
    hideHistoryTable: true,
  };
}

/** Configs each reader should accept, as kintone stores them (JSON) and as a program may hand them over. */
function validSeeds(): Json[] {
  const base = defaultConfig();
  const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Json;
  return [
    base,
    json(base),
    fullConfig(),
    json(fullConfig()),
    { ...base, alerts: { ...fullConfig().alerts!, scoreThreshold: undefined } },
    {
      ...base,
      leadKey: { source: 'email', field: '  メール  ' },
      summary: { ...base.summary, status: '', openCount: ' ' },
    },
    { ...base, panel: { placement: 'space', spaceId: ' mkto_panel ' }, hideHistoryTable: false, visitPages: [] },
    { ...base, score: { weights: { open: 0, click: 0.5, visit: 100, form: 8, reply: 10 }, halfLifeDays: 365 } },
    { ...base, marketoTimeZone: 'UTC', eventTypes: ['reply'], history: { ...base.history, maxRows: 1 } },
    // Saved by the first pre-release: version 0, flat field codes.
    { emailField: 'email', historyTable: 'mkto_history' },
    { version: 0, emailField: 'mail', statusField: 'state', historyTable: 'history', maxRows: 50 },
    { emailField: 'email', statusField: '', historyTable: 'mkto_history', maxRows: 1000 },
  ];
}

/** Values that break a field in every way the schema tells apart. */
const BAD_VALUES: Json[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  101,
  1e21,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  '   ',
  'x',
  'x'.repeat(129),
  ` ${'y'.repeat(128)} `,
  'z'.repeat(257),
  '😀'.repeat(128),
  '😀'.repeat(129),
  'Not/AZone',
  'nope',
  true,
  [],
  ['open'],
  ['open', 'nope'],
  Array.from({ length: 21 }, (_, i) => `/p${i}`),
  {},
  { length: 2 },
  { placement: 'space' },
  { placement: 'headerMenu', spaceId: 'x' },
  { placement: 1 },
];

function pathsOf(value: Json, path: Path = []): Path[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, i) => pathsOf(item, [...path, i]))];
  if (typeof value === 'object' && value !== null) {
    return [path, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))];
  }
  return [path];
}

/** A deep copy of `value` with `change` applied to the parent of `path`'s last key. */
function changed(
  value: Json,
  path: Path,
  change: (parent: Record<string | number, Json>, key: string | number) => void,
) {
  const copy = structuredClone(value) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  change(parent, path[path.length - 1]!);
  return copy;
}

function mutations(seed: Json): Json[] {
  const out: Json[] = [];
  for (const path of pathsOf(seed)) {
    if (path.length === 0) {
      out.push(...BAD_VALUES, 'not json object', [seed]);
      continue;
    }
    out.push(
      changed(seed, path, (parent, key) => {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      }),
    );
    for (const bad of BAD_VALUES) out.push(changed(seed, path, (parent, key) => (parent[key] = bad)));
    const inObject = (parent: Record<string | number, Json>) => !Array.isArray(parent);
    out.push(changed(seed, path, (parent) => inObject(parent) && (parent.unknownKey = 'dropped')));
  }
  return out;
}

/** Code clashes for the cross-field check: a slot mapped to the lead key's field, two columns alike. */
function clashes(seed: Json): Json[] {
  if (typeof seed !== 'object' || seed === null || !('summary' in seed)) return [];
  const config = seed as PluginConfig;
  return [
    changed(config, ['summary', 'openCount'], (p, k) => (p[k] = config.leadKey.field)),
    changed(config, ['summary', 'score'], (p, k) => (p[k] = config.history.table)),
    changed(config, ['history', 'columns', 'subject'], (p, k) => (p[k] = config.history.columns.type)),
    // A clash and a field that fails a non-stopping rule (too long): zod still runs the cross-field check.
    changed(
      changed(config, ['summary', 'openCount'], (p, k) => (p[k] = config.leadKey.field)),
      ['history', 'table'],
      (p, k) => (p[k] = 'x'.repeat(129)),
    ),
    // A clash and a field of the wrong type: zod stops before the cross-field check.
    changed(
      changed(config, ['summary', 'openCount'], (p, k) => (p[k] = config.leadKey.field)),
      ['ignoreBots'],
      (p, k) => (p[k] = 'yes'),
    ),
  ];
}

/** Two mutations at once, picked by a fixed sequence, for the order of problems from different places. */
function pairs(seed: Json, count: number): Json[] {
  const paths = pathsOf(seed).filter((path) => path.length > 0);
  let state = 7;
  const next = (n: number) => {
    state = (state * 48_271) % 2_147_483_647;
    return state % n;
  };
  return Array.from({ length: count }, () => {
    const [a, b] = [paths[next(paths.length)]!, paths[next(paths.length)]!];
    const first = changed(seed, a, (p, k) => (p[k] = BAD_VALUES[next(BAD_VALUES.length)]));
    try {
      return changed(first, b, (p, k) => (p[k] = BAD_VALUES[next(BAD_VALUES.length)]));
    } catch {
      return first; // the first change removed the second's parent
    }
  });
}

const corpus = (): Json[] =>
  validSeeds().flatMap((seed) => [seed, ...mutations(seed), ...clashes(seed), ...pairs(seed, 300)]);

beforeAll(() => {
  // The panel loads no zod locale; a test process that did would make zod word its generic problems otherwise.
  z.config({ localeError: undefined });
});

describe('readConfig (generated, no zod) and migrateConfig (zod)', () => {
  it('accept every valid seed and return the same config', () => {
    for (const seed of validSeeds()) {
      const zod = migrateConfig(seed);
      expect(zod.ok).toBe(true);
      expect(readConfig(seed)).toStrictEqual(zod);
    }
  });

  it('agree on every config of the corpus: accepted or not, the config, the problems', () => {
    const results = corpus().map((input) => ({ input, zod: migrateConfig(input), ours: readConfig(input) }));
    // isDeepStrictEqual tells a key holding undefined from an absent one; JSON.stringify compares key order too.
    const disagreements = results.filter(
      ({ zod, ours }) => !isDeepStrictEqual(ours, zod) || JSON.stringify(ours) !== JSON.stringify(zod),
    );
    expect(disagreements.slice(0, 3)).toEqual([]);

    // The corpus is worth it: many of both outcomes, and problems from every kind of rule.
    const accepted = results.filter(({ zod }) => zod.ok).length;
    expect(accepted).toBeGreaterThan(1_000);
    expect(results.length - accepted).toBeGreaterThan(10_000);
    const messages = new Set(results.flatMap(({ zod }) => (zod.ok ? [] : zod.problems.map((p) => p.message))));
    for (const message of [
      'Invalid input',
      'choose a field',
      'a kintone field code has at most 128 characters',
      'record at least one event type',
      'not an IANA time zone such as Asia/Tokyo',
      'a history column is mapped to more than one slot',
      'at least 0',
      'at most 365 days',
      'write part of a page address',
    ]) {
      expect(messages).toContain(message);
    }
    expect([...messages].some((m) => /^field .+ is mapped to more than one slot$/.test(m))).toBe(true);
  });
});
