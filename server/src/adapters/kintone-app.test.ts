import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { kintoneAppInspector } from './kintone-app';

let emu: KintoneEmulator;
beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0, seedDemo: false });
});
afterAll(() => emu.close());

describe('kintoneAppInspector', () => {
  it("reads a guest space app's form and probes its token's rights under /k/guest/<space>/v1/", async () => {
    const appId = emu.createApp({ ...demoAppDefinition(), guestSpaceId: '3' });
    const full = emu.createToken(appId, { view: true, add: true, edit: true });
    const viewOnly = emu.createToken(appId, { view: true, add: false, edit: false });
    const inspector = kintoneAppInspector({ baseUrl: emu.url, apiToken: full, appId, guestSpaceId: '3' });
    const form = await inspector.readForm();
    expect(form.properties).toHaveProperty('mkto_history');
    expect(await inspector.probeRights()).toEqual({ view: true, edit: true });
    expect(await kintoneAppInspector({ baseUrl: emu.url, apiToken: viewOnly, appId, guestSpaceId: '3' }).probeRights()).toEqual({ view: true, edit: false });
  });

  it('is refused GAIA_IL23 for a guest space app when not told its guest space', async () => {
    const appId = emu.createApp({ ...demoAppDefinition(), guestSpaceId: '4' });
    const token = emu.createToken(appId, { view: true, add: true, edit: true });
    await expect(kintoneAppInspector({ baseUrl: emu.url, apiToken: token, appId }).readForm()).rejects.toMatchObject({ code: 'GAIA_IL23' });
    // The same app through a client that knows the space, for contrast.
    const client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token }, guestSpaceId: '4' });
    await expect(client.app.getFormFields({ app: appId })).resolves.toBeDefined();
  });
});
