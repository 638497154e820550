/** The behaviour every Registry implementation shares, as jest cases; each test file calls it with its factory. */
import { defaultConfig } from '../../contract/src/config';
import { hashSecret } from '../../server/src/core/secrets';
import type { LastErrorCode } from '../../contract/src/last-error';
import type { AppRegistration, Registry } from '../../server/src/services/ports';
import { emptyStatus } from '../../server/src/services/ports';

export const sampleRegistration = (appId: string): AppRegistration => ({
  appId,
  kintoneBaseUrl: 'https://example.cybozu.com',
  apiTokenSealed: 'local-aes256gcm:sealed-token-abc',
  webhookSecretHash: hashSecret('secret-0123456789abcdef'),
  enabled: true,
  config: defaultConfig(),
  updatedAt: '2026-11-28T00:00:00.000Z',
});

/** `newRegistry` must return an empty registry each time it is called. */
export function registryContract(newRegistry: () => Registry | Promise<Registry>): void {
  describe('Registry contract', () => {
    it('returns what was put, and undefined and empty counters for an unknown app', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      expect(await registry.get('1')).toEqual(sampleRegistration('1'));
      expect(await registry.get('2')).toBeUndefined();
      expect(await registry.status('2')).toEqual(emptyStatus());
    });

    it('keeps the guest space of an app in one', async () => {
      const registry = await newRegistry();
      await registry.put({ ...sampleRegistration('3'), guestSpaceId: '21' });
      expect(await registry.get('3')).toEqual({ ...sampleRegistration('3'), guestSpaceId: '21' });
    });

    it('keeps the latest re-score run, replacing the one before, beside the request counts', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      const first = { at: '2026-11-28T18:00:00.000Z', examined: 600, changed: 40, skipped: 1, requests: 4 };
      await registry.recordStatus('1', {
        add: {},
        lastRescore: first,
        kintoneRequests: { day: '2026-11-28', count: 4 },
      });
      expect((await registry.status('1')).lastRescore).toEqual(first);
      const stopped = {
        ...first,
        at: '2026-11-29T18:00:00.000Z',
        stopped: { reason: 'budget' as const, message: 'the budget is spent' },
      };
      await registry.recordStatus('1', { add: {}, lastRescore: stopped });
      expect((await registry.getWithStatus('1'))?.status).toMatchObject({
        lastRescore: stopped,
        kintoneRequests: { '2026-11-28': 4 },
      });
    });

    it('starts a registered app with zero counters', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      expect(await registry.status('1')).toEqual(emptyStatus());
    });

    it('keeps counters when the registration is replaced, and the rotated secret replaces the old one', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      await registry.recordStatus('1', {
        add: { written: 3, failed: 2 },
        lastError: { at: 'now', message: 'kintone said no' },
      });
      await registry.put({ ...sampleRegistration('1'), webhookSecretHash: hashSecret('rotated-secret-0123456789') });
      expect(await registry.status('1')).toMatchObject({
        written: 3,
        failed: 2,
        lastError: { message: 'kintone said no' },
      });
      expect((await registry.get('1'))?.webhookSecretHash).toBe(hashSecret('rotated-secret-0123456789'));
    });

    it('loses no counter update when many land at once', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      await Promise.all(Array.from({ length: 50 }, () => registry.recordStatus('1', { add: { written: 1 } })));
      expect(await registry.status('1')).toEqual({ ...emptyStatus(), written: 50 });
    });

    it('reads a registration and its status together, and nothing for an unknown app', async () => {
      const registry = await newRegistry();
      expect(await registry.getWithStatus('1')).toBeUndefined();
      await registry.put(sampleRegistration('1'));
      await registry.recordStatus('1', { add: { written: 2 }, kintoneRequests: { day: '2026-11-28', count: 4 } });
      expect(await registry.getWithStatus('1')).toEqual({
        registration: await registry.get('1'),
        status: await registry.status('1'),
      });
      expect((await registry.getWithStatus('1'))?.status).toMatchObject({
        written: 2,
        kintoneRequests: { '2026-11-28': 4 },
      });
    });

    it('adds up the kintone requests of each day, concurrent writers included', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      await Promise.all(
        Array.from({ length: 20 }, () =>
          registry.recordStatus('1', { add: {}, kintoneRequests: { day: '2026-11-28', count: 3 } }),
        ),
      );
      await registry.recordStatus('1', { add: { written: 1 }, kintoneRequests: { day: '2026-11-29', count: 2 } });
      expect((await registry.status('1')).kintoneRequests).toEqual({ '2026-11-28': 60, '2026-11-29': 2 });
    });

    it('counts by source beside the totals, concurrent writers included', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      await Promise.all(
        Array.from({ length: 10 }, () =>
          registry.recordStatus('1', { add: { accepted: 1 }, bySource: { webhook: { accepted: 1 } } }),
        ),
      );
      await registry.recordStatus('1', {
        add: { written: 7, duplicates: 2 },
        bySource: { webhook: { written: 3 }, reconcile: { written: 4, duplicates: 2 } },
      });
      await registry.recordStatus('1', { add: { written: 1 }, bySource: { test: { written: 1 } } });
      const status = await registry.status('1');
      expect(status).toMatchObject({ accepted: 10, written: 8, duplicates: 2 });
      expect(status.bySource).toEqual({
        webhook: { accepted: 10, written: 3 },
        reconcile: { written: 4, duplicates: 2 },
        test: { written: 1 },
      });
      expect((await registry.getWithStatus('1'))?.status.bySource).toEqual(status.bySource);
    });

    it('adds every counter given and sets the last event and error', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      const lastError = { at: '2026-11-28T00:00:05.000Z', message: 'kintone said no' };
      await registry.recordStatus('1', {
        add: { accepted: 2, duplicates: 1 },
        lastEventAt: '2026-11-28T00:00:05.000Z',
      });
      await registry.recordStatus('1', {
        add: { accepted: 1, unmatched: 4, filtered: 5, failed: 6, deferred: 7, trimmed: 8, alertsPosted: 9 },
        lastError,
      });
      await registry.recordStatus('1', { add: { alertsPosted: 1, alertsSkipped: 2 } });
      expect(await registry.status('1')).toEqual({
        accepted: 3,
        deferred: 7,
        alertsPosted: 10,
        alertsSkipped: 2,
        written: 0,
        duplicates: 1,
        trimmed: 8,
        unmatched: 4,
        filtered: 5,
        failed: 6,
        lastEventAt: '2026-11-28T00:00:05.000Z',
        lastError,
      });
    });

    it("keeps the last error's code, and reads a code this version does not know (a newer one's) as none", async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      const lastError = {
        at: '2026-11-28T00:00:05.000Z',
        message: 'kintone said no',
        code: 'kintone_refused_token',
      } as const;
      await registry.recordStatus('1', { add: { failed: 1 }, lastError });
      expect((await registry.status('1')).lastError).toEqual(lastError);
      expect((await registry.getWithStatus('1'))?.status.lastError).toEqual(lastError);

      const newer = { ...lastError, code: 'from_a_newer_server' as LastErrorCode };
      await registry.recordStatus('1', { add: {}, lastError: newer });
      expect((await registry.status('1')).lastError).toStrictEqual({ at: lastError.at, message: lastError.message });
    });

    it('never moves lastEventAt back, yet counts a late update and keeps its error', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      await registry.recordStatus('1', { add: { written: 1 }, lastEventAt: '2026-11-28T00:00:09.000Z' });
      await registry.recordStatus('1', {
        add: { written: 1 },
        lastEventAt: '2026-11-28T00:00:01.000Z',
        lastError: { at: 'later', message: 'late failure' },
      });
      expect(await registry.status('1')).toMatchObject({
        written: 2,
        lastEventAt: '2026-11-28T00:00:09.000Z',
        lastError: { message: 'late failure' },
      });
      await registry.recordStatus('1', { add: {}, lastEventAt: '2026-11-28T00:00:10.000Z' });
      expect((await registry.status('1')).lastEventAt).toBe('2026-11-28T00:00:10.000Z');
    });

    it('lists every registered app, and none when nothing is registered', async () => {
      const registry = await newRegistry();
      expect(await registry.appIds()).toEqual([]);
      await Promise.all(['3', '1', '12'].map((id) => registry.put(sampleRegistration(id))));
      await registry.recordStatus('1', { add: { written: 1 } });
      expect((await registry.appIds()).sort()).toEqual(['1', '12', '3']);
    });

    it('moves the reconciliation watermark forward only, beside the counters', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      await registry.recordReconciled('1', '2026-11-28T10:00:00.000Z');
      await registry.recordStatus('1', { add: { written: 2 } });
      await registry.recordReconciled('1', '2026-11-28T09:00:00.000Z');
      expect(await registry.status('1')).toEqual({
        ...emptyStatus(),
        written: 2,
        reconciledUntil: '2026-11-28T10:00:00.000Z',
      });
      await registry.recordReconciled('1', '2026-11-28T11:00:00.000Z');
      expect((await registry.getWithStatus('1'))?.status.reconciledUntil).toBe('2026-11-28T11:00:00.000Z');
      await registry.put({ ...sampleRegistration('1'), webhookSecretHash: hashSecret('rotated-secret-0123456789') });
      expect((await registry.status('1')).reconciledUntil).toBe('2026-11-28T11:00:00.000Z');
    });

    it('keeps the activities read just before the watermark with it, replaced as the watermark moves, never shown as status', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      expect(await registry.reconciledRecently('1')).toEqual([]);
      await registry.recordReconciled('1', '2026-11-28T10:00:00.000Z', ['guid-a', 'guid-b']);
      expect(await registry.reconciledRecently('1')).toEqual(['guid-a', 'guid-b']);
      await registry.recordReconciled('1', '2026-11-28T09:00:00.000Z', ['stale']);
      expect(await registry.reconciledRecently('1')).toEqual(['guid-a', 'guid-b']);
      await registry.recordReconciled('1', '2026-11-28T11:00:00.000Z', ['guid-c']);
      expect(await registry.reconciledRecently('1')).toEqual(['guid-c']);
      expect(JSON.stringify(await registry.getWithStatus('1'))).not.toContain('guid-c');
      expect(await registry.reconciledRecently('9')).toEqual([]);
    });

    it("gives the app's write lease to one holder at a time, until it is released or runs out", async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      await registry.put(sampleRegistration('2'));
      expect(await registry.acquireWriteLease('1', 'writer-a', 1_000, 61_000)).toBe(true);
      expect(await registry.acquireWriteLease('1', 'writer-b', 2_000, 62_000)).toBe(false);
      // Another app's lease is its own; the holder may renew its own.
      expect(await registry.acquireWriteLease('2', 'writer-b', 2_000, 62_000)).toBe(true);
      expect(await registry.acquireWriteLease('1', 'writer-a', 3_000, 63_000)).toBe(true);
      // Only the holder gives it back.
      await registry.releaseWriteLease('1', 'writer-b');
      expect(await registry.acquireWriteLease('1', 'writer-b', 4_000, 64_000)).toBe(false);
      await registry.releaseWriteLease('1', 'writer-a');
      expect(await registry.acquireWriteLease('1', 'writer-b', 4_000, 64_000)).toBe(true);
      // A holder that never came back (a crashed writer) is passed over once its lease has run out.
      expect(await registry.acquireWriteLease('1', 'writer-c', 64_001, 124_001)).toBe(true);
      // The lease is no part of the registration or the status.
      expect(await registry.get('1')).toEqual(sampleRegistration('1'));
      expect(await registry.status('1')).toEqual(emptyStatus());
    });

    it('gives each record at most `limit` alerts per moment kind and kintone day, the next day anew', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      const day = '2026-11-28';
      expect(await registry.claimAlert('1', '7', 'click', day, 2)).toBe(true);
      expect(await registry.claimAlert('1', '7', 'click', day, 2)).toBe(true);
      expect(await registry.claimAlert('1', '7', 'click', day, 2)).toBe(false);
      // Another kind, another record and the next day each count on their own.
      expect(await registry.claimAlert('1', '7', 'visit', day, 2)).toBe(true);
      expect(await registry.claimAlert('1', '8', 'click', day, 2)).toBe(true);
      expect(await registry.claimAlert('1', '7', 'click', '2026-11-29', 2)).toBe(true);
      // The ledger is no app, no registration and no status.
      expect(await registry.appIds()).toEqual(['1']);
      expect(await registry.get('1')).toEqual(sampleRegistration('1'));
      expect(await registry.status('1')).toEqual(emptyStatus());
    });

    it('gives an alert to exactly `limit` of many writers claiming at once', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      const claims = await Promise.all(
        Array.from({ length: 12 }, () => registry.claimAlert('1', '7', 'reply', '2026-11-28', 3)),
      );
      expect(claims.filter(Boolean)).toHaveLength(3);
    });

    it('takes the lease for exactly one of many writers asking at once', async () => {
      const registry = await newRegistry();
      await registry.put(sampleRegistration('1'));
      const taken = await Promise.all(
        Array.from({ length: 10 }, (_, i) => registry.acquireWriteLease('1', `writer-${i}`, 1_000, 61_000)),
      );
      expect(taken.filter(Boolean)).toHaveLength(1);
    });

    it('has no lease for an app that is not registered', async () => {
      const registry = await newRegistry();
      expect(await registry.acquireWriteLease('9', 'writer-a', 1_000, 61_000)).toBe(false);
    });

    it('records nothing for an app that is not registered', async () => {
      const registry = await newRegistry();
      await registry.recordReconciled('9', '2026-11-28T10:00:00.000Z');
      expect(await registry.appIds()).toEqual([]);
      await registry.recordStatus('9', {
        add: { written: 1 },
        lastEventAt: '2026-11-28T00:00:00.000Z',
        lastError: { at: 'now', message: 'x' },
      });
      expect(await registry.status('9')).toEqual(emptyStatus());
      expect(await registry.get('9')).toBeUndefined();
    });
  });
}
