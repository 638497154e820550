import { startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { CATALOG_EMAILS, startMarketoEmulator, type MarketoEmulator } from '../../../scripts/marketo-emulator';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { marketoClient } from '../adapters/marketo-client';
import { isRecordable } from '../core/batch-plan';
import { defaultConfig } from '../../../contract/src/config';
import { eventKey } from '../core/event-key';
import { activityTypeIdsFor, EMAIL_ACTIVITY_TYPES } from '../core/marketo-activity';
import { pageMatches } from '../../../contract/src/page-pattern';
import type { EngagementEvent } from '../../../contract/src/events';
import { subtableRows, textValue } from '../../../contract/src/kintone-record';
import { reconcile } from './reconcile';
import { writeAppEvents } from './write-events';

const SINCE = new Date('2026-10-01T00:00:00Z');
const UNTIL = new Date('2026-10-15T00:00:00Z');
const config = defaultConfig();

let marketo: MarketoEmulator;
let kintone: KintoneEmulator;
beforeAll(async () => {
  marketo = await startMarketoEmulator({
    activities: { count: 400, since: SINCE, until: new Date('2026-10-20T00:00:00Z'), seed: 9 },
  });
  kintone = await startKintoneEmulator({ port: 0 });
});
afterAll(async () => {
  await marketo.close();
  await kintone.close();
});

const source = () =>
  marketoClient(
    {
      restUrl: marketo.url,
      identityUrl: marketo.identityUrl,
      clientId: marketo.clientId,
      clientSecret: marketo.clientSecret,
    },
    { retry: { attempts: 5, startingDelayMs: 20, maxDelayMs: 200 } },
  );
const store = () =>
  kintoneRecordStore(
    { baseUrl: kintone.url, apiToken: kintone.demo.fullToken, appId: '1' },
    { attempts: 3, startingDelayMs: 5, maxDelayMs: 20 },
  );

it('queues what Marketo recorded in the range, and writes each engagement once next to what webhooks already wrote', async () => {
  // Only the types the app records are read.
  const readTypes = new Set(activityTypeIdsFor(config.eventTypes));
  const inRange = marketo
    .activities()
    .filter((a) => Date.parse(a.activityDate) < UNTIL.getTime() && readTypes.has(a.activityTypeId));
  const leadEmail = new Map(marketo.leads.map((lead) => [lead.id, lead.email]));
  const isBot = (a: (typeof inRange)[number]) =>
    a.attributes.some((x) => x.name === 'Is Bot Activity' && x.value === true);
  const recorded = inRange.filter(
    (a) => config.eventTypes.includes(EMAIL_ACTIVITY_TYPES[a.activityTypeId]!) && !isBot(a),
  );

  // The webhooks of every other recorded open and click arrived, stamped when the flow ran: 90 s later.
  const webhooks: EngagementEvent[] = recorded
    .filter((a, i) => (a.activityTypeId === 10 || a.activityTypeId === 11) && i % 2 === 0)
    .map((a) => {
      const type = EMAIL_ACTIVITY_TYPES[a.activityTypeId]!;
      const identity = {
        type,
        leadId: String(a.leadId),
        email: leadEmail.get(a.leadId)!,
        emailName: a.primaryAttributeValue ?? '',
        link: type === 'click' ? String(a.attributes.find((x) => x.name === 'Link')?.value ?? '') : '',
        occurredAt: new Date(Date.parse(a.activityDate) + 90_000).toISOString(),
      };
      return {
        ...identity,
        key: eventKey(identity),
        appId: '1',
        subject: '',
        snippet: '',
        formName: '',
        campaign: '',
        campaignId: '',
        isBot: false,
        source: 'webhook',
        receivedAt: identity.occurredAt,
      };
    });
  expect(webhooks.length).toBeGreaterThan(10);
  expect((await writeAppEvents(webhooks, config, store())).errors).toEqual([]);

  const queued: EngagementEvent[] = [];
  const report = await reconcile(
    { since: SINCE, until: UNTIL, apps: [{ appId: '1', config }] },
    {
      source: source(),
      queue: { send: async (event) => void queued.push(event) },
      now: () => new Date('2026-10-16T00:00:00Z'),
    },
  );
  expect(report.activities).toBe(inRange.length);
  expect(report.lastActivityAt).toBe(inRange.at(-1)!.activityDate);
  expect(queued.map((e) => e.key).sort()).toEqual(recorded.map((a) => `mkto-${a.marketoGUID}`).sort());
  expect(queued.every((e) => isRecordable(e, config) && e.email !== '' && e.subject !== '')).toBe(true);
  // The campaign that sent the email, by name: each activity's campaignId looked up once per run.
  const campaignNames = new Map(CATALOG_EMAILS.map((e) => [String(e.campaignId), e.campaignName]));
  expect(queued.every((e) => e.campaign === campaignNames.get(e.campaignId))).toBe(true);
  expect(marketo.stats().byPath['/rest/v1/campaigns/3201.json']).toBe(1);

  const written = await writeAppEvents(queued, config, store());
  const outcomes = [...written.outcomes.values()];
  expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(webhooks.length);
  expect(outcomes.filter((o) => o === 'written')).toHaveLength(recorded.length - webhooks.length);

  // One row per engagement: as many rows as recorded activities, each activity key exactly once.
  const records = await store().findByLeadKeys(
    'email',
    [...leadEmail.values()],
    ['$id', '$revision', 'email', 'mkto_open_count', 'mkto_history'],
  );
  const keys = records.flatMap((r) =>
    subtableRows(r.fields, 'mkto_history').map((row) => textValue(row.value, 'mkto_h_key')),
  );
  expect(keys).toHaveLength(recorded.length);
  expect(
    keys
      .flatMap((k) => k.split(' '))
      .filter((k) => k.startsWith('mkto-'))
      .sort(),
  ).toEqual(recorded.map((a) => `mkto-${a.marketoGUID}`).sort());

  // Running it again changes nothing and writes nothing.
  const again: EngagementEvent[] = [];
  await reconcile(
    { since: SINCE, until: UNTIL, apps: [{ appId: '1', config }] },
    { source: source(), queue: { send: async (e) => void again.push(e) }, now: () => new Date() },
  );
  kintone.resetStats();
  const replay = await writeAppEvents(again, config, store());
  expect(new Set(replay.outcomes.values())).toEqual(new Set(['duplicate']));
  expect(kintone.stats().requestsByApp['1']).toBe(1);
});

it('counts without queueing on a dry run', async () => {
  const queued: EngagementEvent[] = [];
  const report = await reconcile(
    {
      since: SINCE,
      until: UNTIL,
      apps: [
        { appId: '1', config },
        { appId: '2', config: { ...config, eventTypes: ['click'] } },
      ],
      dryRun: true,
    },
    { source: source(), queue: { send: async (e) => void queued.push(e) }, now: () => new Date() },
  );
  expect(queued).toEqual([]);
  expect(report.byApp['2']).toBeLessThan(report.byApp['1']!);
  expect(report.events).toBe(report.byApp['1']! + report.byApp['2']!);
});

describe('web activity', () => {
  let web: MarketoEmulator;
  beforeAll(async () => {
    web = await startMarketoEmulator({
      activities: { count: 150, since: SINCE, until: UNTIL, seed: 4, webPerEmail: 2 },
    });
  });
  afterAll(() => web.close());

  const webConfig = {
    ...config,
    eventTypes: ['visit', 'form'] as EngagementEvent['type'][],
    visitPages: ['/pricing'],
  };

  it('reads only visits and form fills, queues the visits to the configured pages and every form fill', async () => {
    const all = web.activities();
    const visits = all.filter((a) => a.activityTypeId === 1);
    const forms = all.filter((a) => a.activityTypeId === 2);
    const wantedVisits = visits.filter((a) => pageMatches(a.primaryAttributeValue ?? '', ['/pricing']));
    expect(wantedVisits.length).toBeGreaterThan(0);
    expect(wantedVisits.length).toBeLessThan(visits.length);

    const looked: number[] = [];
    const client = marketoClient(
      { restUrl: web.url, identityUrl: web.identityUrl, clientId: web.clientId, clientSecret: web.clientSecret },
      { retry: { attempts: 5, startingDelayMs: 20, maxDelayMs: 200 } },
    );
    const counting = {
      ...client,
      pagingToken: client.pagingToken.bind(client),
      activities: client.activities.bind(client),
      email: client.email.bind(client),
      campaign: client.campaign.bind(client),
      leadEmails: (ids: readonly number[]) => {
        looked.push(...ids);
        return client.leadEmails(ids);
      },
    };
    const queued: EngagementEvent[] = [];
    const report = await reconcile(
      { since: SINCE, until: UNTIL, apps: [{ appId: '1', config: webConfig }] },
      { source: counting, queue: { send: async (e) => void queued.push(e) }, now: () => new Date() },
    );
    expect(report.activities).toBe(visits.length + forms.length);
    expect(queued.map((e) => e.key).sort()).toEqual(
      [...wantedVisits, ...forms].map((a) => `mkto-${a.marketoGUID}`).sort(),
    );
    expect(report.byType).toEqual({ visit: wantedVisits.length, form: forms.length });
    expect(queued.filter((e) => e.type === 'visit').every((e) => e.link.includes('/pricing') && e.email !== '')).toBe(
      true,
    );
    expect(queued.filter((e) => e.type === 'form').every((e) => e.formName !== '' && e.subject === '')).toBe(true);
    // Leads are looked up for the activities an app records, not for every visit read.
    const wantedLeads = new Set([...wantedVisits, ...forms].map((a) => a.leadId));
    expect(new Set(looked)).toEqual(wantedLeads);
    // No Asset API lookup of a page or form id as if it were an email.
    expect(Object.keys(web.stats().byPath).filter((p) => p.startsWith('/rest/asset/'))).toEqual([]);
  });

  it('reads no web activity when no app records it', async () => {
    web.resetStats();
    const report = await reconcile(
      { since: SINCE, until: UNTIL, apps: [{ appId: '1', config: { ...config, eventTypes: ['open'] } }] },
      { source: source2(web), queue: { send: async () => undefined }, now: () => new Date() },
    );
    const opens = web.activities().filter((a) => a.activityTypeId === 10);
    // Only opens were asked for: the seeded visits and form fills were never read.
    expect(report.activities).toBe(opens.length);
  });
});

function source2(emu: MarketoEmulator) {
  return marketoClient(
    { restUrl: emu.url, identityUrl: emu.identityUrl, clientId: emu.clientId, clientSecret: emu.clientSecret },
    { retry: { attempts: 5, startingDelayMs: 20, maxDelayMs: 200 } },
  );
}
