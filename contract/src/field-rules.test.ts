import { defaultConfig, type PluginConfig } from './config';
import { checkMapping, fitsLeadKey, type FieldProperty } from './field-rules';

const f = (code: string, type: string, extra: Partial<FieldProperty> = {}): FieldProperty => ({ code, type, ...extra });
const statusOptions = Object.fromEntries(
  ['not sent', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'unsubscribed'].map((label, i) => [
    label,
    { label, index: String(i) },
  ]),
);

/** The demo app's form, as kintone describes it. */
function demoForm(): Record<string, FieldProperty> {
  return {
    email: f('email', 'LINK', { protocol: 'MAIL', unique: true }),
    marketo_lead_id: f('marketo_lead_id', 'SINGLE_LINE_TEXT', { unique: true }),
    company: f('company', 'SINGLE_LINE_TEXT'),
    mkto_status: f('mkto_status', 'DROP_DOWN', { options: statusOptions }),
    mkto_first_opened: f('mkto_first_opened', 'DATETIME'),
    mkto_last_opened: f('mkto_last_opened', 'DATETIME'),
    mkto_open_count: f('mkto_open_count', 'NUMBER'),
    mkto_last_clicked: f('mkto_last_clicked', 'DATETIME'),
    mkto_click_count: f('mkto_click_count', 'NUMBER'),
    mkto_last_replied: f('mkto_last_replied', 'DATETIME'),
    mkto_reply_count: f('mkto_reply_count', 'NUMBER'),
    mkto_history: f('mkto_history', 'SUBTABLE', {
      fields: {
        mkto_h_at: f('mkto_h_at', 'DATETIME'),
        mkto_h_type: f('mkto_h_type', 'SINGLE_LINE_TEXT'),
        mkto_h_email: f('mkto_h_email', 'SINGLE_LINE_TEXT'),
        mkto_h_subject: f('mkto_h_subject', 'SINGLE_LINE_TEXT'),
        mkto_h_link: f('mkto_h_link', 'SINGLE_LINE_TEXT'),
        mkto_h_campaign: f('mkto_h_campaign', 'SINGLE_LINE_TEXT'),
        mkto_h_snippet: f('mkto_h_snippet', 'MULTI_LINE_TEXT'),
        mkto_h_key: f('mkto_h_key', 'SINGLE_LINE_TEXT'),
      },
    }),
  };
}
const spaces = [{ elementId: 'mkto_panel' }];

it('finds nothing wrong with the default config on the demo form', () => {
  expect(checkMapping(defaultConfig(), demoForm(), spaces)).toEqual([]);
});

it('names a missing field and a field of the wrong type by their config path', () => {
  const form = demoForm();
  delete form.mkto_open_count;
  form.mkto_last_opened = f('mkto_last_opened', 'DATE');
  expect(checkMapping(defaultConfig(), form, spaces)).toEqual([
    { path: 'summary.lastOpened', message: 'field "mkto_last_opened" is DATE; this needs DATETIME' },
    { path: 'summary.openCount', message: 'field "mkto_open_count" does not exist' },
  ]);
});

it('checks history columns inside the subtable, not at the top level', () => {
  const form = demoForm();
  form.mkto_h_at = f('mkto_h_at', 'DATETIME');
  const table = form.mkto_history!;
  delete table.fields!.mkto_h_at;
  expect(checkMapping(defaultConfig(), form, spaces)).toEqual([
    { path: 'history.columns.occurredAt', message: 'field "mkto_h_at" does not exist' },
  ]);
});

it('refuses a history table that is not a subtable', () => {
  const form = demoForm();
  form.mkto_history = f('mkto_history', 'MULTI_LINE_TEXT');
  expect(checkMapping(defaultConfig(), form, spaces)).toEqual([
    { path: 'history.table', message: 'field "mkto_history" is MULTI_LINE_TEXT; this needs SUBTABLE' },
  ]);
});

it('requires every status label among the options of a choice field', () => {
  const form = demoForm();
  const { opened: _o, clicked: _c, ...fewer } = statusOptions;
  form.mkto_status = f('mkto_status', 'DROP_DOWN', { options: fewer });
  expect(checkMapping(defaultConfig(), form, spaces)).toEqual([
    { path: 'summary.statusLabels', message: 'field "mkto_status" has no option "opened", "clicked"' },
  ]);
  const text: PluginConfig = defaultConfig();
  form.mkto_status = f('mkto_status', 'SINGLE_LINE_TEXT');
  expect(checkMapping(text, form, spaces)).toEqual([]);
});

it('requires the recorded event types among the options of a DROP_DOWN type column', () => {
  const form = demoForm();
  form.mkto_history!.fields!.mkto_h_type = f('mkto_h_type', 'DROP_DOWN', {
    options: { open: { label: 'open' }, click: { label: 'click' } },
  });
  expect(checkMapping(defaultConfig(), form, spaces)).toEqual([
    { path: 'history.columns.type', message: 'field "mkto_h_type" has no option bounce, unsubscribe, reply' },
  ]);
  const withoutReplies: PluginConfig = { ...defaultConfig(), eventTypes: ['open', 'click'] };
  expect(checkMapping(withoutReplies, form, spaces)).toEqual([]);
});

