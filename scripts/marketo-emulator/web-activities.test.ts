import { ACTIVITY_TYPES, CATALOG_PAGES, startMarketoEmulator, type Activity, type MarketoEmulator } from './index';
import { getToken, rest } from './test-support';

const SINCE = '2026-11-01T00:00:00Z';

describe('web activity', () => {
  let emu: MarketoEmulator;
  let token: string;
  beforeAll(async () => {
    emu = await startMarketoEmulator({
      rateLimit: false,
      activities: { count: 200, since: SINCE, until: '2026-11-08T00:00:00Z', seed: 3, webPerEmail: 1 },
    });
    token = await getToken(emu);
  });
  afterAll(() => emu.close());

  it('lists Visit Webpage and Fill Out Form with the attributes Marketo documents', async () => {
    const res = await rest(emu, '/rest/v1/activities/types.json', token);
    expect(res.body.success).toBe(true);
    const types = res.body.result as {
      id: number;
      name: string;
      primaryAttribute: { name: string };
      attributes: { name: string }[];
    }[];
    const byId = new Map(types.map((t) => [t.id, t]));
    expect(byId.get(1)).toMatchObject({ name: 'Visit Webpage', primaryAttribute: { name: 'Webpage ID' } });
    expect(byId.get(1)!.attributes.map((a) => a.name)).toEqual([
      'Client IP Address',
      'Query Parameters',
      'Referrer URL',
      'Search Engine',
      'Search Query',
      'User Agent',
      'Webpage URL',
    ]);
    expect(byId.get(2)).toMatchObject({ name: 'Fill Out Form', primaryAttribute: { name: 'Webform ID' } });
    expect(byId.get(2)!.attributes.map((a) => a.name)).toEqual([
      'Client IP Address',
      'Form Fields',
      'Query Parameters',
      'Referrer URL',
      'User Agent',
      'Webpage ID',
    ]);
    expect(byId.get(11)?.name).toBe('Click Email');
  });

  it('seeds visits (page as host + path, the path in Webpage URL) and form fills (form name, its page as Referrer URL)', () => {
    const all = emu.activities();
    const visits = all.filter((a) => a.activityTypeId === ACTIVITY_TYPES.visitWebpage);
    const forms = all.filter((a) => a.activityTypeId === ACTIVITY_TYPES.fillOutForm);
    expect(visits.length).toBeGreaterThan(forms.length);
    expect(forms.length).toBeGreaterThan(0);
    const attribute = (a: Activity, name: string) => a.attributes.find((x) => x.name === name)?.value;
    for (const visit of visits) {
      const page = CATALOG_PAGES.find((p) => p.page === visit.primaryAttributeValue)!;
      expect(visit.primaryAttributeValueId).toBe(page.id);
      expect(attribute(visit, 'Webpage URL')).toBe(page.path);
      expect(visit.campaignId).toBeUndefined();
    }
    expect(new Set(visits.map((v) => v.primaryAttributeValue)).size).toBe(CATALOG_PAGES.length);
    for (const form of forms) {
      expect(['Contact Us', 'Demo Request']).toContain(form.primaryAttributeValue);
      expect(String(attribute(form, 'Referrer URL'))).toMatch(/^https:\/\/www\.example\.com\//);
    }
  });

  it('serves web activities through the Activities API when asked for their types', async () => {
    const start = String(
      (await rest(emu, `/rest/v1/activities/pagingtoken.json?sinceDatetime=${SINCE}`, token)).body.nextPageToken,
    );
    const page = await rest(
      emu,
      `/rest/v1/activities.json?nextPageToken=${encodeURIComponent(start)}&activityTypeIds=1,2`,
      token,
    );
    const result = page.body.result as Activity[];
    expect(result.length).toBeGreaterThan(0);
    expect(result.every((a) => a.activityTypeId === 1 || a.activityTypeId === 2)).toBe(true);
  });

  it('adds an exact visit or form fill', () => {
    const visit = emu.addActivity({ leadId: 1001, activityTypeId: 1, page: 'www.example.com/pricing/enterprise' });
    expect(visit).toMatchObject({ primaryAttributeValue: 'www.example.com/pricing/enterprise' });
    expect(visit.attributes.find((a) => a.name === 'Webpage URL')?.value).toBe('/pricing/enterprise');
    const form = emu.addActivity({ leadId: 1001, activityTypeId: 2, formName: 'Contact Us' });
    expect(form).toMatchObject({ primaryAttributeValue: 'Contact Us', primaryAttributeValueId: 1001 });
    expect(form.attributes.find((a) => a.name === 'Referrer URL')?.value).toBe('https://www.example.com/contact');
  });
});
