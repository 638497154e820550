import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PersistedState } from './store';

/**
 * Saves the emulator state to one JSON file. Writes are atomic (temp file + rename) and
 * coalesced: a burst of mutations causes at most one write in progress and one after it.
 */
export class Persister {
  private pending: (() => PersistedState) | undefined;
  private writing: Promise<void> | undefined;
  private failure: unknown;

  constructor(private readonly file: string) {}

  async load(): Promise<PersistedState | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const state = JSON.parse(text) as PersistedState;
    if (state.version !== 1)
      throw new Error(`${this.file}: unsupported emulator state version ${String(state.version)}`);
    return state;
  }

  /** Queues a save of the state `snapshot` returns at write time. */
  schedule(snapshot: () => PersistedState): void {
    this.pending = snapshot;
    this.writing ??= this.drain();
  }

  /** Resolves when everything scheduled so far is on disk; rejects if a write failed since the last flush. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    const failure = this.failure;
    this.failure = undefined;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the failed write rejected with.
    if (failure !== undefined) throw failure;
  }

  private async drain(): Promise<void> {
    try {
      // Let the rest of the current burst of mutations happen before the first write.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.pending) {
        const snapshot = this.pending;
        this.pending = undefined;
        await this.write(JSON.stringify(snapshot()));
      }
    } catch (error) {
      this.failure = error;
      console.error(`kintone emulator: could not save ${this.file}:`, error);
    } finally {
      this.writing = undefined;
    }
  }

  private async write(json: string): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, json, 'utf8');
    await rename(temp, this.file);
  }
}
