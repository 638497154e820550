import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { ADMIN_LOGIN, ADMIN_PASSWORD, startKintoneEmulator, type KintoneEmulator } from './index';
import { clientFor, raw } from './test-support';

let emu: KintoneEmulator;
let otherApp: string;
let otherToken: string;

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0 });
  otherApp = emu.createApp({
    name: 'Other',
    properties: { title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' } },
  });
  otherToken = emu.createToken(otherApp, { view: true, add: true, edit: true });
});
afterAll(() => emu.close());

const password = (user = ADMIN_LOGIN, pass = ADMIN_PASSWORD) =>
  new KintoneRestAPIClient({ baseUrl: emu.url, auth: { username: user, password: pass } });

describe('authentication', () => {
  it('answers 401 CB_AU01 when no credential is sent', async () => {
    const res = await raw(emu, 'GET', '/k/v1/records.json?app=1');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'CB_AU01', message: 'Please login.' });
    expect(res.body.id).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it('answers 400 GAIA_IA02 for an unknown token, also when a valid one is listed with it', async () => {
    await expect(clientFor(emu, 'not-a-token').record.getRecords({ app: '1' })).rejects.toMatchObject({
      status: 400,
      code: 'GAIA_IA02',
    });
    await expect(clientFor(emu, [emu.demo.fullToken, 'nope']).record.getRecords({ app: '1' })).rejects.toMatchObject({
      code: 'GAIA_IA02',
    });
  });

  it('answers 403 GAIA_NO01 when the token lacks the right', async () => {
    const viewOnly = clientFor(emu, emu.demo.viewOnlyToken);
    await expect(viewOnly.record.getRecord({ app: '1', id: '1' })).resolves.toBeDefined();
    await expect(viewOnly.record.addRecord({ app: '1', record: {} })).rejects.toMatchObject({
      status: 403,
      code: 'GAIA_NO01',
    });
    const noEdit = clientFor(emu, emu.demo.noEditToken);
    await expect(
      noEdit.record.updateRecord({ app: '1', id: '1', record: { company: { value: 'X' } } }),
    ).rejects.toMatchObject({ status: 403, code: 'GAIA_NO01' });
    const added = await noEdit.record.addRecord({ app: '1', record: { company: { value: 'Added by noEdit' } } });
    expect(added.id).toBe('65');
  });

  it('answers 403 GAIA_NO01 for a token of another app, like kintone', async () => {
    await expect(clientFor(emu, otherToken).record.getRecords({ app: '1' })).rejects.toMatchObject({
      status: 403,
      code: 'GAIA_NO01',
    });
  });

  it('accepts tokens of several apps, and refuses two tokens of one app with GAIA_DA03', async () => {
    const both = clientFor(emu, [otherToken, emu.demo.viewOnlyToken]);
    const { records } = await both.record.getRecords({ app: '1', query: 'limit 1' });
    expect(records).toHaveLength(1);
    const sameApp = clientFor(emu, [emu.demo.viewOnlyToken, emu.demo.fullToken]);
    await expect(sameApp.record.getRecords({ app: '1' })).rejects.toMatchObject({ status: 400, code: 'GAIA_DA03' });
  });

  it('lets the built-in Administrator into every app and refuses a wrong password with CB_WA01', async () => {
    const { records } = await password().record.getRecords({ app: otherApp });
    expect(records).toEqual([]);
    await expect(password().record.getRecords({ app: '999' })).rejects.toMatchObject({
      status: 404,
      code: 'GAIA_AP01',
    });
    await expect(password(ADMIN_LOGIN, 'wrong').record.getRecords({ app: '1' })).rejects.toMatchObject({
      status: 401,
      code: 'CB_WA01',
    });
  });

  it('needs the manage right for the preview settings APIs', async () => {
    await expect(
      clientFor(emu, emu.demo.fullToken).app.getFormFields({ app: '1', preview: true }),
    ).rejects.toMatchObject({
      code: 'GAIA_NO01',
    });
    const manager = emu.createToken('1', { view: false, add: false, edit: false, manage: true });
    const { properties } = await clientFor(emu, manager).app.getFormFields({ app: '1', preview: true });
    expect(properties.email?.type).toBe('LINK');
    const { layout } = await password().app.getFormLayout({ app: '1', preview: true });
    expect(layout[0]).toEqual({
      type: 'ROW',
      fields: [
        { type: 'SINGLE_LINE_TEXT', code: 'company', size: { width: '300' } },
        { type: 'SINGLE_LINE_TEXT', code: 'contact_name', size: { width: '193' } },
      ],
    });
  });

  it('answers in Japanese when asked to', async () => {
    const res = await raw(emu, 'GET', '/k/v1/records.json?app=1', { headers: { 'Accept-Language': 'ja' } });
    expect(res.body.message).toBe('ログインしてください。');
  });

  it('requires the app parameter', async () => {
    const res = await raw(emu, 'GET', '/k/v1/records.json', { token: emu.demo.fullToken });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'CB_VA01', errors: { app: { messages: ['Required field.'] } } });
  });
});
