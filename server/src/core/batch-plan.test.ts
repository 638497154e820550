import {
  dedupeEvents,
  fieldsToRead,
  isRecordable,
  leadKeyOf,
  lookupValues,
  mergeOutcomes,
  planWrites,
  unmatchedEmails,
  type EventOutcome,
} from './batch-plan';
import type { PluginConfig } from '../../../contract/src/config';
import { configFrom, type ConfigDraft } from '../../../test/support/config';
import type { EngagementEvent, EventType } from '../../../contract/src/events';
import type { FieldValue, RecordUpdate, StoredRecord } from '../../../contract/src/kintone-record';

// Field codes are spelled out here, independent of defaultConfig().
const BASE_CONFIG: ConfigDraft = {
  version: 1,
  leadKey: { source: 'email', field: 'email' },
  multipleMatches: 'all',
  summary: {
    status: 'status',
    statusLabels: {
      notSent: 'not sent',
      sent: 'sent',
      delivered: 'delivered',
      opened: 'opened',
      clicked: 'clicked',
      bounced: 'bounced',
      unsubscribed: 'unsubscribed',
    },
    firstOpened: 'first_opened',
    lastOpened: 'last_opened',
    openCount: 'open_count',
    lastClicked: 'last_clicked',
    clickCount: 'click_count',
  },
  history: {
    table: 'history',
    columns: { occurredAt: 'h_at', type: 'h_type', emailName: 'h_email', eventKey: 'h_key' },
    maxRows: 3,
  },
  eventTypes: ['open', 'click', 'bounce', 'unsubscribe'],
  ignoreBots: true,
  marketoTimeZone: 'Asia/Tokyo',
  panel: { placement: 'headerMenu' },
};

const makeConfig = (change?: (c: ConfigDraft) => void): PluginConfig => configFrom(BASE_CONFIG, change);

const CONFIG = makeConfig();
const at = (hhmm: string) => `2026-11-28T${hhmm}:00.000Z`;
const kt = (hhmm: string) => `2026-11-28T${hhmm}:00Z`;

function ev(key: string, type: EventType, extra: Partial<EngagementEvent> = {}): EngagementEvent {
  return {
    key,
    appId: '1',
    type,
    leadId: '1001',
    email: 'taro@example.co.jp',
    emailName: 'News',
    subject: 'Hello',
    snippet: '',
    formName: '',
    link: '',
    campaign: 'C',
    campaignId: '9',
    occurredAt: at('10:00'),
    isBot: false,
    source: 'webhook',
    receivedAt: '2026-11-28T23:00:00.000Z',
    ...extra,
  };
}

function row(id: string, key: string, time: string, type = 'open') {
  return {
    id,
    value: {
      h_at: { type: 'DATETIME', value: kt(time) },
      h_type: { type: 'DROP_DOWN', value: type },
      h_email: { type: 'SINGLE_LINE_TEXT', value: 'News' },
      h_key: { type: 'SINGLE_LINE_TEXT', value: key },
    },
  };
}

function rec(
  id: string,
  leadKey: FieldValue['value'],
  rows: ReturnType<typeof row>[] = [],
  extra: Record<string, FieldValue> = {},
): StoredRecord {
  return {
    id,
    revision: `${id}0`,
    fields: {
      email: { type: 'LINK', value: leadKey },
      status: { type: 'DROP_DOWN', value: '' },
      open_count: { type: 'NUMBER', value: '' },
      click_count: { type: 'NUMBER', value: '' },
      history: { type: 'SUBTABLE', value: rows },
      ...extra,
    },
  };
}

const ids = (updates: RecordUpdate[]) => updates.map((u) => u.id).sort();
const keysWritten = (u: RecordUpdate | undefined) =>
  ((u?.record.history?.value ?? []) as { value: Record<string, { value: unknown }> }[]).map(
    (r) => r.value.h_key?.value,
  );
const eventKeysOf = (events: EngagementEvent[] | undefined) => (events ?? []).map((e) => e.key);