it('checks the reply slots: last replied a date and time, reply count a number, the snippet a text column', () => {
  const form = demoForm();
  form.mkto_last_replied = f('mkto_last_replied', 'DATE');
  form.mkto_reply_count = f('mkto_reply_count', 'SINGLE_LINE_TEXT');
  form.mkto_history!.fields!.mkto_h_snippet = f('mkto_h_snippet', 'RICH_TEXT');
  expect(checkMapping(defaultConfig(), form, spaces)).toEqual([
    { path: 'summary.lastReplied', message: 'field "mkto_last_replied" is DATE; this needs DATETIME' },
    { path: 'summary.replyCount', message: 'field "mkto_reply_count" is SINGLE_LINE_TEXT; this needs NUMBER' },
    {
      path: 'history.columns.snippet',
      message: 'field "mkto_h_snippet" is RICH_TEXT; this needs MULTI_LINE_TEXT or SINGLE_LINE_TEXT',
    },
  ]);
  form.mkto_history!.fields!.mkto_h_snippet = f('mkto_h_snippet', 'SINGLE_LINE_TEXT');
  expect(checkMapping(defaultConfig(), form, spaces).map((p) => p.path)).toEqual([
    'summary.lastReplied',
    'summary.replyCount',
  ]);
});

it('needs none of the reply slots', () => {
  const form = demoForm();
  delete form.mkto_last_replied;
  delete form.mkto_reply_count;
  delete form.mkto_history!.fields!.mkto_h_snippet;
  const config = defaultConfig();
  const withoutReplySlots: PluginConfig = {
    ...config,
    summary: { ...config.summary, lastReplied: undefined, replyCount: undefined },
    history: { ...config.history, columns: { ...config.history.columns, snippet: undefined } },
  };
  expect(checkMapping(withoutReplySlots, form, spaces)).toEqual([]);
});

it('checks the signal slots by type: score and counts numbers, last visit and form fill dates, the owner a user field', () => {
  const form = demoForm();
  form.mkto_score = f('mkto_score', 'SINGLE_LINE_TEXT');
  form.mkto_visit_count = f('mkto_visit_count', 'NUMBER');
  form.mkto_last_form = f('mkto_last_form', 'DATE');
  form.owner = f('owner', 'SINGLE_LINE_TEXT');
  form.mkto_history!.fields!.mkto_h_form = f('mkto_h_form', 'MULTI_LINE_TEXT');
  const config = defaultConfig();
  const signals: PluginConfig = {
    ...config,
    summary: {
      ...config.summary,
      score: 'mkto_score',
      visitCount: 'mkto_visit_count',
      lastFormFilled: 'mkto_last_form',
    },
    history: { ...config.history, columns: { ...config.history.columns, formName: 'mkto_h_form' } },
    alerts: {
      ownerField: 'owner',
      onReply: true,
      onForm: true,
      clickPages: [],
      visitPages: [],
      perRecordPerDay: 1,
      language: 'ja',
    },
  };
  expect(checkMapping(signals, form, spaces)).toEqual([
    { path: 'summary.lastFormFilled', message: 'field "mkto_last_form" is DATE; this needs DATETIME' },
    { path: 'summary.score', message: 'field "mkto_score" is SINGLE_LINE_TEXT; this needs NUMBER' },
    { path: 'alerts.ownerField', message: 'field "owner" is SINGLE_LINE_TEXT; this needs USER_SELECT' },
    {
      path: 'history.columns.formName',
      message: 'field "mkto_h_form" is MULTI_LINE_TEXT; this needs SINGLE_LINE_TEXT',
    },
  ]);
  form.mkto_score = f('mkto_score', 'NUMBER');
  form.mkto_last_form = f('mkto_last_form', 'DATETIME');
  form.owner = f('owner', 'USER_SELECT');
  form.mkto_history!.fields!.mkto_h_form = f('mkto_h_form', 'SINGLE_LINE_TEXT');
  expect(checkMapping(signals, form, spaces)).toEqual([]);
});

it('accepts the lead key only in fitting fields', () => {
  expect(fitsLeadKey(f('e', 'LINK', { protocol: 'MAIL' }), 'email')).toBe(true);
  expect(fitsLeadKey(f('e', 'LINK', { protocol: 'WEB' }), 'email')).toBe(false);
  expect(fitsLeadKey(f('e', 'SINGLE_LINE_TEXT'), 'email')).toBe(true);
  expect(fitsLeadKey(f('e', 'NUMBER'), 'email')).toBe(false);
  expect(fitsLeadKey(f('e', 'NUMBER'), 'leadId')).toBe(true);
  expect(fitsLeadKey(f('e', 'LINK', { protocol: 'MAIL' }), 'leadId')).toBe(false);
  const config = { ...defaultConfig(), leadKey: { source: 'leadId' as const, field: 'email' } };
  expect(checkMapping(config, demoForm(), spaces)).toEqual([
    { path: 'leadKey.field', message: 'field "email" is LINK; the lead key needs a text or number field' },
  ]);
});

it.each(['MAIL', 'CALL'])('takes a web link for the clicked link column, never a %s link', (protocol) => {
  const form = demoForm();
  form.mkto_history!.fields!.mkto_h_link = f('mkto_h_link', 'LINK', { protocol });
  expect(checkMapping(defaultConfig(), form, spaces).map((p) => p.path)).toEqual(['history.columns.link']);
  form.mkto_history!.fields!.mkto_h_link = f('mkto_h_link', 'LINK', { protocol: 'WEB' });
  expect(checkMapping(defaultConfig(), form, spaces)).toEqual([]);
});

it('requires the panel space to exist unless the panel goes in the header menu', () => {
  expect(checkMapping(defaultConfig(), demoForm(), [])).toEqual([
    { path: 'panel.spaceId', message: 'there is no Space field with element ID "mkto_panel"' },
  ]);
  expect(checkMapping({ ...defaultConfig(), panel: { placement: 'headerMenu' } }, demoForm(), [])).toEqual([]);
});
