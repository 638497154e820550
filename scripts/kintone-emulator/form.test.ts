import { startKintoneEmulator, type KintoneEmulator } from './index';
import { clientFor } from './test-support';

let emu: KintoneEmulator;
beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0 });
});
afterAll(() => emu.close());

describe('app and form settings', () => {
  it('returns the app like GET app.json', async () => {
    const app = await clientFor(emu, emu.demo.viewOnlyToken).app.getApp({ id: '1' });
    expect(app).toMatchObject({ appId: '1', name: 'Customers', spaceId: null, creator: { code: 'Administrator' } });
  });

  it('returns the demo fields with kintone property shapes', async () => {
    const { properties, revision } = await clientFor(emu, emu.demo.viewOnlyToken).app.getFormFields({ app: '1' });
    expect(revision).toBe('1');
    expect(properties.email).toEqual({
      type: 'LINK',
      code: 'email',
      label: 'Email',
      noLabel: false,
      required: false,
      defaultValue: '',
      unique: true,
      minLength: '',
      maxLength: '',
      protocol: 'MAIL',
    });
    expect(properties.marketo_lead_id).toMatchObject({ type: 'SINGLE_LINE_TEXT', unique: true });
    const status = properties.mkto_status;
    expect(status?.type).toBe('DROP_DOWN');
    if (status?.type !== 'DROP_DOWN') return;
    expect(status.defaultValue).toBe('not sent');
    expect(Object.entries(status.options).map(([name, o]) => [name, o.index])).toEqual([
      ['not sent', '0'],
      ['sent', '1'],
      ['delivered', '2'],
      ['opened', '3'],
      ['clicked', '4'],
      ['bounced', '5'],
      ['unsubscribed', '6'],
    ]);
    expect(properties.mkto_open_count).toMatchObject({ type: 'NUMBER', defaultValue: '0' });
    expect(properties.mkto_click_count).toMatchObject({ type: 'NUMBER', defaultValue: '0' });
    expect(properties.mkto_reply_count).toMatchObject({ type: 'NUMBER', defaultValue: '0' });
    for (const code of [
      'mkto_first_opened',
      'mkto_last_opened',
      'mkto_last_clicked',
      'mkto_last_replied',
      'mkto_last_visited',
      'mkto_last_form',
    ]) {
      expect(properties[code]?.type).toBe('DATETIME');
    }
    expect(properties.mkto_visit_count).toMatchObject({ type: 'NUMBER', defaultValue: '0' });
    expect(properties.mkto_form_count).toMatchObject({ type: 'NUMBER', defaultValue: '0' });
    expect(properties.mkto_score?.type).toBe('NUMBER');
    const history = properties.mkto_history;
    expect(history?.type).toBe('SUBTABLE');
    if (history?.type !== 'SUBTABLE') return;
    expect(Object.keys(history.fields)).toEqual([
      'mkto_h_at',
      'mkto_h_type',
      'mkto_h_email',
      'mkto_h_subject',
      'mkto_h_link',
      'mkto_h_campaign',
      'mkto_h_snippet',
      'mkto_h_form',
      'mkto_h_key',
    ]);
    expect(history.fields.mkto_h_at?.type).toBe('DATETIME');
    expect(history.fields.mkto_h_snippet?.type).toBe('MULTI_LINE_TEXT');
    expect(properties.Record_number?.type).toBe('RECORD_NUMBER');
    expect(properties.Status).toEqual({ type: 'STATUS', code: 'Status', label: 'Status', enabled: false });
    expect(properties.mkto_panel).toBeUndefined();
  });

  it('puts the Space field only in the layout, with SUBTABLE rows like kintone', async () => {
    const { layout } = await clientFor(emu, emu.demo.viewOnlyToken).app.getFormLayout({ app: '1' });
    const spacers = layout.flatMap((row) => (row.type === 'ROW' ? row.fields.filter((f) => f.type === 'SPACER') : []));
    expect(spacers).toEqual([{ type: 'SPACER', elementId: 'mkto_panel', size: { width: '640', height: '240' } }]);
    const table = layout.find((row) => row.type === 'SUBTABLE');
    expect(table?.type === 'SUBTABLE' && table.code).toBe('mkto_history');
    expect(table?.type === 'SUBTABLE' && table.fields.map((f) => f.code)).toContain('mkto_h_key');
  });

  it('creates apps with a default layout, GROUP rows included', async () => {
    const appId = emu.createApp({
      name: 'Grouped',
      properties: {
        title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title', required: true },
        notes: { type: 'MULTI_LINE_TEXT', code: 'notes', label: 'Notes' },
        box: { type: 'GROUP', code: 'box', label: 'Box' },
      },
    });
    const token = emu.createToken(appId, { view: true, add: false, edit: false });
    const { layout } = await clientFor(emu, token).app.getFormLayout({ app: appId });
    expect(layout).toEqual([
      { type: 'ROW', fields: [{ type: 'SINGLE_LINE_TEXT', code: 'title', size: { width: '193' } }] },
      { type: 'ROW', fields: [{ type: 'MULTI_LINE_TEXT', code: 'notes', size: { width: '400', innerHeight: '100' } }] },
      { type: 'GROUP', code: 'box', layout: [] },
    ]);
    expect(() =>
      emu.createApp({ name: 'Bad', properties: { a: { type: 'SINGLE_LINE_TEXT', code: 'b', label: 'B' } } }),
    ).toThrow(/differs/);
  });

  it('deletes a field the way an admin does: definition, layout and values go, and queries on it fail', async () => {
    const appId = emu.createApp({
      name: 'Shrinking',
      properties: {
        title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
        score: { type: 'NUMBER', code: 'score', label: 'Score' },
      },
    });
    const client = clientFor(emu, emu.createToken(appId, { view: true, add: true, edit: false }));
    const { id } = await client.record.addRecord({
      app: appId,
      record: { title: { value: 'a' }, score: { value: '3' } },
    });

    emu.deleteField(appId, 'score');

    expect(Object.keys((await client.app.getFormFields({ app: appId })).properties)).not.toContain('score');
    const { layout } = await client.app.getFormLayout({ app: appId });
    expect(JSON.stringify(layout)).not.toContain('score');
    expect(Object.keys((await client.record.getRecord({ app: appId, id })).record)).not.toContain('score');
    await expect(client.record.getRecords({ app: appId, query: 'score = 3' })).rejects.toMatchObject({
      code: 'GAIA_IQ11',
    });
    expect(() => emu.deleteField(appId, 'score')).toThrow(/no field score/);
    expect(() => emu.deleteField(appId, 'Record_number')).toThrow(/system field/);
  });
});