describe('dedupeEvents', () => {
  it('keeps the first copy of each key, in order', () => {
    const a1 = ev('a', 'open', { subject: 'first' });
    const b = ev('b', 'click');
    const a2 = ev('a', 'open', { subject: 'second' });
    const c = ev('c', 'open');
    expect(dedupeEvents([a1, b, a2, c, b])).toEqual([a1, b, c]);
    expect(dedupeEvents([a1, b, a2])[0]?.subject).toBe('first');
  });

  it('returns an empty list for no events', () => expect(dedupeEvents([])).toEqual([]));
});

describe('isRecordable', () => {
  it.each<[EventType, boolean]>([
    ['open', true],
    ['click', true],
    ['bounce', true],
    ['unsubscribe', true],
    ['send', false],
    ['delivered', false],
  ])('%s is recordable: %s (per config.eventTypes)', (type, expected) => {
    expect(isRecordable(ev('k', type), CONFIG)).toBe(expected);
  });

  it('filters bot activity when ignoreBots is on', () => {
    expect(isRecordable(ev('k', 'open', { isBot: true }), CONFIG)).toBe(false);
    expect(isRecordable(ev('k', 'open', { isBot: false }), CONFIG)).toBe(true);
  });

  it('keeps bot activity when ignoreBots is off', () => {
    expect(
      isRecordable(
        ev('k', 'open', { isBot: true }),
        makeConfig((c) => (c.ignoreBots = false)),
      ),
    ).toBe(true);
  });

  it('records a visit only to a page whose host + path contains one of config.visitPages', () => {
    const config = makeConfig((c) => {
      c.eventTypes = [...c.eventTypes, 'visit', 'form'];
      c.visitPages = ['/pricing', 'shop.example.com'];
    });
    expect(isRecordable(ev('k', 'visit', { link: 'https://www.example.com/Pricing/plans' }), config)).toBe(true);
    expect(isRecordable(ev('k', 'visit', { link: 'shop.example.com/cart' }), config)).toBe(true);
    expect(isRecordable(ev('k', 'visit', { link: 'https://www.example.com/blog?next=/pricing' }), config)).toBe(false);
    expect(isRecordable(ev('k', 'visit', { link: '' }), config)).toBe(false);
    // The patterns choose visits only: a form fill on any page is recorded.
    expect(isRecordable(ev('k', 'form', { link: 'https://www.example.com/blog' }), config)).toBe(true);
  });

  it('records no visit when no visit pages are configured', () => {
    const config = makeConfig((c) => {
      c.eventTypes = [...c.eventTypes, 'visit'];
      delete c.visitPages;
    });
    expect(isRecordable(ev('k', 'visit', { link: 'https://www.example.com/pricing' }), config)).toBe(false);
    expect(
      isRecordable(ev('k', 'visit', { link: 'https://www.example.com/pricing' }), { ...config, visitPages: [] }),
    ).toBe(false);
  });

  it('filters a bot event of an unrecorded type either way', () => {
    expect(
      isRecordable(
        ev('k', 'send', { isBot: true }),
        makeConfig((c) => (c.ignoreBots = false)),
      ),
    ).toBe(false);
  });
});

describe('leadKeyOf', () => {
  it('is the trimmed, lower-cased email for an email key', () => {
    expect(leadKeyOf(ev('k', 'open', { email: ' Taro@Example.CO.JP ' }), CONFIG)).toBe('taro@example.co.jp');
  });

  it('is the trimmed lead id for a lead id key', () => {
    const config = makeConfig((c) => (c.leadKey = { source: 'leadId', field: 'marketo_id' }));
    expect(leadKeyOf(ev('k', 'open', { leadId: ' 1001 ' }), config)).toBe('1001');
  });

  it('is empty when the event lacks the configured key', () => {
    expect(leadKeyOf(ev('k', 'open', { email: '' }), CONFIG)).toBe('');
  });
});

