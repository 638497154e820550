/**
 * npm run upload [-- --yes] [-- --watch]
 * Uploads dist/plugin.zip (what `npm run build` makes) to a kintone environment with cli-kintone's `plugin upload`,
 * kintone's official successor of plugin-uploader. Adding a plug-in takes a kintone administrator's login.
 *
 * The environment alone carries the connection, read by cli-kintone itself: KINTONE_BASE_URL (e.g.
 * https://example.cybozu.com), KINTONE_USERNAME and KINTONE_PASSWORD, plus KINTONE_BASIC_AUTH_USERNAME /
 * KINTONE_BASIC_AUTH_PASSWORD behind Basic authentication and HTTPS_PROXY behind a proxy. Nothing is read from a
 * file or passed on the command line, so no secret lands in the shell history, package.json or a process list.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Command } from 'commander';
import { PLUGIN_ZIP, ROOT } from './build';

/** What cli-kintone needs to sign in; it takes each from the environment variable of the same name. */
export const REQUIRED_VARIABLES = ['KINTONE_BASE_URL', 'KINTONE_USERNAME', 'KINTONE_PASSWORD'] as const;

export interface UploadOptions {
  /** Upload without asking to confirm (cli-kintone asks before it replaces an installed version). */
  yes?: boolean;
  /** Upload again each time the zip changes (next to `webpack --watch`). */
  watch?: boolean;
}

export interface UploadDeps {
  env: NodeJS.ProcessEnv;
  zipPath: string;
  exists: (path: string) => boolean;
  /** Runs cli-kintone with these arguments and the environment as it is; resolves to its exit code. */
  runCli: (args: string[]) => Promise<number>;
}

/** The required variables that are unset or blank, by name. */
export function missingVariables(env: NodeJS.ProcessEnv): string[] {
  return REQUIRED_VARIABLES.filter((name) => !env[name]?.trim());
}

/** cli-kintone's arguments: the zip and the flags, never a URL, a login or a password. */
export function cliArguments(zipPath: string, options: UploadOptions): string[] {
  return [
    'plugin',
    'upload',
    '--input',
    zipPath,
    ...(options.yes ? ['--yes'] : []),
    ...(options.watch ? ['--watch'] : []),
  ];
}

/**
 * Checks that there is a zip to upload and that the environment says where and as whom, then runs cli-kintone.
 * Throws, before any network use, with what to do; the message names variables and never shows their values.
 */
export async function uploadPlugin(options: UploadOptions, deps: UploadDeps): Promise<number> {
  const problems: string[] = [];
  if (!deps.exists(deps.zipPath))
    problems.push(`${relative(ROOT, deps.zipPath)} does not exist: run npm run build first.`);
  const missing = missingVariables(deps.env);
  if (missing.length > 0) {
    problems.push(
      `Set ${missing.join(', ')} in the environment (the kintone URL, and a kintone administrator's login name and password); ` +
        'cli-kintone reads them from there.',
    );
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return deps.runCli(cliArguments(deps.zipPath, options));
}

/** cli-kintone as installed (`@kintone/cli`), run by this Node with the inherited environment and terminal. */
function runCliKintone(args: string[]): Promise<number> {
  const cli = join(dirname(require.resolve('@kintone/cli/package.json')), 'cli.js');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}

if (require.main === module) {
  const program = new Command('upload')
    .description(
      'Upload dist/plugin.zip to kintone with cli-kintone (KINTONE_BASE_URL, KINTONE_USERNAME, KINTONE_PASSWORD)',
    )
    .option('-y, --yes', 'replace an installed version without asking')
    .option('--watch', 'upload again whenever dist/plugin.zip changes')
    .parse();
  uploadPlugin(program.opts<UploadOptions>(), {
    env: process.env,
    zipPath: PLUGIN_ZIP,
    exists: existsSync,
    runCli: runCliKintone,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
