import { setTimeout as sleep } from 'node:timers/promises';
import { startKintoneEmulator, type KintoneEmulator } from './index';
import { clientFor, raw } from './test-support';

let emu: KintoneEmulator;
let appId: string;
let manageToken: string;
let viewToken: string;
const admin = { 'X-Cybozu-Authorization': Buffer.from('Administrator:admin-password').toString('base64') };

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0, seedDemo: false, deployDelayMs: 150 });
});
afterAll(() => emu.close());
beforeEach(() => {
  appId = emu.createApp({
    name: '顧客',
    properties: {
      会社名: { type: 'SINGLE_LINE_TEXT', code: '会社名', label: '会社名' },
      メール: { type: 'LINK', code: 'メール', label: 'メールアドレス', protocol: 'MAIL', unique: true },
    },
  });
  manageToken = emu.createToken(appId, { view: true, add: false, edit: false, manage: true });
  viewToken = emu.createToken(appId, { view: true, add: false, edit: false });
});

const newFields = {
  opened: { type: 'DATETIME', code: 'opened', label: '最終開封日時' },
  status: {
    type: 'DROP_DOWN',
    code: 'status',
    label: 'ステータス',
    options: { a: { label: 'a', index: '0' }, b: { label: 'b', index: '1' } },
  },
  hist: {
    type: 'SUBTABLE',
    code: 'hist',
    label: '配信履歴',
    fields: {
      hist_at: { type: 'DATETIME', code: 'hist_at', label: '日時' },
      hist_key: { type: 'SINGLE_LINE_TEXT', code: 'hist_key', label: 'キー' },
    },
  },
};

async function waitForDeploy(id: string): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 50; i++) {
    const res = await raw(emu, 'GET', `/k/v1/preview/app/deploy.json?apps[0]=${id}`, { headers: admin });
    const status = (res.body.apps as Array<{ app: string; status: string }>)[0]?.status ?? '';
    seen.push(status);
    if (status !== 'PROCESSING') return seen;
    await sleep(30);
  }
  return seen;
}

