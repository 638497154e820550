/**
 * Writes plugin/src/common/config-reader.generated.ts: the record panel's reader of the stored config, composed from
 * contract/src/config.ts's configSchema (walking zod's `_zod.def`) out of config-reader-runtime.ts's blocks, so the
 * panel accepts and rejects what the server and the settings screen do without carrying zod in its bundle.
 *
 * Every construct is translated or refused: a def key, check, transform or refinement this generator does not know
 * throws, so a schema change cannot leave the panel reading the config differently. Transforms and refinements must be
 * functions exported by contract/src/config-rules.ts (the reader imports and calls the very same function); the
 * cross-field check must be config.ts's `mappedOnce`. `npm run build` regenerates the file; its test fails when the
 * committed file is stale.
 *
 *   npx tsx scripts/plugin/generate-config-reader.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod/mini';
import { configSchema, defaultConfig, mappedOnce } from '../../contract/src/config';
import * as rules from '../../contract/src/config-rules';

const ROOT = resolve(__dirname, '..', '..');
export const GENERATED_READER = join(ROOT, 'plugin', 'src', 'common', 'config-reader.generated.ts');

/** Checks built from a plain function of config-rules.ts, by the name of the function the reader calls instead. */
const KNOWN_CHECKS = new Map<unknown, keyof typeof rules>([[mappedOnce, 'mappingConflicts']]);

// zod's own functions, to recognise the checks made with them.
const TRIM = String(defOf(z.trim()).tx);
const WHEN_HAS_LENGTH = defOf(z.minLength(1)).when;

interface Def {
  type?: string;
  check?: string;
  [key: string]: unknown;
}

function defOf(schema: unknown): Def {
  const def = (schema as { _zod?: { def?: Def } } | null)?._zod?.def;
  if (!def) throw new Error('not a zod schema');
  return def;
}

export class UnsupportedSchemaError extends Error {
  constructor(path: string, what: string) {
    super(
      `config-reader generator: ${what} at ${path}. Teach scripts/plugin/generate-config-reader.ts and ` +
        'plugin/src/common/config-reader-runtime.ts this construct (as zod does it), or write the schema with one they know.',
    );
  }
}

/** Refuses any def key outside `known` that holds a value. */
function onlyKeys(def: Def, known: string[], path: string): void {
  for (const [key, value] of Object.entries(def)) {
    if (value !== undefined && !known.includes(key)) {
      throw new UnsupportedSchemaError(path, `${def.type ?? def.check ?? 'a def'} with "${key}"`);
    }
  }
}

const literalText = (value: unknown): string => {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(literalText).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${literalText(v)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value);
};

/**
 * Translates a schema into calls of config-reader-runtime.ts, twice: the first pass counts how often each piece's text
 * occurs (configSchema reuses schemas and builds equal ones in loops), the second names those that occur more than
 * once as consts.
 */
class Emitter {
  private counts = new Map<string, number>();
  private readonly inline = new Map<object, string>();
  private readonly names = new Map<string, string>();
  private naming = false;
  readonly consts: string[] = [];
  readonly ruleImports = new Set<string>();

  emit(schema: object, path: string): string {
    this.schema(schema, path);
    this.naming = true;
    return this.schema(schema, path);
  }

  private schema(schema: object, path: string): string {
    if (!this.naming) {
      const before = new Map(this.counts);
      const text = this.translate(schema, path);
      // A repeat: its parts were counted at its first occurrence and belong to its const.
      if (before.has(text)) this.counts = before;
      this.inline.set(schema, text);
      this.counts.set(text, (this.counts.get(text) ?? 0) + 1);
      return text;
    }
    const key = this.inline.get(schema)!;
    const named = this.names.get(key);
    if (named) return named;
    const text = this.translate(schema, path);
    if (this.counts.get(key)! < 2) return text;
    const name = `s${this.names.size + 1}`;
    this.names.set(key, name);
    this.consts.push(`const ${name} = ${text};`);
    return name;
  }

  private rule(fn: unknown, path: string, what: string): string {
    const name = Object.entries(rules).find(([, value]) => value === fn)?.[0];
    if (!name) throw new UnsupportedSchemaError(path, `${what} that is not a function of contract/src/config-rules.ts`);
    this.ruleImports.add(name);
    return name;
  }

