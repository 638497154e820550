/** Matching a first setup to the app's own fields, and the plan of the fields to add. */
import { buildProperties, defaultLayout } from '../../scripts/kintone-emulator/fields';
import {
  basicCustomerAppDefinition,
  japaneseCustomerAppDefinition,
  type AppDefinition,
} from '../../scripts/kintone-emulator';
import { layoutRows, planMissing } from '../src/config/create-fields';
import { formModelOf, type FormModel } from '../src/config/form-model';
import { initialSetup } from '../src/config/initial-draft';
import { matchColumns } from '../src/config/matching';

/** The form as the settings screen reads it from the local kintone's fields.json and layout.json. */
function formOf(definition: AppDefinition): FormModel {
  const properties = buildProperties(definition.properties);
  const layout = definition.layout ?? defaultLayout(properties);
  return formModelOf(JSON.parse(JSON.stringify(properties)) as Parameters<typeof formModelOf>[0], layout);
}

describe('matching a first setup', () => {
  it('matches everything a Japanese customer app with its own codes has', () => {
    const { draft, matched } = initialSetup({ kind: 'none' }, formOf(japaneseCustomerAppDefinition()));
    expect(draft.leadField).toBe('mail_address');
    expect(draft.summary).toEqual({
      status: 'haishin_status',
      openCount: 'kaifu_kaisu',
      firstOpened: 'shokai_kaifu',
      lastOpened: 'saishu_kaifu',
      clickCount: 'click_kaisu',
      lastClicked: 'saishu_click',
      lastBounced: '',
      unsubscribed: '',
      replyCount: 'henshin_kaisu',
      lastReplied: 'saishu_henshin',
      visitCount: '',
      lastVisited: '',
      formCount: '',
      lastFormFilled: '',
      score: '',
    });
    expect(draft.scoreOn).toBe(false);
    expect(draft.statusLabels).toEqual({
      notSent: '未送信',
      sent: '送信済み',
      delivered: '配信済み',
      opened: '開封',
      clicked: 'クリック',
      bounced: 'バウンス',
      unsubscribed: '配信停止',
    });
    expect(draft.table).toBe('haishin_rireki');
    expect(draft.columns).toEqual({
      occurredAt: 'rireki_nichiji',
      type: 'rireki_shubetsu',
      emailName: 'rireki_mail',
      subject: 'rireki_kenmei',
      link: 'rireki_link',
      campaign: 'rireki_campaign',
      snippet: 'rireki_henshin',
      formName: '',
      eventKey: 'rireki_key',
    });
    expect(draft).toMatchObject({ placement: 'space', spaceId: 'marketo_panel' });
    const how = Object.fromEntries(matched.map((m) => [m.target, m.how]));
    expect(how).toMatchObject({
      'leadKey.field': 'only',
      'summary.lastOpened': 'label',
      'summary.openCount': 'label',
      'history.table': 'only',
      'history.columns.type': 'label',
      'panel.spaceId': 'only',
    });
    // 1 lead key + 8 summary fields + table + 8 columns + space; the other Number and Date-time fields stay free.
    expect(matched).toHaveLength(19);
    expect(matched.map((m) => m.code)).not.toContain('uriage');
    expect(matched.map((m) => m.code)).not.toContain('jikai_houmon');
  });

  it('matches the signal fields of a Japanese app by label: the score turns the score on, visits and forms wait to be ticked', () => {
    const definition = japaneseCustomerAppDefinition();
    const extra = {
      saishu_houmon: { type: 'DATETIME', code: 'saishu_houmon', label: '最終訪問日時' },
      houmon_kaisu: { type: 'NUMBER', code: 'houmon_kaisu', label: '訪問回数' },
      saishu_form: { type: 'DATETIME', code: 'saishu_form', label: '最終フォーム送信日時' },
      form_kaisu: { type: 'NUMBER', code: 'form_kaisu', label: 'フォーム送信回数' },
      kanshindo: { type: 'NUMBER', code: 'kanshindo', label: 'エンゲージメントスコア' },
    } as const;
    const table = definition.properties.haishin_rireki as Extract<
      AppDefinition['properties'][string],
      { type: 'SUBTABLE' }
    >;
    const form = formOf({
      name: definition.name,
      properties: {
        ...definition.properties,
        ...extra,
        haishin_rireki: {
          ...table,
          fields: {
            ...table.fields,
            rireki_form: { type: 'SINGLE_LINE_TEXT', code: 'rireki_form', label: 'フォーム名' },
          },
        },
      },
    });
    const { draft, matched } = initialSetup({ kind: 'none' }, form, 'ja');
    expect(draft.summary).toMatchObject({
      lastVisited: 'saishu_houmon',
      visitCount: 'houmon_kaisu',
      lastFormFilled: 'saishu_form',
      formCount: 'form_kaisu',
      score: 'kanshindo',
    });
    expect(draft.columns.formName).toBe('rireki_form');
    expect(draft.scoreOn).toBe(true);
    expect(draft.alerts.language).toBe('ja');
    // Said as matched: the score (kept); not the visit and form slots, which are not recorded yet.
    const targets = matched.map((m) => m.target);
    expect(targets).toContain('summary.score');
    expect(targets).not.toContain('summary.lastVisited');
    expect(targets).not.toContain('history.columns.formName');
    // '次回訪問日時' (next visit) is not a last visit.
    expect(matched.map((m) => m.code)).not.toContain('jikai_houmon');
  });

  it('matches English labels and plain-English codes, and a column as the only one of its type', () => {
    const { draft } = initialSetup(
      { kind: 'none' },
      formOf({
        name: 'Leads',
        properties: {
          work_email: { type: 'SINGLE_LINE_TEXT', code: 'work_email', label: 'Work email', unique: true },
          notes: { type: 'SINGLE_LINE_TEXT', code: 'notes', label: 'Notes' },
          lo: { type: 'DATETIME', code: 'lo', label: 'Last Opened' },
          click_count: { type: 'NUMBER', code: 'click_count', label: 'Engagement score' },
          deals: { type: 'NUMBER', code: 'deals', label: 'Deals' },
          log: {
            type: 'SUBTABLE',
            code: 'log',
            label: 'Log',
            fields: {
              stamp: { type: 'DATETIME', code: 'stamp', label: 'Stamp' },
              kind: { type: 'SINGLE_LINE_TEXT', code: 'kind', label: 'Event type' },
              k: { type: 'SINGLE_LINE_TEXT', code: 'k', label: 'Event key' },
            },
          },
        },
      }),
    );
    expect(draft.leadField).toBe('work_email');
    expect(draft.summary).toMatchObject({ lastOpened: 'lo', clickCount: 'click_count', openCount: '' });
    expect(draft.table).toBe('log');
    expect(draft.columns).toMatchObject({ occurredAt: 'stamp', type: 'kind', eventKey: 'k', subject: '' });
  });

  it('leaves a column empty when two columns could fit and neither is named for it', () => {
    const matches = matchColumns({
      code: 't',
      label: 'T',
      columns: [
        { code: 'a', label: 'A', type: 'DATETIME', unique: false, protocol: undefined, options: [], computed: false },
        { code: 'b', label: 'B', type: 'DATETIME', unique: false, protocol: undefined, options: [], computed: false },
      ],
    });
    expect(matches).toEqual([]);
  });
});