describe('lookupValues', () => {
  it('looks an email up as sent and in lower case', () => {
    expect(lookupValues([ev('k', 'open', { email: 'Taro@Example.co.jp' })], CONFIG).sort()).toEqual(
      ['Taro@Example.co.jp', 'taro@example.co.jp'].sort(),
    );
  });

  it('looks a lower-case email up once', () => {
    expect(lookupValues([ev('k', 'open', { email: 'taro@example.co.jp' })], CONFIG)).toEqual(['taro@example.co.jp']);
  });

  it('trims, skips empty values and removes repeats across events', () => {
    const events = [
      ev('a', 'open', { email: ' a@example.com ' }),
      ev('b', 'open', { email: 'A@example.com' }),
      ev('c', 'open', { email: '' }),
      ev('d', 'open', { email: 'a@example.com' }),
    ];
    expect(lookupValues(events, CONFIG).sort()).toEqual(['A@example.com', 'a@example.com'].sort());
  });

  it('uses the lead id for a lead id key', () => {
    const config = makeConfig((c) => (c.leadKey = { source: 'leadId', field: 'marketo_id' }));
    const events = [
      ev('a', 'open', { leadId: '1001' }),
      ev('b', 'open', { leadId: '1002' }),
      ev('c', 'open', { leadId: '' }),
    ];
    expect(lookupValues(events, config).sort()).toEqual(['1001', '1002']);
  });

  it('is empty for no events', () => expect(lookupValues([], CONFIG)).toEqual([]));
});

describe('unmatchedEmails', () => {
  it('names, normalised and once, the addresses of recordable events that no record matched whatever its case or spaces', () => {
    const events = [
      ev('a', 'open', { email: 'Found@Example.com' }),
      ev('b', 'open', { email: ' Lost@Example.com' }),
      ev('c', 'click', { email: 'lost@example.com ' }),
      ev('d', 'send', { email: 'filtered@example.com' }),
      ev('e', 'open', { email: '' }),
    ];
    expect(unmatchedEmails(events, [rec('1', ' found@EXAMPLE.com ')], CONFIG)).toEqual(['lost@example.com']);
  });

  it('is empty for a lead id key: digits have no letter case', () => {
    const config = makeConfig((c) => (c.leadKey = { source: 'leadId', field: 'marketo_id' }));
    expect(unmatchedEmails([ev('a', 'open', { leadId: '1001' })], [], config)).toEqual([]);
  });
});

describe('fieldsToRead', () => {
  it('asks for the record id and revision, the lead key, the mapped summary fields and the history', () => {
    expect([...fieldsToRead(CONFIG)].sort()).toEqual(
      [
        '$id',
        '$revision',
        'email',
        'status',
        'first_opened',
        'last_opened',
        'open_count',
        'last_clicked',
        'click_count',
        'history',
      ].sort(),
    );
  });

  it('leaves out unmapped summary fields and never asks for status labels', () => {
    const config = makeConfig((c) => (c.summary = { statusLabels: c.summary.statusLabels, clickCount: 'click_count' }));
    expect([...fieldsToRead(config)].sort()).toEqual(['$id', '$revision', 'click_count', 'email', 'history'].sort());
  });

  it('includes lastBounced and unsubscribed when mapped, and the lead id field for a lead id key', () => {
    const config = makeConfig((c) => {
      c.leadKey = { source: 'leadId', field: 'marketo_id' };
      c.summary = { statusLabels: c.summary.statusLabels, lastBounced: 'bounced_at', unsubscribed: 'unsub_at' };
    });
    expect([...fieldsToRead(config)].sort()).toEqual(
      ['$id', '$revision', 'bounced_at', 'history', 'marketo_id', 'unsub_at'].sort(),
    );
  });
});

