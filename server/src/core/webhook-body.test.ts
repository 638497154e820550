import type { EngagementEvent } from '../../../contract/src/events';
import { eventKey } from './event-key';
import { listeningCampaignName } from '../../../contract/src/marketo-setup';
import { normaliseWebhook, type NormaliseContext, type NormaliseResult, type WebhookProblem } from './webhook-body';

const RECEIVED = '2026-11-28T01:00:00.000Z';
const tokyo: NormaliseContext = { appId: '7', marketoTimeZone: 'Asia/Tokyo', receivedAt: new Date(RECEIVED) };
const chicago: NormaliseContext = { ...tokyo, marketoTimeZone: 'America/Chicago' };

/** A body as Marketo renders the generated template for an "Opens Email" trigger. */
const openBody = {
  trigger: 'Opens Email',
  leadId: '1001',
  email: 'taro@example.co.jp',
  emailName: 'Newsletter 2026-11',
  subject: 'November news',
  link: '',
  campaign: 'Email opens → kintone',
  campaignId: '2044',
  occurredAt: '2026-11-28 09:15:00',
};

function ok(result: NormaliseResult): EngagementEvent {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.problems)}`);
  return result.event;
}

function problems(result: NormaliseResult): WebhookProblem[] {
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.event)}`);
  return result.problems;
}

function problemFields(result: NormaliseResult): string[] {
  return problems(result).map((p) => p.field);
}

describe('normaliseWebhook: a complete body', () => {
  it('becomes the expected event, keyed by eventKey of its identity', () => {
    const event = ok(normaliseWebhook(openBody, tokyo));
    const expected: EngagementEvent = {
      key: eventKey({
        type: 'open',
        leadId: '1001',
        email: 'taro@example.co.jp',
        emailName: 'Newsletter 2026-11',
        link: '',
        occurredAt: '2026-11-28T00:15:00.000Z',
      }),
      appId: '7',
      type: 'open',
      leadId: '1001',
      email: 'taro@example.co.jp',
      emailName: 'Newsletter 2026-11',
      subject: 'November news',
      snippet: '',
      formName: '',
      link: '',
      // {{campaign.name}} is the trigger campaign that called the webhook, marked as such.
      campaign: 'Email opens → kintone (trigger campaign)',
      campaignId: '2044',
      occurredAt: '2026-11-28T00:15:00.000Z',
      isBot: false,
      source: 'webhook',
      receivedAt: RECEIVED,
    };
    expect(event).toEqual(expected);
  });

  it('gives the same key to a redelivery of the same body, received later', () => {
    const first = ok(normaliseWebhook(openBody, tokyo));
    const again = ok(normaliseWebhook(openBody, { ...tokyo, receivedAt: new Date('2026-11-28T05:00:00Z') }));
    expect(again.key).toBe(first.key);
    expect(again.receivedAt).toBe('2026-11-28T05:00:00.000Z');
  });

  it('key of a click includes its link', () => {
    const body = { ...openBody, trigger: 'Clicks Link in Email', link: 'https://example.com/offer?utm=x' };
    const event = ok(normaliseWebhook(body, tokyo));
    expect(event.key).toBe(
      eventKey({
        type: 'click',
        leadId: '1001',
        email: 'taro@example.co.jp',
        emailName: 'Newsletter 2026-11',
        link: 'https://example.com/offer?utm=x',
        occurredAt: '2026-11-28T00:15:00.000Z',
      }),
    );
    expect(event.link).toBe('https://example.com/offer?utm=x');
  });

  it('ignores keys it does not know', () => {
    const event = ok(
      normaliseWebhook({ ...openBody, category: 'soft', extra: { nested: [1, 2] }, details: 42 }, tokyo),
    );
    expect(event).not.toHaveProperty('category');
    expect(event).not.toHaveProperty('extra');
    expect(event.type).toBe('open');
  });

  it('preserves unicode, emoji and quotes in text values', () => {
    const subject = '【ご案内】"Black Friday" it\'s here — 50% off 🎉 <b>&amp;</b>';
    const event = ok(
      normaliseWebhook({ ...openBody, subject, emailName: 'メルマガ「11月」', campaign: 'C:\\path "x"' }, tokyo),
    );
    expect(event.subject).toBe(subject);
    expect(event.emailName).toBe('メルマガ「11月」');
    expect(listeningCampaignName(event.campaign)).toBe('C:\\path "x"');
  });

  it('trims surrounding whitespace of every value but keeps inner spaces', () => {
    const event = ok(
      normaliseWebhook(
        {
          trigger: '  Opens Email \n',
          leadId: ' 1001 ',
          email: '\ttaro@example.co.jp ',
          emailName: '  Newsletter  2026-11  ',
          subject: ' Hello   world ',
          occurredAt: ' 2026-11-28 09:15:00 ',
        },
        tokyo,
      ),
    );
    expect(event.leadId).toBe('1001');
    expect(event.email).toBe('taro@example.co.jp');
    expect(event.emailName).toBe('Newsletter  2026-11');
    expect(event.subject).toBe('Hello   world');
    expect(event.occurredAt).toBe('2026-11-28T00:15:00.000Z');
  });

  it('fills absent optional values with empty strings', () => {
    const event = ok(normaliseWebhook({ type: 'open', email: 'a@example.com' }, tokyo));
    expect(event).toMatchObject({ leadId: '', emailName: '', subject: '', link: '', campaign: '', campaignId: '' });
  });
});

