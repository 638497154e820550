/**
 * Backfill through the real local stack: Marketo's history (the local Marketo) → the events queue → the writer →
 * kintone, interrupted half-way and resumed, each engagement written once, as the app's settings say.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { kintoneRecordStore } from '../../server/src/adapters/kintone-records';
import { marketoClient, MarketoQuotaError } from '../../server/src/adapters/marketo-client';
import { sqsEventQueue } from '../../server/src/adapters/sqs-queue';
import { defaultConfig } from '../../contract/src/config';
import { subtableRows, textValue } from '../../contract/src/kintone-record';
import { activityTypeIdsFor, EMAIL_ACTIVITY_TYPES } from '../../server/src/core/marketo-activity';
import { MARKETO_EVENT_TYPES, type EngagementEvent } from '../../contract/src/events';
import { adminTarget, registeredConfig } from '../../scripts/admin/admin-client';
import { runBackfill } from '../../scripts/backfill/run';
import { startTestStack, type TestStack } from '../support/local-stack';
import { waitFor } from '../support/wait';

jest.setTimeout(120_000);

let stack: TestStack;
let dir: string;
beforeAll(async () => {
  stack = await startTestStack({ marketoActivities: 600 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'kms-backfill-'));
});
afterAll(async () => {
  await stack?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it("imports the history once, resuming an interrupted run, with the app's own settings applied by the writer", async () => {
  const config = defaultConfig();
  const since = new Date(Date.now() - 40 * 24 * 3_600_000);
  const until = new Date();
  // The local Marketo's log also holds other activity (scores, lists…), as a real one does; the backfill reads only
  // the activity types the app records.
  const readTypes = new Set(activityTypeIdsFor(config.eventTypes));
  const activities = stack.marketo.activities().filter((a) => readTypes.has(a.activityTypeId));
  const isBot = (a: (typeof activities)[number]) =>
    a.attributes.some((x) => x.name === 'Is Bot Activity' && x.value === true);
  const recorded = activities.filter(
    (a) => config.eventTypes.includes(EMAIL_ACTIVITY_TYPES[a.activityTypeId]!) && !isBot(a),
  );
  const expected = recorded.map((a) => `mkto-${a.marketoGUID}`).sort();
  const source = () =>
    marketoClient({ ...stack.dev.marketo! }, { retry: { attempts: 5, startingDelayMs: 20, maxDelayMs: 200 } });
  const sqs = new SQSClient({
    endpoint: stack.dev.sqsEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const queue = sqsEventQueue(stack.dev.queueUrl, sqs);
  const stateFile = path.join(dir, 'state.json');
  // The app's settings as the server holds them, through the Admin API as the command line gets them.
  const registered = await registeredConfig(adminTarget('1', undefined, stack.dev));
  expect(registered).toEqual(config);
  const base = { appId: '1', config: registered, since, until, stateFile, source: source() };

  const dry = await runBackfill({
    ...base,
    resume: false,
    dryRun: true,
    queue: { send: () => Promise.reject(new Error('a dry run queued')) },
  });
  expect(dry.report.activities).toBe(activities.length);
  // Only what the app records is queued: the rest would cost the writer kintone requests for nothing.
  expect(dry.report.events).toBe(expected.length);
  expect(expected.length).toBeLessThan(activities.length);
  // What the dry run prints: the events by type, and the bot activity among them (none: the app ignores bots).
  const typeCounts: Record<string, number> = {};
  for (const a of recorded)
    typeCounts[EMAIL_ACTIVITY_TYPES[a.activityTypeId]!] =
      (typeCounts[EMAIL_ACTIVITY_TYPES[a.activityTypeId]!] ?? 0) + 1;
  expect(dry.report.byType).toEqual(typeCounts);
  expect(dry.report.bots).toBe(0);

  // The first run dies after 100 events, on its second page of 300 activities (a laptop closed, a lost connection)...
  let sent = 0;
  const dying = {
    send: async (event: EngagementEvent) =>
      ++sent > 100 ? Promise.reject(new Error('connection lost')) : queue.send(event),
  };
  await expect(runBackfill({ ...base, resume: false, dryRun: false, queue: dying })).rejects.toThrow('connection lost');
  const saved = JSON.parse(await readFile(stateFile, 'utf8')) as { lastActivityAt: string; queued: number };
  expect(saved.queued).toBeGreaterThan(0);

  // ...and the second picks up from the saved position, not from the start.
  const resumed = await runBackfill({ ...base, resume: true, dryRun: false, queue, source: source() });
  expect(resumed.resumedFrom).toBe(saved.lastActivityAt);
  expect(resumed.report.activities).toBeLessThan(activities.length);

  const store = kintoneRecordStore({ baseUrl: stack.dev.kintoneBaseUrl, apiToken: stack.dev.apiToken, appId: '1' });
  const emails = stack.marketo.leads.map((l) => l.email);
  const keysOnRecords = async () =>
    (await store.findByLeadKeys('email', emails, ['$id', '$revision', 'email', 'mkto_history'])).flatMap((r) =>
      subtableRows(r.fields, 'mkto_history').map((row) => textValue(row.value, 'mkto_h_key')),
    );
  const keys = await waitFor('the backfill on the records', async () => {
    const now = await keysOnRecords();
    return now.length >= expected.length ? now : undefined;
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect((await keysOnRecords()).sort()).toEqual(expected);
  expect(keys.length).toBe(expected.length);
  const status = await stack.registry.status('1');
  expect(status.written).toBe(expected.length);
  expect(status.filtered).toBe(0);
});

it("stops at Marketo's daily quota with its position saved, and resumes from there once the quota is back", async () => {
  const since = new Date(Date.now() - 40 * 24 * 3_600_000);
  const until = new Date();
  const stateFile = path.join(dir, 'quota-state.json');
  const queued: EngagementEvent[] = [];
  const queue = { send: async (event: EngagementEvent) => void queued.push(event) };
  const source = () =>
    marketoClient({ ...stack.dev.marketo! }, { retry: { attempts: 3, startingDelayMs: 20, maxDelayMs: 100 } });
  // An app that records every Marketo event, bots included: every activity is queued.
  const everything = { ...defaultConfig(), eventTypes: [...MARKETO_EVENT_TYPES], ignoreBots: false };
  const base = { appId: '1', config: everything, since, until, stateFile, dryRun: false, queue };

  stack.marketo.resetStats();
  // The day's usage, the paging token, the first emails' subjects and campaigns, a few pages (activities, their
  // leads): then 607.
  stack.marketo.setLimits({ dailyQuota: 16 });
  try {
    await expect(runBackfill({ ...base, resume: false, source: source() })).rejects.toBeInstanceOf(MarketoQuotaError);
  } finally {
    stack.marketo.setLimits({ dailyQuota: false });
  }
  const saved = JSON.parse(await readFile(stateFile, 'utf8')) as { lastActivityAt: string; queued: number };
  expect(saved.queued).toBe(queued.length);
  expect(saved.queued).toBeGreaterThan(0);
  const beforeQuota = queued.length;

  const resumed = await runBackfill({ ...base, resume: true, source: source() });
  expect(resumed.resumedFrom).toBe(saved.lastActivityAt);
  // Every activity queued at least once, and only the saved page boundary's moment read twice.
  const all = stack.marketo.activities().filter((a) => EMAIL_ACTIVITY_TYPES[a.activityTypeId] !== undefined);
  expect(new Set(queued.map((e) => e.key))).toEqual(new Set(all.map((a) => `mkto-${a.marketoGUID}`)));
  const boundary = queued.slice(beforeQuota).filter((e) => queued.slice(0, beforeQuota).some((f) => f.key === e.key));
  expect(boundary.every((e) => Date.parse(e.occurredAt) === Date.parse(saved.lastActivityAt))).toBe(true);
});
