import { parseWebhookBody } from './webhook-parse';

const parse = (text: string) => parseWebhookBody(Buffer.from(text, 'utf8'));

describe('parseWebhookBody', () => {
  it('reads a JSON object as JSON, whitespace around it included', () => {
    expect(parse('\n  {"trigger": "Opens Email", "leadId": 1001, "link": null}\n')).toEqual({
      ok: true,
      value: { trigger: 'Opens Email', leadId: 1001, link: null },
    });
  });

  it('reads anything else as a form, percent-decoded, a plus sign sent as %2B kept', () => {
    expect(parse('trigger=Opens%20Email&email=jiro%2Bnews%40example.com&link=')).toEqual({
      ok: true,
      value: { trigger: 'Opens Email', email: 'jiro+news@example.com', link: '' },
    });
  });

  it('reads form values that Marketo may have enclosed in quotes as the quoted text', () => {
    const quoted = `trigger=${encodeURIComponent('"Opens Email"')}&subject=${encodeURIComponent(JSON.stringify('Say "hi" \\ 東京'))}&link=%22%22`;
    expect(parse(quoted)).toEqual({
      ok: true,
      value: { trigger: 'Opens Email', subject: 'Say "hi" \\ 東京', link: '' },
    });
  });

  it('keeps quotes that are not one JSON string literal', () => {
    const subject = '"Faster" and "safer"';
    expect(parse(`subject=${encodeURIComponent(subject)}&a=%22&b=%22x`)).toEqual({
      ok: true,
      value: { subject, a: '"', b: '"x' },
    });
  });

  it('refuses a key sent twice', () => {
    expect(parse('email=a%40example.com&email=b%40example.com')).toEqual({
      ok: false,
      problem: { field: 'email', message: 'is sent more than once' },
    });
  });

  it('says what is wrong with a template that quotes tokens Marketo already quotes', () => {
    const result = parse('{\n  "trigger": ""Opens Email"",\n  "leadId": "1001"\n}');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.message).toMatch(
      /is not valid JSON .*quotes tokens that Marketo already quotes/,
    );
  });

  it('gives broken JSON no such hint when it is not that', () => {
    const result = parse('{"trigger": "", "leadId":');
    expect(!result.ok && result.problem.message).toMatch(/^is not valid JSON \([^)]*\)$/);
  });

  it('reads JSON that is no object as JSON, for the webhook to refuse, and calls an empty body empty', () => {
    expect(parse('"Opens Email"')).toEqual({ ok: true, value: 'Opens Email' });
    expect(parse('42')).toEqual({ ok: true, value: 42 });
    expect(parse(' \n')).toEqual({ ok: false, problem: { field: '(body)', message: 'is empty' } });
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(parseWebhookBody(Buffer.from([0x7b, 0xff, 0x7d]))).toEqual({
      ok: false,
      problem: { field: '(body)', message: 'is not valid UTF-8' },
    });
  });
});

describe('form keys named like Object members', () => {
  it('are fields like any other, never the object itself', () => {
    const parsed = parse('constructor=a&toString=b&__proto__=c&hasOwnProperty=d&trigger=Opens%20Email');
    expect(parsed.ok).toBe(true);
    const value = (parsed as { value: Record<string, unknown> }).value;
    expect(Object.keys(value).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'trigger']);
    expect(value.constructor).toBe('a');
    expect(parse('constructor=a&constructor=b')).toMatchObject({
      ok: false,
      problem: { field: 'constructor', message: 'is sent more than once' },
    });
  });
});
