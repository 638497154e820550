import type { PluginConfig, Status } from './config';
import { configFrom, type ConfigDraft } from '../../test/support/config';
import type { EngagementEvent, EventType } from './events';
import { RecordShapeError, type FieldValue, type RecordUpdate, type StoredRecord } from './kintone-record';
import { listeningCampaign } from './marketo-setup';
import { computeRecordPatch, deriveStatus } from './record-patch';

// ---------------------------------------------------------------------------------------------------------
// Fixtures: field codes are spelled out here rather than taken from defaultConfig(), so the expected values
// below do not depend on the code under test.

const LABELS: Record<Status, string> = {
  notSent: 'not sent',
  sent: 'sent',
  delivered: 'delivered',
  opened: 'opened',
  clicked: 'clicked',
  bounced: 'bounced',
  unsubscribed: 'unsubscribed',
};

const BASE_CONFIG: ConfigDraft = {
  version: 1,
  leadKey: { source: 'email', field: 'email' },
  multipleMatches: 'all',
  summary: {
    status: 'status',
    statusLabels: { ...LABELS },
    firstOpened: 'first_opened',
    lastOpened: 'last_opened',
    openCount: 'open_count',
    lastClicked: 'last_clicked',
    clickCount: 'click_count',
    lastBounced: 'last_bounced',
    unsubscribed: 'unsubscribed_at',
    lastReplied: 'last_replied',
    replyCount: 'reply_count',
  },
  history: {
    table: 'history',
    columns: {
      occurredAt: 'h_at',
      type: 'h_type',
      emailName: 'h_email',
      subject: 'h_subject',
      link: 'h_link',
      campaign: 'h_campaign',
      snippet: 'h_snippet',
      eventKey: 'h_key',
    },
    maxRows: 5,
  },
  eventTypes: ['send', 'delivered', 'open', 'click', 'bounce', 'unsubscribe', 'reply'],
  ignoreBots: true,
  marketoTimeZone: 'Asia/Tokyo',
  panel: { placement: 'headerMenu' },
};

const makeConfig = (change?: (c: ConfigDraft) => void): PluginConfig => configFrom(BASE_CONFIG, change);

const CONFIG = makeConfig();

/** 2026-11-28 at hh:mm[:ss[.mmm]] UTC, as an event carries it. */
const at = (time: string) => `2026-11-28T${time.length === 5 ? `${time}:00` : time}${time.length > 8 ? '' : '.000'}Z`;
/** 2026-11-28 at hh:mm UTC, as kintone stores a DATETIME. */
const kt = (hhmm: string) => `2026-11-28T${hhmm}:00Z`;

function ev(key: string, type: EventType, occurredAt: string, extra: Partial<EngagementEvent> = {}): EngagementEvent {
  return {
    key,
    appId: '1',
    type,
    leadId: '1001',
    email: 'taro@example.co.jp',
    emailName: 'News A',
    subject: 'Subject A',
    snippet: '',
    formName: '',
    link: type === 'click' ? 'https://example.com/a' : '',
    campaign: 'Campaign',
    campaignId: '9',
    occurredAt,
    isBot: false,
    source: 'webhook',
    receivedAt: '2026-11-28T23:00:00.000Z',
    ...extra,
  };
}

interface RowSpec {
  at: string;
  type: string;
  key: string;
  email?: string;
  extra?: Record<string, FieldValue>;
}

/** A history row as kintone's records GET returns it. */
function row(id: string, spec: RowSpec): { id: string; value: Record<string, FieldValue> } {
  return {
    id,
    value: {
      h_at: { type: 'DATETIME', value: spec.at },
      h_type: { type: 'DROP_DOWN', value: spec.type },
      h_email: { type: 'SINGLE_LINE_TEXT', value: spec.email ?? 'News A' },
      h_subject: { type: 'SINGLE_LINE_TEXT', value: 'Subject A' },
      h_link: { type: 'LINK', value: '' },
      h_campaign: { type: 'SINGLE_LINE_TEXT', value: 'Campaign' },
      h_key: { type: 'SINGLE_LINE_TEXT', value: spec.key },
      ...spec.extra,
    },
  };
}

type SummaryCode =
  | 'status'
  | 'first_opened'
  | 'last_opened'
  | 'open_count'
  | 'last_clicked'
  | 'click_count'
  | 'last_bounced'
  | 'unsubscribed_at'
  | 'last_replied'
  | 'reply_count';
type SummarySpec = Partial<Record<SummaryCode, string | null>>;

/** A customer record as kintone's records GET returns it (summary fields empty unless given). */
function rec(summary: SummarySpec = {}, rows: ReturnType<typeof row>[] = [], id = '1', revision = '7'): StoredRecord {
  const s = (code: keyof SummarySpec, type: string): FieldValue => ({
    type,
    value: code in summary ? summary[code] : '',
  });
  return {
    id,
    revision,
    fields: {
      email: { type: 'LINK', value: 'taro@example.co.jp' },
      status: s('status', 'DROP_DOWN'),
      first_opened: s('first_opened', 'DATETIME'),
      last_opened: s('last_opened', 'DATETIME'),
      open_count: s('open_count', 'NUMBER'),
      last_clicked: s('last_clicked', 'DATETIME'),
      click_count: s('click_count', 'NUMBER'),
      last_bounced: s('last_bounced', 'DATETIME'),
      unsubscribed_at: s('unsubscribed_at', 'DATETIME'),
      last_replied: s('last_replied', 'DATETIME'),
      reply_count: s('reply_count', 'NUMBER'),
      history: { type: 'SUBTABLE', value: rows },
    },
  };
}

function update(record: StoredRecord, events: EngagementEvent[], config = CONFIG): RecordUpdate {
  const patch = computeRecordPatch(record, events, config);
  if (!patch.update) throw new Error(`expected an update; outcomes ${JSON.stringify([...patch.outcomes])}`);
  return patch.update;
}

type WrittenRow = { id?: string; value: Record<string, { value: unknown }> };
function historyOf(u: RecordUpdate, table = 'history'): WrittenRow[] {
  const value = u.record[table]?.value;
  if (!Array.isArray(value)) throw new Error('no history in the update');
  return value as WrittenRow[];
}
const cell = (r: WrittenRow | undefined, code: string) => r?.value[code]?.value;
const keysOf = (u: RecordUpdate) => historyOf(u).map((r) => cell(r, 'h_key'));

/** What kintone does with a PUT: writes the given fields, keeps rows sent with an id, adds the others. */
function applyUpdate(record: StoredRecord, u: RecordUpdate, config = CONFIG): StoredRecord {
  let nextRowId = 1000;
  const fields = { ...record.fields };
  for (const [code, { value }] of Object.entries(u.record)) {
    if (code === config.history.table) {
      const rows = (value as WrittenRow[]).map((r) => ({
        id: r.id ?? String(nextRowId++),
        value: Object.fromEntries(Object.entries(r.value).map(([c, v]) => [c, { type: 'X', value: v.value }])),
      }));
      fields[code] = { type: 'SUBTABLE', value: rows };
    } else {
      fields[code] = { ...fields[code], value };
    }
  }
  return { id: record.id, revision: String(Number(record.revision) + 1), fields };
}

// ---------------------------------------------------------------------------------------------------------

