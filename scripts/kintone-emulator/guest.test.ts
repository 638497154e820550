import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from './index';
import { raw } from './test-support';

let emu: KintoneEmulator;
let guestApp: string;
let guestToken: string;

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0 });
  guestApp = emu.createApp({ ...demoAppDefinition(), guestSpaceId: '7' });
  guestToken = emu.createToken(guestApp, { view: true, add: true, edit: true });
});
afterAll(() => emu.close());

describe('an app in a guest space', () => {
  it('answers under /k/guest/<its space>/v1/, as rest-api-client sends with guestSpaceId', async () => {
    const client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: guestToken }, guestSpaceId: 7 });
    await client.record.addRecord({ app: guestApp, record: { email: { value: 'guest@example.com' } } });
    const { records } = await client.record.getRecords({
      app: guestApp,
      query: 'email = "guest@example.com"',
      fields: ['email'],
    });
    expect(records).toHaveLength(1);
    expect((await client.app.getApp({ id: guestApp })).spaceId).toBe('7');
    expect(Object.keys((await client.app.getFormFields({ app: guestApp })).properties)).toContain('mkto_history');
  });

  it('refuses /k/v1/... with 400 GAIA_IL23, in the request language', async () => {
    const res = await raw(emu, 'GET', `/k/v1/records.json?app=${guestApp}`, { token: guestToken });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'GAIA_IL23',
      message: 'You need to send a request to the URL: "/k/guest/<Space ID>/v1/..." to execute apps in Guest Spaces.',
    });
    const ja = await raw(emu, 'GET', `/k/v1/app/form/fields.json?app=${guestApp}`, {
      token: guestToken,
      headers: { 'Accept-Language': 'ja' },
    });
    expect(ja.body).toMatchObject({
      code: 'GAIA_IL23',
      message:
        'ゲストスペース内のアプリを操作する場合は、リクエストの送信先を「/k/guest/（ゲストスペースのID）/v1/...」にします。',
    });
    const client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: guestToken } });
    await expect(client.record.updateRecords({ app: guestApp, records: [] })).rejects.toMatchObject({
      status: 400,
      code: 'GAIA_IL23',
    });
  });

  it('refuses a guest path of another space, and a guest path for an app outside guest spaces, with 403 CB_NO02', async () => {
    expect(
      (await raw(emu, 'GET', `/k/guest/8/v1/records.json?app=${guestApp}`, { token: guestToken })).body,
    ).toMatchObject({ code: 'CB_NO02' });
    const other = await raw(emu, 'GET', `/k/guest/7/v1/records.json?app=${emu.demo.appId}`, {
      token: emu.demo.fullToken,
    });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ code: 'CB_NO02' });
  });
});
