import { defaultConfig } from '../../contract/src/config';
import { translator } from '../src/common/i18n';
import { readConnection, readMapping, storedValues } from '../src/common/stored-config';
import { adminUrlPrefix } from '../../contract/src/admin-api';
import { createAdminClient, statusUrl, type ProxyCall } from '../src/config/admin-client';
import { alertsTurnedOn, draftOf } from '../src/config/draft';
import { formModelOf, type FormField, type FormModel } from '../src/config/form-model';
import { initialDraft } from '../src/config/initial-draft';
import { configMessages } from '../src/config/messages';
import { acceptedBy, choicesFor } from '../src/config/slots';
import { unrecordedAlertPages, validateDraft } from '../src/config/validate';

const t = translator(configMessages, 'en');

const field = (code: string, type: string, extra: Partial<FormField> = {}): FormField => ({
  code,
  label: code,
  type,
  unique: false,
  protocol: undefined,
  options: [],
  computed: false,
  ...extra,
});

const text = (code: string) => ({ type: 'SINGLE_LINE_TEXT', code, label: code });
const statusOptions = ['not sent', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'unsubscribed'];

/** The demo app's form as kintone's fields.json and layout.json describe it. */
const demoForm: FormModel = formModelOf(
  {
    email: { type: 'LINK', code: 'email', label: 'email', protocol: 'MAIL', unique: true },
    company: text('company'),
    mkto_status: {
      type: 'DROP_DOWN',
      code: 'mkto_status',
      label: 'mkto_status',
      options: Object.fromEntries(statusOptions.map((label, i) => [label, { label, index: String(i) }])),
    },
    mkto_first_opened: { type: 'DATETIME', code: 'mkto_first_opened', label: 'mkto_first_opened' },
    mkto_last_opened: { type: 'DATETIME', code: 'mkto_last_opened', label: 'mkto_last_opened' },
    mkto_open_count: { type: 'NUMBER', code: 'mkto_open_count', label: 'mkto_open_count' },
    mkto_last_clicked: { type: 'DATETIME', code: 'mkto_last_clicked', label: 'mkto_last_clicked' },
    mkto_click_count: { type: 'NUMBER', code: 'mkto_click_count', label: 'mkto_click_count' },
    mkto_last_replied: { type: 'DATETIME', code: 'mkto_last_replied', label: 'mkto_last_replied' },
    mkto_reply_count: { type: 'NUMBER', code: 'mkto_reply_count', label: 'mkto_reply_count' },
    visits: { type: 'NUMBER', code: 'visits', label: 'visits' },
    mkto_history: {
      type: 'SUBTABLE',
      code: 'mkto_history',
      label: 'History',
      fields: {
        mkto_h_at: { type: 'DATETIME', code: 'mkto_h_at', label: 'mkto_h_at' },
        mkto_h_snippet: { type: 'MULTI_LINE_TEXT', code: 'mkto_h_snippet', label: 'mkto_h_snippet' },
        ...Object.fromEntries(
          ['mkto_h_type', 'mkto_h_email', 'mkto_h_subject', 'mkto_h_link', 'mkto_h_campaign', 'mkto_h_key'].map((c) => [
            c,
            text(c),
          ]),
        ),
      },
    },
  },
  [{ type: 'ROW', fields: [{ type: 'SPACER', elementId: 'mkto_panel' }] }],
);

