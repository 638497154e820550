import { ACTIVITY_TYPE_IDS, startMarketoEmulator, type Activity, type MarketoEmulator } from './index';
import { errorCode, getToken, rest } from './test-support';

interface ActivitiesPage {
  success: boolean;
  nextPageToken: string;
  moreResult: boolean;
  result?: Activity[];
}

const SINCE = '2026-11-01T00:00:00Z';
const UNTIL = '2026-11-15T00:00:00Z';

async function pagingToken(emu: MarketoEmulator, token: string, since: string): Promise<string> {
  const res = await rest(emu, `/rest/v1/activities/pagingtoken.json?sinceDatetime=${encodeURIComponent(since)}`, token);
  return String(res.body.nextPageToken);
}

/** Reads pages until moreResult is false, the way the sync loops. */
async function drain(
  emu: MarketoEmulator,
  token: string,
  pageToken: string,
  types: readonly number[],
  batchSize?: number,
) {
  const pages: ActivitiesPage[] = [];
  let next = pageToken;
  for (;;) {
    const query = `nextPageToken=${encodeURIComponent(next)}&activityTypeIds=${types.join(',')}${batchSize ? `&batchSize=${String(batchSize)}` : ''}`;
    const page = (await rest(emu, `/rest/v1/activities.json?${query}`, token)).body as unknown as ActivitiesPage;
    expect(page.success).toBe(true);
    pages.push(page);
    next = page.nextPageToken;
    if (!page.moreResult) break;
  }
  return { pages, activities: pages.flatMap((p) => p.result ?? []), nextPageToken: next };
}

describe('activities paging', () => {
  let emu: MarketoEmulator;
  let token: string;
  beforeAll(async () => {
    emu = await startMarketoEmulator({
      rateLimit: false,
      activities: { count: 1000, since: SINCE, until: UNTIL, seed: 7 },
    });
    token = await getToken(emu);
  });
  afterAll(() => emu.close());

  it('pages through every activity in date order, at most 300 a page, without duplicates or gaps', async () => {
    const { pages, activities } = await drain(emu, token, await pagingToken(emu, token, SINCE), ACTIVITY_TYPE_IDS);
    expect(pages.length).toBe(4);
    expect(pages.map((p) => p.result?.length)).toEqual([300, 300, 300, 100]);
    expect(pages.map((p) => p.moreResult)).toEqual([true, true, true, false]);
    expect(activities).toEqual(emu.activities());
    expect(new Set(activities.map((a) => a.marketoGUID)).size).toBe(1000);
    const dates = activities.map((a) => Date.parse(a.activityDate));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(activities.every((a) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(a.activityDate))).toBe(true);
  });

  it('filters by type like Marketo: each call scans the next batch of all types, so pages can be short or empty', async () => {
    const { pages, activities } = await drain(emu, token, await pagingToken(emu, token, SINCE), [10, 11]);
    expect(activities).toEqual(emu.activities().filter((a) => a.activityTypeId === 10 || a.activityTypeId === 11));
    expect(pages).toHaveLength(4);
    expect(pages.every((p) => (p.result?.length ?? 0) < 300)).toBe(true);

    // Bounces are rare; with a small batch some pages have none, and then no `result` member at all.
    const bounces = await drain(emu, token, await pagingToken(emu, token, SINCE), [8], 20);
    expect(bounces.pages.some((p) => !('result' in p))).toBe(true);
    expect(bounces.activities).toEqual(emu.activities().filter((a) => a.activityTypeId === 8));
  });

  it('starts at sinceDatetime and picks up activities added later from the last nextPageToken', async () => {
    const middle = '2026-11-08T00:00:00Z';
    const first = await drain(emu, token, await pagingToken(emu, token, middle), ACTIVITY_TYPE_IDS);
    expect(first.activities).toEqual(emu.activities().filter((a) => a.activityDate >= middle));

    const added = emu.addActivity({
      leadId: 1002,
      activityTypeId: 11,
      emailId: 1203,
      activityDate: '2026-11-20T09:00:00Z',
      link: 'https://example.com/x',
    });
    const second = await drain(emu, token, first.nextPageToken, ACTIVITY_TYPE_IDS);
    expect(second.activities).toEqual([added]);
    expect(added).toMatchObject({
      leadId: 1002,
      activityDate: '2026-11-20T09:00:00Z',
      activityTypeId: 11,
      primaryAttributeValueId: 1203,
      primaryAttributeValue: 'Product Update Q4',
      marketoGUID: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    });
    expect(added.attributes).toEqual(
      expect.arrayContaining([
        { name: 'Link', value: 'https://example.com/x' },
        { name: 'Mailing ID', value: 1203 },
        { name: 'Is Bot Activity', value: false },
        { name: 'Bot Activity Pattern', value: 'N/A' },
        { name: 'Is Mobile Device', value: false },
      ]),
    );
    const third = await drain(emu, token, second.nextPageToken, ACTIVITY_TYPE_IDS);
    expect(third.activities).toEqual([]);
  });

  it('validates parameters: batchSize ≤ 300, at most 10 types, a readable token, activityTypeIds required', async () => {
    const pt = encodeURIComponent(await pagingToken(emu, token, SINCE));
    const codeOf = async (query: string) => errorCode(await rest(emu, `/rest/v1/activities.json?${query}`, token));
    expect(await codeOf(`nextPageToken=${pt}&activityTypeIds=6&batchSize=301`)).toBe('1003');
    expect(await codeOf(`nextPageToken=${pt}&activityTypeIds=1,2,3,6,7,8,9,10,11,12,27`)).toBe('1003');
    expect(await codeOf(`nextPageToken=not-a-token&activityTypeIds=6`)).toBe('1003');
    expect(await codeOf(`nextPageToken=${pt}`)).toBe('701');
    expect(await codeOf(`activityTypeIds=6`)).toBe('701');
    expect(errorCode(await rest(emu, '/rest/v1/activities/pagingtoken.json?sinceDatetime=yesterday', token))).toBe(
      '1003',
    );
    const small = await rest(
      emu,
      `/rest/v1/activities.json?nextPageToken=${pt}&activityTypeIds=6,7,8,9,10,11,27&batchSize=50`,
      token,
    );
    expect((small.body.result as Activity[]).length).toBe(50);
  });
});

