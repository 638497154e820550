import {
  CONFIG_VERSION,
  configSchema,
  defaultConfig,
  DEFAULT_STATUS_LABELS,
  migrateConfig,
  STATUSES,
  type ConfigProblem,
  type ConfigResult,
  type PluginConfig,
} from './config';

/** A deep, loosely typed copy that a test may break in any way. */
function raw(): Record<string, any> {
  return JSON.parse(JSON.stringify(defaultConfig())) as Record<string, any>;
}

function problemsOf(result: ConfigResult): ConfigProblem[] {
  if (result.ok) throw new Error('expected the config to be refused');
  return result.problems;
}

function configOf(result: ConfigResult): PluginConfig {
  if (!result.ok) throw new Error(`expected the config to be accepted: ${JSON.stringify(result.problems)}`);
  return result.config;
}

function pathsOf(result: ConfigResult): string[] {
  return problemsOf(result).map((p) => p.path);
}

describe('constants', () => {
  it('is at version 1', () => expect(CONFIG_VERSION).toBe(1));

  it('orders statuses by precedence', () => {
    expect(STATUSES).toEqual(['notSent', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'unsubscribed']);
  });

  it('has a default label for every status', () => {
    expect(DEFAULT_STATUS_LABELS).toEqual({
      notSent: 'not sent',
      sent: 'sent',
      delivered: 'delivered',
      opened: 'opened',
      clicked: 'clicked',
      bounced: 'bounced',
      unsubscribed: 'unsubscribed',
    });
  });
});

describe('defaultConfig', () => {
  it('passes the schema unchanged', () => {
    const parsed = configSchema.safeParse(defaultConfig());
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(defaultConfig());
  });

  it('passes migrateConfig unchanged', () => {
    expect(configOf(migrateConfig(defaultConfig()))).toEqual(defaultConfig());
  });

  it('survives the JSON round trip of kintone.plugin.app.setConfig (undefined keys dropped)', () => {
    const stored = JSON.parse(JSON.stringify(defaultConfig())) as unknown;
    expect(configOf(migrateConfig(stored))).toEqual(defaultConfig());
  });

  it('returns a fresh object each time (the settings screen edits it)', () => {
    const a = defaultConfig();
    a.summary.statusLabels.opened = 'changed';
    a.eventTypes.push('send');
    expect(defaultConfig().summary.statusLabels.opened).toBe('opened');
    expect(defaultConfig().eventTypes).toEqual(['open', 'click', 'bounce', 'unsubscribe', 'reply']);
    expect(DEFAULT_STATUS_LABELS.opened).toBe('opened');
  });

  it('matches the seeded demo app', () => {
    const c = defaultConfig();
    expect(c.leadKey).toEqual({ source: 'email', field: 'email' });
    expect(c.history.table).toBe('mkto_history');
    expect(c.history.columns.eventKey).toBe('mkto_h_key');
    expect(c.summary.lastReplied).toBe('mkto_last_replied');
    expect(c.summary.replyCount).toBe('mkto_reply_count');
    expect(c.history.columns.snippet).toBe('mkto_h_snippet');
    expect(c.history.maxRows).toBe(100);
    expect(c.ignoreBots).toBe(true);
  });
});