describe('choicesFor', () => {
  it('offers only fitting, writable fields, unique ones first for the lead key', () => {
    const pool = [
      field('notes', 'SINGLE_LINE_TEXT'),
      field('web', 'LINK', { protocol: 'WEB' }),
      field('mail', 'LINK', { protocol: 'MAIL', unique: true }),
      field('calc', 'SINGLE_LINE_TEXT', { computed: true }),
      field('count', 'NUMBER'),
    ];
    const email = choicesFor({ kind: 'leadKey', source: 'email' }, pool);
    expect(email.fitting.map((f) => f.code)).toEqual(['mail', 'notes']);
    expect(email.unfit.map((u) => [u.field.code, u.why])).toEqual([
      ['web', 'protocol'],
      ['calc', 'computed'],
    ]);
    expect(choicesFor({ kind: 'leadKey', source: 'leadId' }, pool).fitting.map((f) => f.code)).toEqual([
      'notes',
      'count',
    ]);
    expect(choicesFor({ kind: 'column', slot: 'link' }, pool).fitting.map((f) => f.code)).toEqual(['notes', 'web']);
    expect(choicesFor({ kind: 'column', slot: 'link' }, pool).unfit.map((u) => [u.field.code, u.why])).toEqual([
      ['mail', 'protocol'],
      ['calc', 'computed'],
    ]);
    expect(choicesFor({ kind: 'summary', slot: 'clickCount' }, pool).fitting.map((f) => f.code)).toEqual(['count']);
  });

  it('offers a number for the reply count, a date and time for last replied, and text or a text area for the reply text', () => {
    const pool = [
      field('count', 'NUMBER'),
      field('when', 'DATETIME'),
      field('day', 'DATE'),
      field('line', 'SINGLE_LINE_TEXT'),
      field('area', 'MULTI_LINE_TEXT'),
      field('rich', 'RICH_TEXT'),
      field('calc', 'SINGLE_LINE_TEXT', { computed: true }),
    ];
    expect(choicesFor({ kind: 'summary', slot: 'replyCount' }, pool).fitting.map((f) => f.code)).toEqual(['count']);
    expect(choicesFor({ kind: 'summary', slot: 'lastReplied' }, pool).fitting.map((f) => f.code)).toEqual(['when']);
    const snippet = choicesFor({ kind: 'column', slot: 'snippet' }, pool);
    expect(snippet.fitting.map((f) => f.code)).toEqual(['line', 'area']);
    expect(snippet.unfit.map((u) => [u.field.code, u.why])).toEqual([['calc', 'computed']]);
    expect(acceptedBy({ kind: 'column', slot: 'snippet' }).map((a) => a.type)).toEqual([
      'SINGLE_LINE_TEXT',
      'MULTI_LINE_TEXT',
    ]);
  });
});

