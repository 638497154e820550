/**
 * Web visits and form fills end to end through the local stack: the generated webhook template rendered for the
 * "Visits Web Page" and "Fills Out Form" triggers → ingest → queue → writer → local kintone (history rows and summary
 * fields), an anonymous visit refused, a visit outside the configured pages filtered; and the scheduled
 * reconciliation writing visits and form fills it reads from the local Marketo.
 */
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { defaultConfig, type PluginConfig } from '../../contract/src/config';
import { demoAppDefinition } from '../../scripts/kintone-emulator';
import { ACTIVITY_TYPES } from '../../scripts/marketo-emulator/types';
import { renderRequest, type SimulatedActivity } from '../../scripts/marketo-simulator/render';
import { startTestStack, type TestStack } from '../support/local-stack';
import { waitFor } from '../support/wait';

jest.setTimeout(120_000);

const MINUTE = 60_000;
let stack: TestStack;
let appId: string;
let client: KintoneRestAPIClient;
let webhook: { url: string; secret: string };

/** The demo app recording visits to /pricing and /contact and every form fill, with their summary fields mapped. */
function webConfig(): PluginConfig {
  const base = defaultConfig();
  return {
    ...base,
    eventTypes: [...base.eventTypes, 'visit', 'form'],
    visitPages: ['/pricing', '/contact'],
    summary: {
      ...base.summary,
      lastVisited: 'mkto_last_visited',
      visitCount: 'mkto_visit_count',
      lastFormFilled: 'mkto_last_form',
      formCount: 'mkto_form_count',
    },
    history: { ...base.history, columns: { ...base.history.columns, formName: 'mkto_h_form' } },
  };
}

beforeAll(async () => {
  stack = await startTestStack({ marketoActivities: 0 });
  appId = stack.emulator.createApp(demoAppDefinition());
  const apiToken = stack.emulator.createToken(appId, { view: true, add: true, edit: true });
  client = new KintoneRestAPIClient({ baseUrl: stack.dev.kintoneBaseUrl, auth: { apiToken } });
  // Three of Marketo's leads are customers of this app.
  await client.record.addRecords({
    app: appId,
    records: stack.marketo.leads.slice(0, 3).map((lead) => ({
      email: { value: lead.email },
      marketo_lead_id: { value: String(lead.id) },
    })),
  });
  const registered = await fetch(`${stack.dev.serverUrl}/apps/${appId}/registration`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-admin-secret': stack.dev.adminSecret },
    body: JSON.stringify({ config: webConfig(), kintoneBaseUrl: stack.dev.kintoneBaseUrl, apiToken }),
  });
  expect(registered.status).toBe(200);
  const { webhookUrl, webhookSecret } = (await registered.json()) as { webhookUrl: string; webhookSecret: string };
  webhook = { url: webhookUrl, secret: webhookSecret };
});
afterAll(() => stack?.stop());

const leadOf = (index: number) => {
  const lead = stack.marketo.leads[index]!;
  return { leadId: String(lead.id), email: lead.email };
};

async function recordOf(email: string) {
  const { records } = await client.record.getRecords({ app: appId, query: `email = "${email}"` });
  return records[0]!;
}
const rowsOf = async (email: string) =>
  (await recordOf(email)).mkto_history!.value as { value: Record<string, { value: string }> }[];

async function send(activity: SimulatedActivity) {
  const { body, contentType } = renderRequest(activity, 'form', 'Asia/Tokyo');
  return fetch(webhook.url, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-webhook-secret': webhook.secret },
    body,
  });
}

const web = (
  type: 'visit' | 'form',
  lead: SimulatedActivity['lead'],
  at: string,
  extra: Partial<SimulatedActivity>,
) => ({
  type,
  lead,
  emailName: '',
  subject: '',
  link: '',
  campaign: `kintone: ${type === 'visit' ? 'Visits Web Page' : 'Fills Out Form'}`,
  campaignId: '3300',
  at: new Date(at),
  ...extra,
});