describe('configSchema / migrateConfig: accepted variants', () => {
  it('accepts a lead id key, header-menu panel and no optional summary field', () => {
    const c = raw();
    c.leadKey = { source: 'leadId', field: 'marketo_id' };
    c.panel = { placement: 'headerMenu' };
    c.summary = { statusLabels: { ...DEFAULT_STATUS_LABELS } };
    c.history.columns = { occurredAt: 'at', type: 'kind', eventKey: 'key' };
    const config = configOf(migrateConfig(c));
    expect(config.leadKey).toEqual({ source: 'leadId', field: 'marketo_id' });
    expect(config.panel).toEqual({ placement: 'headerMenu' });
    expect(config.summary.status).toBeUndefined();
    expect(config.history.columns.subject).toBeUndefined();
  });

  it('trims field codes and turns blank optional ones into undefined', () => {
    const c = raw();
    c.leadKey.field = '  email  ';
    c.summary.status = '';
    c.summary.openCount = '   ';
    c.history.columns.link = '';
    c.summary.statusLabels.opened = '  開封  ';
    const config = configOf(migrateConfig(c));
    expect(config.leadKey.field).toBe('email');
    expect(config.summary.status).toBeUndefined();
    expect(config.summary.openCount).toBeUndefined();
    expect(config.history.columns.link).toBeUndefined();
    expect(config.summary.statusLabels.opened).toBe('開封');
  });

  it('accepts a config saved before replies existed, without their slots, as it was', () => {
    const c = raw();
    delete c.summary.lastReplied;
    delete c.summary.replyCount;
    delete c.history.columns.snippet;
    c.eventTypes = ['open', 'click'];
    const config = configOf(migrateConfig(c));
    expect(config.version).toBe(1);
    expect(config.summary.lastReplied).toBeUndefined();
    expect(config.summary.replyCount).toBeUndefined();
    expect(config.history.columns.snippet).toBeUndefined();
    expect(config.eventTypes).toEqual(['open', 'click']);
  });

  it('accepts replies alone as the recorded events', () => {
    const c = raw();
    c.eventTypes = ['reply'];
    expect(configOf(migrateConfig(c)).eventTypes).toEqual(['reply']);
  });

  it('drops keys it does not know', () => {
    const c = raw();
    c.somethingElse = true;
    expect(configOf(migrateConfig(c))).not.toHaveProperty('somethingElse');
  });

  it.each([1, 1000])('accepts maxRows %i', (maxRows) => {
    const c = raw();
    c.history.maxRows = maxRows;
    expect(configOf(migrateConfig(c)).history.maxRows).toBe(maxRows);
  });

  it.each(['Asia/Tokyo', 'America/Chicago', 'Europe/London', 'UTC'])('accepts the time zone %s', (zone) => {
    const c = raw();
    c.marketoTimeZone = zone;
    expect(configOf(migrateConfig(c)).marketoTimeZone).toBe(zone);
  });

  it('accepts a 128-character field code', () => {
    const c = raw();
    c.leadKey.field = 'f'.repeat(128);
    expect(configOf(migrateConfig(c)).leadKey.field).toHaveLength(128);
  });
});