describe('seeded activities', () => {
  it('are the same for the same seed, and realistic: consistent email ids and names, some bot opens and clicks', async () => {
    const seed = { count: 400, since: SINCE, until: UNTIL, seed: 42 };
    const a = await startMarketoEmulator({ activities: seed });
    const b = await startMarketoEmulator({ activities: seed });
    try {
      const activities = a.activities();
      expect(activities).toEqual(b.activities());
      expect(activities).toHaveLength(400);
      const typesSeen = new Set(activities.map((x) => x.activityTypeId));
      expect([...typesSeen].sort((x, y) => x - y)).toEqual([6, 7, 8, 9, 10, 11, 27]);
      const attr = (x: Activity, name: string) => x.attributes.find((at) => at.name === name)?.value;
      for (const x of activities) {
        expect(attr(x, 'Mailing ID')).toBe(x.primaryAttributeValueId);
        expect(x.leadId).toBeGreaterThanOrEqual(1001);
        expect(x.activityDate >= SINCE && x.activityDate < UNTIL).toBe(true);
      }
      const engagements = activities.filter((x) => x.activityTypeId === 10 || x.activityTypeId === 11);
      const bots = engagements.filter((x) => attr(x, 'Is Bot Activity') === true);
      expect(bots.length).toBeGreaterThan(0);
      expect(bots.length).toBeLessThan(engagements.length / 2);
      expect(bots.every((x) => attr(x, 'Bot Activity Pattern') !== 'N/A')).toBe(true);
      expect(
        activities
          .filter((x) => x.activityTypeId === 8)
          .every((x) => attr(x, 'Email') === a.leads.find((l) => l.id === x.leadId)?.email),
      ).toBe(true);
      expect(new Set(activities.map((x) => x.primaryAttributeValue))).toEqual(
        new Set(['2026-11 Newsletter', 'Webinar Invite - Sales DX', 'Product Update Q4', 'Event Follow-up Tokyo']),
      );
    } finally {
      await a.close();
      await b.close();
    }
  });
});
