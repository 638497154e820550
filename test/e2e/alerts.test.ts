/**
 * Owner alerts through the real local stack: Marketo-shaped webhooks → ingest → queue → writer → the local kintone's
 * record comments, with the app registered through the Admin API as the settings screen registers it.
 */
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { defaultConfig, type PluginConfig } from '../../contract/src/config';
import { ADMIN_SECRET_HEADER } from '../../contract/src/admin-api';
import { renderRequest, type SimulatedActivity } from '../../scripts/marketo-simulator/render';
import { startTestStack, type TestStack } from '../support/local-stack';
import { waitFor } from '../support/wait';

jest.setTimeout(180_000);

let stack: TestStack;
let kintone: KintoneRestAPIClient;
/** Demo customers 1-3: sato.kenji, ito.mika and emma.wilson own them (the demo seed). */
let customers: { id: string; lead: { leadId: string; email: string } }[];

const config: PluginConfig = {
  ...defaultConfig(),
  ignoreBots: false,
  alerts: {
    ownerField: 'owner',
    onReply: true,
    onForm: true,
    clickPages: ['/pricing'],
    visitPages: [],
    perRecordPerDay: 1,
    language: 'en',
  },
};

beforeAll(async () => {
  stack = await startTestStack();
  const { dev } = stack;
  kintone = new KintoneRestAPIClient({ baseUrl: dev.kintoneBaseUrl, auth: { apiToken: dev.apiToken } });
  const { records } = await kintone.record.getRecords({
    app: dev.appId,
    query: 'order by $id asc limit 3',
    fields: ['$id', 'email', 'marketo_lead_id'],
  });
  customers = records.map((r) => ({
    id: String(r.$id!.value),
    lead: { leadId: String(r.marketo_lead_id!.value), email: String(r.email!.value) },
  }));
  const registered = await fetch(`${dev.serverUrl}/apps/${dev.appId}/registration`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', [ADMIN_SECRET_HEADER]: dev.adminSecret },
    body: JSON.stringify({ config, kintoneBaseUrl: dev.kintoneBaseUrl }),
  });
  expect(registered.status).toBe(200);
});
afterAll(() => stack?.stop());

const status = () => stack.registry.status(stack.dev.appId);
const commentsOf = async (id: string) =>
  (await kintone.record.getRecordComments({ app: stack.dev.appId, record: id, order: 'asc' })).comments;

const click = (
  who: (typeof customers)[number],
  minute: number,
  link = 'https://www.example.com/pricing?utm_source=mail',
) =>
  ({
    type: 'click',
    lead: who.lead,
    emailName: 'Product Update Q4',
    subject: 'What is new in Q4',
    link,
    campaign: 'Product Update Q4',
    campaignId: '1201',
    at: new Date(Date.UTC(2026, 10, 27, 3, minute)),
  }) satisfies SimulatedActivity;

/** Sends the webhook as Marketo would; `bot` adds the body's isBot flag (Marketo's bot activity filter). */
async function send(activity: SimulatedActivity, bot = false): Promise<void> {
  const { body, contentType } = renderRequest(activity, 'json', config.marketoTimeZone);
  const sent = bot ? JSON.stringify({ ...(JSON.parse(body) as object), isBot: true }) : body;
  const answer = await fetch(stack.dev.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-webhook-secret': stack.dev.webhookSecret },
    body: sent,
  });
  expect(answer.status).toBe(202);
}

/** Waits until the writer has dealt with `n` more events than `before` (written, duplicate or skipped alike). */
async function settled(before: Awaited<ReturnType<typeof status>>, n: number) {
  const done = (s: typeof before) => s.written + s.duplicates + s.filtered + s.failed;
  return waitFor('the writer', async () => {
    const now = await status();
    return done(now) >= done(before) + n ? now : undefined;
  });
}

it('a click on /pricing by an owned customer comments once to the owner; a second click, a replay or a bot, never', async () => {
  const [owned, other] = customers;
  const start = await status();
  const first = click(owned!, 1);
  await send(first);
  const afterFirst = await settled(start, 1);
  expect(afterFirst.alertsPosted - start.alertsPosted).toBe(1);
  const comments = await commentsOf(owned!.id);
  expect(comments).toHaveLength(1);
  expect(comments[0]!.mentions).toEqual([{ code: 'sato.kenji', type: 'USER' }]);
  expect(comments[0]!.text).toContain("🔥 Clicked /pricing in 'Product Update Q4'");
  expect(comments[0]!.creator.code).toBe('Administrator');

  // The same day: another click on a pricing page, then Marketo retrying the first webhook.
  await send(click(owned!, 2, 'https://www.example.com/pricing/enterprise'));
  await send(first);
  const afterRepeat = await settled(afterFirst, 2);
  expect(afterRepeat.written - afterFirst.written).toBe(1);
  expect(afterRepeat.duplicates - afterFirst.duplicates).toBe(1);

  // A bot's click on the pricing page of another owned customer is written, never alerted.
  await send(click(other!, 3), true);
  const afterBot = await settled(afterRepeat, 1);
  expect(afterBot.written - afterRepeat.written).toBe(1);

  expect(afterBot.alertsPosted).toBe(afterFirst.alertsPosted);
  expect(await commentsOf(owned!.id)).toHaveLength(1);
  expect(await commentsOf(other!.id)).toEqual([]);
});

it('with comments disabled in the app, the events are still written and the status says why no alert came', async () => {
  const owned = customers[2]!;
  stack.emulator.enableComments(stack.dev.appId, false);
  try {
    const start = await status();
    await send(click(owned, 10));
    const after = await settled(start, 1);
    expect(after.written - start.written).toBe(1);
    expect(after.failed - start.failed).toBe(0);
    expect(after.alertsSkipped - start.alertsSkipped).toBe(1);
    expect(after.lastError?.message).toContain(`alert not posted on record ${owned.id}: comments are disabled in app`);
    const { record } = await kintone.record.getRecord({ app: stack.dev.appId, id: owned.id });
    expect(record.mkto_click_count!.value).toBe('1');
  } finally {
    stack.emulator.enableComments(stack.dev.appId, true);
  }
  expect(await commentsOf(owned.id)).toEqual([]);
});