describe('planWrites: matching', () => {
  it('matches an email case-insensitively and writes the record with its revision', () => {
    const plan = planWrites(
      [ev('k1', 'open', { email: 'TARO@example.co.jp' })],
      [rec('5', 'Taro@Example.co.jp')],
      CONFIG,
    );
    expect(plan.outcomes).toEqual(new Map([['k1', 'written']]));
    expect(plan.updates).toHaveLength(1);
    expect(plan.updates[0]?.id).toBe('5');
    expect(plan.updates[0]?.revision).toBe('50');
    expect(plan.updates[0]?.record.open_count).toEqual({ value: '1' });
    expect(eventKeysOf(plan.eventsByRecord.get('5'))).toEqual(['k1']);
  });

  it('ignores spaces around the stored email', () => {
    const plan = planWrites([ev('k1', 'open')], [rec('5', ' taro@example.co.jp ')], CONFIG);
    expect(plan.outcomes.get('k1')).toBe('written');
  });

  it('matches on the lead id when so configured, also from a NUMBER field', () => {
    const config = makeConfig((c) => (c.leadKey = { source: 'leadId', field: 'marketo_id' }));
    const byText = rec('5', 'someone-else@example.com', [], {
      marketo_id: { type: 'SINGLE_LINE_TEXT', value: '1001' },
    });
    const byNumber = rec('6', 'x@example.com', [], { marketo_id: { type: 'NUMBER', value: 1002 } });
    const plan = planWrites(
      [
        ev('k1', 'open', { leadId: '1001' }),
        ev('k2', 'open', { leadId: '1002', email: '' }),
        ev('k3', 'open', { leadId: '' }),
      ],
      [byText, byNumber],
      config,
    );
    expect(plan.outcomes).toEqual(
      new Map<string, EventOutcome>([
        ['k1', 'written'],
        ['k2', 'written'],
        ['k3', 'unmatched'],
      ]),
    );
    expect(ids(plan.updates)).toEqual(['5', '6']);
  });

  it('does not match on the email when the key is the lead id', () => {
    const config = makeConfig((c) => (c.leadKey = { source: 'leadId', field: 'marketo_id' }));
    const plan = planWrites(
      [ev('k1', 'open', { leadId: '999' })],
      [rec('5', 'taro@example.co.jp', [], { marketo_id: { value: '1001' } })],
      config,
    );
    expect(plan.outcomes.get('k1')).toBe('unmatched');
  });

  it('reports an event with no record as unmatched and plans nothing for it', () => {
    const plan = planWrites(
      [ev('k1', 'open', { email: 'nobody@example.com' })],
      [rec('5', 'taro@example.co.jp')],
      CONFIG,
    );
    expect(plan.outcomes).toEqual(new Map([['k1', 'unmatched']]));
    expect(plan.updates).toEqual([]);
    expect(plan.eventsByRecord.size).toBe(0);
  });

  it('never matches records whose lead key is empty', () => {
    const plan = planWrites([ev('k1', 'open', { email: '' })], [rec('5', ''), rec('6', null)], CONFIG);
    expect(plan.outcomes.get('k1')).toBe('unmatched');
    expect(plan.updates).toEqual([]);
  });

  it('plans nothing for no events', () => {
    const plan = planWrites([], [rec('5', 'taro@example.co.jp')], CONFIG);
    expect(plan.updates).toEqual([]);
    expect(plan.outcomes.size).toBe(0);
  });
});

