/**
 * The plug-in's bundles and the contract stay free of server code: every relative import reachable from the
 * plug-in's entry points stays in plugin/src or contract/src, and the contract imports nothing but itself and zod.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'([^']+)'/gm;

function importsOf(file: string): string[] {
  return [...fs.readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((match) => match[1]!);
}

function resolveRelative(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  const candidate = [`${base}.ts`, path.join(base, 'index.ts')].find((file) => fs.existsSync(file));
  if (!candidate) throw new Error(`${path.relative(root, from)} imports ${specifier}, which does not resolve`);
  return candidate;
}

/** Every file reachable from the entry points, with the packages they import. */
function reach(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) queue.push(resolveRelative(file, specifier));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

const inside = (file: string, folder: string) => !path.relative(path.join(root, folder), file).startsWith('..');

describe('module boundaries', () => {
  it('the plug-in bundles reach only plugin/src and contract/src', () => {
    const entries = ['config', 'desktop', 'mobile'].map((name) => path.join(root, 'plugin/src', name, 'index.ts'));
    const { files } = reach(entries);
    const outside = [...files].filter((file) => !inside(file, 'plugin/src') && !inside(file, 'contract/src'));
    expect(outside.map((file) => path.relative(root, file))).toEqual([]);
    expect([...files].some((file) => inside(file, 'contract/src'))).toBe(true);
  });

  it('the contract imports nothing but itself and zod', () => {
    const sources = fs
      .readdirSync(path.join(root, 'contract/src'))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .map((name) => path.join(root, 'contract/src', name));
    const { files, packages } = reach(sources);
    expect([...files].filter((file) => !inside(file, 'contract/src')).map((file) => path.relative(root, file))).toEqual(
      [],
    );
    expect([...packages].filter((name) => name !== 'zod' && name !== 'zod/mini')).toEqual([]);
  });
});
