/**
 * The generated webhook setup, rendered by the simulator every way Marketo's documentation allows, must mean the
 * same to the server: each rendering goes through the server's own parsing and normalisation.
 */
import { MARKETO_EVENT_TYPES } from '../../contract/src/events';
import { WEBHOOK_SECRET_HEADER, WEBHOOK_TOKENS, webhookTemplate } from '../../contract/src/marketo-setup';
import { normaliseWebhook } from '../../server/src/core/webhook-body';
import { parseWebhookBody } from '../../server/src/core/webhook-parse';
import {
  GENERATED,
  jsonTemplate,
  plausibleRenderings,
  renderWebhook,
  type Rendering,
  type SimulatedActivity,
} from './render';

const activity = (type: SimulatedActivity['type']): SimulatedActivity => ({
  type,
  lead: { leadId: '1001', email: 'jiro+news@example.co.jp' },
  emailName: 'Product Update Q4',
  subject: 'What’s new in Q4 🚀 "Faster sync" & more = 100%',
  link: 'https://example.com/pricing?a=1&b=2#plans',
  page: 'www.example.com/contact',
  formName: 'Contact Us & "Demo" = 100%',
  campaign: 'kintone: Opens Email',
  campaignId: '3203',
  at: new Date('2026-11-28T00:15:00Z'),
});

function accepted(rendering: Rendering, act: SimulatedActivity) {
  const { body } = renderWebhook(act, rendering, 'secret', 'Asia/Tokyo');
  const parsed = parseWebhookBody(Buffer.from(body, 'utf8'));
  if (!parsed.ok) return { problems: [parsed.problem], body };
  const result = normaliseWebhook(parsed.value, {
    appId: '1',
    marketoTimeZone: 'Asia/Tokyo',
    receivedAt: new Date('2026-11-28T01:00:00Z'),
  });
  return result.ok ? { event: result.event, body } : { problems: result.problems, body };
}

const describeRendering = (r: Rendering) =>
  `quotes in form ${r.quoteStringsInForm}, dates quoted ${r.quoteDates}, unresolved ${r.unresolved}, default type ${r.defaultContentType}, custom ${r.customHeaders}`;

describe('the generated setup rendered as Marketo may render it', () => {
  const renderings = plausibleRenderings(GENERATED);

  it('covers every undocumented choice', () => {
    expect(renderings).toHaveLength(2 * 2 * 2 * 3 * 2);
  });

  it.each(renderings.map((r) => [describeRendering(r), r] as const))(
    'is accepted with every value intact: %s',
    (_name, rendering) => {
      for (const type of MARKETO_EVENT_TYPES) {
        const act = activity(type);
        const result = accepted(rendering, act);
        expect(result.problems).toBeUndefined();
        const web = type === 'visit' || type === 'form';
        expect(result.event).toMatchObject({
          type,
          leadId: '1001',
          email: 'jiro+news@example.co.jp',
          emailName: web ? '' : act.emailName,
          subject: web ? '' : act.subject,
          link: type === 'click' ? act.link : web ? act.page : '',
          formName: type === 'form' ? act.formName : '',
          campaignId: '3203',
          occurredAt: '2026-11-28T00:15:00.000Z',
        });
      }
    },
  );

  it('sends the secret and a Content-Type that matches the template', () => {
    const { headers } = renderWebhook(activity('open'), GENERATED, 'the-secret', 'UTC');
    expect(headers).toEqual([
      [WEBHOOK_SECRET_HEADER, 'the-secret'],
      ['Content-Type', 'application/x-www-form-urlencoded'],
    ]);
  });

  it('sends Marketo’s own Content-Type too when a custom one is added beside it', () => {
    const { headers } = renderWebhook(
      activity('open'),
      { ...GENERATED, defaultContentType: 'text/plain; charset=ISO-8859-1', customHeaders: 'add' },
      's',
      'UTC',
    );
    expect(headers.filter(([name]) => name.toLowerCase() === 'content-type')).toHaveLength(2);
  });
});

describe('the simulator is as strict as Marketo', () => {
  it('quotes string-type tokens itself under JSON, so a template that quotes them too is refused', () => {
    const quotedTemplate = `{\n${Object.entries(WEBHOOK_TOKENS)
      .map(([k, t]) => `  "${k}": "${t}"`)
      .join(',\n')}\n}`;
    const result = accepted({ ...GENERATED, template: quotedTemplate, encoding: 'json' }, activity('open'));
    expect(result.body).toContain('"trigger": ""Opens Email""');
    expect(result.problems?.[0]?.message).toMatch(/not valid JSON/);
  });

  it('renders numbers bare under JSON', () => {
    const { body } = renderWebhook(
      activity('open'),
      { ...GENERATED, template: jsonTemplate(), encoding: 'json' },
      's',
      'UTC',
    );
    expect(body).toContain('"leadId": 1001,');
    expect(body).toContain('"trigger": "Opens Email",');
  });

  it('breaks a bare-token JSON template when Marketo does not count dates as strings: why the setup is Form/Url', () => {
    const json = { ...GENERATED, template: jsonTemplate(), encoding: 'json' as const };
    expect(accepted(json, activity('open')).event).toBeDefined();
    expect(accepted({ ...json, quoteDates: false }, activity('open')).problems?.[0]?.message).toMatch(/not valid JSON/);
  });

  it('keeps the generated template a form with one pair per contract key', () => {
    expect(GENERATED.encoding).toBe('form');
    expect(
      webhookTemplate()
        .split('&')
        .map((pair) => pair.split('=')[0]),
    ).toEqual(Object.keys(WEBHOOK_TOKENS));
  });
});