describe('validateDraft', () => {
  it('accepts the defaults on the demo form and returns the config', () => {
    const result = validateDraft(draftOf(defaultConfig()), demoForm, t);
    expect(result).toEqual({ ok: true, config: defaultConfig() });
  });

  it('points each problem at its setting', () => {
    const draft = draftOf(defaultConfig());
    draft.leadField = 'visits';
    draft.summary.firstOpened = 'mkto_last_opened';
    draft.summary.lastClicked = 'removed';
    draft.statusLabels.opened = 'read';
    draft.columns.eventKey = '';
    draft.timeZone = 'Mars/Olympus';
    draft.spaceId = 'other_space';
    const result = validateDraft(draft, demoForm, t);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.fromEntries(result.problems.map((p) => [p.target, p.message]))).toEqual({
      'leadKey.field': '"visits" is a Number field, which does not fit here.',
      'summary.lastClicked': 'The field "removed" is no longer on the form.',
      'summary.firstOpened': '"mkto_last_opened" is also chosen for "Last opened". Each field can hold one value.',
      'summary.lastOpened': '"mkto_last_opened" is also chosen for "First opened". Each field can hold one value.',
      'summary.statusLabels.opened': '"read" is not an option of "mkto_status".',
      'history.columns.eventKey': 'Choose a field.',
      marketoTimeZone: 'Enter a time zone such as Asia/Tokyo or America/Chicago.',
      'panel.spaceId': 'The Space field "other_space" is no longer on the form.',
    });
  });

  it("checks the visit pages, the score and the alerts, in the admin's language", () => {
    const draft = draftOf(defaultConfig());
    draft.eventTypes = [...draft.eventTypes, 'visit'];
    draft.visitPages = ' \n ';
    draft.scoreOn = true;
    draft.summary.score = 'mkto_open_count';
    draft.scoreWeights.form = '120';
    draft.halfLifeDays = '0.5';
    draft.alertsOn = true;
    draft.alerts = { ...draft.alerts, onClick: true, clickPages: '', onForm: true, perRecordPerDay: '11' };
    const result = validateDraft(draft, demoForm, t);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.target, p.message])).toEqual([
      ['summary.openCount', '"mkto_open_count" is also chosen for "Engagement score". Each field can hold one value.'],
      ['summary.score', '"mkto_open_count" is also chosen for "Open count". Each field can hold one value.'],
      ['visitPages', 'Write at least one page, such as /pricing.'],
      ['score.weights.form', 'Enter a number from 0 to 100.'],
      ['score.halfLifeDays', 'Enter a whole number of days from 1 to 365.'],
      // The demo form has no User selection field.
      ['alerts.ownerField', 'Choose a field.'],
      ['alerts.moments', 'Form fills are not recorded: tick "Filled out a form" under "Events to record".'],
      ['alerts.clickPages', 'Write at least one page, such as /pricing.'],
      ['alerts.perRecordPerDay', 'Enter a whole number from 1 to 10.'],
    ]);
    const ja = validateDraft(
      { ...draft, alerts: { ...draft.alerts, onForm: false, onClick: false } },
      demoForm,
      translator(configMessages, 'ja'),
    );
    expect(ja.ok || ja.problems.find((p) => p.target === 'alerts.moments')?.message).toBe(
      '通知するタイミングを 1 つ以上選んでください。',
    );
  });

  it('saves the signals: visit pages, score settings and alerts, and leaves out slots of what is not recorded', () => {
    const owner = field('owner', 'USER_SELECT');
    const form: FormModel = {
      ...demoForm,
      fields: [...demoForm.fields, field('score', 'NUMBER'), owner, field('last_visit', 'DATETIME')],
      properties: {
        ...demoForm.properties,
        score: { type: 'NUMBER', code: 'score' },
        owner: { type: 'USER_SELECT', code: 'owner' },
        last_visit: { type: 'DATETIME', code: 'last_visit' },
      },
    };
    expect(choicesFor({ kind: 'owner' }, form.fields).fitting).toEqual([owner]);
    const draft = draftOf(defaultConfig(), 'ja');
    draft.eventTypes = [...draft.eventTypes, 'visit'];
    draft.visitPages = '/pricing\n\n example.com/products ';
    draft.summary.lastVisited = 'last_visit';
    draft.scoreOn = true;
    draft.summary.score = 'score';
    draft.scoreWeights.reply = '12';
    draft.alertsOn = true;
    draft.alerts = {
      ...draft.alerts,
      ownerField: 'owner',
      onReply: true,
      onVisit: true,
      visitPages: '/pricing',
      onScore: true,
      scoreThreshold: '60',
    };
    const result = validateDraft(draft, form, t);
    expect(result.ok && result.config).toMatchObject({
      visitPages: ['/pricing', 'example.com/products'],
      summary: { score: 'score', lastVisited: 'last_visit' },
      score: { weights: { open: 1, click: 3, visit: 1, form: 8, reply: 12 }, halfLifeDays: 14 },
      alerts: {
        ownerField: 'owner',
        onReply: true,
        onForm: false,
        clickPages: [],
        visitPages: ['/pricing'],
        scoreThreshold: 60,
        perRecordPerDay: 1,
        language: 'ja',
      },
    });
    // Visits no longer recorded: their slot and pages are not saved; alerts on visits then need them.
    draft.eventTypes = draft.eventTypes.filter((e) => e !== 'visit');
    draft.alerts.onVisit = false;
    const without = validateDraft(draft, form, t);
    expect(without.ok && without.config.summary.lastVisited).toBeUndefined();
    expect(without.ok && without.config.visitPages).toBeUndefined();
  });

  it('turns alerts on with the recorded of replies and form fills ticked and a threshold a hot lead reaches', () => {
    const draft = draftOf(defaultConfig());
    // A reply, a form fill and a click today add 10 + 8 + 3 with the default weights.
    expect(Number(draft.alerts.scoreThreshold)).toBeLessThanOrEqual(10 + 8 + 3 + 10);
    expect(draft.alerts.scoreThreshold).toBe('30');
    expect(alertsTurnedOn(draft)).toMatchObject({ onReply: true, onForm: false, onClick: false, onScore: false });
    draft.eventTypes = [...draft.eventTypes.filter((e) => e !== 'reply'), 'form'];
    expect(alertsTurnedOn(draft)).toMatchObject({ onReply: false, onForm: true });
    // Moments the admin chose are kept as they are.
    draft.alerts = { ...draft.alerts, onClick: true };
    expect(alertsTurnedOn(draft)).toBe(draft.alerts);
  });

  it('names the alert visit pages whose visits are not recorded, and nothing else', () => {
    const draft = draftOf(defaultConfig());
    draft.eventTypes = [...draft.eventTypes, 'visit'];
    draft.visitPages = '/Pricing\nexample.com/products';
    draft.alertsOn = true;
    draft.alerts = { ...draft.alerts, onVisit: true, visitPages: '/contact\n/pricing/enterprise\n/products\n  ' };
    // /pricing/enterprise is inside a recorded page; /products overlaps example.com/products; /contact is nowhere.
    expect(unrecordedAlertPages(draft)).toEqual(['/contact']);
    draft.visitPages = '/pricing/enterprise';
    expect(unrecordedAlertPages(draft)).toEqual(['/contact', '/products']);
    // Only a warning: the draft still saves apart from the missing owner field.
    const result = validateDraft(draft, demoForm, t);
    expect(result.ok || result.problems.map((p) => p.target)).toEqual(['alerts.ownerField']);
    expect(unrecordedAlertPages({ ...draft, alerts: { ...draft.alerts, onVisit: false } })).toEqual([]);
    expect(unrecordedAlertPages({ ...draft, alertsOn: false })).toEqual([]);
  });

  it('points problems with the reply slots at their settings', () => {
    const draft = draftOf(defaultConfig());
    draft.summary.replyCount = 'mkto_open_count';
    draft.summary.lastReplied = 'mkto_reply_count';
    draft.columns.snippet = 'mkto_h_at';
    const result = validateDraft(draft, demoForm, t);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.target, p.message])).toEqual([
      ['summary.lastReplied', '"mkto_reply_count" is a Number field, which does not fit here.'],
      ['summary.openCount', '"mkto_open_count" is also chosen for "Reply count". Each field can hold one value.'],
      ['summary.replyCount', '"mkto_open_count" is also chosen for "Open count". Each field can hold one value.'],
      ['history.columns.snippet', '"mkto_h_at" is a Date and time field, which does not fit here.'],
      ['history.columns.occurredAt', '"mkto_h_at" is also chosen for "Reply text". Each field can hold one value.'],
      ['history.columns.snippet', '"mkto_h_at" is also chosen for "Date and time". Each field can hold one value.'],
    ]);
  });

  it('accepts settings without the reply slots and without replies', () => {
    const draft = draftOf(defaultConfig());
    draft.summary.replyCount = '';
    draft.summary.lastReplied = '';
    draft.columns.snippet = '';
    draft.eventTypes = ['open', 'click'];
    const result = validateDraft(draft, demoForm, t);
    expect(result.ok && result.config.summary).toMatchObject({ replyCount: undefined, lastReplied: undefined });
    expect(result.ok && result.config.history.columns.snippet).toBeUndefined();
    expect(result.ok && result.config.eventTypes).toEqual(['open', 'click']);
  });
});

