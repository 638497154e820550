import { MARKETO_EVENT_TYPES } from './events';
import {
  TRIGGER_NAME_BY_TYPE,
  WEBHOOK_CONTENT_TYPE,
  WEBHOOK_SECRET_HEADER,
  WEBHOOK_TOKEN_ENCODING,
  WEBHOOK_TOKENS,
  webhookHeaders,
  webhookTemplate,
} from './marketo-setup';
import { normaliseWebhook } from '../../server/src/core/webhook-body';

describe('webhook contract (docs/contracts.md, "The webhook")', () => {
  it('maps each body key to its Marketo token', () => {
    expect(WEBHOOK_TOKENS).toEqual({
      trigger: '{{trigger.Trigger Name}}',
      leadId: '{{lead.Id}}',
      email: '{{lead.Email Address}}',
      emailName: '{{trigger.Name}}',
      subject: '{{trigger.Subject}}',
      link: '{{trigger.Link}}',
      page: '{{trigger.Web Page}}',
      campaign: '{{campaign.name}}',
      campaignId: '{{campaign.id}}',
      occurredAt: '{{system.dateTime}}',
    });
  });

  it('names the secret header X-Webhook-Secret', () => {
    expect(WEBHOOK_SECRET_HEADER).toBe('X-Webhook-Secret');
  });
});

describe('webhookTemplate', () => {
  it('is a form whose values are the bare tokens, in contract order', () => {
    const pairs = webhookTemplate()
      .split('&')
      .map((pair) => pair.split('='));
    expect(Object.fromEntries(pairs)).toEqual(WEBHOOK_TOKENS);
    expect(pairs.map(([key]) => key)).toEqual([
      'trigger',
      'leadId',
      'email',
      'emailName',
      'subject',
      'link',
      'page',
      'campaign',
      'campaignId',
      'occurredAt',
    ]);
  });

  it('quotes no token: Marketo encodes every value itself', () => {
    expect(webhookTemplate()).not.toMatch(/["%]/);
  });

  it('is meant for Request Token Encoding Form/Url, and says so in the Content-Type header it lists', () => {
    expect(WEBHOOK_TOKEN_ENCODING).toBe('Form/Url');
    expect(webhookHeaders('s3cret')).toEqual([
      { name: 'X-Webhook-Secret', value: 's3cret' },
      { name: 'Content-Type', value: WEBHOOK_CONTENT_TYPE },
    ]);
    expect(WEBHOOK_CONTENT_TYPE).toBe('application/x-www-form-urlencoded');
  });
});

describe('TRIGGER_NAME_BY_TYPE', () => {
  it('names the Marketo trigger of every Marketo event type, and none for replies, which need no campaign', () => {
    expect(TRIGGER_NAME_BY_TYPE).toEqual({
      send: 'Was Sent Email',
      delivered: 'Email is Delivered',
      open: 'Opens Email',
      click: 'Clicks Link in Email',
      bounce: 'Email Bounces',
      unsubscribe: 'Unsubscribes from Email',
      visit: 'Visits Web Page',
      form: 'Fills Out Form',
    });
    expect(Object.keys(TRIGGER_NAME_BY_TYPE)).toEqual([...MARKETO_EVENT_TYPES]);
  });

  it.each(Object.entries(TRIGGER_NAME_BY_TYPE))(
    'the webhook reads the trigger name of %s back as that type',
    (type, name) => {
      const result = normaliseWebhook(
        // A visit needs its page ({{trigger.Web Page}}).
        { trigger: name, email: 'a@example.com', page: 'www.example.com/pricing', occurredAt: '2026-11-28 09:15:00' },
        { appId: '1', marketoTimeZone: 'UTC', receivedAt: new Date('2026-11-28T10:00:00Z') },
      );
      expect(result.ok && result.event.type).toBe(type);
    },
  );
});
