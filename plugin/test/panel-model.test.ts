import { defaultConfig, type PluginConfig } from '../../contract/src/config';
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