describe('validateDraft and the server check', () => {
  it('refuses what registration would refuse, e.g. a choice column without an option per event type', () => {
    const history = demoForm.properties.mkto_history;
    const properties = {
      ...demoForm.properties,
      mkto_history: {
        ...history,
        type: 'SUBTABLE',
        code: 'mkto_history',
        fields: {
          ...history?.fields,
          mkto_h_type: { type: 'DROP_DOWN', code: 'mkto_h_type', options: { open: { label: 'open', index: '0' } } },
        },
      },
    };
    const form = formModelOf(properties, [{ type: 'ROW', fields: [{ type: 'SPACER', elementId: 'mkto_panel' }] }]);
    const result = validateDraft(draftOf(defaultConfig()), form, t);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          target: 'history.columns.type',
          message: 'field "mkto_h_type" has no option click, bounce, unsubscribe, reply',
        },
      ],
    });
  });
});

describe('initialDraft', () => {
  it('starts a first setup from the defaults that exist on this form', () => {
    const form = formModelOf(
      {
        mail: { type: 'LINK', code: 'mail', protocol: 'MAIL' },
        mkto_open_count: { type: 'NUMBER', code: 'mkto_open_count' },
      },
      [],
    );
    const draft = initialDraft({ kind: 'none' }, form);
    expect(draft.leadField).toBe('');
    expect(draft.summary.openCount).toBe('mkto_open_count');
    expect(draft.summary.status).toBe('');
    expect(draft.table).toBe('');
    expect(draft.columns.occurredAt).toBe('');
    expect(draft.placement).toBe('headerMenu');
  });

  it('leaves the reply slots empty on a form made before replies, and fills them on a form that has the fields', () => {
    const { mkto_last_replied: _l, mkto_reply_count: _c, ...older } = demoForm.properties;
    const history = older.mkto_history!;
    const { mkto_h_snippet: _s, ...olderColumns } = history.fields!;
    const olderForm = formModelOf({ ...older, mkto_history: { ...history, fields: olderColumns } }, []);
    const draft = initialDraft({ kind: 'none' }, olderForm);
    expect(draft.summary).toMatchObject({ replyCount: '', lastReplied: '', openCount: 'mkto_open_count' });
    expect(draft.columns).toMatchObject({ snippet: '', subject: 'mkto_h_subject' });
    expect(draft.eventTypes).toContain('reply');

    const current = initialDraft({ kind: 'none' }, demoForm);
    expect(current.summary).toMatchObject({ replyCount: 'mkto_reply_count', lastReplied: 'mkto_last_replied' });
    expect(current.columns.snippet).toBe('mkto_h_snippet');
  });
});