describe('configSchema / migrateConfig: refused, with the path of the problem', () => {
  const cases: [string, (c: Record<string, any>) => void, string, string?][] = [
    ['unknown lead key source', (c) => (c.leadKey.source = 'phone'), 'leadKey.source'],
    ['empty lead key field', (c) => (c.leadKey.field = ''), 'leadKey.field', 'choose a field'],
    ['blank lead key field', (c) => (c.leadKey.field = '   '), 'leadKey.field', 'choose a field'],
    [
      'too long field code',
      (c) => (c.leadKey.field = 'f'.repeat(129)),
      'leadKey.field',
      'a kintone field code has at most 128 characters',
    ],
    ['numeric lead key field', (c) => (c.leadKey.field = 5), 'leadKey.field'],
    ['missing lead key', (c) => delete c.leadKey, 'leadKey'],
    ['unknown multipleMatches', (c) => (c.multipleMatches = 'first'), 'multipleMatches'],
    ['empty status label', (c) => (c.summary.statusLabels.opened = ''), 'summary.statusLabels.opened'],
    ['missing status label', (c) => delete c.summary.statusLabels.clicked, 'summary.statusLabels.clicked'],
    ['too long optional field code', (c) => (c.summary.openCount = 'x'.repeat(129)), 'summary.openCount'],
    ['empty history table', (c) => (c.history.table = ''), 'history.table', 'choose a field'],
    ['missing event key column', (c) => delete c.history.columns.eventKey, 'history.columns.eventKey'],
    ['empty occurredAt column', (c) => (c.history.columns.occurredAt = ''), 'history.columns.occurredAt'],
    ['empty type column', (c) => (c.history.columns.type = ' '), 'history.columns.type'],
    ['maxRows 0', (c) => (c.history.maxRows = 0), 'history.maxRows'],
    ['maxRows 1001', (c) => (c.history.maxRows = 1001), 'history.maxRows'],
    ['fractional maxRows', (c) => (c.history.maxRows = 1.5), 'history.maxRows'],
    ['maxRows as text', (c) => (c.history.maxRows = '100'), 'history.maxRows'],
    ['no event type', (c) => (c.eventTypes = []), 'eventTypes', 'record at least one event type'],
    ['unknown event type', (c) => (c.eventTypes = ['open', 'forward']), 'eventTypes.1'],
    ['too long reply count field code', (c) => (c.summary.replyCount = 'x'.repeat(129)), 'summary.replyCount'],
    ['ignoreBots as text', (c) => (c.ignoreBots = 'true'), 'ignoreBots'],
    [
      'unknown time zone',
      (c) => (c.marketoTimeZone = 'Mars/Olympus'),
      'marketoTimeZone',
      'not an IANA time zone such as Asia/Tokyo',
    ],
    ['empty time zone', (c) => (c.marketoTimeZone = ''), 'marketoTimeZone', 'not an IANA time zone such as Asia/Tokyo'],
    ['offset instead of a zone', (c) => (c.marketoTimeZone = 'GMT+9:30 somewhere'), 'marketoTimeZone'],
    [
      'space panel without space',
      (c) => (c.panel = { placement: 'space', spaceId: '' }),
      'panel.spaceId',
      'choose a field',
    ],
    ['space panel with no space id', (c) => (c.panel = { placement: 'space' }), 'panel.spaceId'],
    ['unknown panel placement', (c) => (c.panel = { placement: 'footer' }), 'panel.placement'],
    ['version 2', (c) => (c.version = 2), 'version'],
    ['version as text', (c) => (c.version = '1'), 'version'],
  ];

  // Every row gets four values: jest would pass its `done` callback in place of a missing fourth one.
  const rows = cases.map(([name, breakIt, path, message]) => [name, breakIt, path, message ?? ''] as const);
  it.each(rows)('%s', (_name, breakIt, path, message) => {
    const c = raw();
    breakIt(c);
    const found = problemsOf(migrateConfig(c));
    expect(found.map((p) => p.path)).toEqual([path]);
    if (message) expect(found[0]!.message).toBe(message);
    expect(configSchema.safeParse(c).success).toBe(false);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', '{"version":1}'],
    ['a number', 1],
    ['an array', []],
    ['undefined', undefined],
  ])('refuses %s at the root', (_name, value) => {
    expect(pathsOf(migrateConfig(value))).toEqual(['']);
  });

  it('reports every problem, not only the first', () => {
    const c = raw();
    c.multipleMatches = 'x';
    c.ignoreBots = 1;
    c.history.maxRows = -1;
    expect(pathsOf(migrateConfig(c)).sort()).toEqual(['history.maxRows', 'ignoreBots', 'multipleMatches']);
  });
});

