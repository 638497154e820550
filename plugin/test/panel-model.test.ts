import { DEFAULT_SCORE_SETTINGS, defaultConfig, type PluginConfig } from '../../contract/src/config';
import type { RecordFields } from '../../contract/src/kintone-record';
import { buildPanelModel, MissingFieldError } from '../src/panel/model';
import { weeklyActivity, WEEKS } from '../src/panel/weekly';

const config = defaultConfig();
const NOW = Date.parse('2026-11-28T12:00:00Z');

function record(rows: Record<string, string>[], summary: Record<string, string> = {}): RecordFields {
  const fields: RecordFields = {
    mkto_status: { type: 'DROP_DOWN', value: summary.mkto_status ?? '' },
    mkto_first_opened: { type: 'DATETIME', value: summary.mkto_first_opened ?? '' },
    mkto_last_opened: { type: 'DATETIME', value: summary.mkto_last_opened ?? '' },
    mkto_open_count: { type: 'NUMBER', value: summary.mkto_open_count ?? '' },
    mkto_last_clicked: { type: 'DATETIME', value: summary.mkto_last_clicked ?? '' },
    mkto_click_count: { type: 'NUMBER', value: summary.mkto_click_count ?? '' },
    mkto_last_replied: { type: 'DATETIME', value: summary.mkto_last_replied ?? '' },
    mkto_reply_count: { type: 'NUMBER', value: summary.mkto_reply_count ?? '' },
    mkto_history: {
      type: 'SUBTABLE',
      value: rows.map((row, i) => ({
        id: String(i + 1),
        value: Object.fromEntries(
          [
            'mkto_h_at',
            'mkto_h_type',
            'mkto_h_email',
            'mkto_h_subject',
            'mkto_h_link',
            'mkto_h_campaign',
            'mkto_h_snippet',
            'mkto_h_form',
            'mkto_h_key',
          ].map((code) => [code, { type: 'SINGLE_LINE_TEXT', value: row[code] ?? '' }]),
        ),
      })),
    },
  };
  return fields;
}