describe('the fields to add', () => {
  it('plans the summary fields, the history table with its columns and a Space, labelled in the language', () => {
    const form = formOf(basicCustomerAppDefinition());
    const { draft } = initialSetup({ kind: 'none' }, form);
    expect(draft.leadField).toBe('mail');
    const plan = planMissing(form, draft, 'ja');
    expect(plan.fields.map((f) => [f.code, f.type, f.label])).toEqual([
      ['mkto_status', 'DROP_DOWN', 'ステータス'],
      ['mkto_open_count', 'NUMBER', '開封回数'],
      ['mkto_first_opened', 'DATETIME', '初回開封日時'],
      ['mkto_last_opened', 'DATETIME', '最終開封日時'],
      ['mkto_click_count', 'NUMBER', 'クリック回数'],
      ['mkto_last_clicked', 'DATETIME', '最終クリック日時'],
      ['mkto_last_bounced', 'DATETIME', '最終バウンス日時'],
      ['mkto_unsubscribed', 'DATETIME', '配信停止日時'],
      ['mkto_reply_count', 'NUMBER', '返信回数'],
      ['mkto_last_replied', 'DATETIME', '最終返信日時'],
      ['mkto_history', 'SUBTABLE', 'Marketo メール履歴'],
      ['mkto_h_at', 'DATETIME', '日時'],
      ['mkto_h_type', 'SINGLE_LINE_TEXT', 'イベントの種類'],
      ['mkto_h_email', 'SINGLE_LINE_TEXT', 'メール名'],
      ['mkto_h_subject', 'SINGLE_LINE_TEXT', '件名'],
      ['mkto_h_link', 'LINK', 'クリックされたリンク'],
      ['mkto_h_campaign', 'SINGLE_LINE_TEXT', 'キャンペーン'],
      ['mkto_h_snippet', 'MULTI_LINE_TEXT', '返信の本文'],
      ['mkto_h_key', 'SINGLE_LINE_TEXT', 'イベントキー'],
    ]);
    expect(plan.spaceId).toBe('mkto_panel');
    expect(plan.properties.mkto_status).toMatchObject({
      options: {
        未送信: { label: '未送信', index: '0' },
        配信停止: { label: '配信停止', index: '6' },
      },
    });
    expect(plan.properties.mkto_history).toMatchObject({
      type: 'SUBTABLE',
      fields: { mkto_h_link: { type: 'LINK', protocol: 'WEB' } },
    });
    const applied = plan.apply(draft);
    expect(applied).toMatchObject({
      table: 'mkto_history',
      placement: 'space',
      spaceId: 'mkto_panel',
      summary: { status: 'mkto_status', openCount: 'mkto_open_count' },
      columns: { occurredAt: 'mkto_h_at', eventKey: 'mkto_h_key' },
      statusLabels: { notSent: '未送信', clicked: 'クリック' },
    });
    expect(layoutRows(plan).map((r) => (r as { type: string }).type)).toEqual([
      'ROW',
      'ROW',
      'ROW',
      'ROW',
      'ROW',
      'SUBTABLE',
    ]);
  });

  it('adds the visit, form and score fields and the form column only when those are used, and plans the hot view', () => {
    const form = formOf(basicCustomerAppDefinition());
    const { draft } = initialSetup({ kind: 'none' }, form, 'ja');
    const plain = planMissing(form, draft, 'ja');
    const plainCodes = plain.fields.map((f) => f.code);
    for (const code of [
      'mkto_last_visited',
      'mkto_visit_count',
      'mkto_last_form',
      'mkto_form_count',
      'mkto_score',
      'mkto_h_form',
    ])
      expect(plainCodes).not.toContain(code);
    expect(plain.view).toBeUndefined();

    const signals = {
      ...draft,
      eventTypes: [...draft.eventTypes, 'visit', 'form'] as typeof draft.eventTypes,
      scoreOn: true,
    };
    const plan = planMissing(form, signals, 'ja');
    expect(plan.fields.filter((f) => !f.table && f.type !== 'SUBTABLE').map((f) => [f.code, f.type])).toEqual(
      expect.arrayContaining([
        ['mkto_visit_count', 'NUMBER'],
        ['mkto_last_visited', 'DATETIME'],
        ['mkto_form_count', 'NUMBER'],
        ['mkto_last_form', 'DATETIME'],
        ['mkto_score', 'NUMBER'],
      ]),
    );
    expect(plan.fields.find((f) => f.code === 'mkto_h_form')).toMatchObject({
      type: 'SINGLE_LINE_TEXT',
      table: 'mkto_history',
    });
    expect(plan.view).toEqual({
      name: '反応の高い顧客',
      // the company and contact names, the email, then the signals
      fields: [
        'company_name',
        'contact',
        'mail',
        'mkto_score',
        'mkto_last_form',
        'mkto_last_replied',
        'mkto_last_visited',
        'mkto_last_clicked',
        'mkto_status',
      ],
      sort: 'mkto_score desc',
      scoreLabel: 'エンゲージメントスコア',
    });
    expect(plan.apply(signals)).toMatchObject({
      summary: { score: 'mkto_score', lastVisited: 'mkto_last_visited' },
      columns: { formName: 'mkto_h_form' },
    });
    // An app that already has the view (in either language) gets none.
    expect(planMissing({ ...form, viewNames: ['Hot customers'] }, signals, 'ja').view).toBeUndefined();
  });

  it('avoids every code of the app, table columns and system fields included, and existing element IDs', () => {
    const form = formOf({
      name: 'Clashes',
      properties: {
        mail: { type: 'LINK', code: 'mail', label: 'Email', protocol: 'MAIL' },
        // a Text field with the demo code: not a count, so a new count field must take another code
        mkto_open_count: { type: 'SINGLE_LINE_TEXT', code: 'mkto_open_count', label: 'Memo' },
        mkto_open_count_2: { type: 'SINGLE_LINE_TEXT', code: 'mkto_open_count_2', label: 'Memo 2' },
        notes: {
          type: 'SUBTABLE',
          code: 'notes',
          label: 'Notes',
          fields: {
            mkto_h_key: { type: 'SINGLE_LINE_TEXT', code: 'mkto_h_key', label: 'Key' },
            mkto_history: { type: 'SINGLE_LINE_TEXT', code: 'mkto_history', label: 'History' },
          },
        },
      },
    });
    const draft = { ...initialSetup({ kind: 'none' }, form).draft, table: '' };
    const plan = planMissing(form, draft, 'en');
    const codes = plan.fields.map((f) => f.code);
    expect(codes).toContain('mkto_open_count_3');
    expect(codes).toContain('mkto_history_2');
    expect(codes).toContain('mkto_h_key_2');
    expect(codes).not.toContain('Record_number');
    expect(new Set(codes).size).toBe(codes.length);
    const existing = new Set(['mail', 'mkto_open_count', 'mkto_open_count_2', 'notes', 'mkto_h_key', 'mkto_history']);
    expect(codes.filter((c) => existing.has(c))).toEqual([]);
    expect(plan.fields.find((f) => f.code === 'mkto_open_count_3')?.label).toBe('Open count');
  });
});