describe('computeRecordPatch: a first event on an empty record', () => {
  it('writes summary fields and one history row, guarded by the revision', () => {
    const patch = computeRecordPatch(rec(), [ev('k1', 'open', at('10:15:30'))], CONFIG);
    expect(patch.outcomes).toEqual(new Map([['k1', 'written']]));
    expect(patch.update).toEqual({
      id: '1',
      revision: '7',
      record: {
        open_count: { value: '1' },
        first_opened: { value: kt('10:15') },
        last_opened: { value: kt('10:15') },
        status: { value: 'opened' },
        history: {
          value: [
            {
              value: {
                h_at: { value: kt('10:15') },
                h_type: { value: 'open' },
                h_email: { value: 'News A' },
                h_subject: { value: 'Subject A' },
                h_link: { value: '' },
                h_campaign: { value: 'Campaign' },
                h_snippet: { value: '' },
                h_key: { value: 'k1' },
              },
            },
          ],
        },
      },
    });
  });

  it('writes a new row without an id, so kintone adds it', () => {
    const [first] = historyOf(update(rec(), [ev('k1', 'open', at('10:15'))]));
    expect(first).not.toHaveProperty('id');
  });

  it('writes the row values of a click (link, subject, campaign) as the event carries them', () => {
    const e = ev('k1', 'click', at('10:15'), {
      link: 'https://example.com/x?y="z"',
      subject: '件名 😀',
      campaign: 'Q4 "push"',
    });
    const [first] = historyOf(update(rec(), [e]));
    expect(cell(first, 'h_link')).toBe('https://example.com/x?y="z"');
    expect(cell(first, 'h_subject')).toBe('件名 😀');
    expect(cell(first, 'h_campaign')).toBe('Q4 "push"');
    expect(cell(first, 'h_type')).toBe('click');
  });
});

describe('computeRecordPatch: counters', () => {
  it('adds to the existing counts', () => {
    const u = update(rec({ open_count: '2', click_count: '5' }), [
      ev('k1', 'open', at('10:00')),
      ev('k2', 'open', at('10:01')),
      ev('k3', 'click', at('10:02')),
    ]);
    expect(u.record.open_count).toEqual({ value: '4' });
    expect(u.record.click_count).toEqual({ value: '6' });
  });

  it.each<[string, string | null]>([
    ['empty', ''],
    ['null', null],
    ['unreadable', 'n/a'],
  ])('counts from zero when the existing count is %s', (_name, value) => {
    const u = update(rec({ open_count: value }), [ev('k1', 'open', at('10:00')), ev('k2', 'open', at('10:01'))]);
    expect(u.record.open_count).toEqual({ value: '2' });
  });

  it('reads a number-typed count', () => {
    const record = rec();
    record.fields.open_count = { type: 'NUMBER', value: 41 };
    expect(update(record, [ev('k1', 'open', at('10:00'))]).record.open_count).toEqual({ value: '42' });
  });

  it('leaves a counter alone when no event of its type is new', () => {
    const u = update(rec({ open_count: '3', click_count: '1' }), [ev('k1', 'click', at('10:00'))]);
    expect(u.record).not.toHaveProperty('open_count');
    expect(u.record.click_count).toEqual({ value: '2' });
  });

  it('does not count delivered, send, bounce or unsubscribe as opens or clicks', () => {
    const u = update(rec({ open_count: '1', click_count: '1' }), [
      ev('k1', 'send', at('09:00')),
      ev('k2', 'delivered', at('09:01')),
      ev('k3', 'bounce', at('09:02')),
      ev('k4', 'unsubscribe', at('09:03')),
    ]);
    expect(u.record).not.toHaveProperty('open_count');
    expect(u.record).not.toHaveProperty('click_count');
  });
});

describe('computeRecordPatch: first and last opened, last clicked, bounced, unsubscribed', () => {
  const existing = { first_opened: '2026-11-20T00:00:00Z', last_opened: '2026-11-25T00:00:00Z' };

  it('keeps first and last opened when a new open falls between them', () => {
    const u = update(rec(existing), [ev('k1', 'open', '2026-11-22T12:00:00.000Z')]);
    expect(u.record).not.toHaveProperty('first_opened');
    expect(u.record).not.toHaveProperty('last_opened');
  });

  it('moves first opened back for an earlier open (a late webhook or a reconcile)', () => {
    const u = update(rec(existing), [ev('k1', 'open', '2026-11-10T08:30:45.000Z')]);
    expect(u.record.first_opened).toEqual({ value: '2026-11-10T08:30:00Z' });
    expect(u.record).not.toHaveProperty('last_opened');
  });

  it('moves last opened forward for a later open', () => {
    const u = update(rec(existing), [ev('k1', 'open', at('10:15'))]);
    expect(u.record).not.toHaveProperty('first_opened');
    expect(u.record.last_opened).toEqual({ value: kt('10:15') });
  });

  it('takes the minimum and maximum of several new opens', () => {
    const u = update(rec(), [
      ev('k1', 'open', at('11:00')),
      ev('k2', 'open', at('09:30')),
      ev('k3', 'open', at('10:00')),
    ]);
    expect(u.record.first_opened).toEqual({ value: kt('09:30') });
    expect(u.record.last_opened).toEqual({ value: kt('11:00') });
  });

  it('keeps last opened at its minute for a later open in the same minute', () => {
    const u = update(rec({ first_opened: kt('10:15'), last_opened: kt('10:15') }), [ev('k1', 'open', at('10:15:40'))]);
    expect(u.record).not.toHaveProperty('first_opened');
    // Writing the same minute again is allowed; writing anything else is not.
    expect(u.record.last_opened?.value ?? kt('10:15')).toBe(kt('10:15'));
  });

  it('moves last clicked forward only', () => {
    expect(update(rec({ last_clicked: kt('10:00') }), [ev('k1', 'click', at('09:00'))]).record).not.toHaveProperty(
      'last_clicked',
    );
    expect(update(rec({ last_clicked: kt('10:00') }), [ev('k1', 'click', at('11:00'))]).record.last_clicked).toEqual({
      value: kt('11:00'),
    });
    expect(update(rec(), [ev('k1', 'click', at('11:00')), ev('k2', 'click', at('12:00'))]).record.last_clicked).toEqual(
      {
        value: kt('12:00'),
      },
    );
  });

  it('writes the bounce time', () => {
    const u = update(rec(), [ev('k1', 'bounce', at('10:00'))]);
    expect(u.record.last_bounced).toEqual({ value: kt('10:00') });
    expect(u.record.status).toEqual({ value: 'bounced' });
  });

  it('writes the unsubscribe time', () => {
    const u = update(rec(), [ev('k1', 'unsubscribe', at('10:00'))]);
    expect(u.record.unsubscribed_at).toEqual({ value: kt('10:00') });
    expect(u.record.status).toEqual({ value: 'unsubscribed' });
  });

  it('reads a null DATETIME as empty', () => {
    const u = update(rec({ first_opened: null, last_opened: null }), [ev('k1', 'open', at('10:00'))]);
    expect(u.record.first_opened).toEqual({ value: kt('10:00') });
    expect(u.record.last_opened).toEqual({ value: kt('10:00') });
  });

  it('writes every DATETIME at minute precision with :00Z', () => {
    const u = update(rec(), [ev('k1', 'open', at('10:15:59.999')), ev('k2', 'click', at('10:16:01.001'))]);
    expect(u.record.first_opened).toEqual({ value: '2026-11-28T10:15:00Z' });
    expect(u.record.last_clicked).toEqual({ value: '2026-11-28T10:16:00Z' });
    expect(historyOf(u).map((r) => cell(r, 'h_at'))).toEqual(['2026-11-28T10:16:00Z', '2026-11-28T10:15:00Z']);
  });
});

