/**
 * The engagement score through the real local stack: a month of a customer's activity sent as Marketo's webhooks
 * leaves the score the documented formula gives (worked out here from its definition, not by the product's code),
 * written by the writer with the events; the daily re-score, run by serverless-offline as EventBridge would, reads every
 * customer on its first run, then rewrites only the score that moved, at one GET and one PUT.
 */
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { defaultConfig, type PluginConfig } from '../../contract/src/config';
import { ADMIN_SECRET_HEADER } from '../../contract/src/admin-api';
import { sendActivities } from '../../scripts/marketo-simulator/send';
import type { SimulatedActivity } from '../../scripts/marketo-simulator/render';
import { startTestStack, type TestStack } from '../support/local-stack';
import { waitFor } from '../support/wait';

jest.setTimeout(600_000);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// The formula as docs/admin-guide.md states it: each recorded event adds its weight halved every 14 days of age
// (open 1, click 3, visit 1, form 8, reply 10); only events after the latest unsubscribe or hard bounce count; the sum
// is rounded to a whole number, at most 100.
const WEIGHT: Record<string, number> = { open: 1, click: 3, visit: 1, form: 8, reply: 10 };
const HALF_LIFE_DAYS = 14;

function formulaScore(events: readonly { type: string; at: number }[], now: number): number {
  const resets = events.filter((e) => e.type === 'unsubscribe' || e.type === 'bounce').map((e) => e.at);
  const since = resets.length > 0 ? Math.max(...resets) : -Infinity;
  let total = 0;
  for (const e of events) {
    if (e.at <= since || !(e.type in WEIGHT)) continue;
    total += WEIGHT[e.type]! * 0.5 ** ((now - e.at) / (HALF_LIFE_DAYS * DAY));
  }
  return Math.min(100, Math.round(total));
}

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

