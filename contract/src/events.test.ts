import {
  EVENT_TYPES,
  MARKETO_EVENT_TYPES,
  MAX_SNIPPET_LENGTH,
  engagementEventSchema,
  type EngagementEvent,
} from './events';
import { normaliseWebhook } from '../../server/src/core/webhook-body';

const event: EngagementEvent = {
  key: '3b72f9ae057cf9827b22095d24512f2c',
  appId: '7',
  type: 'open',
  leadId: '1001',
  email: 'taro@example.co.jp',
  emailName: 'Newsletter',
  subject: '"Hi" 😀',
  snippet: '',
  formName: '',
  link: '',
  campaign: 'C',
  campaignId: '9',
  occurredAt: '2026-11-28T00:15:00.000Z',
  isBot: false,
  source: 'webhook',
  receivedAt: '2026-11-28T01:00:00.000Z',
};

describe('EVENT_TYPES', () => {
  it("lists Marketo's email types in increasing strength, then replies, which Marketo does not report, then web activity", () => {
    expect(MARKETO_EVENT_TYPES).toEqual([
      'send',
      'delivered',
      'open',
      'click',
      'bounce',
      'unsubscribe',
      'visit',
      'form',
    ]);
    expect(EVENT_TYPES).toEqual([
      'send',
      'delivered',
      'open',
      'click',
      'bounce',
      'unsubscribe',
      'reply',
      'visit',
      'form',
    ]);
  });
});

describe('engagementEventSchema (queue messages)', () => {
  it('reads back an event sent through the queue as JSON', () => {
    expect(engagementEventSchema.parse(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it('reads back what normaliseWebhook produced', () => {
    const result = normaliseWebhook(
      {
        trigger: 'Clicks Link in Email',
        email: 'a@example.com',
        link: 'https://example.com/',
        occurredAt: '2026-11-28 09:15:00',
      },
      { appId: '7', marketoTimeZone: 'Asia/Tokyo', receivedAt: new Date('2026-11-28T01:00:00Z') },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(engagementEventSchema.parse(JSON.parse(JSON.stringify(result.event)))).toEqual(result.event);
  });

  it('drops keys it does not know', () => {
    expect(engagementEventSchema.parse({ ...event, extra: 1 })).not.toHaveProperty('extra');
  });

  it('reads a message queued before replies existed, which has no snippet, with an empty snippet', () => {
    const { snippet: _none, ...queuedBefore } = event;
    expect(engagementEventSchema.parse(JSON.parse(JSON.stringify(queuedBefore)))).toEqual({ ...event, snippet: '' });
  });

  it('reads back a reply from inbound mail with its snippet of up to 200 characters', () => {
    const reply: EngagementEvent = {
      ...event,
      type: 'reply',
      emailName: '',
      snippet: 'な'.repeat(200),
      campaign: '',
      campaignId: '',
      source: 'mail',
    };
    expect(MAX_SNIPPET_LENGTH).toBe(200);
    expect(engagementEventSchema.parse(JSON.parse(JSON.stringify(reply)))).toEqual(reply);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a short key', { key: 'abc' }],
    ['an upper-case key', { key: '3B72F9AE057CF9827B22095D24512F2C' }],
    ['an empty app id', { appId: '' }],
    ['an unknown type', { type: 'forward' }],
    ['a numeric lead id', { leadId: 1001 }],
    ['a missing email', { email: undefined }],
    ['a naive occurredAt', { occurredAt: '2026-11-28 09:15:00' }],
    ['an unreadable receivedAt', { receivedAt: 'now' }],
    ['a textual isBot', { isBot: 'false' }],
    ['an unknown source', { source: 'email' }],
    ['a snippet over 200 characters', { snippet: 'x'.repeat(201) }],
    ['a null snippet', { snippet: null }],
  ])('refuses %s', (_name, change) => {
    expect(engagementEventSchema.safeParse({ ...event, ...change }).success).toBe(false);
  });
});