describe('formModelOf', () => {
  it('reads fields, table columns, computed fields and Space elements inside groups', () => {
    const model = formModelOf(
      {
        total: { type: 'SINGLE_LINE_TEXT', code: 'total', label: 'Total', expression: 'a&b' },
        looked_up: {
          type: 'SINGLE_LINE_TEXT',
          code: 'looked_up',
          label: 'From another app',
          lookup: { relatedApp: { app: '3' }, relatedKeyField: 'mail' },
        },
        plain: { type: 'SINGLE_LINE_TEXT', code: 'plain', label: 'Plain' },
        kind: {
          type: 'DROP_DOWN',
          code: 'kind',
          label: 'Kind',
          options: { b: { label: 'b', index: '1' }, a: { label: 'a', index: '0' } },
        },
        rows: {
          type: 'SUBTABLE',
          code: 'rows',
          label: '',
          fields: { at: { type: 'DATETIME', code: 'at', label: 'At' } },
        },
      },
      [
        {
          type: 'ROW',
          fields: [
            { type: 'SPACER', elementId: 'top' },
            { type: 'SPACER', elementId: '' },
          ],
        },
        { type: 'GROUP', layout: [{ type: 'ROW', fields: [{ type: 'SPACER', elementId: 'inside' }] }] },
      ],
    );
    expect(model.fields.find((f) => f.code === 'total')?.computed).toBe(true);
    // kintone overwrites a lookup's value from the related app: the server must not write there either.
    expect(model.fields.find((f) => f.code === 'looked_up')?.computed).toBe(true);
    expect(model.fields.find((f) => f.code === 'plain')?.computed).toBe(false);
    expect(model.fields.find((f) => f.code === 'kind')?.options).toEqual(['a', 'b']);
    expect(model.tables).toEqual([
      { code: 'rows', label: 'rows', columns: [expect.objectContaining({ code: 'at', type: 'DATETIME' })] },
    ]);
    expect(model.spaces).toEqual(['top', 'inside']);
  });
});

describe('stored config', () => {
  it('round-trips the mapping and the connection, and reports what cannot be read', () => {
    const values = storedValues(defaultConfig(), {
      serverUrl: 'https://x.test',
      webhookUrl: 'https://x.test/webhook/1',
    });
    expect(readMapping(values)).toEqual({ kind: 'ok', config: defaultConfig() });
    expect(readConnection(values)).toEqual({ serverUrl: 'https://x.test', webhookUrl: 'https://x.test/webhook/1' });
    expect(readMapping({})).toEqual({ kind: 'none' });
    expect(readMapping({ config: '{' })).toMatchObject({ kind: 'invalid' });
    expect(readMapping({ config: JSON.stringify({ version: 1 }) })).toMatchObject({
      kind: 'invalid',
      problems: expect.any(Array),
    });
    expect(readConnection({ connection: 'null' })).toEqual({ serverUrl: '', webhookUrl: '' });
  });
});

