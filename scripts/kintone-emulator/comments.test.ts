import { KintoneRestAPIClient, KintoneRestAPIError } from '@kintone/rest-api-client';
import { DEMO_DIRECTORY, demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from './index';
import { clientFor, raw } from './test-support';

let emu: KintoneEmulator;
let appId: string;
let viewToken: string;
let client: KintoneRestAPIClient;
let recordId: string;

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0, seedDemo: false });
  appId = emu.createApp(demoAppDefinition());
  viewToken = emu.createToken(appId, { view: true, add: false, edit: false });
  const full = emu.createToken(appId, { view: true, add: true, edit: true });
  client = clientFor(emu, viewToken);
  const added = await clientFor(emu, full).record.addRecord({
    app: appId,
    record: { email: { value: 'a@example.com' }, owner: { value: [{ code: 'sato.kenji' }] } },
  });
  recordId = added.id;
});
afterAll(() => emu.close());

const refusal = async (call: Promise<unknown>): Promise<KintoneRestAPIError> => {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KintoneRestAPIError)) throw new Error(`expected a kintone refusal, got ${String(error)}`);
  return error;
};

describe('record comments', () => {
  it('posts with a view-only API token as Administrator and reads them back newest first, mentions named first', async () => {
    const record = emu.createApp(demoAppDefinition());
    const token = emu.createToken(record, { view: true, add: true, edit: false });
    const own = clientFor(emu, token);
    const { id } = await own.record.addRecord({ app: record, record: {} });
    const first = await own.record.addRecordComment({
      app: record,
      record: id,
      comment: { text: 'Clicked /pricing', mentions: [{ code: 'sato.kenji', type: 'USER' }] },
    });
    const second = await own.record.addRecordComment({ app: record, record: id, comment: { text: 'second' } });
    expect([first.id, second.id]).toEqual(['1', '2']);

    const { comments, older, newer } = await own.record.getRecordComments({ app: record, record: id });
    expect(comments.map((c) => c.id)).toEqual(['2', '1']);
    expect(comments[1]).toMatchObject({
      text: '佐藤 健二 \nClicked /pricing ',
      creator: { code: 'Administrator', name: 'Administrator' },
      mentions: [{ code: 'sato.kenji', type: 'USER' }],
    });
    expect(comments[0]!.text).toBe('second');
    expect(comments[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
    expect({ older, newer }).toEqual({ older: false, newer: false });
  });

  it('pages by order, offset and limit and says whether older and newer comments exist', async () => {
    const { id } = await clientFor(
      emu,
      emu.createToken(appId, { view: true, add: true, edit: false }),
    ).record.addRecord({ app: appId, record: {} });
    for (let i = 1; i <= 4; i++)
      await client.record.addRecordComment({ app: appId, record: id, comment: { text: `c${i}` } });
    const desc = await client.record.getRecordComments({ app: appId, record: id, order: 'desc', offset: 1, limit: 2 });
    expect(desc.comments.map((c) => c.text)).toEqual(['c3', 'c2']);
    expect({ older: desc.older, newer: desc.newer }).toEqual({ older: true, newer: true });
    const asc = await client.record.getRecordComments({ app: appId, record: id, order: 'asc', limit: 3 });
    expect(asc.comments.map((c) => c.text)).toEqual(['c1', 'c2', 'c3']);
    expect({ older: asc.older, newer: asc.newer }).toEqual({ older: false, newer: true });
  });

  it('refuses a blank text, one over 65,535 characters, more than 10 mentions and a bad type with CB_VA01', async () => {
    const blank = await raw(emu, 'POST', '/k/v1/record/comment.json', {
      token: viewToken,
      body: { app: appId, record: recordId, comment: { text: '' } },
    });
    expect(blank.status).toBe(400);
    expect(blank.body).toMatchObject({
      code: 'CB_VA01',
      errors: { 'comment.text': { messages: ['Enter between 1 and 65,535 characters.', 'Required field.'] } },
    });
    const long = await refusal(
      client.record.addRecordComment({ app: appId, record: recordId, comment: { text: 'x'.repeat(65_536) } }),
    );
    expect(long.code).toBe('CB_VA01');
    expect(Object.keys(long.errors as object)).toEqual(['comment.text']);
    await expect(
      client.record.addRecordComment({ app: appId, record: recordId, comment: { text: 'x'.repeat(65_535) } }),
    ).resolves.toHaveProperty('id');

    const eleven = Array.from({ length: 11 }, () => ({ code: 'sato.kenji', type: 'USER' as const }));
    const tooMany = await refusal(
      client.record.addRecordComment({ app: appId, record: recordId, comment: { text: 'hi', mentions: eleven } }),
    );
    expect(tooMany.code).toBe('CB_VA01');
    expect(Object.keys(tooMany.errors as object)).toEqual(['comment.mentions']);
    await expect(
      client.record.addRecordComment({
        app: appId,
        record: recordId,
        comment: { text: 'ten', mentions: eleven.slice(1) },
      }),
    ).resolves.toHaveProperty('id');

    const badType = await raw(emu, 'POST', '/k/v1/record/comment.json', {
      token: viewToken,
      body: {
        app: appId,
        record: recordId,
        comment: { text: 'hi', mentions: [{ code: 'sato.kenji', type: 'ROBOT' }] },
      },
    });
    expect(badType.body).toMatchObject({ code: 'CB_VA01', errors: { 'comment.mentions[0].type': {} } });
    const missing = await raw(emu, 'POST', '/k/v1/record/comment.json', {
      token: viewToken,
      body: { app: appId, record: recordId },
    });
    expect(missing.body).toMatchObject({ code: 'CB_VA01', errors: { comment: { messages: ['Required field.'] } } });
  });

  it('mentions only users, groups and organizations of the directory (GAIA_IL26 / GAIA_IL27 / GAIA_IL28)', async () => {
    const post = (code: string, type: 'USER' | 'GROUP' | 'ORGANIZATION') =>
      client.record.addRecordComment({
        app: appId,
        record: recordId,
        comment: { text: 'hi', mentions: [{ code, type }] },
      });
    expect((await refusal(post('nobody', 'USER'))).code).toBe('GAIA_IL26');
    expect((await refusal(post('nobody', 'GROUP'))).code).toBe('GAIA_IL27');
    expect((await refusal(post('nobody', 'ORGANIZATION'))).code).toBe('GAIA_IL28');
    // A user code is no group code.
    expect((await refusal(post('sato.kenji', 'GROUP'))).code).toBe('GAIA_IL27');
    await expect(post('sales-managers', 'GROUP')).resolves.toHaveProperty('id');
    await expect(post('sales-dept', 'ORGANIZATION')).resolves.toHaveProperty('id');

    emu.setDirectory({ users: [...DEMO_DIRECTORY.users, { code: 'new.rep', name: 'New Rep' }] });
    await expect(post('new.rep', 'USER')).resolves.toHaveProperty('id');
    emu.setDirectory({ users: DEMO_DIRECTORY.users });
    expect((await refusal(post('new.rep', 'USER'))).code).toBe('GAIA_IL26');
  });

  it('answers 404 GAIA_RE01 for a record that does not exist and 403 GAIA_NO01 for a token without view', async () => {
    const gone = await refusal(client.record.addRecordComment({ app: appId, record: 9999, comment: { text: 'hi' } }));
    expect([gone.status, gone.code]).toEqual([404, 'GAIA_RE01']);
    const readGone = await refusal(client.record.getRecordComments({ app: appId, record: 9999 }));
    expect(readGone.code).toBe('GAIA_RE01');

    const blind = emu.createToken(appId, { view: false, add: true, edit: true });
    const denied = await refusal(
      clientFor(emu, blind).record.addRecordComment({ app: appId, record: recordId, comment: { text: 'hi' } }),
    );
    expect([denied.status, denied.code]).toEqual([403, 'GAIA_NO01']);
  });

  it('refuses both APIs with GAIA_RE12 while the app has comments disabled, and stores nothing', async () => {
    const before = await client.record.getRecordComments({ app: appId, record: recordId, limit: 10 });
    emu.enableComments(appId, false);
    try {
      const posted = await refusal(
        client.record.addRecordComment({ app: appId, record: recordId, comment: { text: 'x' } }),
      );
      expect(posted.code).toBe('GAIA_RE12');
      expect((await refusal(client.record.getRecordComments({ app: appId, record: recordId }))).code).toBe('GAIA_RE12');
    } finally {
      emu.enableComments(appId, true);
    }
    const after = await client.record.getRecordComments({ app: appId, record: recordId, limit: 10 });
    expect(after.comments.map((c) => c.id)).toEqual(before.comments.map((c) => c.id));
  });

  it('checks order and limit (at most 10) like kintone', async () => {
    const order = await raw(emu, 'GET', `/k/v1/record/comments.json?app=${appId}&record=${recordId}&order=wrong`, {
      token: viewToken,
    });
    expect(order.body).toMatchObject({
      code: 'CB_VA01',
      errors: { order: { messages: ['must be one of the enum value'] } },
    });
    const limit = await raw(emu, 'GET', `/k/v1/record/comments.json?app=${appId}&record=${recordId}&limit=11`, {
      token: viewToken,
    });
    expect(limit.body).toMatchObject({ code: 'CB_VA01', errors: { limit: {} } });
  });

  it('serves a guest space app under its guest path', async () => {
    const guest = emu.createApp({ ...demoAppDefinition(), guestSpaceId: '9' });
    const token = emu.createToken(guest, { view: true, add: true, edit: false });
    const guestClient = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token }, guestSpaceId: 9 });
    const { id } = await guestClient.record.addRecord({ app: guest, record: {} });
    await guestClient.record.addRecordComment({ app: guest, record: id, comment: { text: 'guest' } });
    expect((await guestClient.record.getRecordComments({ app: guest, record: id })).comments[0]!.text).toBe('guest');
    const wrongPath = await raw(emu, 'POST', '/k/v1/record/comment.json', {
      token,
      body: { app: guest, record: id, comment: { text: 'x' } },
    });
    expect(wrongPath.body).toMatchObject({ code: 'GAIA_IL23' });
  });
});

