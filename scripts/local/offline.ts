/** serverless-offline running the real handlers (bundled by serverless-esbuild), as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SESEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVICE = 'kintone-marketo-sync';
const STAGE = 'local';

export interface Offline {
  url: string;
  invokeWriter(event: SQSEvent): Promise<SQSBatchResponse>;
  /** One run of the scheduled reconciliation, as EventBridge would start it; resolves to what the handler returned. */
  invokeReconcile(): Promise<unknown>;
  /** One run of the daily re-score, as EventBridge would start it; resolves to what the handler returned. */
  invokeRescore(): Promise<unknown>;
  /** The reply function with the event SES's receipt rule sends; resolves to what the handler returned. */
  invokeReply(event: SESEvent): Promise<unknown>;
  /** Base URL of serverless-offline's Lambda invoke API (for tools in another process). */
  lambdaUrl: string;
  stop(): Promise<void>;
}

export interface OfflineOptions {
  httpPort: number;
  lambdaPort: number;
  env: Record<string, string>;
  log: (line: string) => void;
  /** Another service file in the repository root (the benchmark's baseline); default serverless.yml. */
  configFile?: string;
  /** Rebuild the handlers when their sources change (npm start); tests and benchmarks want a fixed build. */
  watch?: boolean;
}

/** A pattern that matches no file, so serverless-esbuild's watcher never rebuilds. */
const WATCH_NOTHING = '.offline-watches-nothing';

const batchResponseSchema = z.object({
  batchItemFailures: z.array(z.object({ itemIdentifier: z.string() })),
});

export async function startOffline(options: OfflineOptions): Promise<Offline> {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js'),
      'offline',
      'start',
      ...(options.configFile ? ['--config', options.configFile] : []),
      '--stage',
      STAGE,
      '--httpPort',
      String(options.httpPort),
      '--lambdaPort',
      String(options.lambdaPort),
      '--host',
      '127.0.0.1',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...options.env,
        ...(options.watch ? {} : { OFFLINE_WATCH_PATTERN: WATCH_NOTHING }),
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await waitForReady(child, options.log);
  const url = `http://127.0.0.1:${options.httpPort}`;
  const lambdaUrl = `http://127.0.0.1:${options.lambdaPort}`;
  const invoke = (name: string, event: unknown) => invokeLocalFunction(lambdaUrl, name, event);
  return {
    url,
    invokeWriter: async (event) => batchResponseSchema.parse(await invoke('writer', event)),
    invokeReconcile: () => invoke('reconcile', { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }),
    invokeRescore: () => invoke('rescore', { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }),
    invokeReply: (event) => invoke('reply', event),
    lambdaUrl,
    stop: () => stopChild(child),
  };
}

/** One function of the local service through serverless-offline's Lambda invoke API; what the handler returned. */
export async function invokeLocalFunction(lambdaUrl: string, name: string, event: unknown): Promise<unknown> {
  const response = await fetch(`${lambdaUrl}/2015-03-31/functions/${SERVICE}-${STAGE}-${name}/invocations`, {
    method: 'POST',
    body: JSON.stringify(event),
  });
  const text = await response.text();
  if (!response.ok || response.headers.get('x-amz-function-error')) {
    throw new Error(`${name} failed (${response.status}): ${text.slice(0, 500)}`);
  }
  return JSON.parse(text) as unknown;
}

function waitForReady(child: ChildProcess, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
      if (output.includes('Server ready')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`serverless offline exited (${code}) before it was ready:\n${output.slice(-3000)}`)),
    );
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