  private translate(schema: object, path: string): string {
    const def = defOf(schema);
    const checks = (known: string[]) => {
      onlyKeys(def, ['type', 'checks', ...known], path);
      const list = ((def.checks as object[] | undefined) ?? []).map((c) => this.check(c, path));
      return list.length > 0 ? `[${list.join(', ')}]` : '';
    };
    const noChecks = (known: string[]) => {
      onlyKeys(def, ['type', ...known], path);
    };
    switch (def.type) {
      case 'string':
        return `r.string(${checks([])})`;
      case 'boolean':
        noChecks([]);
        return 'r.boolean()';
      case 'number':
        if (def.check === undefined) return `r.number(${checks([])})`;
        if (def.check !== 'number_format' || def.format !== 'safeint' || def.abort) {
          throw new UnsupportedSchemaError(path, `a number of format ${String(def.format)}`);
        }
        return `r.int(${checks(['check', 'format', 'abort'])})`;
      case 'literal':
      case 'enum': {
        noChecks([def.type === 'literal' ? 'values' : 'entries']);
        const values =
          def.type === 'literal' ? (def.values as unknown[]) : Object.entries(def.entries as Record<string, unknown>);
        if (def.type === 'enum' && !(values as [string, unknown][]).every(([k, v]) => k === v)) {
          throw new UnsupportedSchemaError(path, 'an enum of a TypeScript enum');
        }
        const plain = def.type === 'enum' ? (values as [string, unknown][]).map(([, v]) => v) : values;
        if (!plain.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
          throw new UnsupportedSchemaError(path, 'a literal that is not a string, number or boolean');
        }
        return `r.oneOf(${literalText(plain)})`;
      }
      case 'object': {
        const list = checks(['shape']);
        const shape = Object.entries(def.shape as Record<string, object>)
          .map(([key, child]) => `${JSON.stringify(key)}: ${this.schema(child, `${path}.${key}`)}`)
          .join(', ');
        return `r.object({ ${shape} }${list ? `, ${list}` : ''})`;
      }
      case 'array': {
        const list = checks(['element']);
        return `r.array(${this.schema(def.element as object, `${path}[]`)}${list ? `, ${list}` : ''})`;
      }
      case 'optional':
        noChecks(['innerType']);
        return `r.optional(${this.schema(def.innerType as object, path)})`;
      case 'pipe':
        noChecks(['in', 'out']);
        return `r.pipe(${this.schema(def.in as object, path)}, ${this.schema(def.out as object, path)})`;
      case 'transform':
        noChecks(['transform']);
        return `r.transform(${this.rule(def.transform, path, 'a transform')})`;
      case 'union':
        return this.discriminatedUnion(def, path);
      default:
        throw new UnsupportedSchemaError(path, `a ${String(def.type)} schema`);
    }
  }

  private discriminatedUnion(def: Def, path: string): string {
    onlyKeys(def, ['type', 'options', 'discriminator', 'inclusive'], path);
    const key = def.discriminator;
    if (typeof key !== 'string' || def.inclusive !== false) {
      throw new UnsupportedSchemaError(path, 'a union without a discriminator');
    }
    const options = (def.options as object[]).map((option, i) => {
      const optionDef = defOf(option);
      const tagDef = optionDef.type === 'object' ? defOf((optionDef.shape as Record<string, object>)[key]) : undefined;
      const tags = tagDef?.type === 'literal' ? (tagDef.values as unknown[]) : [];
      const tag = tags[0];
      // Option keys are object keys: an integer-like one would reorder them, and the message lists them in order.
      if (tags.length !== 1 || typeof tag !== 'string' || /^\d+$/.test(tag)) {
        throw new UnsupportedSchemaError(`${path}[${i}]`, 'a union option not tagged by one string literal');
      }
      return `${JSON.stringify(tag)}: ${this.schema(option, `${path}(${tag})`)}`;
    });
    return `r.discriminatedUnion(${JSON.stringify(key)}, { ${options.join(', ')} })`;
  }