describe('computeRecordPatch: optional fields', () => {
  it('writes only the history when no summary field is mapped', () => {
    const config = makeConfig((c) => (c.summary = { statusLabels: { ...LABELS } }));
    const u = update(
      rec(),
      [ev('k1', 'open', at('10:00')), ev('k2', 'click', at('10:01')), ev('k3', 'unsubscribe', at('10:02'))],
      config,
    );
    expect(Object.keys(u.record)).toEqual(['history']);
  });

  it('writes only the mapped summary fields', () => {
    const config = makeConfig((c) => (c.summary = { statusLabels: { ...LABELS }, clickCount: 'click_count' }));
    const u = update(rec(), [ev('k1', 'open', at('10:00')), ev('k2', 'click', at('10:01'))], config);
    expect(Object.keys(u.record).sort()).toEqual(['click_count', 'history']);
  });

  it('writes only the mapped history columns', () => {
    const config = makeConfig((c) => (c.history.columns = { occurredAt: 'h_at', type: 'h_type', eventKey: 'h_key' }));
    const [first] = historyOf(update(rec(), [ev('k1', 'click', at('10:00'))], config));
    expect(first).toEqual({
      value: { h_at: { value: kt('10:00') }, h_type: { value: 'click' }, h_key: { value: 'k1' } },
    });
  });

  it('uses the configured table and column codes', () => {
    const config = makeConfig((c) => {
      c.history.table = '活動履歴';
      c.history.columns = { occurredAt: '日時', type: '種類', eventKey: 'キー' };
      c.summary = { statusLabels: { ...LABELS } };
    });
    const record: StoredRecord = { id: '3', revision: '1', fields: { 活動履歴: { type: 'SUBTABLE', value: [] } } };
    const u = update(record, [ev('k1', 'open', at('10:00'))], config);
    expect(u.record).toEqual({
      活動履歴: {
        value: [{ value: { 日時: { value: kt('10:00') }, 種類: { value: 'open' }, キー: { value: 'k1' } } }],
      },
    });
  });
});

describe('computeRecordPatch: history rows', () => {
  const stored = [
    row('r3', {
      at: kt('12:00'),
      type: 'click',
      key: 'old3',
      extra: { memo: { type: 'MULTI_LINE_TEXT', value: 'called back' } },
    }),
    row('r1', { at: kt('10:00'), type: 'open', key: 'old1', extra: { sales_score: { type: 'NUMBER', value: '5' } } }),
  ];

  it('keeps existing rows with their ids and all their cells, unmapped columns included', () => {
    const rows = historyOf(update(rec({}, stored), [ev('k1', 'open', at('13:00'))]));
    expect(rows[1]).toEqual({
      id: 'r3',
      value: {
        h_at: { value: kt('12:00') },
        h_type: { value: 'click' },
        h_email: { value: 'News A' },
        h_subject: { value: 'Subject A' },
        h_link: { value: '' },
        h_campaign: { value: 'Campaign' },
        h_key: { value: 'old3' },
        memo: { value: 'called back' },
      },
    });
    expect(rows[2]?.id).toBe('r1');
    expect(cell(rows[2], 'sales_score')).toBe('5');
  });

  it('sorts rows newest first, placing new rows among the existing ones by time', () => {
    const u = update(rec({}, stored), [
      ev('k11', 'open', at('11:00')),
      ev('k13', 'open', at('13:00')),
      ev('k09', 'open', at('09:00')),
    ]);
    expect(keysOf(u)).toEqual(['k13', 'old3', 'k11', 'old1', 'k09']);
    expect(historyOf(u).map((r) => r.id)).toEqual([undefined, 'r3', undefined, 'r1', undefined]);
  });

  it('sorts existing rows newest first even when kintone returned them in another order', () => {
    const u = update(rec({}, [...stored].reverse()), [ev('k1', 'open', at('11:00'))]);
    expect(keysOf(u)).toEqual(['old3', 'k1', 'old1']);
  });

  it('drops the oldest rows beyond the row cap', () => {
    const config = makeConfig((c) => (c.history.maxRows = 3));
    const rows = [
      row('r12', { at: kt('12:00'), type: 'open', key: 'o12' }),
      row('r11', { at: kt('11:00'), type: 'open', key: 'o11' }),
      row('r10', { at: kt('10:00'), type: 'open', key: 'o10' }),
    ];
    const u = update(rec({}, rows), [ev('k13', 'open', at('13:00')), ev('k14', 'open', at('14:00'))], config);
    expect(keysOf(u)).toEqual(['k14', 'k13', 'o12']);
    expect(historyOf(u).map((r) => r.id)).toEqual([undefined, undefined, 'r12']);
  });

  it('counts new events that the cap trims at once, and makes their replays "trimmed"', () => {
    const config = makeConfig((c) => (c.history.maxRows = 2));
    const first = computeRecordPatch(
      rec({ open_count: '0' }),
      [ev('k1', 'open', at('10:00')), ev('k2', 'open', at('11:00')), ev('k3', 'open', at('12:00'))],
      config,
    );
    expect(first.update?.record.open_count).toEqual({ value: '3' });
    expect(keysOf(first.update!)).toEqual(['k3', 'k2']);
    const stored2 = applyUpdate(rec({ open_count: '0' }), first.update!, config);
    const replay = computeRecordPatch(stored2, [ev('k1', 'open', at('10:00'))], config);
    expect(replay.update).toBeUndefined();
    expect(replay.outcomes.get('k1')).toBe('trimmed');
  });

  it('cuts a history that is already over a lowered cap', () => {
    const config = makeConfig((c) => (c.history.maxRows = 1));
    const u = update(rec({}, stored), [ev('k1', 'click', at('13:00'))], config);
    expect(keysOf(u)).toEqual(['k1']);
  });

  it('sorts a row with an unreadable time as the oldest', () => {
    const config = makeConfig((c) => (c.history.maxRows = 2));
    const rows = [
      row('bad', { at: '', type: 'open', key: 'nodate' }),
      row('r10', { at: kt('10:00'), type: 'open', key: 'o10' }),
    ];
    const patch = computeRecordPatch(rec({}, rows), [ev('k9', 'open', at('09:00'))], config);
    expect(patch.outcomes.get('k9')).toBe('written');
    expect(keysOf(patch.update!)).toEqual(['o10', 'k9']);
  });
});

describe('computeRecordPatch: idempotence', () => {
  const stored = [row('r1', { at: kt('10:00'), type: 'open', key: 'k1' })];

  it('skips an event whose key is already in the history, and writes nothing', () => {
    const patch = computeRecordPatch(rec({ open_count: '1' }, stored), [ev('k1', 'open', at('10:00'))], CONFIG);
    expect(patch.update).toBeUndefined();
    expect(patch.outcomes).toEqual(new Map([['k1', 'duplicate']]));
  });

  it('writes only the new events of a mixed batch and counts only them', () => {
    const patch = computeRecordPatch(
      rec({ open_count: '1' }, stored),
      [ev('k1', 'open', at('10:00')), ev('k2', 'open', at('11:00'))],
      CONFIG,
    );
    expect(patch.outcomes).toEqual(
      new Map([
        ['k1', 'duplicate'],
        ['k2', 'written'],
      ]),
    );
    expect(patch.update?.record.open_count).toEqual({ value: '2' });
    expect(keysOf(patch.update!)).toEqual(['k2', 'k1']);
  });

  it('writes two copies of one event in the same call once, and reports it written', () => {
    const patch = computeRecordPatch(
      rec({ open_count: '1' }),
      [ev('k2', 'open', at('11:00')), ev('k2', 'open', at('11:00'))],
      CONFIG,
    );
    expect(patch.update?.record.open_count).toEqual({ value: '2' });
    expect(keysOf(patch.update!)).toEqual(['k2']);
    expect(patch.outcomes).toEqual(new Map([['k2', 'written']]));
  });

  it('writes nothing the second time the same events are applied', () => {
    const events = [ev('k2', 'open', at('11:00')), ev('k3', 'click', at('11:05'))];
    const once = applyUpdate(rec({ open_count: '1' }, stored), update(rec({ open_count: '1' }, stored), events));
    const again = computeRecordPatch(once, events, CONFIG);
    expect(again.update).toBeUndefined();
    expect(again.outcomes).toEqual(
      new Map([
        ['k2', 'duplicate'],
        ['k3', 'duplicate'],
      ]),
    );
  });

  it('returns no update and no outcome for no events', () => {
    const patch = computeRecordPatch(rec({}, stored), [], CONFIG);
    expect(patch.update).toBeUndefined();
    expect(patch.outcomes.size).toBe(0);
  });
});