describe('normaliseWebhook: event type', () => {
  it.each([
    ['Was Sent Email', 'send'],
    ['Email is Sent', 'send'],
    ['Email is Delivered', 'delivered'],
    ['Opens Email', 'open'],
    ['Clicks Link in Email', 'click'],
    ['Email Bounces', 'bounce'],
    ['Email Bounces Hard', 'bounce'],
    ['Unsubscribes from Email', 'unsubscribe'],
  ])('trigger %j → %s', (trigger, type) => {
    expect(ok(normaliseWebhook({ ...openBody, trigger }, tokyo)).type).toBe(type);
  });

  it.each(['opens email', 'OPENS EMAIL', 'OpensEmail', 'opens  email', ' Opens\tEmail '])(
    'reads the trigger %j case- and space-insensitively',
    (trigger) => {
      expect(ok(normaliseWebhook({ ...openBody, trigger }, tokyo)).type).toBe('open');
    },
  );

  it('lets an explicit type override the trigger', () => {
    expect(ok(normaliseWebhook({ ...openBody, trigger: 'Opens Email', type: 'click' }, tokyo)).type).toBe('click');
  });

  it('accepts an explicit type without a trigger, in any case', () => {
    const { trigger: _t, ...noTrigger } = openBody;
    expect(ok(normaliseWebhook({ ...noTrigger, type: 'Unsubscribe' }, tokyo)).type).toBe('unsubscribe');
    expect(ok(normaliseWebhook({ ...noTrigger, type: ' DELIVERED ' }, tokyo)).type).toBe('delivered');
  });

  it('does not need a known trigger when the type is explicit', () => {
    expect(ok(normaliseWebhook({ ...openBody, trigger: 'Visits Web Page', type: 'bounce' }, tokyo)).type).toBe(
      'bounce',
    );
  });

  it('refuses an unknown explicit type and names the accepted ones', () => {
    const found = problems(normaliseWebhook({ ...openBody, type: 'opened' }, tokyo));
    expect(found).toEqual([
      { field: 'type', message: 'must be one of send, delivered, open, click, bounce, unsubscribe, visit, form' },
    ]);
  });

  it.each(['reply', 'Reply'])('refuses the type %j: replies come by inbound email, never from Marketo', (type) => {
    const found = problems(normaliseWebhook({ ...openBody, type }, tokyo));
    expect(found).toEqual([
      {
        field: 'type',
        message:
          'replies are recorded from inbound email, never from Marketo; must be one of send, delivered, open, click, bounce, unsubscribe, visit, form',
      },
    ]);
  });

  it('takes no snippet from a webhook body', () => {
    expect(ok(normaliseWebhook({ ...openBody, snippet: 'Sounds good, call me' }, tokyo)).snippet).toBe('');
  });

  it('falls back to the trigger when the type token did not resolve', () => {
    expect(ok(normaliseWebhook({ ...openBody, type: '{{my.Event Type}}' }, tokyo)).type).toBe('open');
    expect(ok(normaliseWebhook({ ...openBody, type: '' }, tokyo)).type).toBe('open');
  });

  it('refuses a soft bounce, saying why and what to do: only hard bounces are bounces', () => {
    const found = problems(normaliseWebhook({ ...openBody, trigger: 'Email Bounces Soft' }, tokyo));
    expect(found).toHaveLength(1);
    expect(found[0]!.field).toBe('trigger');
    expect(found[0]!.message).toMatch(
      /^soft bounces are temporary and are not recorded: take this webhook off the "Email Bounces Soft" campaign; expected one of .*Email Bounces,/,
    );
    // Not even when the body also says it is a bounce.
    const typed = problems(normaliseWebhook({ ...openBody, trigger: 'email bounces soft', type: 'bounce' }, tokyo));
    expect(typed.map((p) => p.field)).toEqual(['trigger']);
  });

  it('refuses an unknown trigger and lists the trigger names it accepts', () => {
    const found = problems(normaliseWebhook({ ...openBody, trigger: 'Visits Multiple Web Pages' }, tokyo));
    expect(found).toHaveLength(1);
    expect(found[0]!.field).toBe('trigger');
    expect(found[0]!.message).toContain('unknown trigger "Visits Multiple Web Pages"');
    for (const name of [
      'Was Sent Email',
      'Email is Delivered',
      'Opens Email',
      'Clicks Link in Email',
      'Email Bounces',
      'Unsubscribes from Email',
      'Visits Web Page',
      'Fills Out Form',
    ]) {
      expect(found[0]!.message).toContain(name);
    }
  });

  it.each(['', '{{trigger.Trigger Name}}', '   '])('refuses a missing trigger %j when there is no type', (trigger) => {
    const found = problems(normaliseWebhook({ ...openBody, trigger }, tokyo));
    expect(found).toEqual([{ field: 'trigger', message: 'trigger ({{trigger.Trigger Name}}) or type is required' }]);
  });
});