  private check(check: object, path: string): string {
    const known = KNOWN_CHECKS.get(check);
    if (known) {
      this.ruleImports.add(known);
      return `r.problems(${known})`;
    }
    const def = defOf(check);
    const message = () => {
      if (def.error === undefined) return '';
      const error = def.error as (issue: unknown) => unknown;
      const text = error({ code: 'custom', input: 'a' });
      if (typeof text !== 'string' || error({ code: 'custom', input: 1 }) !== text) {
        throw new UnsupportedSchemaError(path, `a ${def.check} check whose message depends on the issue`);
      }
      return `, ${JSON.stringify(text)}`;
    };
    switch (def.check) {
      case 'overwrite':
        onlyKeys(def, ['check', 'tx'], path);
        if (String(def.tx) !== TRIM) throw new UnsupportedSchemaError(path, 'an overwrite other than trim');
        return 'r.trim';
      case 'min_length':
      case 'max_length': {
        onlyKeys(def, ['check', 'minimum', 'maximum', 'error', 'when'], path);
        if (def.when !== WHEN_HAS_LENGTH) throw new UnsupportedSchemaError(path, `a ${def.check} with its own "when"`);
        const bound = def.check === 'min_length' ? def.minimum : def.maximum;
        return `r.${def.check === 'min_length' ? 'minLength' : 'maxLength'}(${Number(bound)}${message()})`;
      }
      case 'greater_than':
      case 'less_than':
        onlyKeys(def, ['check', 'value', 'inclusive', 'error'], path);
        if (def.inclusive !== true || typeof def.value !== 'number') {
          throw new UnsupportedSchemaError(path, `a ${def.check} that is not an inclusive number bound`);
        }
        return `r.${def.check === 'greater_than' ? 'gte' : 'lte'}(${def.value}${message()})`;
      case 'custom':
        if (typeof def.fn !== 'function') throw new UnsupportedSchemaError(path, 'a custom check it does not know');
        onlyKeys(def, ['type', 'check', 'fn', 'error'], path);
        return `r.refine(${this.rule(def.fn, path, 'a refinement')}${message()})`;
      default:
        throw new UnsupportedSchemaError(path, `a ${String(def.check)} check`);
    }
  }
}

/** Formatted as the repository formats TypeScript (prettier's CLI: its API is ESM-only under jest). */
function prettier(source: string): string {
  const cli = join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
  return execFileSync(process.execPath, [cli, '--stdin-filepath', GENERATED_READER], {
    input: source,
    encoding: 'utf8',
  });
}

/** The reader's source for `schema`, with `defaults` as the base of a version-0 config's upgrade. */
export function generateConfigReader(schema: object = configSchema, defaults: unknown = defaultConfig()): string {
  const emitter = new Emitter();
  const root = emitter.emit(schema, 'configSchema');
  const imports = [...emitter.ruleImports, 'upgradeLegacyConfig'].sort();
  const source = `// Generated by scripts/plugin/generate-config-reader.ts from contract/src/config.ts (configSchema and defaultConfig).
// Do not edit: \`npm run build\` regenerates it, and the generator's test fails while it is stale.
import type { ConfigResult, PluginConfig } from '../../../contract/src/config';
import { ${imports.join(', ')} } from '../../../contract/src/config-rules';
import * as r from './config-reader-runtime';

${emitter.consts.join('\n')}
const configSchema = ${root};

/** defaultConfig(): the base of a version-0 config's upgrade. */
const defaultConfig = (): PluginConfig => (${literalText(defaults)});

/** What migrateConfig (contract/src/config.ts) returns for the same stored value, without zod. */
export function readConfig(raw: unknown): ConfigResult {
  const result = r.read(configSchema, upgradeLegacyConfig(raw, defaultConfig()));
  return result.ok ? { ok: true, config: result.value as PluginConfig } : result;
}
`;
  return prettier(source);
}

/** Rewrites the generated reader when the schema changed; says whether it did. */
export function writeConfigReader(): boolean {
  const source = generateConfigReader();
  const current = (() => {
    try {
      return readFileSync(GENERATED_READER, 'utf8');
    } catch {
      return '';
    }
  })();
  if (current === source) return false;
  writeFileSync(GENERATED_READER, source);
  return true;
}

if (require.main === module) {
  try {
    console.log(writeConfigReader() ? `Wrote ${GENERATED_READER}` : `${GENERATED_READER} is up to date`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
