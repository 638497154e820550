/**
 * The scheduled reconciliation through the real local stack: the reconcile function run by serverless-offline as
 * EventBridge would run it, against the local Marketo, after half of the webhooks were lost. Every engagement
 * ends up on its record exactly once, the webhook rows adopted rather than doubled, and the next run starts
 * from the saved watermark.
 */
import { kintoneRecordStore } from '../../server/src/adapters/kintone-records';
import { defaultConfig } from '../../contract/src/config';
import { subtableRows, textValue } from '../../contract/src/kintone-record';
import { EMAIL_ACTIVITY_TYPES } from '../../server/src/core/marketo-activity';
import { CATALOG_EMAILS } from '../../scripts/marketo-emulator/catalog';
import { ACTIVITY_TYPES } from '../../scripts/marketo-emulator/types';
import { sendActivities } from '../../scripts/marketo-simulator/send';
import type { SimulatedActivity } from '../../scripts/marketo-simulator/render';
import { startTestStack, type TestStack } from '../support/local-stack';
import { waitFor } from '../support/wait';

jest.setTimeout(120_000);

const MINUTE = 60_000;
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ marketoActivities: 400 });
});
afterAll(() => stack?.stop());

it('writes what the lost webhooks missed, adopts what they wrote, and resumes from its watermark', async () => {
  const config = defaultConfig();
  const email = CATALOG_EMAILS[1]!;
  const started = Date.now();
  // Opens and clicks of 15 customers two hours ago...
  const added = stack.marketo.leads.slice(0, 15).flatMap((lead, i) => [
    stack.marketo.addActivity({
      leadId: lead.id,
      activityTypeId: ACTIVITY_TYPES.openEmail,
      emailId: email.id,
      activityDate: new Date(started - 120 * MINUTE + i * MINUTE),
    }),
    stack.marketo.addActivity({
      leadId: lead.id,
      activityTypeId: ACTIVITY_TYPES.clickEmail,
      emailId: email.id,
      activityDate: new Date(started - 119 * MINUTE + i * MINUTE),
    }),
  ]);
  // ...of which only every other webhook arrived, stamped by the flow 40 s after the activity.
  const leadEmail = new Map(stack.marketo.leads.map((lead) => [lead.id, lead.email]));
  const arrived = added.filter((_, i) => i % 2 === 0 || i % 3 === 0);
  const webhooks: SimulatedActivity[] = arrived.map((a) => ({
    type: EMAIL_ACTIVITY_TYPES[a.activityTypeId] as SimulatedActivity['type'],
    lead: { leadId: String(a.leadId), email: leadEmail.get(a.leadId)! },
    emailName: a.primaryAttributeValue ?? '',
    subject: email.subject,
    link: String(a.attributes.find((x) => x.name === 'Link')?.value ?? ''),
    campaign: email.campaignName,
    campaignId: String(email.campaignId),
    at: new Date(Date.parse(a.activityDate) + 40_000),
  }));
  const sent = await sendActivities(webhooks, {
    url: stack.dev.webhookUrl,
    secret: stack.dev.webhookSecret,
    encoding: 'json',
    timeZone: config.marketoTimeZone,
    concurrency: 5,
    timeoutMs: 10_000,
  });
  expect(sent.byStatus).toEqual({ 202: webhooks.length });
  await waitFor('the webhooks on the records', async () =>
    (await stack.registry.status('1')).written >= webhooks.length ? true : undefined,
  );

  const result = await stack.reconcile();
  const status = await stack.registry.status('1');
  const until = Date.parse(status.reconciledUntil!);
  // The run stops 30 minutes before now, and an app without a watermark starts a day before that.
  expect(until).toBeGreaterThanOrEqual(started - 31 * MINUTE);
  expect(until).toBeLessThanOrEqual(Date.now() - 30 * MINUTE);
  const isBot = (a: (typeof added)[number]) =>
    a.attributes.some((x) => x.name === 'Is Bot Activity' && x.value === true);
  const expected = stack.marketo
    .activities()
    .filter((a) => Date.parse(a.activityDate) >= until - 24 * 60 * MINUTE && Date.parse(a.activityDate) < until)
    .filter((a) => config.eventTypes.includes(EMAIL_ACTIVITY_TYPES[a.activityTypeId]!) && !isBot(a));
  expect(result).toEqual({ events: expected.length });
  expect(expected.length).toBeGreaterThan(added.length);

  const store = kintoneRecordStore({ baseUrl: stack.dev.kintoneBaseUrl, apiToken: stack.dev.apiToken, appId: '1' });
  const rows = async () =>
    (
      await store.findByLeadKeys('email', [...leadEmail.values()], ['$id', '$revision', 'email', 'mkto_history'])
    ).flatMap((r) => subtableRows(r.fields, 'mkto_history').map((row) => textValue(row.value, 'mkto_h_key')));
  // An adoption adds a key but no row, and writers run side by side: the row count can be complete while an
  // adoption is still on its way, so wait for every activity key too.
  const keys = await waitFor('the reconciled events on the records', async () => {
    const now = await rows();
    const activityKeyCount = now.flatMap((k) => k.split(' ')).filter((k) => k.startsWith('mkto-')).length;
    return now.length >= expected.length && activityKeyCount >= expected.length ? now : undefined;
  });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  // One row per engagement: each activity's key once, and the rows the webhooks wrote carry theirs beside it.
  expect((await rows()).length).toBe(keys.length);
  expect(keys).toHaveLength(expected.length);
  const activityKeys = keys.flatMap((k) => k.split(' ')).filter((k) => k.startsWith('mkto-'));
  expect(activityKeys.sort()).toEqual(expected.map((a) => `mkto-${a.marketoGUID}`).sort());
  expect(keys.filter((k) => k.includes(' '))).toHaveLength(webhooks.length);
  expect((await stack.registry.status('1')).lastError).toBeUndefined();

  // The next run reads from the watermark on: nothing new happened, nothing is queued.
  expect(await stack.reconcile()).toEqual({ events: 0 });
  expect(Date.parse((await stack.registry.status('1')).reconciledUntil!)).toBeGreaterThanOrEqual(until);
});
