import {
  ACTIVITY_TYPES,
  activityEvent,
  activityTypeIdsFor,
  isBotActivity,
  visitPageOf,
  type ActivityRecord,
} from './marketo-activity';

const ctx = {
  appId: '7',
  email: 'taro.yamada@example.co.jp',
  subject: 'Hello',
  receivedAt: new Date('2026-11-29T00:00:00Z'),
};

const click: ActivityRecord = {
  marketoGUID: '4f2c1a9e-0b6d-4b1e-9c3a-7e5d2f8a1b20',
  leadId: 1001,
  activityDate: '2026-11-28T03:04:05Z',
  activityTypeId: 11,
  campaignId: 1202,
  primaryAttributeValue: 'Webinar Invite - Sales DX',
  attributes: [
    { name: 'Link', value: 'https://example.com/webinar?utm_source=marketo' },
    { name: 'Is Bot Activity', value: false },
    { name: 'Mailing ID', value: 5001 },
  ],
};

it('turns an email activity into the event the webhook would have produced, keyed by its marketoGUID', () => {
  const event = activityEvent(click, ctx)!;
  expect(event).toEqual({
    key: 'mkto-4f2c1a9e-0b6d-4b1e-9c3a-7e5d2f8a1b20',
    appId: '7',
    type: 'click',
    leadId: '1001',
    email: ctx.email,
    emailName: 'Webinar Invite - Sales DX',
    subject: 'Hello',
    snippet: '',
    formName: '',
    link: 'https://example.com/webinar?utm_source=marketo',
    campaign: '',
    campaignId: '1202',
    occurredAt: '2026-11-28T03:04:05.000Z',
    isBot: false,
    source: 'reconcile',
    receivedAt: '2026-11-29T00:00:00.000Z',
  });
});

// Marketo's documented activity type ids (Activities API, "Activity Types"), written out here rather than read from
// the table under test, so a wrong entry fails.
it.each([
  [6, 'send'],
  [7, 'delivered'],
  [8, 'bounce'],
  [9, 'unsubscribe'],
  [10, 'open'],
  [11, 'click'],
  [1, 'visit'],
  [2, 'form'],
])('maps activity type %i to %s', (id, type) => {
  expect(activityEvent({ ...click, activityTypeId: id }, ctx)?.type).toBe(type);
});

it('maps no other activity type', () => {
  expect(
    Object.keys(ACTIVITY_TYPES)
      .map(Number)
      .sort((a, b) => a - b),
  ).toEqual([1, 2, 6, 7, 8, 9, 10, 11]);
});

it('leaves soft bounces out (27): temporary, they must not mark a good address bounced or reset the score', () => {
  expect(activityEvent({ ...click, activityTypeId: 27 }, ctx)).toBeUndefined();
});

it('keeps the link for clicks only, reads bot flags as Marketo writes them, and skips what is not email engagement', () => {
  expect(activityEvent({ ...click, activityTypeId: 10 }, ctx)?.link).toBe('');
  expect(activityEvent({ ...click, activityTypeId: 12 }, ctx)).toBeUndefined();
  expect(activityEvent({ ...click, activityDate: 'yesterday' }, ctx)).toBeUndefined();
});

it.each<[string, unknown, boolean]>([
  ['Is Bot Activity', true, true],
  ['Is Bot Activity', 'true', true],
  ['Bot Activity', 'True', true],
  ['bot activity', 'TRUE', true],
  ['IS BOT ACTIVITY', ' True ', true],
  ['Bot Activity', 'False', false],
  ['Bot Activity', 'N/A', false],
  ['Is Bot Activity', false, false],
  ['Bot Activity Pattern', 'True', false],
])('reads %j = %j as bot activity: %s', (name, value, bot) => {
  expect(
    isBotActivity([
      { name: 'Link', value: 'x' },
      { name, value },
    ]),
  ).toBe(bot);
  expect(activityEvent({ ...click, attributes: [{ name, value }] }, ctx)?.isBot).toBe(bot);
});

it('gives a replayed activity the same key, and another activity another key, whatever their contents', () => {
  expect(activityEvent(click, ctx)!.key).toBe(activityEvent({ ...click }, { ...ctx, receivedAt: new Date() })!.key);
  expect(activityEvent(click, ctx)!.key).not.toBe(activityEvent({ ...click, marketoGUID: '12345' }, ctx)!.key);
});

// Marketo's documented examples ("Activities": Get Activity Types and Get Lead Activities).
const visit: ActivityRecord = {
  marketoGUID: '102988',
  leadId: 1001,
  activityDate: '2026-11-28T03:04:05Z',
  activityTypeId: 1,
  primaryAttributeValue: 'www.example.com/pricing',
  attributes: [
    { name: 'Client IP Address', value: '10.0.19.252' },
    { name: 'Query Parameters', value: 'utm_source=mail' },
    { name: 'Referrer URL', value: 'https://www.google.com/' },
    { name: 'User Agent', value: 'Mozilla/5.0' },
    { name: 'Webpage URL', value: '/pricing' },
  ],
};
const formFill: ActivityRecord = {
  marketoGUID: '102990',
  leadId: 1001,
  activityDate: '2026-11-28T03:10:00Z',
  activityTypeId: 2,
  primaryAttributeValue: 'Contact Us',
  attributes: [
    { name: 'Client IP Address', value: '10.0.19.252' },
    { name: 'Form Fields', value: 'a:2:{s:5:"Email";s:18:"taro@example.co.jp";}' },
    { name: 'Query Parameters', value: '' },
    { name: 'Referrer URL', value: 'https://www.example.com/contact?utm_source=mail' },
    { name: 'User Agent', value: 'Mozilla/5.0' },
    { name: 'Webpage ID', value: 44 },
  ],
};

it('turns a Visit Webpage activity into a visit of its page (host + path), with no email name or subject', () => {
  expect(activityEvent(visit, ctx)).toMatchObject({
    key: 'mkto-102988',
    type: 'visit',
    link: 'www.example.com/pricing',
    emailName: '',
    subject: '',
    formName: '',
    isBot: false,
  });
});

it("falls back to a visit's Webpage URL (the path) when Marketo names no page", () => {
  expect(activityEvent({ ...visit, primaryAttributeValue: undefined }, ctx)?.link).toBe('/pricing');
  expect(visitPageOf({ ...visit, primaryAttributeValue: undefined })).toBe('/pricing');
  expect(visitPageOf(visit)).toBe('www.example.com/pricing');
});

it('turns a Fill Out Form activity into a form fill named by its primary attribute, on its Referrer URL page', () => {
  expect(activityEvent(formFill, ctx)).toMatchObject({
    key: 'mkto-102990',
    type: 'form',
    formName: 'Contact Us',
    link: 'https://www.example.com/contact?utm_source=mail',
    emailName: '',
    subject: '',
  });
});

it('reads only the activity types of the recorded event types', () => {
  expect(activityTypeIdsFor(['open', 'click']).sort((a, b) => a - b)).toEqual([10, 11]);
  expect(activityTypeIdsFor(['bounce', 'visit', 'form', 'reply']).sort((a, b) => a - b)).toEqual([1, 2, 8]);
  expect(activityTypeIdsFor(['reply'])).toEqual([]);
});
