/**
 * `npm run build`: makes sure the signing key exists, regenerates the record panel's config reader from the config
 * schema when the schema changed, then runs webpack, which bundles the plug-in and packs dist/plugin.zip. Prints the
 * size of each bundle.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import webpack, { type Configuration } from 'webpack';
import { GENERATED_READER, writeConfigReader } from './generate-config-reader';
import { ensurePrivateKey } from './keygen';

export const ROOT = resolve(__dirname, '..', '..');
export const PLUGIN_OUT_DIR = join(ROOT, 'dist', 'plugin');
export const PLUGIN_ZIP = join(ROOT, 'dist', 'plugin.zip');
const PRIVATE_KEY = join(ROOT, 'plugin', 'private.ppk');

export interface BuildResult {
  pluginId: string;
  zipPath: string;
  files: { path: string; bytes: number }[];
}

export async function buildPlugin(): Promise<BuildResult> {
  const { pluginId } = ensurePrivateKey(PRIVATE_KEY);
  if (writeConfigReader()) console.warn(`The config schema changed: regenerated ${relative(ROOT, GENERATED_READER)}.`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack's own CommonJS config, loaded as webpack-cli would.
  const config = require(join(ROOT, 'plugin', 'webpack.config.js')) as Configuration;
  const stats = await new Promise<webpack.Stats>((resolvePromise, reject) => {
    webpack(config, (error, result) => {
      if (error) reject(error);
      else if (!result) reject(new Error('webpack returned no stats'));
      else resolvePromise(result);
    });
  });
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true, colors: false }));
  if (stats.hasWarnings()) console.warn(stats.toString({ all: false, warnings: true, colors: false }));
  return {
    pluginId,
    zipPath: PLUGIN_ZIP,
    files: [...listFiles(PLUGIN_OUT_DIR), PLUGIN_ZIP].map((path) => ({
      path: relative(ROOT, path),
      bytes: statSync(path).size,
    })),
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

if (require.main === module) {
  buildPlugin().then(
    (result) => {
      console.log(`Plug-in ID ${result.pluginId}`);
      for (const file of result.files) console.log(`${(file.bytes / 1024).toFixed(1).padStart(8)} KiB  ${file.path}`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