describe('USER_SELECT fields', () => {
  it('store users by code and answer [{ code, name }] with the directory name', async () => {
    const { record } = await client.record.getRecord({ app: appId, id: recordId });
    expect(record.owner).toEqual({ type: 'USER_SELECT', value: [{ code: 'sato.kenji', name: '佐藤 健二' }] });
    const { properties } = await client.app.getFormFields({ app: appId });
    expect(properties.owner).toMatchObject({ type: 'USER_SELECT', label: 'Account owner', entities: [] });
  });

  it('refuse a user the directory does not know with 400 GAIA_IL26 and write nothing', async () => {
    const full = clientFor(emu, emu.createToken(appId, { view: true, add: true, edit: true }));
    const error = await refusal(
      full.record.updateRecord({ app: appId, id: recordId, record: { owner: { value: [{ code: 'ghost' }] } } }),
    );
    expect([error.status, error.code]).toEqual([400, 'GAIA_IL26']);
    expect(error.message).toContain('ghost');
    const { record } = await full.record.getRecord({ app: appId, id: recordId });
    expect(record.owner!.value).toEqual([{ code: 'sato.kenji', name: '佐藤 健二' }]);

    const malformed = await refusal(
      full.record.updateRecord({ app: appId, id: recordId, record: { owner: { value: 'sato.kenji' } } }),
    );
    expect(malformed.code).toBe('CB_VA01');
    await full.record.updateRecord({ app: appId, id: recordId, record: { owner: { value: [] } } });
    expect((await full.record.getRecord({ app: appId, id: recordId })).record.owner!.value).toEqual([]);
    await full.record.updateRecord({
      app: appId,
      id: recordId,
      record: { owner: { value: [{ code: 'sato.kenji' }] } },
    });
  });

  it('are queryable with in / not in', async () => {
    const { records } = await client.record.getRecords({
      app: appId,
      query: 'owner in ("sato.kenji")',
      fields: ['$id'],
    });
    expect(records.map((r) => r.$id!.value)).toContain(recordId);
  });

  it('give the demo customers account owners from the demo directory', async () => {
    const demo = await startKintoneEmulator({ port: 0 });
    try {
      const { records } = await clientFor(demo, demo.demo.viewOnlyToken).record.getRecords({
        app: demo.demo.appId,
        query: 'order by $id asc limit 4',
        fields: ['owner'],
      });
      expect(records.map((r) => (r.owner!.value as { code: string }[]).map((u) => u.code))).toEqual([
        ['sato.kenji'],
        ['ito.mika'],
        ['emma.wilson'],
        [],
      ]);
    } finally {
      await demo.close();
    }
  });
});