describe('admin client', () => {
  const calls: Parameters<ProxyCall>[] = [];
  const answer =
    (body: string, status: number): ProxyCall =>
    async (...args) => {
      calls.push(args);
      return [body, status, {}];
    };

  it('calls the Admin API under one prefix, with what was typed on the screen', async () => {
    calls.length = 0;
    const client = createAdminClient(
      answer(
        JSON.stringify({
          appId: '7',
          webhookUrl: 'u',
          webhookSecret: 's',
          webhookSecretIssued: true,
          statusKey: 'k',
          enabled: true,
          updatedAt: '2026-12-01T00:00:00.000Z',
        }),
        200,
      ),
      'https://srv.test/',
      7,
      { adminSecret: 'a' },
    );
    await expect(client.register(defaultConfig(), 'https://k.test', { apiToken: 't' })).resolves.toEqual({
      ok: true,
      value: {
        appId: '7',
        webhookUrl: 'u',
        webhookSecret: 's',
        webhookSecretIssued: true,
        statusKey: 'k',
        enabled: true,
        updatedAt: '2026-12-01T00:00:00.000Z',
      },
    });
    expect(adminUrlPrefix('https://srv.test//', 7)).toBe('https://srv.test/apps/7/');
    expect(calls[0]).toEqual([
      'https://srv.test/apps/7/registration',
      'PUT',
      { 'Content-Type': 'application/json', 'X-Admin-Secret': 'a' },
      { config: defaultConfig(), kintoneBaseUrl: 'https://k.test', apiToken: 't' },
    ]);
  });

  it('sends the status key a registration issued, and no admin secret that was not typed', async () => {
    calls.length = 0;
    await createAdminClient(answer('{}', 200), 'https://srv.test', 7, { statusKey: 'k' }).status();
    expect(calls[0]).toEqual([
      'https://srv.test/apps/7/status',
      'GET',
      { 'Content-Type': 'application/json', 'X-Status-Key': 'k' },
      {},
    ]);
    expect(statusUrl('https://srv.test/', 7)).toBe('https://srv.test/apps/7/status');
  });

  it('turns every answer into a value or a typed error', async () => {
    const status = (body: string, code: number) =>
      createAdminClient(answer(body, code), 'https://srv.test', 1).status();
    await expect(
      status(
        '{"appId":"1","enabled":true,"updatedAt":"2026-12-01T00:00:00.000Z","accepted":1,"written":1,"duplicates":0,"unmatched":0,"failed":0}',
        200,
      ),
    ).resolves.toMatchObject({ ok: true });
    await expect(status('{"accepted":"x"}', 200)).resolves.toEqual({
      ok: false,
      error: { kind: 'badResponse', status: 200 },
    });
    await expect(status('', 401)).resolves.toEqual({ ok: false, error: { kind: 'unauthorized', status: 401 } });
    await expect(status('{"message":"Missing Authentication Token"}', 403)).resolves.toEqual({
      ok: false,
      error: { kind: 'forbidden' },
    });
    await expect(
      status('{"error":"app_id_taken","message":"app 1 is registered for https://a.cybozu.com"}', 409),
    ).resolves.toEqual({
      ok: false,
      error: {
        kind: 'refused',
        status: 409,
        detail: 'app 1 is registered for https://a.cybozu.com',
        code: 'app_id_taken',
      },
    });
    await expect(status('', 404)).resolves.toEqual({ ok: false, error: { kind: 'notFound' } });
    await expect(status('{"error":"unknown_app","message":"app 1 is not registered"}', 404)).resolves.toEqual({
      ok: false,
      error: { kind: 'notRegistered' },
    });
    await expect(status('{"errors":[{"path":"config.leadKey","message":"bad"}]}', 400)).resolves.toEqual({
      ok: false,
      error: { kind: 'invalid', problems: [{ path: 'config.leadKey', message: 'bad' }] },
    });
    await expect(
      status('{"errors":[{"path":"apiToken","message":"is required","code":"api_token_required"}]}', 400),
    ).resolves.toEqual({
      ok: false,
      error: { kind: 'invalid', problems: [{ path: 'apiToken', message: 'is required', code: 'api_token_required' }] },
    });
    await expect(status('{"error":"budget_used","message":"spent"}', 429)).resolves.toMatchObject({
      error: { kind: 'refused', code: 'budget_used' },
    });
    await expect(status('{"message":"boom"}', 503)).resolves.toEqual({
      ok: false,
      error: { kind: 'server', status: 503, detail: 'boom' },
    });
    await expect(status('<html>', 418)).resolves.toEqual({ ok: false, error: { kind: 'badResponse', status: 418 } });
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- kintone.proxy rejects with a string.
    const failing: ProxyCall = () => Promise.reject('connect ECONNREFUSED');
    await expect(createAdminClient(failing, 'https://srv.test', 1).testEvent('a@b.test')).resolves.toEqual({
      ok: false,
      error: { kind: 'network', detail: 'connect ECONNREFUSED' },
    });
  });
});

describe('messages', () => {
  it('has every English message in Japanese too, with the same placeholders', () => {
    for (const [key, en] of Object.entries(configMessages.en)) {
      const ja = configMessages.ja[key as keyof typeof configMessages.en];
      expect([key, (ja.match(/\{\w+\}/g) ?? []).sort()]).toEqual([key, (en.match(/\{\w+\}/g) ?? []).sort()]);
    }
  });
});
