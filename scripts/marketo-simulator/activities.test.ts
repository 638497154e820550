import { planActivities } from './activities';

const leads = [{ leadId: '1001', email: 'taro@example.co.jp' }];
const plan = (type: Parameters<typeof planActivities>[0]['type']) =>
  planActivities({ count: 400, leads, type, spreadMinutes: 60, end: new Date('2026-11-28T00:00:00Z'), seed: 7 });

describe('planActivities', () => {
  it("blends visits and form fills into 'mix'", () => {
    const types = new Set(plan('mix').map((a) => a.type));
    expect(types).toEqual(new Set(['open', 'click', 'delivered', 'visit', 'form', 'bounce', 'unsubscribe']));
  });

  it('gives a visit a page as host + path, some of them outside the demo patterns, and no form name', () => {
    const visits = plan('visit');
    expect(visits.every((a) => /^www\.example\.com\//.test(a.page ?? '') && a.formName === '')).toBe(true);
    const pages = new Set(visits.map((a) => a.page ?? ''));
    expect(pages.has('www.example.com/pricing')).toBe(true);
    expect([...pages].some((p) => !p.includes('/pricing') && !p.includes('/contact'))).toBe(true);
  });

  it('gives a form fill its form name and the page it is on', () => {
    const forms = plan('form');
    expect(forms.every((a) => a.formName !== '' && a.page !== '')).toBe(true);
    expect(forms.find((a) => a.formName === 'Contact Us')?.page).toBe('www.example.com/contact');
  });
});