it('writes a visit and a form fill by webhook as history rows and summary fields', async () => {
  const lead = leadOf(0);
  expect((await send(web('visit', lead, '2026-11-27T03:04:05Z', { page: 'www.example.com/pricing' }))).status).toBe(
    202,
  );
  expect(
    (await send(web('form', lead, '2026-11-27T03:10:00Z', { formName: 'Contact Us', page: 'www.example.com/contact' })))
      .status,
  ).toBe(202);

  const rows = await waitFor('the visit and form rows', async () => {
    const r = await rowsOf(lead.email);
    return r.length >= 2 ? r : undefined;
  });
  const cells = rows.map((r) => [r.value.mkto_h_type!.value, r.value.mkto_h_link!.value, r.value.mkto_h_form!.value]);
  expect(cells).toEqual([
    ['form', 'www.example.com/contact', 'Contact Us'],
    ['visit', 'www.example.com/pricing', ''],
  ]);
  expect(rows.map((r) => r.value.mkto_h_email!.value)).toEqual(['', '']);
  const record = await recordOf(lead.email);
  expect(record.mkto_last_visited!.value).toBe('2026-11-27T03:04:00Z');
  expect(record.mkto_visit_count!.value).toBe('1');
  expect(record.mkto_last_form!.value).toBe('2026-11-27T03:10:00Z');
  expect(record.mkto_form_count!.value).toBe('1');
  // Neither is a step in an email's life: the status stays.
  expect(record.mkto_status!.value).toBe('not sent');
});

it('refuses an anonymous visit and says why, and filters a visit to a page outside the patterns', async () => {
  const anonymous = await send(
    web('visit', { leadId: '', email: '' }, '2026-11-27T04:00:00Z', { page: 'www.example.com/pricing' }),
  );
  expect(anonymous.status).toBe(400);
  expect(await anonymous.json()).toEqual({
    error: 'invalid_body',
    errors: [
      {
        field: 'email',
        message:
          'an anonymous visit (no {{lead.Id}} and no {{lead.Email Address}}) names no customer and is not recorded',
      },
    ],
  });

  const lead = leadOf(1);
  const before = (await stack.registry.status(appId)).filtered;
  const outside = await send(web('visit', lead, '2026-11-27T04:05:00Z', { page: 'www.example.com/blog/kintone-tips' }));
  expect(outside.status).toBe(202);
  await waitFor('the visit to be filtered', async () =>
    (await stack.registry.status(appId)).filtered > before ? true : undefined,
  );
  expect(await rowsOf(lead.email)).toEqual([]);
  expect((await recordOf(lead.email)).mkto_visit_count!.value).toBe('0');
});

it('writes the visits and form fills that reconciliation reads from Marketo, and only visits to the chosen pages', async () => {
  const lead = stack.marketo.leads[2]!;
  const started = Date.now();
  const added = [
    stack.marketo.addActivity({
      leadId: lead.id,
      activityTypeId: ACTIVITY_TYPES.visitWebpage,
      page: 'www.example.com/pricing',
      activityDate: new Date(started - 120 * MINUTE),
    }),
    stack.marketo.addActivity({
      leadId: lead.id,
      activityTypeId: ACTIVITY_TYPES.visitWebpage,
      page: 'www.example.com/blog/kintone-tips',
      activityDate: new Date(started - 118 * MINUTE),
    }),
    stack.marketo.addActivity({
      leadId: lead.id,
      activityTypeId: ACTIVITY_TYPES.fillOutForm,
      formName: 'Demo Request',
      activityDate: new Date(started - 115 * MINUTE),
    }),
  ];
  await stack.reconcile();

  const rows = await waitFor('the reconciled visit and form fill', async () => {
    const r = await rowsOf(lead.email);
    return r.length >= 2 ? r : undefined;
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect((await rowsOf(lead.email)).length).toBe(2);
  expect(rows.map((r) => [r.value.mkto_h_type!.value, r.value.mkto_h_link!.value, r.value.mkto_h_form!.value])).toEqual(
    [
      ['form', 'https://www.example.com/pricing', 'Demo Request'],
      ['visit', 'www.example.com/pricing', ''],
    ],
  );
  expect(rows.map((r) => r.value.mkto_h_key!.value).sort()).toEqual(
    [added[0]!, added[2]!].map((a) => `mkto-${a.marketoGUID}`).sort(),
  );
  const record = await recordOf(lead.email);
  expect(record.mkto_visit_count!.value).toBe('1');
  expect(record.mkto_form_count!.value).toBe('1');
  expect((await stack.registry.status(appId)).lastError).toBeUndefined();
});
