import { MARKETO_EVENT_TYPES } from './events';
import { TRIGGER_NAME_BY_TYPE, WEBHOOK_SECRET_HEADER, WEBHOOK_TOKENS, webhookTemplate } from './marketo-setup';
import { normaliseWebhook } from './webhook-body';

describe('webhook contract (DESIGN.md "Contracts")', () => {
  it('maps each body key to its Marketo token', () => {
    expect(WEBHOOK_TOKENS).toEqual({
      trigger: '{{trigger.Trigger Name}}',
      leadId: '{{lead.Id}}',
      email: '{{lead.Email Address}}',
      emailName: '{{trigger.Name}}',
      subject: '{{trigger.Subject}}',
      link: '{{trigger.Link}}',
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
  it('is a JSON object whose values are the tokens, in contract order', () => {
    const parsed: unknown = JSON.parse(webhookTemplate());
    expect(parsed).toEqual(WEBHOOK_TOKENS);
    expect(Object.keys(parsed as object)).toEqual([
      'trigger',
      'leadId',
      'email',
      'emailName',
      'subject',
      'link',
      'campaign',
      'campaignId',
      'occurredAt',
    ]);
  });

  it('puts one key per line, two-space indented, so an admin can read and edit it', () => {
    const lines = webhookTemplate().split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe('  "trigger": "{{trigger.Trigger Name}}",');
    expect(lines[9]).toBe('  "occurredAt": "{{system.dateTime}}"');
    expect(lines[10]).toBe('}');
    expect(lines).toHaveLength(11);
  });

  it('once rendered by Marketo, is accepted by the webhook', () => {
    const rendered = webhookTemplate()
      .replace('{{trigger.Trigger Name}}', 'Clicks Link in Email')
      .replace('{{lead.Id}}', '1001')
      .replace('{{lead.Email Address}}', 'taro@example.co.jp')
      .replace('{{trigger.Name}}', 'Newsletter')
      .replace('{{trigger.Subject}}', 'Hello')
      .replace('{{trigger.Link}}', 'https://example.com/')
      .replace('{{campaign.name}}', 'Clicks')
      .replace('{{campaign.id}}', '9')
      .replace('{{system.dateTime}}', '2026-11-28 09:15:00');
    const result = normaliseWebhook(JSON.parse(rendered), {
      appId: '1',
      marketoTimeZone: 'Asia/Tokyo',
      receivedAt: new Date('2026-11-28T01:00:00Z'),
    });
    expect(result.ok && result.event).toMatchObject({
      type: 'click',
      leadId: '1001',
      email: 'taro@example.co.jp',
      link: 'https://example.com/',
      campaignId: '9',
      occurredAt: '2026-11-28T00:15:00.000Z',
    });
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
    });
    expect(Object.keys(TRIGGER_NAME_BY_TYPE)).toEqual([...MARKETO_EVENT_TYPES]);
  });

  it.each(Object.entries(TRIGGER_NAME_BY_TYPE))('the webhook reads the trigger name of %s back as that type', (type, name) => {
    const result = normaliseWebhook(
      { trigger: name, email: 'a@example.com', occurredAt: '2026-11-28 09:15:00' },
      { appId: '1', marketoTimeZone: 'UTC', receivedAt: new Date('2026-11-28T10:00:00Z') },
    );
    expect(result.ok && result.event.type).toBe(type);
  });
});