describe('buildPanelModel', () => {
  it('reads the summary fields the server wrote, which may count more than the capped history holds', () => {
    const model = buildPanelModel(
      record([{ mkto_h_at: '2026-11-20T01:00:00Z', mkto_h_type: 'open' }], {
        mkto_status: 'clicked',
        mkto_open_count: '7',
        mkto_click_count: '2',
        mkto_last_opened: '2026-11-27T00:00:00Z',
      }),
      config,
    );
    expect(model.status).toEqual({ kind: 'known', status: 'clicked' });
    expect(model.opens).toBe(7);
    expect(model.clicks).toBe(2);
    expect(model.lastOpened).toBe(Date.parse('2026-11-27T00:00:00Z'));
  });

  it('derives what the summary fields do not hold from the history, newest first', () => {
    const stale = buildPanelModel(
      record([{ mkto_h_at: '2026-11-20T01:00:00Z', mkto_h_type: 'click' }], { mkto_click_count: '0' }),
      config,
    );
    expect(stale.clicks).toBe(1);
    expect(stale.lastClicked).toBe(Date.parse('2026-11-20T01:00:00Z'));

    const model = buildPanelModel(
      record([
        { mkto_h_at: '2026-11-01T00:00:00Z', mkto_h_type: 'open', mkto_h_email: 'A' },
        { mkto_h_at: '2026-11-03T00:00:00Z', mkto_h_type: 'click', mkto_h_email: 'A', mkto_h_link: 'https://x.test/' },
        { mkto_h_at: '2026-11-02T00:00:00Z', mkto_h_type: 'open', mkto_h_email: 'A' },
        { mkto_h_at: '', mkto_h_type: 'mystery' },
      ]),
      { ...config, summary: { ...config.summary, status: undefined } },
    );
    expect(model.rows.map((r) => r.rawType)).toEqual(['click', 'open', 'open', 'mystery']);
    expect(model.rows[3]).toMatchObject({ at: undefined, type: undefined });
    expect(model.opens).toBe(2);
    expect(model.clicks).toBe(1);
    expect(model.firstOpened).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(model.lastClicked).toBe(Date.parse('2026-11-03T00:00:00Z'));
    expect(model.status).toEqual({ kind: 'known', status: 'clicked' });
  });

  it("keeps the record's own first-opened time when the history kept holds only later opens", () => {
    // The history is capped: older rows went, the summary field remembers the first open.
    const model = buildPanelModel(
      record([{ mkto_h_at: '2026-11-20T00:00:00Z', mkto_h_type: 'open' }], {
        mkto_first_opened: '2026-10-01T00:00:00Z',
        mkto_open_count: '7',
      }),
      config,
    );
    expect(model.firstOpened).toBe(Date.parse('2026-10-01T00:00:00Z'));
  });

  it('shows a status label it does not know as it is, and flags bounces and unsubscribes', () => {
    const model = buildPanelModel(
      record(
        [
          { mkto_h_at: '2026-11-05T00:00:00Z', mkto_h_type: 'unsubscribe' },
          { mkto_h_at: '2026-11-04T00:00:00Z', mkto_h_type: 'bounce' },
        ],
        { mkto_status: 'Custom label' },
      ),
      config,
    );
    expect(model.status).toEqual({ kind: 'label', label: 'Custom label' });
    expect(model.unsubscribed).toBe(true);
    expect(model.unsubscribedAt).toBe(Date.parse('2026-11-05T00:00:00Z'));
    expect(model.lastBounced).toBe(Date.parse('2026-11-04T00:00:00Z'));
  });

  it('is "not sent" and empty for an untouched record, and knows when the cap is reached', () => {
    const empty = buildPanelModel(record([]), config);
    expect(empty).toMatchObject({
      status: { kind: 'known', status: 'notSent' },
      opens: 0,
      clicks: 0,
      rows: [],
      capped: false,
    });
    const capped: PluginConfig = { ...config, history: { ...config.history, maxRows: 2 } };
    expect(buildPanelModel(record([{ mkto_h_type: 'open' }, { mkto_h_type: 'open' }]), capped).capped).toBe(true);
  });

  it('reads replies: their rows with the snippet, and the count and last time from the fields or the rows', () => {
    const model = buildPanelModel(
      record(
        [
          { mkto_h_at: '2026-11-20T01:00:00Z', mkto_h_type: 'open', mkto_h_email: 'News' },
          {
            mkto_h_at: '2026-11-21T02:00:00Z',
            mkto_h_type: 'reply',
            mkto_h_subject: 'Re: News',
            mkto_h_snippet: 'Please call me.\nThanks',
          },
        ],
        { mkto_reply_count: '3', mkto_last_replied: '2026-11-10T00:00:00Z' },
      ),
      config,
    );
    expect(model.rows[0]).toMatchObject({
      type: 'reply',
      subject: 'Re: News',
      snippet: 'Please call me.\nThanks',
      emailName: '',
    });
    expect(model.rows[1]?.snippet).toBe('');
    expect(model.replies).toEqual({ count: 3, last: Date.parse('2026-11-21T02:00:00Z') });
    // The newest row is a reply; the status still comes from the open.
    expect(model.status).toEqual({ kind: 'known', status: 'opened' });
    expect(model.opens).toBe(1);
  });

  it('counts reply rows when no reply field is mapped, and shows no replies for an app that does not record them', () => {
    const unmapped: PluginConfig = {
      ...config,
      summary: { ...config.summary, lastReplied: undefined, replyCount: undefined },
      history: { ...config.history, columns: { ...config.history.columns, snippet: undefined } },
    };
    const rows = [{ mkto_h_at: '2026-11-21T02:00:00Z', mkto_h_type: 'reply', mkto_h_snippet: 'not mapped' }];
    const model = buildPanelModel(record(rows), unmapped);
    expect(model.replies).toEqual({ count: 1, last: Date.parse('2026-11-21T02:00:00Z') });
    expect(model.rows[0]?.snippet).toBe('');

    const noReplies: PluginConfig = { ...unmapped, eventTypes: ['open', 'click'] };
    expect(buildPanelModel(record([]), noReplies).replies).toBeUndefined();
    expect(buildPanelModel(record([]), config).replies).toEqual({ count: 0, last: undefined });
  });

  it('keeps the bounce warning only while no delivery, open or click came after the last bounce', () => {
    const bounce = { mkto_h_at: '2026-11-20T01:00:00Z', mkto_h_type: 'bounce' };
    expect(buildPanelModel(record([bounce]), config).bounceStands).toBe(true);
    const opened = { mkto_h_at: '2026-11-21T01:00:00Z', mkto_h_type: 'open' };
    expect(buildPanelModel(record([opened, bounce]), config).bounceStands).toBe(false);
    const openedBefore = { mkto_h_at: '2026-11-19T01:00:00Z', mkto_h_type: 'open' };
    expect(buildPanelModel(record([openedBefore, bounce]), config).bounceStands).toBe(true);
    // A later click known only from the summary field clears it too.
    const clickedLater = buildPanelModel(record([bounce], { mkto_last_clicked: '2026-11-22T00:00:00Z' }), config);
    expect(clickedLater.bounceStands).toBe(false);
    expect(buildPanelModel(record([]), config).bounceStands).toBe(false);
  });

  it('knows which event types the app records, and shows no Replies for mapped reply fields alone', () => {
    expect(buildPanelModel(record([]), config).recorded).toEqual(['open', 'click', 'bounce', 'unsubscribe', 'reply']);
    const noReplies: PluginConfig = { ...config, eventTypes: ['click', 'open'] };
    const model = buildPanelModel(record([]), noReplies);
    expect(model.recorded).toEqual(['open', 'click']);
    expect(model.replies).toBeUndefined();
  });

  it('names a mapped field the record does not have', () => {
    const broken: PluginConfig = { ...config, summary: { ...config.summary, lastBounced: 'gone' } };
    expect(() => buildPanelModel(record([]), broken)).toThrow(new MissingFieldError('gone'));
  });
});