describe('planWrites: filtering and deduplication', () => {
  it('filters event types that are not recorded, and bots', () => {
    const plan = planWrites(
      [ev('k1', 'delivered'), ev('k2', 'open', { isBot: true }), ev('k3', 'click')],
      [rec('5', 'taro@example.co.jp')],
      CONFIG,
    );
    expect(plan.outcomes).toEqual(
      new Map<string, EventOutcome>([
        ['k1', 'filtered'],
        ['k2', 'filtered'],
        ['k3', 'written'],
      ]),
    );
    expect(keysWritten(plan.updates[0])).toEqual(['k3']);
    expect(plan.updates[0]?.record).not.toHaveProperty('open_count');
  });

  it('reports a filtered event as filtered even when no record matches', () => {
    const plan = planWrites([ev('k1', 'send', { email: 'nobody@example.com' })], [], CONFIG);
    expect(plan.outcomes).toEqual(new Map([['k1', 'filtered']]));
  });

  it('writes a repeated event once', () => {
    const plan = planWrites(
      [ev('k1', 'open'), ev('k1', 'open'), ev('k1', 'open')],
      [rec('5', 'taro@example.co.jp')],
      CONFIG,
    );
    expect(plan.outcomes).toEqual(new Map([['k1', 'written']]));
    expect(plan.updates[0]?.record.open_count).toEqual({ value: '1' });
    expect(keysWritten(plan.updates[0])).toEqual(['k1']);
    expect(eventKeysOf(plan.eventsByRecord.get('5'))).toEqual(['k1']);
  });

  it('reports an event already in the history as a duplicate and spends no write on it', () => {
    const plan = planWrites([ev('k1', 'open')], [rec('5', 'taro@example.co.jp', [row('r1', 'k1', '10:00')])], CONFIG);
    expect(plan.outcomes).toEqual(new Map([['k1', 'duplicate']]));
    expect(plan.updates).toEqual([]);
    expect(eventKeysOf(plan.eventsByRecord.get('5'))).toEqual(['k1']);
  });
});

describe('planWrites: several records per lead key', () => {
  const twins = () => [rec('9', 'taro@example.co.jp'), rec('10', 'TARO@example.co.jp')];

  it('writes to all of them with multipleMatches "all"', () => {
    const plan = planWrites([ev('k1', 'open')], twins(), CONFIG);
    expect(ids(plan.updates)).toEqual(['10', '9']);
    expect(plan.outcomes.get('k1')).toBe('written');
    expect(eventKeysOf(plan.eventsByRecord.get('9'))).toEqual(['k1']);
    expect(eventKeysOf(plan.eventsByRecord.get('10'))).toEqual(['k1']);
  });

  it('writes to the highest record id with "newest" (compared as numbers)', () => {
    const plan = planWrites(
      [ev('k1', 'open')],
      twins(),
      makeConfig((c) => (c.multipleMatches = 'newest')),
    );
    expect(ids(plan.updates)).toEqual(['10']);
    expect(plan.outcomes.get('k1')).toBe('written');
    expect(plan.eventsByRecord.has('9')).toBe(false);
  });

  it('writes nothing and reports "ambiguous" with "skip"', () => {
    const plan = planWrites(
      [ev('k1', 'open')],
      twins(),
      makeConfig((c) => (c.multipleMatches = 'skip')),
    );
    expect(plan.updates).toEqual([]);
    expect(plan.outcomes).toEqual(new Map([['k1', 'ambiguous']]));
    expect(plan.eventsByRecord.size).toBe(0);
  });

  it('writes a single match with "skip"', () => {
    const plan = planWrites(
      [ev('k1', 'open')],
      [rec('9', 'taro@example.co.jp')],
      makeConfig((c) => (c.multipleMatches = 'skip')),
    );
    expect(plan.outcomes.get('k1')).toBe('written');
  });

  it('reports "written" when one record already had the event and the other did not', () => {
    const records = [rec('9', 'taro@example.co.jp', [row('r1', 'k1', '10:00')]), rec('10', 'taro@example.co.jp')];
    const plan = planWrites([ev('k1', 'open')], records, CONFIG);
    expect(plan.outcomes.get('k1')).toBe('written');
    expect(ids(plan.updates)).toEqual(['10']);
  });

  it('reports "written" whatever the order of the records', () => {
    const records = [rec('10', 'taro@example.co.jp'), rec('9', 'taro@example.co.jp', [row('r1', 'k1', '10:00')])];
    expect(planWrites([ev('k1', 'open')], records, CONFIG).outcomes.get('k1')).toBe('written');
  });

  it('reports "trimmed" over "duplicate" when no record wrote the event', () => {
    const full = [row('r3', 'x3', '12:00'), row('r2', 'x2', '11:00'), row('r1', 'x1', '10:30')];
    const records = [rec('9', 'taro@example.co.jp', [row('r0', 'k1', '10:00')]), rec('10', 'taro@example.co.jp', full)];
    const plan = planWrites([ev('k1', 'open', { occurredAt: at('10:00') })], records, CONFIG);
    expect(plan.outcomes.get('k1')).toBe('trimmed');
    expect(plan.updates).toEqual([]);
  });
});