describe('normaliseWebhook: lead identity', () => {
  it('accepts an email without a lead id', () => {
    const event = ok(normaliseWebhook({ ...openBody, leadId: '' }, tokyo));
    expect(event.leadId).toBe('');
    expect(event.email).toBe('taro@example.co.jp');
  });

  it('accepts a lead id without an email', () => {
    const event = ok(normaliseWebhook({ ...openBody, email: '{{lead.Email Address}}' }, tokyo));
    expect(event.email).toBe('');
    expect(event.leadId).toBe('1001');
  });

  it.each<[string, Record<string, string | undefined>]>([
    ['both empty', { leadId: '', email: '' }],
    ['both unresolved tokens', { leadId: '{{lead.Id}}', email: '{{lead.Email Address}}' }],
    ['both absent', { leadId: undefined, email: undefined }],
    ['both blank', { leadId: '  ', email: ' ' }],
  ])('requires an email or a lead id (%s)', (_name, change) => {
    const body: Record<string, unknown> = { ...openBody, ...change };
    for (const k of Object.keys(change)) if (change[k] === undefined) delete body[k];
    expect(problems(normaliseWebhook(body, tokyo))).toEqual([
      { field: 'email', message: 'either email ({{lead.Email Address}}) or leadId ({{lead.Id}}) is required' },
    ]);
  });

  it('keeps the email as sent (case and +tag): matching is case-insensitive later', () => {
    expect(ok(normaliseWebhook({ ...openBody, email: 'Taro+News@Example.CO.JP' }, tokyo)).email).toBe(
      'Taro+News@Example.CO.JP',
    );
  });

  it.each(['not-an-email', 'a@b@c', 'taro @example.com', '@example.com', 'taro@', 'taro'])(
    'refuses the email %j',
    (email) => {
      expect(problems(normaliseWebhook({ ...openBody, email }, tokyo))).toEqual([
        { field: 'email', message: 'is not an email address' },
      ]);
    },
  );

  it('refuses a bad email even when a lead id is present', () => {
    expect(problemFields(normaliseWebhook({ ...openBody, email: 'nope' }, tokyo))).toEqual(['email']);
  });

  it.each(['abc', '12.5', '-1', '1e3', '0x1F', '１２３', '1234567890123456789'])('refuses the lead id %j', (leadId) => {
    expect(problems(normaliseWebhook({ ...openBody, leadId }, tokyo))).toEqual([
      { field: 'leadId', message: 'must be the digits of {{lead.Id}}' },
    ]);
  });

  it('accepts a lead id of 18 digits', () => {
    expect(ok(normaliseWebhook({ ...openBody, leadId: '123456789012345678' }, tokyo)).leadId).toBe(
      '123456789012345678',
    );
  });
});