describe('computeRecordPatch: a full history', () => {
  const config = makeConfig((c) => (c.history.maxRows = 2));
  const full = [
    row('r11', { at: kt('11:00'), type: 'open', key: 'o11' }),
    row('r10', { at: kt('10:00'), type: 'open', key: 'o10' }),
  ];

  it('refuses an event older than its oldest row as "trimmed" (its key may have been trimmed)', () => {
    const patch = computeRecordPatch(rec({ open_count: '7' }, full), [ev('k9', 'open', at('09:59'))], config);
    expect(patch.update).toBeUndefined();
    expect(patch.outcomes).toEqual(new Map([['k9', 'trimmed']]));
  });

  it('writes a newer event next to a "trimmed" one and counts only the newer', () => {
    const patch = computeRecordPatch(
      rec({ open_count: '7' }, full),
      [ev('k9', 'open', at('09:00')), ev('k12', 'open', at('12:00'))],
      config,
    );
    expect(patch.outcomes).toEqual(
      new Map([
        ['k9', 'trimmed'],
        ['k12', 'written'],
      ]),
    );
    expect(patch.update?.record.open_count).toEqual({ value: '8' });
    expect(keysOf(patch.update!)).toEqual(['k12', 'o11']);
  });

  it('writes an event between the oldest and newest rows, dropping the oldest', () => {
    const patch = computeRecordPatch(rec({}, full), [ev('k105', 'open', at('10:30'))], config);
    expect(patch.outcomes.get('k105')).toBe('written');
    expect(keysOf(patch.update!)).toEqual(['o11', 'k105']);
  });

  it('writes an event at the very time of its oldest row (it is not older)', () => {
    const patch = computeRecordPatch(rec({}, full), [ev('k10', 'open', at('10:00'))], config);
    expect(patch.outcomes.get('k10')).toBe('written');
  });

  it('still reports a duplicate as a duplicate, not as trimmed', () => {
    const patch = computeRecordPatch(rec({}, full), [ev('o10', 'open', at('10:00'))], config);
    expect(patch.outcomes.get('o10')).toBe('duplicate');
  });

  it('never lets a flood of newer opens push out a reply or a click: the oldest opens go', () => {
    const rows = [
      row('reply', { at: kt('08:00'), type: 'reply', key: 'r8' }),
      row('click', { at: kt('08:30'), type: 'click', key: 'c8' }),
    ];
    const opens = Array.from({ length: 6 }, (_, i) => ev(`o${i}`, 'open', at(`1${i}:00`)));
    const patch = computeRecordPatch(
      rec({ open_count: '0' }, rows),
      opens,
      makeConfig((c) => (c.history.maxRows = 4)),
    );
    expect(keysOf(patch.update!)).toEqual(['o5', 'o4', 'c8', 'r8']);
    expect(patch.update!.record.open_count).toEqual({ value: '6' });
  });

  it('keeps a reply older than every open of a full history, and gives up the oldest open for it', () => {
    // The customer's reply of four days ago arrives late (a stored message replayed) at a history of newer opens.
    const opens = Array.from({ length: 4 }, (_, i) => row(`r${i}`, { at: kt(`1${i}:00`), type: 'open', key: `o${i}` }));
    const reply = ev('r1', 'reply', '2026-11-24T09:00:00.000Z');
    const patch = computeRecordPatch(
      rec({ reply_count: '0' }, opens),
      [reply],
      makeConfig((c) => (c.history.maxRows = 4)),
    );
    expect(patch.outcomes.get('r1')).toBe('written');
    expect(keysOf(patch.update!)).toEqual(['o3', 'o2', 'o1', 'r1']);
    expect(patch.update!.record.reply_count).toEqual({ value: '1' });
  });

  it('gives up an open rather than a click, whatever their times, and a click only for a reply', () => {
    const config = makeConfig((c) => (c.history.maxRows = 2));
    const stored2 = [
      row('c', { at: kt('09:00'), type: 'click', key: 'c9' }),
      row('o', { at: kt('12:00'), type: 'open', key: 'o12' }),
    ];
    const withClick = computeRecordPatch(rec({}, stored2), [ev('c10', 'click', at('10:00'))], config);
    expect(keysOf(withClick.update!)).toEqual(['c10', 'c9']);
    const allClicks = [
      row('c', { at: kt('09:00'), type: 'click', key: 'c9' }),
      row('d', { at: kt('10:00'), type: 'click', key: 'c10' }),
    ];
    const lateOpen = computeRecordPatch(rec({ open_count: '3' }, allClicks), [ev('o13', 'open', at('13:00'))], config);
    expect(lateOpen).toEqual({ update: undefined, outcomes: new Map([['o13', 'trimmed']]) });
    const oldReply = computeRecordPatch(rec({}, allClicks), [ev('r8', 'reply', at('08:00'))], config);
    expect(keysOf(oldReply.update!)).toEqual(['c10', 'r8']);
  });

  it('never writes a replay of a row it gave up, whatever came since', () => {
    const config = makeConfig((c) => (c.history.maxRows = 2));
    let record = rec({ open_count: '0', click_count: '0' }, [
      row('o1', { at: kt('10:00'), type: 'open', key: 'o10' }),
      row('o2', { at: kt('11:00'), type: 'open', key: 'o11' }),
    ]);
    for (const batch of [
      [ev('c12', 'click', at('12:00'))],
      [ev('o13', 'open', at('13:00'))],
      [ev('c09', 'click', at('09:00'))],
    ]) {
      record = applyUpdate(record, computeRecordPatch(record, batch, config).update!, config);
    }
    const replays = [ev('o10', 'open', at('10:00')), ev('o11', 'open', at('11:00')), ev('o13', 'open', at('13:00'))];
    const patch = computeRecordPatch(record, replays, config);
    expect(patch).toEqual({ update: undefined, outcomes: new Map(replays.map((e) => [e.key, 'trimmed'])) });
  });

  it('writes an old event while the history is not full yet', () => {
    const roomy = makeConfig((c) => (c.history.maxRows = 3));
    const patch = computeRecordPatch(rec({}, full), [ev('k9', 'open', at('09:00'))], roomy);
    expect(patch.outcomes.get('k9')).toBe('written');
    expect(keysOf(patch.update!)).toEqual(['o11', 'o10', 'k9']);
  });
});