describe('buildPanelModel: web visits, form fills and the score', () => {
  const DAY = 86_400_000;
  const web: PluginConfig = {
    ...config,
    summary: {
      ...config.summary,
      lastVisited: 'mkto_last_visited',
      visitCount: 'mkto_visit_count',
      lastFormFilled: 'mkto_last_form',
      formCount: 'mkto_form_count',
      score: 'mkto_score',
    },
    history: { ...config.history, columns: { ...config.history.columns, formName: 'mkto_h_form' } },
    eventTypes: [...config.eventTypes, 'visit', 'form'],
  };
  function webRecord(rows: Record<string, string>[], summary: Record<string, string> = {}): RecordFields {
    const fields = record(rows, summary);
    for (const code of ['mkto_last_visited', 'mkto_last_form']) {
      fields[code] = { type: 'DATETIME', value: summary[code] ?? '' };
    }
    for (const code of ['mkto_visit_count', 'mkto_form_count', 'mkto_score']) {
      fields[code] = { type: 'NUMBER', value: summary[code] ?? '' };
    }
    return fields;
  }
  const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
  const month: Record<string, string>[] = [
    { mkto_h_at: at(1), mkto_h_type: 'open', mkto_h_email: 'Product Update Q4' },
    { mkto_h_at: at(2), mkto_h_type: 'form', mkto_h_form: 'Contact us', mkto_h_link: 'https://example.com/contact' },
    { mkto_h_at: at(3), mkto_h_type: 'visit', mkto_h_link: 'https://example.com/pricing' },
    { mkto_h_at: at(5), mkto_h_type: 'reply', mkto_h_subject: 'Re: Q4' },
    { mkto_h_at: at(7), mkto_h_type: 'click', mkto_h_link: 'https://example.com/pricing?mkt_tok=x' },
    { mkto_h_at: at(8), mkto_h_type: 'delivered', mkto_h_email: 'Product Update Q4' },
  ];

  it('reads the form name and the page, and counts visits and form fills from the fields or the rows', () => {
    const model = buildPanelModel(
      webRecord(month, { mkto_visit_count: '4', mkto_last_visited: at(0.5), mkto_form_count: '0' }),
      web,
      NOW,
    );
    expect(model.rows[1]).toMatchObject({ type: 'form', formName: 'Contact us', link: 'https://example.com/contact' });
    expect(model.rows[2]).toMatchObject({ type: 'visit', formName: '', link: 'https://example.com/pricing' });
    expect(model.visits).toEqual({ count: 4, last: NOW - 0.5 * DAY });
    expect(model.forms).toEqual({ count: 1, last: NOW - 2 * DAY });
  });

  it('has no visit or form tally for an app that does not record them, and empty ones for an app that does', () => {
    const emailOnly: PluginConfig = { ...web, eventTypes: ['open', 'click'] };
    expect(buildPanelModel(webRecord([]), emailOnly, NOW)).toMatchObject({ visits: undefined, forms: undefined });
    expect(buildPanelModel(webRecord([]), web, NOW)).toMatchObject({
      visits: { count: 0, last: undefined },
      forms: { count: 0, last: undefined },
    });
    // Rows say more than the settings: an app that stopped recording visits still shows those it has.
    expect(buildPanelModel(webRecord(month), emailOnly, NOW).visits).toEqual({ count: 1, last: NOW - 3 * DAY });
  });

  it('computes the score now from the rows, keeps the stored value apart, and names the three events adding most', () => {
    const model = buildPanelModel(webRecord(month, { mkto_score: '25' }), web, NOW);
    // 10·½^(5/14) + 8·½^(2/14) + 3·½^(7/14) + 1·½^(1/14) + 1·½^(3/14) = 18.99: the reply, the form, the click first.
    expect(model.score).toMatchObject({ now: 19, stored: 25, reset: undefined });
    expect(model.score?.top.map((r) => r.type)).toEqual(['reply', 'form', 'click']);
    // The app's own weights.
    const heavyForms: PluginConfig = {
      ...web,
      score: { weights: { ...DEFAULT_SCORE_SETTINGS.weights, form: 50 }, halfLifeDays: 14 },
    };
    const heavy = buildPanelModel(webRecord(month), heavyForms, NOW).score;
    expect(heavy).toMatchObject({ now: 57, stored: undefined });
    expect(heavy?.top[0]).toMatchObject({ type: 'form', formName: 'Contact us' });
    // Later, the same rows count for less.
    expect(buildPanelModel(webRecord(month), web, NOW + 14 * DAY).score?.now).toBe(9);
    expect(buildPanelModel(webRecord(month), config, NOW).score).toBeUndefined();
  });

  it('says which unsubscribe or bounce set the score to 0 while nothing has counted since', () => {
    const unsubscribed = [{ mkto_h_at: at(0.5), mkto_h_type: 'unsubscribe' }, ...month];
    const score = buildPanelModel(webRecord(unsubscribed, { mkto_score: '19' }), web, NOW).score;
    expect(score).toMatchObject({ now: 0, stored: 19, top: [], reset: { type: 'unsubscribe', at: NOW - 0.5 * DAY } });
    const openedSince = [{ mkto_h_at: at(0.1), mkto_h_type: 'open' }, ...unsubscribed];
    expect(buildPanelModel(webRecord(openedSince), web, NOW).score).toMatchObject({ now: 1, reset: undefined });
    expect(buildPanelModel(webRecord([]), web, NOW).score).toEqual({
      now: 0,
      stored: undefined,
      top: [],
      reset: undefined,
    });
  });
});