describe('normaliseWebhook: occurredAt', () => {
  it('reads {{system.dateTime}} in the Marketo time zone (Asia/Tokyo, UTC+9)', () => {
    expect(ok(normaliseWebhook({ ...openBody, occurredAt: '2026-11-28 09:15:00' }, tokyo)).occurredAt).toBe(
      '2026-11-28T00:15:00.000Z',
    );
  });

  it('reads the same text differently in another zone', () => {
    expect(ok(normaliseWebhook({ ...openBody, occurredAt: '2026-11-27 09:15:00' }, chicago)).occurredAt).toBe(
      '2026-11-27T15:15:00.000Z',
    );
  });

  it.each([
    ['winter, CST = UTC-6', '2026-01-15 10:00:00', '2026-01-15T16:00:00.000Z'],
    ['summer, CDT = UTC-5', '2026-07-01 10:00:00', '2026-07-01T15:00:00.000Z'],
    ['before the spring change', '2026-03-08 01:30:00', '2026-03-08T07:30:00.000Z'],
    ['after the spring change', '2026-03-08 03:30:00', '2026-03-08T08:30:00.000Z'],
    ['before the autumn change (first pass)', '2026-11-01 00:30:00', '2026-11-01T05:30:00.000Z'],
    ['after the autumn change', '2026-11-01 02:30:00', '2026-11-01T08:30:00.000Z'],
  ])('follows daylight saving time in America/Chicago: %s', (_name, occurredAt, expected) => {
    expect(ok(normaliseWebhook({ ...openBody, occurredAt }, chicago)).occurredAt).toBe(expected);
  });

  it('accepts the naive form with a T and without seconds', () => {
    expect(ok(normaliseWebhook({ ...openBody, occurredAt: '2026-11-28T09:15:00' }, tokyo)).occurredAt).toBe(
      '2026-11-28T00:15:00.000Z',
    );
    expect(ok(normaliseWebhook({ ...openBody, occurredAt: '2026-11-28 09:15' }, tokyo)).occurredAt).toBe(
      '2026-11-28T00:15:00.000Z',
    );
  });

  it.each([
    ['Z', '2026-11-28T00:15:00Z', '2026-11-28T00:15:00.000Z'],
    ['+09:00', '2026-11-28T09:15:00+09:00', '2026-11-28T00:15:00.000Z'],
    ['+0900', '2026-11-28T09:15:00+0900', '2026-11-28T00:15:00.000Z'],
    ['-06:00', '2026-11-27T18:15:00-06:00', '2026-11-28T00:15:00.000Z'],
    ['milliseconds', '2026-11-28T00:15:00.250Z', '2026-11-28T00:15:00.250Z'],
    ['no seconds', '2026-11-28T00:15Z', '2026-11-28T00:15:00.000Z'],
  ])('takes an ISO 8601 time with an offset (%s) as it is, whatever the zone', (_name, occurredAt, expected) => {
    expect(ok(normaliseWebhook({ ...openBody, occurredAt }, chicago)).occurredAt).toBe(expected);
  });

  it.each(['', '{{system.dateTime}}', '  '])('uses the receive time when occurredAt is %j', (occurredAt) => {
    expect(ok(normaliseWebhook({ ...openBody, occurredAt }, tokyo)).occurredAt).toBe(RECEIVED);
  });

  it('uses the receive time when occurredAt is absent', () => {
    const { occurredAt: _o, ...body } = openBody;
    expect(ok(normaliseWebhook(body, tokyo)).occurredAt).toBe(RECEIVED);
  });

  it.each([
    '28/11/2026 09:15',
    'yesterday',
    '2026-11-28',
    '1795857300',
    '2026-11-28 09:15:00 JST',
    '2026-11-28 9:15:00',
  ])('refuses the unrecognised time %j', (occurredAt) => {
    expect(problems(normaliseWebhook({ ...openBody, occurredAt }, tokyo))).toEqual([
      { field: 'occurredAt', message: 'must look like {{system.dateTime}} (2026-11-28 09:15:00) or ISO 8601' },
    ]);
  });

  it.each([
    ['a day that does not exist (naive)', '2026-02-30 10:00:00'],
    ['a day that does not exist (ISO)', '2026-02-30T10:00:00Z'],
    ['the 31st of a 30-day month (ISO)', '2026-04-31T10:00:00+09:00'],
    ['month 13', '2026-13-01 10:00:00'],
    ['month 13 (ISO)', '2026-13-01T10:00:00Z'],
    ['hour 25', '2026-11-28 25:00:00'],
    ['minute 60 (ISO)', '2026-11-28T09:60:00Z'],
    ['before 2000', '1999-12-31T23:59:59Z'],
    ['more than a day after receipt', '2026-11-29T01:00:01Z'],
    ['far future', '2099-01-01 00:00:00'],
  ])('refuses an implausible time: %s', (_name, occurredAt) => {
    expect(problems(normaliseWebhook({ ...openBody, occurredAt }, tokyo))).toEqual([
      { field: 'occurredAt', message: 'is not a plausible date and time' },
    ]);
  });

  it('accepts the limits of plausibility', () => {
    expect(ok(normaliseWebhook({ ...openBody, occurredAt: '2000-01-01T00:00:00Z' }, tokyo)).occurredAt).toBe(
      '2000-01-01T00:00:00.000Z',
    );
    expect(ok(normaliseWebhook({ ...openBody, occurredAt: '2026-11-29T01:00:00Z' }, tokyo)).occurredAt).toBe(
      '2026-11-29T01:00:00.000Z',
    );
    expect(ok(normaliseWebhook({ ...openBody, occurredAt: '2024-02-29T10:00:00Z' }, tokyo)).occurredAt).toBe(
      '2024-02-29T10:00:00.000Z',
    );
  });
});

