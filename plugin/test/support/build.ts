/** Builds dist/ once when it is missing or older than any source of the plug-in. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const PLUGIN_DIR = join(ROOT, 'dist', 'plugin');
export const PLUGIN_ZIP = join(ROOT, 'dist', 'plugin.zip');

const SOURCES = [
  'plugin/src',
  'plugin/manifest.json',
  'plugin/html',
  'plugin/css',
  'plugin/image',
  'plugin/webpack.config.js',
  'plugin/tsconfig.json',
  'contract/src',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function ensurePluginBuilt(): void {
  const built =
    existsSync(PLUGIN_ZIP) && existsSync(join(PLUGIN_DIR, 'manifest.json')) ? statSync(PLUGIN_ZIP).mtimeMs : 0;
  const newest = Math.max(
    ...SOURCES.map((s) => join(ROOT, s))
      .filter(existsSync)
      .map(newestMtime),
  );
  if (built > newest) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'plugin', 'build.ts')],
    {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 180_000,
    },
  );
}