describe('weeklyActivity', () => {
  it('counts typed events into 13 weeks ending now and ignores older, future and undated rows', () => {
    const day = 86_400_000;
    const row = (at: number | undefined, type: 'open' | 'click' | 'reply' | undefined) => ({
      at,
      type,
      rawType: type ?? 'x',
      emailName: '',
      subject: '',
      snippet: '',
      link: '',
      campaign: '',
      formName: '',
    });
    const weeks = weeklyActivity(
      [
        row(NOW - 1000, 'open'),
        row(NOW - 2 * day, 'click'),
        row(NOW - 3 * day, 'reply'),
        row(NOW - 8 * day, 'open'),
        row(NOW - 100 * day, 'open'),
        row(NOW + day, 'open'),
        row(undefined, 'open'),
        row(NOW, undefined),
      ],
      NOW,
    );
    expect(weeks).toHaveLength(WEEKS);
    expect(weeks[12]?.counts).toMatchObject({ open: 1, click: 1, reply: 1 });
    expect(weeks[12]?.total).toBe(3);
    expect(weeks[11]?.counts.open).toBe(1);
    expect(weeks.reduce((sum, w) => sum + w.total, 0)).toBe(4);
    expect(weeks[0]?.start).toBe(NOW - 91 * day);
  });
});