describe('computeRecordPatch: status', () => {
  it('shows the strongest event of the newest email', () => {
    const u = update(rec(), [
      ev('k1', 'delivered', at('10:00')),
      ev('k2', 'open', at('10:05')),
      ev('k3', 'click', at('10:06')),
    ]);
    expect(u.record.status).toEqual({ value: 'clicked' });
  });

  it('moves on to a newer email even if it is weaker', () => {
    const stored = [row('r1', { at: kt('10:00'), type: 'click', key: 'o1', email: 'News A' })];
    const u = update(rec({ status: 'clicked' }, stored), [ev('k2', 'send', at('11:00'), { emailName: 'News B' })]);
    expect(u.record.status).toEqual({ value: 'sent' });
  });

  it('never lets a late "delivered" demote an "opened" of the same email', () => {
    const stored = [row('r1', { at: kt('10:05'), type: 'open', key: 'o1' })];
    const older = computeRecordPatch(rec({ status: 'opened' }, stored), [ev('k2', 'delivered', at('10:00'))], CONFIG);
    expect(older.update?.record).not.toHaveProperty('status');
    const sameMinuteLater = computeRecordPatch(
      rec({ status: 'opened' }, stored),
      [ev('k3', 'delivered', at('10:06'))],
      CONFIG,
    );
    expect(sameMinuteLater.update?.record).not.toHaveProperty('status');
  });

  it('lets a bounce of the newest email outrank its click', () => {
    const u = update(rec({ status: 'clicked' }, [row('r1', { at: kt('10:00'), type: 'click', key: 'o1' })]), [
      ev('k2', 'bounce', at('09:00')),
    ]);
    expect(u.record.status).toEqual({ value: 'bounced' });
  });

  it('keeps "unsubscribed" even after its row was trimmed from the history', () => {
    const config = makeConfig((c) => (c.history.maxRows = 2));
    const stored = [
      row('r2', { at: kt('10:00'), type: 'open', key: 'o2' }),
      row('r1', { at: kt('09:00'), type: 'unsubscribe', key: 'o1' }),
    ];
    const u = update(
      rec({ status: 'unsubscribed' }, stored),
      [ev('k3', 'click', at('11:00')), ev('k4', 'click', at('12:00'))],
      config,
    );
    expect(keysOf(u)).toEqual(['k4', 'k3']);
    expect(u.record).not.toHaveProperty('status');
  });

  it('sets "unsubscribed" for an unsubscribe of an older email', () => {
    const stored = [row('r1', { at: kt('12:00'), type: 'click', key: 'o1', email: 'News B' })];
    const u = update(rec({ status: 'clicked' }, stored), [
      ev('k2', 'unsubscribe', at('09:00'), { emailName: 'News A' }),
    ]);
    expect(u.record.status).toEqual({ value: 'unsubscribed' });
  });

  it('writes the configured labels', () => {
    const config = makeConfig((c) => {
      c.summary.statusLabels = {
        notSent: '未送信',
        sent: '送信済み',
        delivered: '配信済み',
        opened: '開封済み',
        clicked: 'クリック済み',
        bounced: '不達',
        unsubscribed: '配信停止',
      };
    });
    const stored = [row('r1', { at: kt('10:00'), type: 'delivered', key: 'o1' })];
    const u = update(rec({ status: '配信済み' }, stored), [ev('k2', 'open', at('10:05'))], config);
    expect(u.record.status).toEqual({ value: '開封済み' });
    const same = computeRecordPatch(rec({ status: '開封済み' }, stored), [ev('k3', 'open', at('10:06'))], config);
    expect(same.update?.record).not.toHaveProperty('status');
  });

  it('rewrites a label it does not know with the derived status', () => {
    const u = update(rec({ status: 'Opened (old wording)' }), [ev('k1', 'delivered', at('10:00'))]);
    expect(u.record.status).toEqual({ value: 'delivered' });
  });

  it('rewrites an empty status', () => {
    expect(update(rec({ status: '' }), [ev('k1', 'send', at('10:00'))]).record.status).toEqual({ value: 'sent' });
  });

  it('does not write the status when it does not change', () => {
    const stored = [row('r1', { at: kt('10:00'), type: 'open', key: 'o1' })];
    const u = update(rec({ status: 'opened' }, stored), [ev('k2', 'open', at('10:30'))]);
    expect(u.record).not.toHaveProperty('status');
  });

  it('does not depend on whether a row is new or stored when there is no email name column', () => {
    const config = makeConfig((c) => (c.history.columns.emailName = undefined));
    const stored = [row('r1', { at: kt('10:00'), type: 'open', key: 'o1' })];
    delete stored[0]!.value.h_email;
    const base = rec({ status: 'opened' }, stored);
    const first = update(base, [ev('k2', 'delivered', at('10:05'), { emailName: 'News B' })], config);
    const afterFirst = applyUpdate(base, first, config);
    const statusAfterFirst = first.record.status?.value ?? 'opened';
    // An older, unrelated event must not change what the stored history says.
    const second = update(afterFirst, [ev('k3', 'send', at('08:00'), { emailName: 'News C' })], config);
    const statusAfterSecond = second.record.status?.value ?? statusAfterFirst;
    expect(statusAfterSecond).toBe(statusAfterFirst);
    // Without email names, every row counts as the same email: the strongest event stands.
    expect(statusAfterFirst).toBe('opened');
  });
});

describe('computeRecordPatch: replies', () => {
  const replyKey = (n: number) => `${n}`.padStart(32, 'c');
  /** A reply as the inbound mail Lambda queues it: no email name, link or campaign, the new text as snippet. */
  const reply = (n: number, occurredAt: string, snippet = 'Thanks, please call me next week.') =>
    ev(replyKey(n), 'reply', occurredAt, {
      emailName: '',
      subject: 'Re: Subject A',
      snippet,
      campaign: '',
      campaignId: '',
      source: 'mail',
    });

  it('writes a reply row with its subject and snippet, sets last replied and counts it', () => {
    const u = update(rec({ reply_count: '2', last_replied: kt('09:00') }), [reply(1, at('10:15:30'))]);
    expect(u.record.reply_count).toEqual({ value: '3' });
    expect(u.record.last_replied).toEqual({ value: kt('10:15') });
    expect(historyOf(u)).toEqual([
      {
        value: {
          h_at: { value: kt('10:15') },
          h_type: { value: 'reply' },
          h_email: { value: '' },
          h_subject: { value: 'Re: Subject A' },
          h_link: { value: '' },
          h_campaign: { value: '' },
          h_snippet: { value: 'Thanks, please call me next week.' },
          h_key: { value: replyKey(1) },
        },
      },
    ]);
  });

  it('writes the snippet as the event carries it, markup and line breaks included', () => {
    const snippet = '<img src=x onerror=alert(1)>\nよろしくお願いします';
    expect(cell(historyOf(update(rec(), [reply(1, at('10:00'), snippet)]))[0], 'h_snippet')).toBe(snippet);
  });

  it('touches no other summary field, and never the status', () => {
    for (const status of ['', 'not sent', 'opened', 'unsubscribed']) {
      const u = update(rec({ status, open_count: '1', click_count: '1' }), [reply(1, at('10:00'))]);
      expect(Object.keys(u.record).sort()).toEqual(['history', 'last_replied', 'reply_count']);
    }
  });

  it('leaves the status alone even when its rows push the rows behind the status out of the history', () => {
    const config = makeConfig((c) => (c.history.maxRows = 2));
    // The click behind "clicked" went long ago; the reply now pushes out an open as well.
    const stored = [
      row('r2', { at: kt('10:00'), type: 'open', key: 'o2' }),
      row('r1', { at: kt('09:00'), type: 'open', key: 'o1' }),
    ];
    const u = update(rec({ status: 'clicked' }, stored), [reply(1, at('11:00'))], config);
    expect(keysOf(u)).toEqual([replyKey(1), 'o2']);
    expect(u.record).not.toHaveProperty('status');
  });

  it('does not hide the newest email from the status when it is the newest row', () => {
    const stored = [row('r1', { at: kt('09:00'), type: 'click', key: 'o1', email: 'News A' })];
    const u = update(rec({ status: 'clicked' }, stored), [
      ev('k2', 'send', at('10:00'), { emailName: 'News B' }),
      reply(1, at('11:00')),
    ]);
    expect(u.record.status).toEqual({ value: 'sent' });
    const later = update(rec({ status: 'delivered' }, [row('r1', { at: kt('09:00'), type: 'delivered', key: 'o1' })]), [
      reply(2, at('12:00')),
      ev('k3', 'open', at('10:00')),
    ]);
    expect(later.record.status).toEqual({ value: 'opened' });
  });

  it('counts several replies and keeps the newest time; an older reply never moves last replied back', () => {
    const u = update(rec({ reply_count: '' }), [reply(1, at('11:00')), reply(2, at('09:30')), reply(3, at('10:00'))]);
    expect(u.record.reply_count).toEqual({ value: '3' });
    expect(u.record.last_replied).toEqual({ value: kt('11:00') });
    const older = update(rec({ reply_count: '1', last_replied: kt('12:00') }), [reply(4, at('08:00'))]);
    expect(older.record.reply_count).toEqual({ value: '2' });
    expect(older.record).not.toHaveProperty('last_replied');
  });

  it('counts no other event type as a reply', () => {
    const u = update(rec({ reply_count: '4' }), [
      ev('k1', 'send', at('09:00')),
      ev('k2', 'open', at('09:01')),
      ev('k3', 'click', at('09:02')),
      ev('k4', 'unsubscribe', at('09:03')),
    ]);
    expect(u.record).not.toHaveProperty('reply_count');
    expect(u.record).not.toHaveProperty('last_replied');
  });

  it('writes a reply once: a redelivery, in the same batch or later, is a duplicate', () => {
    const base = rec({ reply_count: '0' });
    const first = computeRecordPatch(base, [reply(1, at('10:00')), reply(1, at('10:00'))], CONFIG);
    expect(first.outcomes).toEqual(new Map([[replyKey(1), 'written']]));
    expect(first.update?.record.reply_count).toEqual({ value: '1' });
    const again = computeRecordPatch(applyUpdate(base, first.update!), [reply(1, at('10:00'))], CONFIG);
    expect(again).toEqual({ update: undefined, outcomes: new Map([[replyKey(1), 'duplicate']]) });
  });

  it('writes only what is mapped: no snippet column, no reply summary fields', () => {
    const config = makeConfig((c) => {
      c.summary.lastReplied = undefined;
      c.summary.replyCount = undefined;
      c.history.columns.snippet = undefined;
    });
    const u = update(rec(), [reply(1, at('10:00'))], config);
    expect(Object.keys(u.record)).toEqual(['history']);
    expect(historyOf(u)[0]!.value).not.toHaveProperty('h_snippet');
  });

  it('writes an empty snippet for the other event types', () => {
    expect(cell(historyOf(update(rec(), [ev('k1', 'open', at('10:00'))]))[0], 'h_snippet')).toBe('');
  });
});