describe('normaliseWebhook: isBot', () => {
  it.each(['false', 'FALSE', '0', 'no', 'No', '', '{{trigger.Is Bot Activity}}'])('%j → false', (isBot) => {
    expect(ok(normaliseWebhook({ ...openBody, isBot }, tokyo)).isBot).toBe(false);
  });

  it.each(['true', 'True', 'TRUE', '1', 'yes', ' true '])('%j → true', (isBot) => {
    expect(ok(normaliseWebhook({ ...openBody, isBot }, tokyo)).isBot).toBe(true);
  });

  it('is false when absent', () => {
    expect(ok(normaliseWebhook(openBody, tokyo)).isBot).toBe(false);
  });

  it.each(['maybe', '2', 'y', 'on'])('refuses %j', (isBot) => {
    expect(problems(normaliseWebhook({ ...openBody, isBot }, tokyo))).toEqual([
      { field: 'isBot', message: 'must be true or false' },
    ]);
  });
});

// A JSON template with bare tokens: Marketo quotes string-type tokens only, so numbers and booleans arrive bare.
describe('normaliseWebhook: values that are not strings', () => {
  it('reads bare numbers as their digits', () => {
    const event = ok(normaliseWebhook({ ...openBody, leadId: 1001, campaignId: 2044 }, tokyo));
    expect([event.leadId, event.campaignId]).toEqual(['1001', '2044']);
    expect(event.key).toBe(ok(normaliseWebhook(openBody, tokyo)).key);
  });

  it('reads a bare boolean as true or false', () => {
    expect(ok(normaliseWebhook({ ...openBody, isBot: true }, tokyo)).isBot).toBe(true);
    expect(ok(normaliseWebhook({ ...openBody, isBot: false }, tokyo)).isBot).toBe(false);
  });

  it('reads null as missing', () => {
    const event = ok(
      normaliseWebhook({ ...openBody, leadId: null, link: null, campaignId: null, occurredAt: null }, tokyo),
    );
    expect([event.leadId, event.link, event.campaignId, event.occurredAt]).toEqual(['', '', '', RECEIVED]);
    expect(problemFields(normaliseWebhook({ ...openBody, trigger: null }, tokyo))).toEqual(['trigger']);
  });

  it('still checks what a number says', () => {
    expect(problemFields(normaliseWebhook({ ...openBody, leadId: 12.5 }, tokyo))).toEqual(['leadId']);
    expect(problemFields(normaliseWebhook({ ...openBody, occurredAt: 1795857300000 }, tokyo))).toEqual(['occurredAt']);
  });
});

