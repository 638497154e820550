/**
 * An app in a guest space through the real local stack: registered over the Admin API with its guest space, a
 * Marketo-shaped webhook for it goes through serverless-offline, the local SQS and the writer onto its record under
 * /k/guest/<space>/v1/ — the only URLs the local kintone, like kintone, serves that app under.
 */
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { demoAppDefinition } from '../../scripts/kintone-emulator';
import { renderRequest } from '../../scripts/marketo-simulator/render';
import { defaultConfig } from '../../contract/src/config';
import { startTestStack, type TestStack } from '../support/local-stack';
import { waitFor } from '../support/wait';

jest.setTimeout(120_000);

const GUEST_SPACE = '42';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

it('registers a guest space app, writes its webhook events and its test event to it under the guest path', async () => {
  const appId = stack.emulator.createApp({ ...demoAppDefinition(), guestSpaceId: GUEST_SPACE });
  const apiToken = stack.emulator.createToken(appId, { view: true, add: true, edit: true });
  const guest = new KintoneRestAPIClient({
    baseUrl: stack.dev.kintoneBaseUrl,
    auth: { apiToken },
    guestSpaceId: GUEST_SPACE,
  });
  const { id } = await guest.record.addRecord({
    app: appId,
    record: { email: { value: 'guest.lead@example.com' }, marketo_lead_id: { value: '880001' } },
  });

  const admin = (path: string, method: string, body: unknown) =>
    fetch(`${stack.dev.serverUrl}/apps/${appId}/${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-admin-secret': stack.dev.adminSecret },
      body: JSON.stringify(body),
    });
  const registered = await admin('registration', 'PUT', {
    config: defaultConfig(),
    kintoneBaseUrl: stack.dev.kintoneBaseUrl,
    apiToken,
    guestSpaceId: GUEST_SPACE,
  });
  expect(registered.status).toBe(200);
  const { webhookUrl, webhookSecret } = (await registered.json()) as { webhookUrl: string; webhookSecret: string };

  const activity = {
    type: 'click' as const,
    lead: { leadId: '880001', email: 'guest.lead@example.com' },
    emailName: 'Guest newsletter',
    subject: 'Hello guests',
    link: 'https://example.com/guest',
    campaign: 'Guest campaign',
    campaignId: '77',
    at: new Date('2026-11-27T03:04:05Z'),
  };
  const { body, contentType } = renderRequest(activity, 'form', 'Asia/Tokyo');
  const sent = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-webhook-secret': webhookSecret },
    body,
  });
  expect(sent.status).toBe(202);

  const written = await waitFor('the click on the guest space record', async () => {
    const { record } = await guest.record.getRecord({ app: appId, id });
    return record.mkto_click_count!.value === '1' ? record : undefined;
  });
  expect(written.mkto_last_clicked!.value).toBe('2026-11-27T03:04:00Z');

  const tested = await admin('test-event', 'POST', { leadKey: 'guest.lead@example.com' });
  expect(await tested.json()).toMatchObject({ outcome: 'written' });
  expect(await stack.registry.status(appId)).toMatchObject({ written: 2, failed: 0 });
});