describe('computeRecordPatch: malformed records', () => {
  it('refuses a record without the history table', () => {
    const record = rec();
    delete record.fields.history;
    expect(() => computeRecordPatch(record, [ev('k1', 'open', at('10:00'))], CONFIG)).toThrow(RecordShapeError);
  });

  it('refuses a history that is not a table', () => {
    const record = rec();
    record.fields.history = { type: 'SINGLE_LINE_TEXT', value: 'x' };
    expect(() => computeRecordPatch(record, [ev('k1', 'open', at('10:00'))], CONFIG)).toThrow(RecordShapeError);
  });

  it('refuses a row without an id', () => {
    const record = rec();
    record.fields.history = { type: 'SUBTABLE', value: [{ value: {} }] };
    expect(() => computeRecordPatch(record, [ev('k1', 'open', at('10:00'))], CONFIG)).toThrow(RecordShapeError);
  });

  it('refuses an event key cell that does not hold text', () => {
    const r = row('r1', { at: kt('10:00'), type: 'open', key: 'x' });
    r.value.h_key = { type: 'CHECK_BOX', value: ['x'] };
    expect(() => computeRecordPatch(rec({}, [r]), [ev('k1', 'open', at('10:00'))], CONFIG)).toThrow(RecordShapeError);
  });

  it('refuses a summary field that does not hold text', () => {
    const record = rec();
    record.fields.open_count = { type: 'CHECK_BOX', value: ['1'] };
    expect(() => computeRecordPatch(record, [ev('k1', 'open', at('10:00'))], CONFIG)).toThrow(RecordShapeError);
  });
});

describe('deriveStatus', () => {
  const e = (minute: number, type: string, emailName = 'A') => ({
    at: Date.UTC(2026, 10, 28, 10, minute),
    type,
    emailName,
  });

  it('is "notSent" for no history and no current status', () => expect(deriveStatus([], undefined)).toBe('notSent'));

  it.each<Status>(['sent', 'opened', 'bounced'])('keeps the current status %s when there is no history', (current) => {
    expect(deriveStatus([], current)).toBe(current);
  });

  it.each<[string, Status]>([
    ['send', 'sent'],
    ['delivered', 'delivered'],
    ['open', 'opened'],
    ['click', 'clicked'],
    ['bounce', 'bounced'],
    ['unsubscribe', 'unsubscribed'],
  ])('maps a lone %s to %s', (type, status) => {
    expect(deriveStatus([e(0, type)], undefined)).toBe(status);
  });

  it('takes the strongest event of the newest email, whatever the order of the entries', () => {
    expect(deriveStatus([e(0, 'send'), e(1, 'delivered'), e(5, 'open'), e(3, 'click')], undefined)).toBe('clicked');
    expect(deriveStatus([e(3, 'click'), e(5, 'open'), e(0, 'send')], 'sent')).toBe('clicked');
  });

  it('ignores older emails', () => {
    expect(deriveStatus([e(0, 'click', 'A'), e(1, 'open', 'A'), e(2, 'send', 'B')], 'clicked')).toBe('sent');
    expect(deriveStatus([e(2, 'send', 'B'), e(0, 'click', 'A')], undefined)).toBe('sent');
  });

  it('lets the newest email be identified by its newest row, even if that row is weak', () => {
    expect(deriveStatus([e(0, 'open', 'B'), e(1, 'click', 'A'), e(2, 'delivered', 'B')], undefined)).toBe('opened');
  });

  it('never demotes with a later, weaker event of the same email', () => {
    expect(deriveStatus([e(0, 'open'), e(9, 'delivered')], 'opened')).toBe('opened');
  });

  it('recomputes from the history, overriding a stronger current status that the history does not support', () => {
    expect(deriveStatus([e(0, 'send', 'B')], 'clicked')).toBe('sent');
  });

  it('is "unsubscribed" for any unsubscribe in the history', () => {
    expect(deriveStatus([e(0, 'unsubscribe', 'A'), e(5, 'click', 'B')], undefined)).toBe('unsubscribed');
  });

  it('stays "unsubscribed" when the history no longer shows it', () => {
    expect(deriveStatus([e(5, 'click', 'B')], 'unsubscribed')).toBe('unsubscribed');
    expect(deriveStatus([], 'unsubscribed')).toBe('unsubscribed');
  });

  it('ignores entries of unknown types', () => {
    expect(deriveStatus([e(0, 'open'), e(1, 'forward', 'B')], undefined)).toBe('opened');
    expect(deriveStatus([e(0, 'forward')], undefined)).toBe('notSent');
  });

  it('ignores replies, whatever email they name', () => {
    expect(deriveStatus([e(0, 'open'), e(1, 'reply', '')], undefined)).toBe('opened');
    expect(deriveStatus([e(0, 'click', 'A'), e(1, 'send', 'B'), e(2, 'reply', 'A')], undefined)).toBe('sent');
    expect(deriveStatus([e(0, 'reply', '')], undefined)).toBe('notSent');
    expect(deriveStatus([e(0, 'reply', '')], 'clicked')).toBe('clicked');
  });
});