describe('normaliseWebhook: malformed bodies', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'trigger=Opens+Email'],
    ['a number', 42],
    ['an array', [openBody]],
    ['a boolean', true],
  ])('refuses a body that is %s', (_name, body) => {
    expect(problems(normaliseWebhook(body, tokyo))).toEqual([
      { field: '(body)', message: 'must be a JSON object or a form with the webhook keys' },
    ]);
  });

  it('refuses an empty object with what is missing', () => {
    expect(problemFields(normaliseWebhook({}, tokyo)).sort()).toEqual(['email', 'trigger']);
  });

  it.each<[string, unknown]>([
    ['email', ['a@example.com', 'b@example.com']],
    ['subject', { text: 'x' }],
    ['leadId', { value: 1001 }],
  ])('names the field %s when its value is neither text nor a JSON scalar', (field, value) => {
    expect(problems(normaliseWebhook({ ...openBody, [field]: value }, tokyo))).toEqual([
      { field, message: 'must be a string, number, boolean or null' },
    ]);
  });

  it('reports every such field at once', () => {
    expect(problemFields(normaliseWebhook({ ...openBody, leadId: [1], link: {} }, tokyo)).sort()).toEqual([
      'leadId',
      'link',
    ]);
  });

  it('refuses a value longer than 4000 characters and names it', () => {
    expect(problems(normaliseWebhook({ ...openBody, subject: 'x'.repeat(4001) }, tokyo))).toEqual([
      { field: 'subject', message: 'must be at most 4000 characters' },
    ]);
  });

  it('accepts a value of exactly 4000 characters, unchanged', () => {
    const link = `https://example.com/${'a'.repeat(4000 - 20)}`;
    expect(link).toHaveLength(4000);
    expect(ok(normaliseWebhook({ ...openBody, link }, tokyo)).link).toBe(link);
  });

  it('reports several problems of content at once', () => {
    const found = problems(normaliseWebhook({ ...openBody, leadId: 'x', isBot: 'perhaps', occurredAt: 'soon' }, tokyo));
    expect(found.map((p) => p.field).sort()).toEqual(['isBot', 'leadId', 'occurredAt']);
  });

  it('refuses the template pasted unrendered (every token literal)', () => {
    const unrendered = {
      trigger: '{{trigger.Trigger Name}}',
      leadId: '{{lead.Id}}',
      email: '{{lead.Email Address}}',
      emailName: '{{trigger.Name}}',
      subject: '{{trigger.Subject}}',
      link: '{{trigger.Link}}',
      campaign: '{{campaign.name}}',
      campaignId: '{{campaign.id}}',
      occurredAt: '{{system.dateTime}}',
    };
    expect(problemFields(normaliseWebhook(unrendered, tokyo)).sort()).toEqual(['email', 'trigger']);
  });

  it('empties unresolved tokens in optional values', () => {
    const event = ok(
      normaliseWebhook({ ...openBody, subject: '{{trigger.Subject}}', link: '{{trigger.Link}}' }, tokyo),
    );
    expect(event.subject).toBe('');
    expect(event.link).toBe('');
  });
});

