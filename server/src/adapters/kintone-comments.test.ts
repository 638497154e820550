import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { KintoneRefusedError } from '../services/ports';
import { kintoneRecordStore } from './kintone-records';

const FAST_RETRY = { attempts: 3, startingDelayMs: 5, maxDelayMs: 20 };

let emu: KintoneEmulator;
let reader: KintoneRestAPIClient;

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0 });
  reader = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: emu.demo.fullToken } });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.faults.clear();
  emu.enableComments(emu.demo.appId, true);
});

/** Posting comments needs only "View records": the store gets the demo's view-only token. */
const store = (token = emu.demo.viewOnlyToken) =>
  kintoneRecordStore({ baseUrl: emu.url, apiToken: token, appId: emu.demo.appId }, FAST_RETRY);

const comments = async (record: string) =>
  (await reader.record.getRecordComments({ app: emu.demo.appId, record, order: 'asc' })).comments;

const refusal = async (call: Promise<unknown>): Promise<KintoneRefusedError> => {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KintoneRefusedError)) throw new Error(`expected KintoneRefusedError, got ${String(error)}`);
  return error;
};

describe('addComment', () => {
  it('posts the text with its mentions in one request, with a view-only API token', async () => {
    const records = store();
    await records.addComment('1', {
      text: "🔥 Clicked /pricing in 'Product Update Q4' (score 72)",
      mentions: [{ code: 'sato.kenji', type: 'USER' }],
    });
    expect(records.requestsSent()).toBe(1);
    const [posted] = await comments('1');
    expect(posted).toMatchObject({
      text: "佐藤 健二 \n🔥 Clicked /pricing in 'Product Update Q4' (score 72) ",
      mentions: [{ code: 'sato.kenji', type: 'USER' }],
    });
  });

  it('says that comments are disabled in the app, and what to turn on', async () => {
    emu.enableComments(emu.demo.appId, false);
    const error = await refusal(store().addComment('2', { text: 'hi', mentions: [] }));
    expect(error.code).toBe('GAIA_RE12');
    expect(error.about).toBe('app');
    expect(error.reason).toMatch(
      /comments are disabled in app 1: turn on record comments in App Settings > Advanced Settings/,
    );
  });

  it('says when the owner is no longer a kintone user', async () => {
    const error = await refusal(
      store().addComment('2', { text: 'hi', mentions: [{ code: 'gone.rep', type: 'USER' }] }),
    );
    expect(error.code).toBe('GAIA_IL26');
    expect(error.reason).toBe('record 2 names an owner who is no longer a kintone user; no alert was posted');
  });

  it('says that the token needs "View records"', async () => {
    const blind = emu.createToken(emu.demo.appId, { view: false, add: true, edit: true });
    const error = await refusal(store(blind).addComment('2', { text: 'hi', mentions: [] }));
    expect(error.code).toBe('GAIA_NO01');
    expect(error.reason).toContain('"View records"');
  });

  it('tries a 429 again, but never a 5xx, which may follow a comment kintone stored', async () => {
    emu.faults.add({ method: 'POST', path: '/k/v1/record/comment.json', status: 429, times: 1 });
    const records = store();
    await records.addComment('3', { text: 'after a 429', mentions: [] });
    expect(records.requestsSent()).toBe(2);
    expect((await comments('3')).map((c) => c.text)).toEqual(['after a 429']);

    emu.faults.add({ method: 'POST', path: '/k/v1/record/comment.json', status: 503, times: 1 });
    const again = store();
    await expect(again.addComment('3', { text: 'after a 503', mentions: [] })).rejects.toBeDefined();
    expect(again.requestsSent()).toBe(1);
    expect((await comments('3')).map((c) => c.text)).toEqual(['after a 429']);
  });
});