describe('the same engagement by webhook and from the Activities API', () => {
  const webhookKey = 'a'.repeat(32);
  const activity = (guid: string, type: EventType, occurredAt: string, extra: Partial<EngagementEvent> = {}) =>
    ev(`mkto-${guid}`, type, occurredAt, { source: 'reconcile', campaign: '', ...extra });

  it('takes an activity for the webhook row written within the window after it, and keeps both keys on that row', () => {
    // The webhook's {{system.dateTime}} is when the flow ran: 10:02, for an open at 10:00:40.
    const record = rec({ open_count: '1', status: 'opened' }, [
      row('5', { at: kt('10:02'), type: 'open', key: webhookKey }),
    ]);
    const patch = computeRecordPatch(record, [activity('g1', 'open', at('10:00:40'))], CONFIG);

    expect(patch.outcomes.get('mkto-g1')).toBe('duplicate');
    const rows = historyOf(patch.update!);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe('5');
    expect(rows[0]!.value.h_key!.value).toBe(`${webhookKey} mkto-g1`);
    // Nothing was written anew: the counters stay.
    expect(patch.update!.record.open_count).toBeUndefined();

    // Afterwards a replay of either is known, and another activity cannot take the same row.
    const adopted = rec({ open_count: '1' }, [
      row('5', { at: kt('10:02'), type: 'open', key: `${webhookKey} mkto-g1` }),
    ]);
    expect(
      computeRecordPatch(
        adopted,
        [ev(webhookKey, 'open', at('10:02:00')), activity('g1', 'open', at('10:00:40'))],
        CONFIG,
      ),
    ).toEqual({
      update: undefined,
      outcomes: new Map([
        [webhookKey, 'duplicate'],
        ['mkto-g1', 'duplicate'],
      ]),
    });
    const second = computeRecordPatch(adopted, [activity('g2', 'open', at('10:01:10'))], CONFIG);
    expect(second.outcomes.get('mkto-g2')).toBe('written');
    expect(historyOf(second.update!)).toHaveLength(2);
    expect(second.update!.record.open_count).toEqual({ value: '2' });
  });

  it("fills in the subject a webhook row lacks from the activity's email asset, and keeps one it has", () => {
    const bare = row('5', {
      at: kt('10:02'),
      type: 'open',
      key: webhookKey,
      extra: { h_subject: { type: 'SINGLE_LINE_TEXT', value: '' } },
    });
    const enriched = computeRecordPatch(
      rec({ open_count: '1' }, [bare]),
      [activity('g1', 'open', at('10:00:40'), { subject: 'Webinar: Sales DX' })],
      CONFIG,
    );
    expect(historyOf(enriched.update!)[0]!.value.h_subject!.value).toBe('Webinar: Sales DX');

    const full = row('5', { at: kt('10:02'), type: 'open', key: webhookKey });
    const kept = computeRecordPatch(
      rec({ open_count: '1' }, [full]),
      [activity('g1', 'open', at('10:00:40'), { subject: 'Webinar: Sales DX' })],
      CONFIG,
    );
    expect(historyOf(kept.update!)[0]!.value.h_subject!.value).toBe('Subject A');
  });

  it("puts the email's campaign, which the activity knows, in place of the trigger campaign a webhook row names", () => {
    const listening = {
      h_campaign: { type: 'SINGLE_LINE_TEXT', value: listeningCampaign('kintone: Opens Email') },
    } as const;
    const webhookRow = row('5', { at: kt('10:02'), type: 'open', key: webhookKey, extra: listening });
    const patch = computeRecordPatch(
      rec({ open_count: '1' }, [webhookRow]),
      [activity('g1', 'open', at('10:00:40'), { campaign: 'Webinar Sales DX' })],
      CONFIG,
    );
    expect(historyOf(patch.update!)[0]!.value.h_campaign!.value).toBe('Webinar Sales DX');

    // The other way round, the activity row keeps the email's campaign.
    const activityRow = row('7', {
      at: kt('10:00'),
      type: 'open',
      key: 'mkto-g2',
      extra: { h_campaign: { type: 'SINGLE_LINE_TEXT', value: 'Webinar Sales DX' } },
    });
    const late = computeRecordPatch(
      rec({ open_count: '1' }, [activityRow]),
      [ev(webhookKey, 'open', at('10:02:00'), { campaign: listeningCampaign('kintone: Opens Email') })],
      CONFIG,
    );
    expect(historyOf(late.update!)[0]!.value.h_campaign!.value).toBe('Webinar Sales DX');
  });

  it('writes an activity whose webhook never came: other type, other email, other link, or outside the window', () => {
    const record = rec({}, [
      row('1', { at: kt('10:02'), type: 'open', key: webhookKey }),
      row('2', {
        at: kt('10:30'),
        type: 'click',
        key: 'b'.repeat(32),
        extra: { h_link: { type: 'LINK', value: 'https://example.com/b' } },
      }),
    ]);
    const outcomes = computeRecordPatch(
      record,
      [
        activity('t', 'click', at('10:00:40')),
        activity('e', 'open', at('10:00:40'), { emailName: 'News B' }),
        activity('l', 'click', at('10:29:00'), { link: 'https://example.com/a' }),
        activity('late', 'open', at('09:51:00')),
        activity('after', 'open', at('10:03:10')),
      ],
      CONFIG,
    ).outcomes;
    expect(Object.fromEntries(outcomes)).toEqual({
      'mkto-t': 'written',
      'mkto-e': 'written',
      'mkto-l': 'written',
      'mkto-late': 'written',
      'mkto-after': 'written',
    });
  });

  it('takes a webhook event arriving after its activity was written for that activity row: one row, one count', () => {
    // Reconciliation wrote the open of 13:59:20 (stored to the minute); the webhook, called by the flow at 14:01,
    // arrives later (replayed from the dead-letter queue, deferred by the budget, a backlog).
    const record = rec({ open_count: '1', status: 'opened' }, [
      row('7', {
        at: kt('13:59'),
        type: 'open',
        key: 'mkto-g1',
        extra: { h_campaign: { type: 'SINGLE_LINE_TEXT', value: '' } },
      }),
    ]);
    const patch = computeRecordPatch(record, [ev(webhookKey, 'open', at('14:01:00'), { campaign: 'Nurture' })], CONFIG);

    expect(patch.outcomes.get(webhookKey)).toBe('duplicate');
    const rows = historyOf(patch.update!);
    expect(rows.map((r) => [r.id, r.value.h_key!.value, r.value.h_at!.value])).toEqual([
      ['7', `mkto-g1 ${webhookKey}`, kt('13:59')],
    ]);
    // The webhook's campaign fills the gap the activity left; the counters stay.
    expect(rows[0]!.value.h_campaign!.value).toBe('Nurture');
    expect(patch.update!.record.open_count).toBeUndefined();

    // A replay of the webhook afterwards is a known duplicate and changes nothing.
    const adopted = rec({ open_count: '1' }, [
      row('7', { at: kt('13:59'), type: 'open', key: `mkto-g1 ${webhookKey}` }),
    ]);
    expect(computeRecordPatch(adopted, [ev(webhookKey, 'open', at('14:01:00'))], CONFIG)).toEqual({
      update: undefined,
      outcomes: new Map([[webhookKey, 'duplicate']]),
    });
  });

  it('takes each activity row once, by the webhook nearest after it, and leaves webhooks of other engagements alone', () => {
    const record = rec({ open_count: '2' }, [
      row('1', { at: kt('10:00'), type: 'open', key: 'mkto-a1' }),
      row('2', { at: kt('10:05'), type: 'open', key: 'mkto-a2' }),
      row('3', {
        at: kt('10:20'),
        type: 'click',
        key: 'mkto-c1',
        extra: { h_link: { type: 'LINK', value: 'https://example.com/a' } },
      }),
    ]);
    const w1 = 'b'.repeat(32);
    const w2 = 'c'.repeat(32);
    const events = [
      ev(w1, 'open', at('10:00:30')),
      ev(w2, 'open', at('10:06:00')),
      ev('d'.repeat(32), 'open', at('10:06:30')),
      ev('e'.repeat(32), 'click', at('10:21:00'), { link: 'https://example.com/b' }),
      ev('f'.repeat(32), 'open', at('09:59:00')),
      ev('0'.repeat(32), 'open', at('10:16:00')),
    ];
    const patch = computeRecordPatch(
      record,
      events,
      makeConfig((c) => (c.history.maxRows = 20)),
    );
    expect(events.map((e) => patch.outcomes.get(e.key))).toEqual([
      'duplicate',
      'duplicate',
      'written',
      'written',
      'written',
      'written',
    ]);
    const keyOf = (id: string) => historyOf(patch.update!).find((r) => r.id === id)!.value.h_key!.value;
    expect([keyOf('1'), keyOf('2'), keyOf('3')]).toEqual([`mkto-a1 ${w1}`, `mkto-a2 ${w2}`, 'mkto-c1']);
    expect(patch.update!.record.open_count).toEqual({ value: '5' });
  });

  it('matches a webhook event and its activity arriving in the same batch, in either order', () => {
    for (const order of [0, 1]) {
      const events = [ev(webhookKey, 'click', at('10:03:00')), activity('g', 'click', at('10:01:00'))];
      const patch = computeRecordPatch(rec(), order ? events.reverse() : events, CONFIG);
      expect(Object.fromEntries(patch.outcomes)).toEqual({ [webhookKey]: 'written', 'mkto-g': 'duplicate' });
      expect(historyOf(patch.update!).map((r) => r.value.h_key!.value)).toEqual([`${webhookKey} mkto-g`]);
      expect(patch.update!.record.click_count).toEqual({ value: '1' });
    }
  });
});