describe('app form settings: preview, revisions, deploy', () => {
  it('adds fields to the pre-live form only, then deploys them to the live form asynchronously', async () => {
    const added = await raw(emu, 'POST', '/k/v1/preview/app/form/fields.json', {
      token: manageToken,
      body: { app: appId, properties: newFields, revision: '1' },
    });
    expect(added).toMatchObject({ status: 200, body: { revision: '2' } });

    const client = clientFor(emu, manageToken);
    const preview = await client.app.getFormFields({ app: appId, preview: true });
    expect(preview.revision).toBe('2');
    expect(preview.properties.opened).toMatchObject({
      type: 'DATETIME',
      label: '最終開封日時',
      defaultNowValue: false,
    });
    expect(preview.properties.hist).toMatchObject({ type: 'SUBTABLE', fields: { hist_at: { type: 'DATETIME' } } });
    const live = await client.app.getFormFields({ app: appId });
    expect(live.revision).toBe('1');
    expect(live.properties.opened).toBeUndefined();
    // kintone appends added fields at the end of the form.
    const { layout } = await client.app.getFormLayout({ app: appId, preview: true });
    expect(layout.map((row) => (row.type === 'ROW' ? row.fields.map((f) => f.type) : row.type))).toEqual([
      ['SINGLE_LINE_TEXT'],
      ['LINK'],
      ['DATETIME'],
      ['DROP_DOWN'],
      'SUBTABLE',
    ]);

    expect(
      await raw(emu, 'POST', '/k/v1/preview/app/deploy.json', {
        token: manageToken,
        body: { apps: [{ app: appId, revision: 2 }] },
      }),
    ).toMatchObject({
      status: 200,
      body: {},
    });
    // Changing the settings during the deployment is refused.
    const during = await raw(emu, 'POST', '/k/v1/preview/app/form/fields.json', {
      token: manageToken,
      body: { app: appId, properties: { x: { type: 'NUMBER', code: 'x', label: 'X' } } },
    });
    expect(during.status).toBe(409);
    const statuses = await waitForDeploy(appId);
    expect(statuses[0]).toBe('PROCESSING');
    expect(statuses.at(-1)).toBe('SUCCESS');
    const after = await client.app.getFormFields({ app: appId });
    expect(after.revision).toBe('2');
    expect(after.properties.opened?.type).toBe('DATETIME');
  });

  it('ends a deployment FAIL when the test switch is on: the live form unchanged, the pre-live one kept', async () => {
    emu.failDeploys(appId, true);
    await raw(emu, 'POST', '/k/v1/preview/app/form/fields.json', {
      token: manageToken,
      body: { app: appId, properties: newFields },
    });
    const deployed = await raw(emu, 'POST', '/k/v1/preview/app/deploy.json', {
      token: manageToken,
      body: { apps: [{ app: appId }] },
    });
    expect(deployed.status).toBe(200);
    const statuses = await waitForDeploy(appId);
    expect(statuses[0]).toBe('PROCESSING');
    expect(statuses.at(-1)).toBe('FAIL');
    const client = clientFor(emu, manageToken);
    const live = await client.app.getFormFields({ app: appId });
    expect(live.revision).toBe('1');
    expect(live.properties.opened).toBeUndefined();
    const preview = await client.app.getFormFields({ app: appId, preview: true });
    expect(preview.properties.opened?.type).toBe('DATETIME');

    // Switched off, the next deployment goes through.
    emu.failDeploys(appId, false);
    await raw(emu, 'POST', '/k/v1/preview/app/deploy.json', { token: manageToken, body: { apps: [{ app: appId }] } });
    expect((await waitForDeploy(appId)).at(-1)).toBe('SUCCESS');
    expect((await client.app.getFormFields({ app: appId })).properties.opened?.type).toBe('DATETIME');
  });

  it('refuses a code already used in the app, tables included, with GAIA_FC01 and changes nothing', async () => {
    for (const properties of [
      { メール: { type: 'SINGLE_LINE_TEXT', code: 'メール', label: 'x' } },
      {
        t: {
          type: 'SUBTABLE',
          code: 't',
          label: 'T',
          fields: { 会社名: { type: 'NUMBER', code: '会社名', label: 'n' } },
        },
      },
    ]) {
      const res = await raw(emu, 'POST', '/k/v1/preview/app/form/fields.json', {
        headers: { ...admin, 'Accept-Language': 'ja' },
        body: { app: appId, properties },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('GAIA_FC01');
      expect(String(res.body.message)).toContain('すでに使われています');
    }
    const { revision } = await clientFor(emu, manageToken).app.getFormFields({ app: appId, preview: true });
    expect(revision).toBe('1');
  });

  it('answers CB_VA01 with errors per field for bad definitions', async () => {
    const res = await raw(emu, 'POST', '/k/v1/preview/app/form/fields.json', {
      headers: admin,
      body: {
        app: appId,
        properties: {
          '1bad': { type: 'NUMBER', code: '1bad', label: 'n' },
          nolabel: { type: 'DATETIME', code: 'nolabel', label: '' },
          dd: { type: 'DROP_DOWN', code: 'dd', label: 'D' },
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('CB_VA01');
    expect(Object.keys(res.body.errors as object).sort()).toEqual([
      'properties.1bad.code',
      'properties.dd.options',
      'properties.nolabel.label',
    ]);
  });

  it('checks the revision (409 GAIA_CO02; -1 skips the check) and needs Manage app', async () => {
    const stale = await raw(emu, 'POST', '/k/v1/preview/app/form/fields.json', {
      token: manageToken,
      body: { app: appId, revision: 7, properties: { n: { type: 'NUMBER', code: 'n', label: 'N' } } },
    });
    expect(stale).toMatchObject({ status: 409, body: { code: 'GAIA_CO02' } });
    const any = await raw(emu, 'POST', '/k/v1/preview/app/form/fields.json', {
      token: manageToken,
      body: { app: appId, revision: -1, properties: { n: { type: 'NUMBER', code: 'n', label: 'N' } } },
    });
    expect(any.body).toEqual({ revision: '2' });
    for (const [method, path] of [
      ['POST', '/k/v1/preview/app/form/fields.json'],
      ['PUT', '/k/v1/preview/app/form/layout.json'],
      ['POST', '/k/v1/preview/app/deploy.json'],
    ] as const) {
      const res = await raw(emu, method, path, {
        token: viewToken,
        body: { app: appId, apps: [{ app: appId }], layout: [], properties: {} },
      });
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'GAIA_NO01']);
    }
  });

  it('replaces the layout (a Space with its element ID), refusing one that drops a field or names an unknown one', async () => {
    const client = clientFor(emu, manageToken);
    const { layout, revision } = await client.app.getFormLayout({ app: appId, preview: true });
    const missing = await raw(emu, 'PUT', '/k/v1/preview/app/form/layout.json', {
      token: manageToken,
      body: { app: appId, layout: layout.slice(1) },
    });
    expect(missing).toMatchObject({ status: 400, body: { code: 'CB_VA01' } });
    const unknown = await raw(emu, 'PUT', '/k/v1/preview/app/form/layout.json', {
      token: manageToken,
      body: { app: appId, layout: [...layout, { type: 'ROW', fields: [{ type: 'NUMBER', code: 'nope' }] }] },
    });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'CB_VA01' } });
    const next = [
      ...layout,
      { type: 'ROW', fields: [{ type: 'SPACER', elementId: 'panel', size: { width: '600', height: '200' } }] },
    ];
    const put = await raw(emu, 'PUT', '/k/v1/preview/app/form/layout.json', {
      token: manageToken,
      body: { app: appId, layout: next, revision },
    });
    expect(put.body).toEqual({ revision: String(Number(revision) + 1) });
    expect(JSON.stringify((await client.app.getFormLayout({ app: appId, preview: true })).layout)).toContain(
      '"elementId":"panel"',
    );
    expect(JSON.stringify((await client.app.getFormLayout({ app: appId })).layout)).not.toContain('panel');
    // revert: the pre-live settings go back to the live ones.
    await raw(emu, 'POST', '/k/v1/preview/app/deploy.json', {
      token: manageToken,
      body: { apps: [{ app: appId }], revert: true },
    });
    await waitForDeploy(appId);
    expect(JSON.stringify((await client.app.getFormLayout({ app: appId, preview: true })).layout)).not.toContain(
      'panel',
    );
  });

  it('serves the APIs under the guest space path for a guest space app', async () => {
    const guestApp = emu.createApp({
      name: 'Guest',
      guestSpaceId: '9',
      properties: { t: { type: 'SINGLE_LINE_TEXT', code: 't', label: 'T' } },
    });
    const res = await raw(emu, 'POST', '/k/guest/9/v1/preview/app/form/fields.json', {
      headers: admin,
      body: { app: guestApp, properties: { n: { type: 'NUMBER', code: 'n', label: 'N' } } },
    });
    expect(res.body).toEqual({ revision: '2' });
    const outside = await raw(emu, 'GET', `/k/v1/preview/app/deploy.json?apps[0]=${guestApp}`, { headers: admin });
    expect(outside).toMatchObject({ status: 400, body: { code: 'GAIA_IL23' } });
  });
});
