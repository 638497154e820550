import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { KintoneRefusedError, KintoneUnreachableError } from '../services/ports';
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
    expect(
      await kintoneAppInspector({ baseUrl: emu.url, apiToken: viewOnly, appId, guestSpaceId: '3' }).probeRights(),
    ).toEqual({ view: true, edit: false });
  });

  it('is refused GAIA_IL23 for a guest space app when not told its guest space', async () => {
    const appId = emu.createApp({ ...demoAppDefinition(), guestSpaceId: '4' });
    const token = emu.createToken(appId, { view: true, add: true, edit: true });
    await expect(kintoneAppInspector({ baseUrl: emu.url, apiToken: token, appId }).readForm()).rejects.toMatchObject({
      code: 'GAIA_IL23',
    });
    // The same app through a client that knows the space, for contrast.
    const client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token }, guestSpaceId: '4' });
    await expect(client.app.getFormFields({ app: appId })).resolves.toBeDefined();
  });
});

describe("kintone's refusals, in words the admin can act on", () => {
  const inspect = (apiToken: string, appId: string) => kintoneAppInspector({ baseUrl: emu.url, apiToken, appId });

  it.each([
    [
      'an API token kintone does not know',
      () => inspect('x'.repeat(40), '1'),
      'token',
      'GAIA_IA02',
      'kintone does not accept this API token',
    ],
    [
      'a token of another app',
      () => {
        const appId = emu.createApp(demoAppDefinition());
        return inspect(
          emu.createToken(emu.createApp({ name: 'Other', properties: {} }), { view: true, add: true, edit: true }),
          appId,
        );
      },
      'token',
      'GAIA_NO01',
      expect.stringMatching(/^the API token has no permission for app \d+$/),
    ],
    [
      'a guest space app asked for outside its space',
      () => {
        const appId = emu.createApp({ ...demoAppDefinition(), guestSpaceId: '5' });
        return inspect(emu.createToken(appId, { view: true, add: true, edit: true }), appId);
      },
      'guestSpace',
      'GAIA_IL23',
      expect.stringMatching(
        /^app \d+ is in a guest space of kintone: open its plug-in settings inside the guest space and register again, so that the screen names the guest space$/,
      ),
    ],
  ])('%s', async (_label, inspector, about, code, reason) => {
    const refusal = inspector().readForm();
    await expect(refusal).rejects.toBeInstanceOf(KintoneRefusedError);
    await expect(refusal).rejects.toMatchObject({ about, code, reason, message: expect.stringContaining(code) });
  });

  it.each([
    [404, 'GAIA_AP01', 'app', (appId: string) => `app ${appId} does not exist in ${emu.url}`],
    [400, 'CB_IJ01', 'token', () => 'kintone could not read the request'],
    [
      520,
      'GAIA_DA02',
      'token',
      () => expect.stringMatching(/^kintone answered 520 GAIA_DA02: \[520\] \[GAIA_DA02\] database locked/),
    ],
  ])('%s %s: about the %s', async (status, code, about, reason) => {
    const appId = emu.createApp(demoAppDefinition());
    emu.faults.add({
      method: 'GET',
      path: '/k/v1/app/form/fields.json',
      status,
      code,
      message: 'database locked',
      times: 1,
    });
    const refusal = inspect(emu.createToken(appId, { view: true, add: true, edit: true }), appId).readForm();
    await expect(refusal).rejects.toMatchObject({ about, status, code, reason: reason(appId) });
  });

  it('an answer without an error code: from something in front of kintone, said as it came', async () => {
    emu.faults.add({
      method: 'GET',
      path: '/k/v1/app/form/fields.json',
      status: 502,
      body: '{"message":"upstream unavailable"}',
      times: 1,
    });
    const appId = emu.createApp(demoAppDefinition());
    const refusal = inspect(emu.createToken(appId, { view: true, add: true, edit: true }), appId).readForm();
    await expect(refusal).rejects.toMatchObject({
      about: 'proxy',
      status: 502,
      code: undefined,
      reason: 'kintone answered HTTP 502 without an error code: upstream unavailable',
      message: 'kintone answered HTTP 502 without an error code: upstream unavailable',
    });
  });

  it('probing the rights is refused alike', async () => {
    await expect(inspect('y'.repeat(40), '1').probeRights()).rejects.toMatchObject({
      about: 'token',
      code: 'GAIA_IA02',
      reason: 'kintone does not accept this API token',
    });
  });

  it('calls a connection that failed kintone unreachable, with the socket error code: that is no refusal', async () => {
    const refusal = kintoneAppInspector({
      baseUrl: 'http://localhost:1',
      apiToken: 'z'.repeat(40),
      appId: '1',
    }).readForm();
    await expect(refusal).rejects.not.toBeInstanceOf(KintoneRefusedError);
    await expect(refusal).rejects.toBeInstanceOf(KintoneUnreachableError);
    await expect(refusal).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