it("stores the formula's score with the month's events, and the daily re-score rewrites only what moved", async () => {
  const { dev } = stack;
  const kintone = new KintoneRestAPIClient({ baseUrl: dev.kintoneBaseUrl, auth: { apiToken: dev.apiToken } });
  const { records: customers } = await kintone.record.getRecords({
    app: dev.appId,
    query: 'order by $id asc limit 4',
    fields: ['$id', 'email', 'marketo_lead_id'],
  });
  type Customer = { id: string; lead: SimulatedActivity['lead'] };
  const list: Customer[] = customers.map((r) => ({
    id: String(r.$id!.value),
    lead: { leadId: String(r.marketo_lead_id!.value), email: String(r.email!.value) },
  }));
  expect(list).toHaveLength(4);
  const [a, b, c, d] = list as [Customer, Customer, Customer, Customer];

  const config: PluginConfig = {
    ...defaultConfig(),
    summary: { ...defaultConfig().summary, score: 'mkto_score' },
    eventTypes: ['open', 'click', 'bounce', 'unsubscribe', 'reply', 'visit', 'form'],
    visitPages: ['example.com/pricing'],
  };
  const registered = await fetch(`${dev.serverUrl}/apps/${dev.appId}/registration`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', [ADMIN_SECRET_HEADER]: dev.adminSecret },
    body: JSON.stringify({ config, kintoneBaseUrl: dev.kintoneBaseUrl }),
  });
  expect(registered.status).toBe(200);

  // Whole minutes: kintone keeps a history row's time to the minute.
  const start = Math.floor(Date.now() / MINUTE) * MINUTE;
  const ago = (days: number, minutes = 0) => start - days * DAY - minutes * MINUTE;
  type Step = { who: Customer; type: SimulatedActivity['type']; at: number; page?: string; formName?: string };
  const steps: Step[] = [
    // A: a month of reading, browsing the pricing page and a form fill; the blog is no page the admin chose.
    { who: a, type: 'open', at: ago(29) },
    { who: a, type: 'click', at: ago(29, -5) },
    { who: a, type: 'open', at: ago(22) },
    { who: a, type: 'visit', at: ago(15), page: 'https://www.example.com/pricing' },
    { who: a, type: 'form', at: ago(8), page: 'https://www.example.com/contact', formName: 'Contact us' },
    { who: a, type: 'open', at: ago(3) },
    { who: a, type: 'click', at: ago(3, -2) },
    { who: a, type: 'visit', at: ago(2), page: 'https://www.example.com/blog' },
    { who: a, type: 'visit', at: ago(1), page: 'https://www.example.com/pricing?plan=pro' },
    { who: a, type: 'open', at: ago(0, 60) },
    // B: a click three weeks ago and an open last week.
    { who: b, type: 'click', at: ago(20) },
    { who: b, type: 'open', at: ago(6) },
    // C: clicked, then unsubscribed: 0.
    { who: c, type: 'click', at: ago(10) },
    { who: c, type: 'unsubscribe', at: ago(5) },
    // D: nothing for nine days.
    { who: d, type: 'form', at: ago(12), page: 'https://www.example.com/contact', formName: 'Webinar' },
    { who: d, type: 'click', at: ago(9) },
  ];
  const activities: SimulatedActivity[] = steps.map((s) => ({
    type: s.type,
    lead: s.who.lead,
    emailName: s.type === 'visit' || s.type === 'form' ? '' : 'Product Update Q4',
    subject: '',
    link: s.type === 'click' ? 'https://www.example.com/news' : '',
    ...(s.page ? { page: s.page } : {}),
    ...(s.formName ? { formName: s.formName } : {}),
    campaign: 'Nurture',
    campaignId: '1001',
    at: new Date(s.at),
  }));
  // One at a time, each sent again until accepted: on a busy machine a cold function may time out, and a repeated
  // webhook is the same event (its key), written once.
  for (const activity of activities) {
    const options = {
      url: dev.webhookUrl,
      secret: dev.webhookSecret,
      encoding: 'json' as const,
      timeZone: config.marketoTimeZone,
      concurrency: 1,
      timeoutMs: 30_000,
    };
    await waitFor(
      'the webhook accepted',
      async () => ((await sendActivities([activity], options)).byStatus[202] === 1 ? true : undefined),
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
  }
  const recorded = steps.filter((s) => !s.page?.includes('/blog'));
  await waitFor(
    'the month on the records',
    async () => {
      const status = await stack.registry.status(dev.appId);
      return status.written + status.filtered >= steps.length ? status : undefined;
    },
    { timeoutMs: 120_000 },
  );
  const writtenBy = Date.now();
  const status = await stack.registry.status(dev.appId);
  expect(status).toMatchObject({ written: recorded.length, filtered: 1, failed: 0 });

  const read = async () => {
    const { records } = await kintone.record.getRecords({
      app: dev.appId,
      query: `$id in (${[a, b, c, d].map((x) => x.id).join(', ')}) order by $id asc`,
      fields: ['mkto_score', '$revision'],
    });
    return records.map((r) => ({ score: String(r.mkto_score!.value), revision: String(r.$revision!.value) }));
  };
  const eventsOf = (who: Customer) => recorded.filter((s) => s.who === who).map((s) => ({ type: s.type, at: s.at }));
  // The writer scored each record at some moment between the send and now; the scores here round alike across it.
  for (const who of [a, b, c, d])
    expect(formulaScore(eventsOf(who), start)).toBe(formulaScore(eventsOf(who), writtenBy));
  const written = await read();
  expect(written.map((r) => r.score)).toEqual(
    [a, b, c, d].map((who) => String(formulaScore(eventsOf(who), writtenBy))),
  );
  expect(Number(written[0]!.score)).toBeGreaterThan(Number(written[1]!.score));
  expect(written[2]!.score).toBe('0');

  // The first re-score after the score field was mapped reads every customer once, for scores of events written before
  // it; here the writer has scored every customer with events already, so it rewrites none.
  const { totalCount } = await kintone.record.getRecords({ app: dev.appId, fields: ['$id'], totalCount: true });
  await expect(stack.rescore()).resolves.toMatchObject({
    apps: [{ appId: dev.appId, run: { examined: Number(totalCount), changed: 0, everyRecordScoredIn: 'mkto_score' } }],
  });

  // D's score as the writer stored it nine days ago with its last event; nothing has been written on it since.
  const storedThen = formulaScore(eventsOf(d), ago(9));
  const now = Date.now();
  expect(storedThen).not.toBe(formulaScore(eventsOf(d), now));
  await kintone.record.updateRecord({
    app: dev.appId,
    id: d.id,
    record: { mkto_score: { value: String(storedThen) } },
  });
  const before = await read();

  stack.emulator.resetStats();
  const result = await stack.rescore();
  const requests = stack.emulator.stats().requestsByApp[dev.appId];

  const after = await read();
  expect(after[3]!.score).toBe(String(formulaScore(eventsOf(d), Date.now())));
  // Only D moved: the others keep their score and revision; C (0) was not even read.
  expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
  expect(after[3]!.revision).not.toBe(before[3]!.revision);
  // One GET for the three scored records, one PUT for the one that moved.
  expect(requests).toBe(2);
  const run = { examined: 3, changed: 1, skipped: 0, requests: 2, everyRecordScoredIn: 'mkto_score' };
  expect(result).toEqual({ apps: [{ appId: dev.appId, run: { ...run, at: expect.any(String) } }] });
  expect((await stack.registry.status(dev.appId)).lastRescore).toMatchObject(run);
});