describe('configSchema: one kintone field per slot', () => {
  it.each<[string, (c: Record<string, any>) => void, string]>([
    ['status on the lead key field', (c) => (c.summary.status = 'email'), 'email'],
    ['open and click counts on one field', (c) => (c.summary.clickCount = 'mkto_open_count'), 'mkto_open_count'],
    ['first and last opened on one field', (c) => (c.summary.firstOpened = 'mkto_last_opened'), 'mkto_last_opened'],
    ['history table on a summary field', (c) => (c.history.table = 'mkto_status'), 'mkto_status'],
    ['unsubscribed on the bounce field', (c) => Object.assign(c.summary, { lastBounced: 'b', unsubscribed: 'b' }), 'b'],
    ['reply and click counts on one field', (c) => (c.summary.replyCount = 'mkto_click_count'), 'mkto_click_count'],
    [
      'last replied on the last clicked field',
      (c) => (c.summary.lastReplied = 'mkto_last_clicked'),
      'mkto_last_clicked',
    ],
    ['after trimming', (c) => (c.summary.status = ' email '), 'email'],
  ])('refuses %s', (_name, breakIt, code) => {
    const c = raw();
    breakIt(c);
    expect(problemsOf(migrateConfig(c))).toEqual([
      { path: 'summary', message: `field ${code} is mapped to more than one slot` },
    ]);
  });

  it('refuses two history columns on one field', () => {
    const c = raw();
    c.history.columns.link = 'mkto_h_subject';
    expect(problemsOf(migrateConfig(c))).toEqual([
      { path: 'history.columns', message: 'a history column is mapped to more than one slot' },
    ]);
  });

  it('refuses the snippet column on the subject column', () => {
    const c = raw();
    c.history.columns.snippet = 'mkto_h_subject';
    expect(pathsOf(migrateConfig(c))).toEqual(['history.columns']);
  });

  it('refuses the event key column on the occurredAt column', () => {
    const c = raw();
    c.history.columns.eventKey = 'mkto_h_at';
    expect(pathsOf(migrateConfig(c))).toEqual(['history.columns']);
  });

  it('does not count blank optional slots as duplicates', () => {
    const c = raw();
    c.summary.lastBounced = '';
    c.summary.unsubscribed = '';
    c.history.columns.link = '';
    c.history.columns.campaign = '';
    expect(migrateConfig(c).ok).toBe(true);
  });
});

describe('migrateConfig: legacy (version 0) configs', () => {
  it('migrates an unversioned pre-release config onto the defaults', () => {
    const config = configOf(
      migrateConfig({ emailField: 'mail', statusField: 'stage', historyTable: 'activity', maxRows: 50 }),
    );
    expect(config.version).toBe(1);
    expect(config.leadKey).toEqual({ source: 'email', field: 'mail' });
    expect(config.summary.status).toBe('stage');
    expect(config.history.table).toBe('activity');
    expect(config.history.maxRows).toBe(50);
    const { leadKey: _l, summary, history, ...rest } = config;
    const { leadKey: _dl, summary: defaultSummary, history: defaultHistory, ...defaultRest } = defaultConfig();
    expect(rest).toEqual(defaultRest);
    expect({ ...summary, status: undefined }).toEqual({ ...defaultSummary, status: undefined });
    expect(history.columns).toEqual(defaultHistory.columns);
  });

  it('migrates an explicit version 0 the same way', () => {
    const unversioned = migrateConfig({
      emailField: 'mail',
      statusField: 'stage',
      historyTable: 'activity',
      maxRows: 50,
    });
    const v0 = migrateConfig({
      version: 0,
      emailField: 'mail',
      statusField: 'stage',
      historyTable: 'activity',
      maxRows: 50,
    });
    expect(configOf(v0)).toEqual(configOf(unversioned));
  });

  it('leaves the status unmapped and keeps 100 rows when the legacy config had neither', () => {
    const config = configOf(migrateConfig({ version: 0, emailField: 'mail', historyTable: 'activity' }));
    expect(config.summary.status).toBeUndefined();
    expect(config.history.maxRows).toBe(100);
  });

  it('validates the migrated config like any other', () => {
    expect(pathsOf(migrateConfig({ emailField: '', historyTable: 'activity' }))).toEqual(['leadKey.field']);
    expect(pathsOf(migrateConfig({ emailField: 'mail', historyTable: 'activity', maxRows: 5000 }))).toEqual([
      'history.maxRows',
    ]);
  });

  it('refuses a legacy config that is incomplete', () => {
    expect(migrateConfig({ version: 0, emailField: 'mail' }).ok).toBe(false);
    expect(migrateConfig({ historyTable: 'activity' }).ok).toBe(false);
  });

  it('refuses a current-shape config that lost its version', () => {
    const c = raw();
    delete c.version;
    expect(pathsOf(migrateConfig(c))).toEqual(['version']);
  });

  it('refuses an unknown (future) version rather than guessing', () => {
    expect(pathsOf(migrateConfig({ ...raw(), version: 2 }))).toEqual(['version']);
    expect(pathsOf(migrateConfig({ version: 3, emailField: 'mail', historyTable: 'activity' }))).toContain('version');
  });
});