describe('planWrites: several events', () => {
  it('gives one update per record, holding all of its events', () => {
    const events = [
      ev('k1', 'open', { occurredAt: at('10:00') }),
      ev('k2', 'click', { occurredAt: at('10:05') }),
      ev('k3', 'open', { occurredAt: at('10:10') }),
    ];
    const plan = planWrites(events, [rec('5', 'taro@example.co.jp')], CONFIG);
    expect(plan.updates).toHaveLength(1);
    expect(keysWritten(plan.updates[0])).toEqual(['k3', 'k2', 'k1']);
    expect(plan.updates[0]?.record.open_count).toEqual({ value: '2' });
    expect(plan.updates[0]?.record.click_count).toEqual({ value: '1' });
    expect(eventKeysOf(plan.eventsByRecord.get('5'))).toEqual(['k1', 'k2', 'k3']);
  });

  it('routes each event to its own lead and reports each outcome', () => {
    const events = [
      ev('a1', 'open', { email: 'a@example.com' }),
      ev('b1', 'click', { email: 'B@example.com' }),
      ev('a2', 'click', { email: 'a@example.com', occurredAt: at('11:00') }),
      ev('z1', 'open', { email: 'z@example.com' }),
      ev('a3', 'delivered', { email: 'a@example.com' }),
      ev('b0', 'open', { email: 'b@example.com' }),
    ];
    const records = [rec('1', 'a@example.com'), rec('2', 'b@example.com', [row('r', 'b0', '09:00')])];
    const plan = planWrites(events, records, CONFIG);
    expect(plan.outcomes).toEqual(
      new Map<string, EventOutcome>([
        ['a1', 'written'],
        ['b1', 'written'],
        ['a2', 'written'],
        ['z1', 'unmatched'],
        ['a3', 'filtered'],
        ['b0', 'duplicate'],
      ]),
    );
    expect(ids(plan.updates)).toEqual(['1', '2']);
    const byId = new Map(plan.updates.map((u) => [u.id, u]));
    expect(keysWritten(byId.get('1'))).toEqual(['a2', 'a1']);
    expect(keysWritten(byId.get('2'))).toEqual(['b1', 'b0']);
    expect(eventKeysOf(plan.eventsByRecord.get('1'))).toEqual(['a1', 'a2']);
    expect(eventKeysOf(plan.eventsByRecord.get('2'))).toEqual(['b1', 'b0']);
  });
});

describe('mergeOutcomes', () => {
  const merged = (into: [string, EventOutcome][], from: [string, EventOutcome][]) => {
    const map = new Map(into);
    mergeOutcomes(map, new Map(from));
    return map;
  };

  it('adds outcomes of keys it did not have', () => {
    expect(merged([], [['a', 'duplicate']])).toEqual(new Map([['a', 'duplicate']]));
  });

  it.each<[EventOutcome, EventOutcome, EventOutcome]>([
    ['duplicate', 'written', 'written'],
    ['written', 'duplicate', 'written'],
    ['trimmed', 'written', 'written'],
    ['written', 'trimmed', 'written'],
    ['duplicate', 'trimmed', 'trimmed'],
    ['trimmed', 'duplicate', 'trimmed'],
    ['duplicate', 'duplicate', 'duplicate'],
  ])('%s merged with %s gives %s', (current, incoming, expected) => {
    expect(merged([['a', current]], [['a', incoming]]).get('a')).toBe(expected);
  });

  it('leaves other keys alone', () => {
    expect(
      merged(
        [
          ['a', 'written'],
          ['b', 'unmatched'],
        ],
        [['a', 'duplicate']],
      ),
    ).toEqual(
      new Map<string, EventOutcome>([
        ['a', 'written'],
        ['b', 'unmatched'],
      ]),
    );
  });
});
