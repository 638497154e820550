import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { startLocalSqs, type LocalSqs } from '../../../scripts/local/sqs';
import { moveParkedEvents } from '../../../scripts/replay-dlq/move';
import { makeEvent } from '../../../test/support/events';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { sqsEventQueue } from '../adapters/sqs-queue';
import { defaultConfig } from '../../../contract/src/config';
import { engagementEventSchema, type EngagementEvent } from '../../../contract/src/events';
import { activityEvent } from '../core/marketo-activity';
import { writeAppEvents } from './write-events';

/**
 * One row and one count per engagement, whichever channel reaches kintone first: the webhook (its time is the flow's
 * {{system.dateTime}}, seconds after the engagement) or the activity that reconciliation reads from Marketo.
 */
const config = defaultConfig();
const FAST_RETRY = { attempts: 2, startingDelayMs: 5, maxDelayMs: 10 };
let emu: KintoneEmulator;
let sqs: LocalSqs;
let client: SQSClient;
let appId: string;
let admin: KintoneRestAPIClient;
let token: string;
const emails = ['first-webhook@example.com', 'first-activity@example.com', 'replayed@example.com'];

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0, seedDemo: false });
  appId = emu.createApp(demoAppDefinition());
  token = emu.createToken(appId, { view: true, add: true, edit: true });
  admin = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token } });
  await admin.record.addRecords({ app: appId, records: emails.map((email) => ({ email: { value: email } })) });
  sqs = await startLocalSqs(0, 30);
  client = new SQSClient({
    endpoint: sqs.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterAll(async () => {
  client.destroy();
  await sqs.close();
  await emu.close();
});

const store = () => kintoneRecordStore({ baseUrl: emu.url, apiToken: token, appId }, FAST_RETRY);
const write = (events: EngagementEvent[]) => writeAppEvents(events, config, store());

/** The open at 13:59:20 as Marketo's Activities API returns it, and as its webhook, called by the flow at 14:00:00. */
function openBothWays(email: string, guid: string): { activity: EngagementEvent; webhook: EngagementEvent } {
  const activity = activityEvent(
    {
      marketoGUID: guid,
      leadId: 7001,
      activityDate: '2026-11-28T13:59:20Z',
      activityTypeId: 10,
      primaryAttributeValue: 'Newsletter',
      attributes: [],
    },
    { appId, email, subject: 'Hello', receivedAt: new Date('2026-11-28T15:00:00Z') },
  )!;
  const webhook = makeEvent({
    appId,
    email,
    leadId: '7001',
    emailName: 'Newsletter',
    occurredAt: '2026-11-28T14:00:00.000Z',
  });
  return { activity, webhook };
}

async function recordOf(email: string) {
  const { records } = await admin.record.getRecords({ app: appId, query: `email = "${email}"` });
  const record = records[0]!;
  const rows = record.mkto_history!.value as unknown as {
    value: { mkto_h_key: { value: string }; mkto_h_at: { value: string } };
  }[];
  return {
    openCount: record.mkto_open_count!.value,
    status: record.mkto_status!.value,
    rows: rows.map((r) => [r.value.mkto_h_at.value, r.value.mkto_h_key.value]),
  };
}

it('webhook first, activity later: the activity adopts the webhook row', async () => {
  const { activity, webhook } = openBothWays(emails[0]!, '101');
  expect((await write([webhook])).outcomes.get(webhook.key)).toBe('written');
  expect((await write([activity])).outcomes.get(activity.key)).toBe('duplicate');
  expect(await recordOf(emails[0]!)).toEqual({
    openCount: '1',
    status: 'opened',
    rows: [['2026-11-28T14:00:00Z', `${webhook.key} mkto-101`]],
  });
});

it('activity first, webhook later: the webhook adopts the activity row instead of adding a second row and count', async () => {
  const { activity, webhook } = openBothWays(emails[1]!, '102');
  expect((await write([activity])).outcomes.get(activity.key)).toBe('written');
  expect((await write([webhook])).outcomes.get(webhook.key)).toBe('duplicate');
  expect(await recordOf(emails[1]!)).toEqual({
    openCount: '1',
    status: 'opened',
    rows: [['2026-11-28T13:59:00Z', `mkto-102 ${webhook.key}`]],
  });
});

it('a webhook parked in the dead-letter queue and replayed after reconciliation wrote its activity adopts that row', async () => {
  const { activity, webhook } = openBothWays(emails[2]!, '103');
  // kintone was down when the webhook came: the writer's failures parked it in the dead-letter queue.
  emu.faults.add({ method: 'PUT', path: '/k/v1/records.json', status: 503, code: 'CB_UNAVAILABLE' });
  expect((await write([webhook])).outcomes.get(webhook.key)).toBe('failed');
  emu.faults.clear();
  await sqsEventQueue(sqs.deadLetterQueueUrl, client).send(webhook);

  // Reconciliation caught the engagement from Marketo meanwhile.
  expect((await write([activity])).outcomes.get(activity.key)).toBe('written');

  // The operator replays the dead-letter queue; the writer takes the message as SQS hands it over.
  expect(
    await moveParkedEvents({ client, deadLetterQueueUrl: sqs.deadLetterQueueUrl, queueUrl: sqs.queueUrl }),
  ).toMatchObject({ moved: 1 });
  const { Messages } = await client.send(
    new ReceiveMessageCommand({ QueueUrl: sqs.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
  );
  const replayed = (Messages ?? []).map((m) => engagementEventSchema.parse(JSON.parse(m.Body!)));
  expect(replayed.map((e) => e.key)).toEqual([webhook.key]);

  expect((await write(replayed)).outcomes.get(webhook.key)).toBe('duplicate');
  expect(await recordOf(emails[2]!)).toEqual({
    openCount: '1',
    status: 'opened',
    rows: [['2026-11-28T13:59:00Z', `mkto-103 ${webhook.key}`]],
  });
});
