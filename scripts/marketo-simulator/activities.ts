/** Realistic Marketo activity for a set of leads: campaign emails, subjects, links, pages visited, forms, times. */
import { MARKETO_EVENT_TYPES, type MarketoEventType } from '../../contract/src/events';
import { seededRandom } from '../marketo-emulator/random';
import type { SimulatedActivity, SimulatedLead } from './render';

const EMAILS = [
  {
    name: '2026-11 Newsletter',
    subject: '【11月号】kintone活用ニュースレター',
    campaign: 'Newsletter 2026-11',
    id: '1201',
  },
  {
    name: 'Webinar Invite - Sales DX',
    subject: 'Webinar: Sales DX in 30 minutes — register now',
    campaign: 'Webinar Sales DX',
    id: '1202',
  },
  {
    name: 'Product Update Q4',
    subject: 'What’s new in Q4 🚀 "Faster sync" & more',
    campaign: 'Product Update Q4',
    id: '1203',
  },
  {
    name: 'Event Follow-up Tokyo',
    subject: '東京イベントご来場ありがとうございました',
    campaign: 'Tokyo Expo Follow-up',
    id: '1204',
  },
];
const LINKS = [
  'https://example.com/webinar?utm_source=marketo',
  'https://example.co.jp/case-study/42',
  'https://example.com/pricing#plans',
];
/** Pages as Marketo's web triggers name them (host + path); the demo records /pricing and /contact only. */
const PAGES = [
  'www.example.com/pricing',
  'www.example.com/contact',
  'www.example.com/blog/kintone-tips',
  'www.example.com/',
];
const FORMS = [
  { name: 'Contact Us', page: 'www.example.com/contact' },
  { name: 'Demo Request', page: 'www.example.com/pricing' },
  { name: 'Whitepaper Download', page: 'www.example.com/resources/whitepaper' },
];

export interface ActivityPlan {
  count: number;
  leads: readonly SimulatedLead[];
  /** One type, or 'mix' for a realistic blend (mostly opens, some clicks and visits, few form fills, bounces and unsubscribes). */
  type: MarketoEventType | 'mix';
  /** Activities are spread over this many minutes before `end`. */
  spreadMinutes: number;
  end: Date;
  /** Deterministic choice of lead/email/type from this seed. */
  seed: number;
}

const MIX: [MarketoEventType, number][] = [
  ['open', 0.5],
  ['click', 0.2],
  ['delivered', 0.1],
  ['visit', 0.12],
  ['form', 0.03],
  ['bounce', 0.03],
  ['unsubscribe', 0.02],
];

export function planActivities(plan: ActivityPlan): SimulatedActivity[] {
  if (plan.leads.length === 0) throw new Error('no leads to simulate activity for');
  const random = seededRandom(plan.seed);
  const activities: SimulatedActivity[] = [];
  for (let i = 0; i < plan.count; i++) {
    const lead = plan.leads[i % plan.leads.length]!;
    const email = EMAILS[Math.floor(random() * EMAILS.length)]!;
    const type = plan.type === 'mix' ? pickWeighted(random()) : plan.type;
    const at = new Date(plan.end.getTime() - Math.floor(random() * plan.spreadMinutes * 60_000));
    const link = LINKS[Math.floor(random() * LINKS.length)]!;
    // Drawn after the email's values, so a seed gives the same email activity as before web activity existed.
    const form = FORMS[Math.floor(random() * FORMS.length)]!;
    const page = type === 'form' ? form.page : PAGES[Math.floor(random() * PAGES.length)]!;
    activities.push({
      type,
      lead,
      emailName: email.name,
      subject: email.subject,
      link,
      page,
      formName: type === 'form' ? form.name : '',
      campaign: email.campaign,
      campaignId: email.id,
      at,
    });
  }
  return activities;
}

export function isActivityType(value: string): value is MarketoEventType | 'mix' {
  return value === 'mix' || (MARKETO_EVENT_TYPES as readonly string[]).includes(value);
}

function pickWeighted(r: number): MarketoEventType {
  let acc = 0;
  for (const [type, weight] of MIX) {
    acc += weight;
    if (r < acc) return type;
  }
  return 'open';
}
