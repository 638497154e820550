import { setTimeout as sleep } from 'node:timers/promises';
import { startKintoneEmulator, type KintoneEmulator } from './index';
import { clientFor, raw } from './test-support';

let emu: KintoneEmulator;
let appId: string;
let manageToken: string;
let viewToken: string;

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0, seedDemo: false, deployDelayMs: 100 });
});
afterAll(() => emu.close());
beforeEach(() => {
  appId = emu.createApp({
    name: '顧客',
    properties: {
      会社名: { type: 'SINGLE_LINE_TEXT', code: '会社名', label: '会社名' },
      score: { type: 'NUMBER', code: 'score', label: 'スコア' },
    },
  });
  manageToken = emu.createToken(appId, { view: true, add: false, edit: false, manage: true });
  viewToken = emu.createToken(appId, { view: true, add: false, edit: false });
});

async function deploy(): Promise<string> {
  await raw(emu, 'POST', '/k/v1/preview/app/deploy.json', { token: manageToken, body: { apps: [{ app: appId }] } });
  for (;;) {
    const res = await raw(emu, 'GET', `/k/v1/preview/app/deploy.json?apps[0]=${appId}`, { token: manageToken });
    const status = (res.body.apps as Array<{ status: string }>)[0]?.status ?? '';
    if (status !== 'PROCESSING') return status;
    await sleep(20);
  }
}

const hot = { type: 'LIST', index: '0', name: 'Hot', fields: ['会社名', 'score'], sort: 'score desc' };

describe('list views: pre-live, revision, deploy', () => {
  it('adds a view to the pre-live settings only; deploying makes it live with the same id', async () => {
    const client = clientFor(emu, manageToken);
    await expect(client.app.getViews({ app: appId })).resolves.toEqual({ views: {}, revision: '1' });

    const put = await raw(emu, 'PUT', '/k/v1/preview/app/views.json', {
      token: manageToken,
      body: { app: appId, views: { Hot: hot }, revision: '1' },
    });
    expect(put.status).toBe(200);
    expect(put.body.revision).toBe('2');
    const id = (put.body.views as Record<string, { id: string }>).Hot!.id;
    expect(id).toMatch(/^\d+$/);

    const preview = await client.app.getViews({ app: appId, preview: true });
    expect(preview).toEqual({
      revision: '2',
      views: {
        Hot: {
          type: 'LIST',
          index: '0',
          id,
          name: 'Hot',
          fields: ['会社名', 'score'],
          filterCond: '',
          sort: 'score desc',
        },
      },
    });
    await expect(client.app.getViews({ app: appId })).resolves.toEqual({ views: {}, revision: '1' });

    await expect(deploy()).resolves.toBe('SUCCESS');
    const live = await clientFor(emu, viewToken).app.getViews({ app: appId });
    expect(live.revision).toBe('2');
    expect(live.views.Hot).toMatchObject({ id, sort: 'score desc' });
  });

  it('deletes a view left out, keeps the id of a view given again, and renames by `name`', async () => {
    const first = await raw(emu, 'PUT', '/k/v1/preview/app/views.json', {
      token: manageToken,
      body: { app: appId, views: { Hot: hot, All: { type: 'LIST', index: '1', name: 'All', fields: ['会社名'] } } },
    });
    const ids = first.body.views as Record<string, { id: string }>;
    const second = await raw(emu, 'PUT', '/k/v1/preview/app/views.json', {
      token: manageToken,
      body: { app: appId, views: { Hot: { ...hot, name: 'Warm' } } },
    });
    expect(second.body.views).toEqual({ Warm: { id: ids.Hot!.id } });
    const preview = await clientFor(emu, manageToken).app.getViews({ app: appId, preview: true });
    expect(Object.keys(preview.views)).toEqual(['Warm']);
  });

  it('refuses a stale revision (409 GAIA_CO02), changes during a deployment, and invalid views, changing nothing', async () => {
    const stale = await raw(emu, 'PUT', '/k/v1/preview/app/views.json', {
      token: manageToken,
      body: { app: appId, views: { Hot: hot }, revision: '7' },
    });
    expect(stale).toMatchObject({ status: 409, body: { code: 'GAIA_CO02' } });

    const invalid = await raw(emu, 'PUT', '/k/v1/preview/app/views.json', {
      token: manageToken,
      body: {
        app: appId,
        views: {
          NoName: { type: 'LIST', index: '0', fields: ['会社名'] },
          NoFields: { type: 'LIST', index: '1', name: 'NoFields' },
          Unknown: { type: 'LIST', index: '2', name: 'Unknown', fields: ['missing'] },
          BadSort: { type: 'LIST', index: '3', name: 'BadSort', fields: ['会社名'], sort: 'missing desc' },
        },
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('CB_VA01');
    expect(Object.keys(invalid.body.errors as object).sort()).toEqual([
      'views.BadSort.sort',
      'views.NoFields.fields',
      'views.NoName.name',
      'views.Unknown.fields',
    ]);

    await raw(emu, 'POST', '/k/v1/preview/app/deploy.json', { token: manageToken, body: { apps: [{ app: appId }] } });
    const during = await raw(emu, 'PUT', '/k/v1/preview/app/views.json', {
      token: manageToken,
      body: { app: appId, views: { Hot: hot } },
    });
    expect(during.status).toBe(409);
    await deploy();
    const after = await clientFor(emu, manageToken).app.getViews({ app: appId, preview: true });
    expect(after).toEqual({ views: {}, revision: '1' });
  });

  it('needs the "Manage app" permission for the pre-live views', async () => {
    const put = await raw(emu, 'PUT', '/k/v1/preview/app/views.json', {
      token: viewToken,
      body: { app: appId, views: { Hot: hot } },
    });
    expect(put.status).toBe(403);
    const get = await raw(emu, 'GET', `/k/v1/preview/app/views.json?app=${appId}`, { token: viewToken });
    expect(get.status).toBe(403);
  });
});
