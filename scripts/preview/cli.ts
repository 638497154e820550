/**
 * Stand-alone preview against a fresh kintone emulator: `npx tsx scripts/preview/cli.ts [--port 3200]`.
 * Builds the plug-in first when dist/plugin is missing. (`npm start` runs the preview as part of the whole stack.)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startKintoneEmulator } from '../kintone-emulator';
import { buildPlugin, PLUGIN_OUT_DIR, ROOT } from '../plugin/build';
import { startPreviewServer } from './server';

async function main(): Promise<void> {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 3200;
  if (!existsSync(join(PLUGIN_OUT_DIR, 'manifest.json'))) await buildPlugin();
  const kintone = await startKintoneEmulator({ port: 0 });
  const preview = await startPreviewServer({
    port,
    kintoneBaseUrl: kintone.url,
    appId: kintone.demo.appId,
    pluginDir: PLUGIN_OUT_DIR,
    statePath: join(ROOT, '.local', 'preview-state.json'),
  });
  console.log(`kintone emulator  ${kintone.url}`);
  console.log(`record list       ${preview.pages.list()}`);
  console.log(`record            ${preview.pages.record(1)}`);
  console.log(`mobile record     ${preview.pages.mobileRecord(1)}`);
  console.log(`plug-in settings  ${preview.pages.settings()}`);
  const stop = () => void Promise.all([preview.close(), kintone.close()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
