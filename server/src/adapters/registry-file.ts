/**
 * A registry in one JSON file, for the local stack and single-host use. Writers take a file lock so the
 * ingest and writer processes never lose each other's counter updates.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import type { EventSource } from '../../../contract/src/events';
import type { AppCounters, AppRegistration, AppStatus, Registry, StatusUpdate } from '../services/ports';
import { emptyStatus } from '../services/ports';
import { registrationSchema, statusSchema, StoredRegistrationError } from './registration-codec';

const leaseSchema = z.object({ holder: z.string(), until: z.number() });
const fileSchema = z.object({
  apps: z.record(
    z.string(),
    z.object({
      registration: z.unknown(),
      status: z.unknown(),
      reconciledRecently: z.array(z.string()).optional(),
      lease: leaseSchema.optional(),
      /** Alerts taken per kintone day and "<record id>:<kind>"; only the current and the previous day are kept. */
      alerts: z.record(z.string(), z.record(z.string(), z.number())).optional(),
    }),
  ),
});
type RegistryFile = z.infer<typeof fileSchema>;

export function fileRegistry(filePath: string): Registry {
  const read = async (): Promise<RegistryFile> => {
    try {
      return fileSchema.parse(JSON.parse(await fs.readFile(filePath, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { apps: {} };
      throw error;
    }
  };

  /** Changes the file under its lock; a change that returns false leaves the file unwritten. */
  const update = async (change: (file: RegistryFile) => boolean | void): Promise<void> => {
    await fs.mkdir(path.dirname(filePath), { recursive: true });
    await fs.writeFile(filePath, JSON.stringify({ apps: {} }), { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    // Waits up to about 8 s, inside the ingest's 10 s timeout: 20 webhooks at once, each counting what it accepted,
    // and every writer's status come through this one lock.
    const release = await lockfile.lock(filePath, {
      retries: { retries: 100, minTimeout: 5, maxTimeout: 80 },
      stale: 10_000,
    });
    try {
      const file = await read();
      if (change(file) === false) return;
      const temp = `${filePath}.${process.pid}.tmp`;
      await fs.writeFile(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
      await fs.rename(temp, filePath);
    } finally {
      await release();
    }
  };

  const registrationOf = (appId: string, entry: RegistryFile['apps'][string]) => {
    const parsed = registrationSchema.safeParse(entry.registration);
    if (!parsed.success) throw new StoredRegistrationError(appId, parsed.error);
    return parsed.data;
  };

  return {
    async get(appId) {
      const entry = (await read()).apps[appId];
      return entry ? registrationOf(appId, entry) : undefined;
    },

    async getWithStatus(appId) {
      const entry = (await read()).apps[appId];
      return entry
        ? { registration: registrationOf(appId, entry), status: statusSchema.parse(entry.status) }
        : undefined;
    },

    async put(registration: AppRegistration) {
      await update((file) => {
        const status = file.apps[registration.appId]?.status ?? emptyStatus();
        file.apps[registration.appId] = { registration, status };
      });
    },

    async status(appId): Promise<AppStatus> {
      const entry = (await read()).apps[appId];
      return entry ? statusSchema.parse(entry.status) : emptyStatus();
    },

    async appIds() {
      return Object.keys((await read()).apps);
    },

    async recordReconciled(appId, until, recent = []) {
      await update((file) => {
        const entry = file.apps[appId];
        if (!entry) return;
        const status = statusSchema.parse(entry.status);
        if (status.reconciledUntil && until <= status.reconciledUntil) return;
        entry.status = { ...status, reconciledUntil: until };
        entry.reconciledRecently = [...recent];
      });
    },

    async reconciledRecently(appId) {
      return (await read()).apps[appId]?.reconciledRecently ?? [];
    },

    async acquireWriteLease(appId, holder, now, until) {
      const heldByAnother = ({ lease }: RegistryFile['apps'][string]) =>
        lease !== undefined && lease.holder !== holder && lease.until >= now;
      // Writers waiting for the lease ask often: a look without the lock (the file is replaced whole, by rename)
      // keeps them from crowding out the webhooks' counters, which take the same lock.
      const seen = (await read()).apps[appId];
      if (!seen || heldByAnother(seen)) return false;
      let taken = false;
      await update((file) => {
        const entry = file.apps[appId];
        if (!entry || heldByAnother(entry)) return false;
        entry.lease = { holder, until };
        taken = true;
      });
      return taken;
    },

    async releaseWriteLease(appId, holder) {
      await update((file) => {
        const entry = file.apps[appId];
        if (entry?.lease?.holder !== holder) return false;
        delete entry.lease;
      });
    },

    async claimAlert(appId, recordId, kind, day, limit) {
      let claimed = false;
      await update((file) => {
        const entry = file.apps[appId];
        if (!entry) return;
        const kept = Object.entries(entry.alerts ?? {}).filter(([d]) => d >= daysBefore(day, 1));
        const today = { ...Object.fromEntries(kept)[day] };
        const slot = `${recordId}:${kind}`;
        if ((today[slot] ?? 0) >= limit) return;
        today[slot] = (today[slot] ?? 0) + 1;
        entry.alerts = Object.fromEntries([...kept.filter(([d]) => d !== day), [day, today]]);
        claimed = true;
      });
      return claimed;
    },

    async recordStatus(appId, change: StatusUpdate) {
      await update((file) => {
        const entry = file.apps[appId];
        if (!entry) return;
        entry.status = applyStatusUpdate(statusSchema.parse(entry.status), change);
      });
    },
  };
}

export function applyStatusUpdate(status: AppStatus, change: StatusUpdate): AppStatus {
  const next: AppStatus = { ...status };
  for (const [counter, amount] of Object.entries(change.add) as [keyof typeof change.add, number][]) {
    next[counter] += amount;
  }
  for (const [source, counters] of Object.entries(change.bySource ?? {}) as [EventSource, Partial<AppCounters>][]) {
    const before = next.bySource?.[source] ?? {};
    const after: Partial<AppCounters> = { ...before };
    for (const [counter, amount] of Object.entries(counters) as [keyof AppCounters, number][])
      after[counter] = (after[counter] ?? 0) + amount;
    next.bySource = { ...next.bySource, [source]: after };
  }
  if (change.lastEventAt && (!next.lastEventAt || change.lastEventAt > next.lastEventAt))
    next.lastEventAt = change.lastEventAt;
  if (change.lastError) next.lastError = change.lastError;
  if (change.lastRescore) next.lastRescore = change.lastRescore;
  if (change.kintoneRequests) {
    const { day, count } = change.kintoneRequests;
    // A week is plenty to read back; older days are dropped so the file does not grow forever.
    const kept = Object.entries(next.kintoneRequests ?? {}).filter(([d]) => d > daysBefore(day, 7));
    next.kintoneRequests = Object.fromEntries([
      ...kept.filter(([d]) => d !== day),
      [day, (next.kintoneRequests?.[day] ?? 0) + count],
    ]);
  }
  return next;
}

function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