describe('computeRecordPatch: web visits and form fills', () => {
  const WEB_CONFIG = makeConfig((c) => {
    c.eventTypes = [...c.eventTypes, 'visit', 'form'];
    c.summary.lastVisited = 'last_visited';
    c.summary.visitCount = 'visit_count';
    c.summary.lastFormFilled = 'last_form';
    c.summary.formCount = 'form_count';
    c.history.columns.formName = 'h_form';
    c.history.maxRows = 20;
  });
  const webhookKey = 'a'.repeat(32);
  const visit = (key: string, time: string, link: string, extra: Partial<EngagementEvent> = {}) =>
    ev(key, 'visit', at(time), { emailName: '', subject: '', link, ...extra });
  const form = (key: string, time: string, formName: string, link: string, extra: Partial<EngagementEvent> = {}) =>
    ev(key, 'form', at(time), { emailName: '', subject: '', formName, link, ...extra });
  const withWebFields = (record: StoredRecord, values: Record<string, string> = {}): StoredRecord => ({
    ...record,
    fields: {
      ...record.fields,
      last_visited: { type: 'DATETIME', value: values.last_visited ?? '' },
      visit_count: { type: 'NUMBER', value: values.visit_count ?? '' },
      last_form: { type: 'DATETIME', value: values.last_form ?? '' },
      form_count: { type: 'NUMBER', value: values.form_count ?? '' },
    },
  });

  it('writes a visit row with the page as its link, and the last visit and visit count', () => {
    const u = update(
      withWebFields(rec(), { visit_count: '2', last_visited: kt('09:00') }),
      [visit('v1'.padEnd(32, '0'), '10:00', 'www.example.com/pricing')],
      WEB_CONFIG,
    );
    expect(u.record.last_visited).toEqual({ value: kt('10:00') });
    expect(u.record.visit_count).toEqual({ value: '3' });
    expect(u.record.status).toBeUndefined();
    const [only] = historyOf(u);
    expect(cell(only, 'h_type')).toBe('visit');
    expect(cell(only, 'h_link')).toBe('www.example.com/pricing');
    expect(cell(only, 'h_form')).toBe('');
    expect(u.record.open_count).toBeUndefined();
  });

  it('writes a form row with its form name and page, and the last form fill and form count', () => {
    const u = update(
      withWebFields(rec()),
      [
        form('f1'.padEnd(32, '0'), '10:00', 'Contact Us', 'https://www.example.com/contact'),
        form('f2'.padEnd(32, '0'), '11:30', 'Demo Request', 'https://www.example.com/demo'),
      ],
      WEB_CONFIG,
    );
    expect(u.record.last_form).toEqual({ value: kt('11:30') });
    expect(u.record.form_count).toEqual({ value: '2' });
    expect(historyOf(u).map((r) => [cell(r, 'h_type'), cell(r, 'h_form'), cell(r, 'h_link')])).toEqual([
      ['form', 'Demo Request', 'https://www.example.com/demo'],
      ['form', 'Contact Us', 'https://www.example.com/contact'],
    ]);
  });

  it('leaves the visit and form fields alone for email events', () => {
    const u = update(withWebFields(rec()), [ev('e'.repeat(32), 'open', at('10:00'))], WEB_CONFIG);
    for (const code of ['last_visited', 'visit_count', 'last_form', 'form_count'])
      expect(u.record[code]).toBeUndefined();
  });

  it("takes a visit activity for the webhook's row of the same page, however each channel spells the page", () => {
    const record = withWebFields(rec({}, []));
    const first = update(
      record,
      [visit(webhookKey, '10:01', 'https://www.example.com/pricing?utm_source=mail')],
      WEB_CONFIG,
    );
    const stored = applyUpdate(withWebFields(record), first, WEB_CONFIG);
    const patch = computeRecordPatch(
      stored,
      [
        visit('mkto-v1', '10:00:30', 'www.example.com/pricing', { source: 'reconcile' }),
        visit('mkto-v2', '10:00:40', 'www.example.com/contact', { source: 'reconcile' }),
      ],
      WEB_CONFIG,
    );
    expect(Object.fromEntries(patch.outcomes)).toEqual({ 'mkto-v1': 'duplicate', 'mkto-v2': 'written' });
    expect(keysOf(patch.update!)).toEqual([`${webhookKey} mkto-v1`, 'mkto-v2']);
    expect(patch.update!.record.visit_count).toEqual({ value: '2' });
  });

  it("takes a form activity for the webhook's row when its page or its form name agrees", () => {
    const record = withWebFields(rec());
    const first = update(record, [form(webhookKey, '10:01', 'Contact Us', 'www.example.com/contact')], WEB_CONFIG);
    const stored = applyUpdate(record, first, WEB_CONFIG);
    const samePage = computeRecordPatch(
      stored,
      [form('mkto-f1', '10:00:30', 'Web.Contact Us', 'https://www.example.com/contact?x=1', { source: 'reconcile' })],
      WEB_CONFIG,
    );
    expect(samePage.outcomes.get('mkto-f1')).toBe('duplicate');
    const sameName = computeRecordPatch(
      stored,
      [form('mkto-f2', '10:00:30', 'Contact Us', '', { source: 'reconcile' })],
      WEB_CONFIG,
    );
    expect(sameName.outcomes.get('mkto-f2')).toBe('duplicate');
    const other = computeRecordPatch(
      stored,
      [form('mkto-f3', '10:00:30', 'Demo Request', 'www.example.com/demo', { source: 'reconcile' })],
      WEB_CONFIG,
    );
    expect(other.outcomes.get('mkto-f3')).toBe('written');
  });

  it('keeps a form fill over visits and opens when the history is full', () => {
    const config = makeConfig((c) => {
      c.eventTypes = [...c.eventTypes, 'visit', 'form'];
      c.history.columns.formName = 'h_form';
      c.history.maxRows = 2;
    });
    const u = update(
      rec(),
      [
        form('f'.repeat(32), '09:00', 'Contact Us', 'www.example.com/contact'),
        visit('1'.repeat(32), '10:00', 'www.example.com/pricing'),
        visit('2'.repeat(32), '11:00', 'www.example.com/pricing'),
      ],
      config,
    );
    expect(historyOf(u).map((r) => cell(r, 'h_type'))).toEqual(['visit', 'form']);
  });
});
