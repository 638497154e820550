/**
 * The whole local product end to end: Marketo-shaped webhook → serverless-offline ingest → local SQS →
 * writer → local kintone, through the same stack `npm start` runs.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { renderRequest } from '../../scripts/marketo-simulator/render';
import { sqsEventQueue } from '../../server/src/adapters/sqs-queue';
import type { EngagementEvent } from '../../contract/src/events';
import { startTestStack, type TestStack } from '../support/local-stack';
import { waitFor } from '../support/wait';

jest.setTimeout(120_000);

let stack: TestStack;
let client: KintoneRestAPIClient;
let lead: { id: string; email: string; leadId: string };

beforeAll(async () => {
  stack = await startTestStack();
  client = new KintoneRestAPIClient({ baseUrl: stack.dev.kintoneBaseUrl, auth: { apiToken: stack.dev.apiToken } });
  const { records } = await client.record.getRecords({
    app: '1',
    query: 'order by $id asc limit 1',
    fields: ['$id', 'email', 'marketo_lead_id'],
  });
  lead = {
    id: String(records[0]!.$id!.value),
    email: String(records[0]!.email!.value),
    leadId: String(records[0]!.marketo_lead_id!.value),
  };
});

afterAll(() => stack?.stop());

const status = () => stack.registry.status('1');
const record = async (id: string) => (await client.record.getRecord({ app: '1', id })).record;
const historyRows = async (id: string) =>
  (await record(id)).mkto_history!.value as { value: Record<string, { value: string }> }[];

function post(body: string, contentType = 'application/json', secret = stack.dev.webhookSecret) {
  return fetch(stack.dev.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-webhook-secret': secret },
    body,
  });
}

const openActivity = () => ({
  type: 'open' as const,
  lead,
  emailName: '2026-11 Newsletter',
  subject: '【11月号】ニュースレター <b>"quoted"</b>',
  link: '',
  campaign: 'Newsletter 2026-11',
  campaignId: '1201',
  at: new Date('2026-11-27T03:04:05Z'),
});

it('shows an accepted open on the customer record, and a second delivery of it adds nothing', async () => {
  const { body, contentType } = renderRequest(openActivity(), 'json', 'Asia/Tokyo');
  const first = await post(body, contentType);
  expect(first.status).toBe(202);
  expect(await first.json()).toMatchObject({ accepted: 1 });

  const rows = await waitFor('the history row', async () => {
    const r = await historyRows(lead.id);
    return r.length > 0 ? r : undefined;
  });
  const written = await record(lead.id);
  expect(written.mkto_status!.value).toBe('opened');
  expect(written.mkto_open_count!.value).toBe('1');
  expect(written.mkto_first_opened!.value).toBe('2026-11-27T03:04:00Z');
  expect(written.mkto_last_opened!.value).toBe('2026-11-27T03:04:00Z');
  expect(rows).toHaveLength(1);
  expect(rows[0]!.value.mkto_h_type!.value).toBe('open');
  expect(rows[0]!.value.mkto_h_subject!.value).toBe('【11月号】ニュースレター <b>"quoted"</b>');
  expect(rows[0]!.value.mkto_h_email!.value).toBe('2026-11 Newsletter');

  const again = await post(body, contentType);
  expect(again.status).toBe(202);
  await waitFor('the duplicate to be processed', async () => ((await status()).duplicates >= 1 ? true : undefined));
  expect(await historyRows(lead.id)).toHaveLength(1);
  expect((await record(lead.id)).mkto_open_count!.value).toBe('1');
});

it('accepts a form-encoded click for an email with a plus sign', async () => {
  const { records } = await client.record.getRecords({ app: '1', query: 'email like "+"', fields: ['$id', 'email'] });
  const plus = { id: String(records[0]!.$id!.value), email: String(records[0]!.email!.value), leadId: '' };
  const { body, contentType } = renderRequest(
    { ...openActivity(), type: 'click', lead: plus, link: 'https://example.com/a?b=c&d=e' },
    'form',
    'Asia/Tokyo',
  );
  expect((await post(body, contentType)).status).toBe(202);
  const rows = await waitFor('the click row', async () => {
    const r = await historyRows(plus.id);
    return r.length > 0 ? r : undefined;
  });
  expect(rows[0]!.value.mkto_h_link!.value).toBe('https://example.com/a?b=c&d=e');
  expect((await record(plus.id)).mkto_status!.value).toBe('clicked');
});

it('refuses a wrong secret with 401 and a broken body with 400, and writes nothing for either', async () => {
  const before = await status();
  const revision = (await record(lead.id)).$revision!.value;
  const { body } = renderRequest({ ...openActivity(), at: new Date('2026-11-27T05:00:00Z') }, 'json', 'Asia/Tokyo');

  const unauthorised = await post(body, 'application/json', 'not-the-secret');
  expect(unauthorised.status).toBe(401);
  const broken = await post('{"trigger": "Opens Email", "email": ', 'application/json');
  expect(broken.status).toBe(400);
  expect(await broken.json()).toMatchObject({ errors: [{ field: '(body)' }] });
  const incomplete = await post(JSON.stringify({ trigger: 'Opens Email' }));
  expect(incomplete.status).toBe(400);
  const reply = await post(JSON.stringify({ type: 'reply', email: lead.email, subject: 'Re: Hello' }));
  expect(reply.status).toBe(400);
  expect(await reply.json()).toMatchObject({
    errors: [
      {
        field: 'type',
        message:
          'replies are recorded from inbound email, never from Marketo; must be one of send, delivered, open, click, bounce, unsubscribe, visit, form',
      },
    ],
  });

  // Give the relay more than a batching window to prove nothing was queued.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect((await status()).accepted).toBe(before.accepted);
  expect((await record(lead.id)).$revision!.value).toBe(revision);
});

it('writes a reply queued from inbound mail: counted, with its snippet, the status untouched, and once only', async () => {
  const { records } = await client.record.getRecords({
    app: '1',
    query: 'order by $id asc limit 1 offset 2',
    fields: ['$id', 'email'],
  });
  const customer = { id: String(records[0]!.$id!.value), email: String(records[0]!.email!.value), leadId: '' };
  const { body, contentType } = renderRequest({ ...openActivity(), lead: customer }, 'json', 'Asia/Tokyo');
  expect((await post(body, contentType)).status).toBe(202);
  await waitFor('the open', async () =>
    (await record(customer.id)).mkto_status!.value === 'opened' ? true : undefined,
  );

  const reply: EngagementEvent = {
    key: 'f'.repeat(32),
    appId: '1',
    type: 'reply',
    leadId: '',
    email: customer.email,
    emailName: '',
    subject: 'Re: 【11月号】ニュースレター',
    snippet: '<b>Interested</b>\nPlease call me tomorrow.',
    formName: '',
    link: '',
    campaign: '',
    campaignId: '',
    occurredAt: '2026-11-27T04:00:00.000Z',
    isBot: false,
    source: 'mail',
    receivedAt: '2026-11-27T04:00:05.000Z',
  };
  const sqs = new SQSClient({
    endpoint: stack.dev.sqsEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await sqsEventQueue(stack.dev.queueUrl, sqs).send(reply);

  const written = await waitFor('the reply', async () => {
    const r = await record(customer.id);
    return r.mkto_reply_count!.value === '1' ? r : undefined;
  });
  expect(written.mkto_last_replied!.value).toBe('2026-11-27T04:00:00Z');
  expect(written.mkto_status!.value).toBe('opened');
  expect(written.mkto_open_count!.value).toBe('1');
  const rows = (written.mkto_history!.value as { value: Record<string, { value: string }> }[]).map((r) => r.value);
  expect(rows.map((r) => r.mkto_h_type!.value)).toEqual(['reply', 'open']);
  expect(rows[0]).toMatchObject({
    mkto_h_subject: { value: 'Re: 【11月号】ニュースレター' },
    mkto_h_snippet: { value: '<b>Interested</b>\nPlease call me tomorrow.' },
    mkto_h_email: { value: '' },
    mkto_h_key: { value: reply.key },
  });

  const duplicates = (await status()).duplicates;
  await sqsEventQueue(stack.dev.queueUrl, sqs).send(reply);
  await waitFor('the redelivered reply to be processed', async () =>
    (await status()).duplicates > duplicates ? true : undefined,
  );
  expect(await historyRows(customer.id)).toHaveLength(2);
  expect((await record(customer.id)).mkto_reply_count!.value).toBe('1');
});

it('answers an app that is not registered like a wrong secret (401)', async () => {
  const response = await fetch(stack.dev.webhookUrl.replace(/\/1$/, '/999'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-webhook-secret': stack.dev.webhookSecret },
    body: '{}',
  });
  expect(response.status).toBe(401);
});