describe('normaliseWebhook: web visits and form fills', () => {
  /** The generated template as Marketo renders it for a "Visits Web Page" trigger ({{trigger.Name}} is the page). */
  const visitBody = {
    trigger: 'Visits Web Page',
    leadId: '1001',
    email: 'taro@example.co.jp',
    emailName: 'www.example.com/pricing',
    subject: '',
    link: '',
    page: 'www.example.com/pricing',
    campaign: 'kintone: Visits Web Page',
    campaignId: '2050',
    occurredAt: '2026-11-28 09:15:00',
  };
  /** The same for "Fills Out Form": {{trigger.Name}} is the form, {{trigger.Web Page}} the page it was on. */
  const formBody = {
    ...visitBody,
    trigger: 'Fills Out Form',
    emailName: 'Contact Us',
    page: 'https://www.example.com/contact',
    campaign: 'kintone: Fills Out Form',
  };

  it('reads "Visits Web Page" as a visit to {{trigger.Web Page}}, with no email name', () => {
    const event = ok(normaliseWebhook(visitBody, tokyo));
    expect(event).toMatchObject({
      type: 'visit',
      link: 'www.example.com/pricing',
      emailName: '',
      formName: '',
      occurredAt: '2026-11-28T00:15:00.000Z',
    });
  });

  it('reads "Fills Out Form" as a form fill named by {{trigger.Name}} on {{trigger.Web Page}}\'s page', () => {
    const event = ok(normaliseWebhook(formBody, tokyo));
    expect(event).toMatchObject({
      type: 'form',
      formName: 'Contact Us',
      link: 'https://www.example.com/contact',
      emailName: '',
    });
  });

  it('takes an explicit formName key over {{trigger.Name}}', () => {
    expect(ok(normaliseWebhook({ ...formBody, formName: 'Demo Request' }, tokyo)).formName).toBe('Demo Request');
  });

  it.each([
    ['Visits Web Page', 'visit'],
    ['visits web page', 'visit'],
    ['Visit Webpage', 'visit'],
    ['Fills Out Form', 'form'],
    ['Fill Out Form', 'form'],
  ])('reads the trigger %j as %s', (trigger, type) => {
    expect(ok(normaliseWebhook({ ...formBody, trigger }, tokyo)).type).toBe(type);
  });

  it('takes the page from {{trigger.Name}} when {{trigger.Web Page}} did not resolve for a visit', () => {
    const event = ok(normaliseWebhook({ ...visitBody, page: '{{trigger.Web Page}}' }, tokyo));
    expect(event.link).toBe('www.example.com/pricing');
  });

  it('refuses a visit without any page', () => {
    const found = problems(normaliseWebhook({ ...visitBody, page: '', emailName: '' }, tokyo));
    expect(found).toEqual([{ field: 'page', message: 'a visit needs its page ({{trigger.Web Page}})' }]);
  });

  it('accepts a form fill whose page is unknown', () => {
    expect(ok(normaliseWebhook({ ...formBody, page: '' }, tokyo)).link).toBe('');
  });

  it.each([
    [visitBody, 'an anonymous visit'],
    [formBody, 'an anonymous form fill'],
  ])('refuses an anonymous lead (no lead id, no email) and says why', (body, words) => {
    const found = problems(normaliseWebhook({ ...body, leadId: '', email: '{{lead.Email Address}}' }, tokyo));
    expect(found).toEqual([
      {
        field: 'email',
        message: `${words} (no {{lead.Id}} and no {{lead.Email Address}}) names no customer and is not recorded`,
      },
    ]);
  });

  it('keys two visits of the same lead and second apart only by their pages, and a form fill by its form name', () => {
    const a = ok(normaliseWebhook(visitBody, tokyo));
    const b = ok(normaliseWebhook({ ...visitBody, page: 'www.example.com/contact' }, tokyo));
    expect(a.key).not.toBe(b.key);
    expect(ok(normaliseWebhook(visitBody, tokyo)).key).toBe(a.key);
    const f1 = ok(normaliseWebhook(formBody, tokyo));
    const f2 = ok(normaliseWebhook({ ...formBody, emailName: 'Demo Request' }, tokyo));
    expect(f1.key).not.toBe(f2.key);
  });
});
