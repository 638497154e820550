/** findScoredAfter over real HTTP against the local kintone: the daily re-score's read, one page per request. */
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { demoAppDefinition, startKintoneEmulator, type KintoneEmulator } from '../../../scripts/kintone-emulator';
import { kintoneRecordStore } from './kintone-records';

const FAST_RETRY = { attempts: 3, startingDelayMs: 5, maxDelayMs: 20 };
const FIELDS = ['$id', '$revision', 'mkto_score', 'mkto_history'];
const RECORDS = 1_300;

let emu: KintoneEmulator;
let appId: string;
let token: string;
/** The ids of the records whose score is at least 1, ascending. */
let scored: string[];

/** Every third record has no score, every fifth of the rest 0, the others 1 to 100. */
const scoreOf = (i: number) => (i % 3 === 0 ? '' : i % 5 === 0 ? '0' : String((i % 100) + 1));

beforeAll(async () => {
  emu = await startKintoneEmulator({ port: 0, seedDemo: false });
  const definition = demoAppDefinition();
  appId = emu.createApp({
    ...definition,
    properties: { ...definition.properties, mkto_score: { type: 'NUMBER', code: 'mkto_score', label: 'Score' } },
  });
  token = emu.createToken(appId, { view: true, add: true, edit: true });
  const client = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token } });
  const records = Array.from({ length: RECORDS }, (_, i) => ({
    email: { value: `c${i}@example.com` },
    mkto_score: { value: scoreOf(i) },
  }));
  const ids: string[] = [];
  for (let i = 0; i < records.length; i += 100)
    ids.push(...(await client.record.addRecords({ app: appId, records: records.slice(i, i + 100) })).ids);
  scored = ids.filter((_, i) => Number(scoreOf(i)) >= 1).sort((a, b) => Number(a) - Number(b));
});
afterAll(() => emu.close());
beforeEach(() => emu.resetStats());

const store = () => kintoneRecordStore({ baseUrl: emu.url, apiToken: token, appId }, FAST_RETRY);

describe('findScoredAfter', () => {
  it('reads the records with a score of at least 1 in id order, 500 a request, from the id given on', async () => {
    const pages: string[][] = [];
    let after = '0';
    for (;;) {
      const page = await store().findScoredAfter('mkto_score', after, FIELDS);
      pages.push(page.map((r) => r.id));
      if (page.length < 500) break;
      after = page.at(-1)!.id;
    }
    expect(scored.length).toBeGreaterThan(500);
    expect(pages.flat()).toEqual(scored);
    expect(pages.slice(0, -1).every((page) => page.length === 500)).toBe(true);
    expect(emu.stats().requestsByApp[appId]).toBe(pages.length);
    expect(emu.stats().totalCountRequests).toBe(0);
  });

  it('returns the fields asked for, with id and revision', async () => {
    const [first] = await store().findScoredAfter('mkto_score', scored[10]!, FIELDS);
    expect(first!.id).toBe(scored[11]);
    expect(first!.revision).toMatch(/^\d+$/);
    expect(Number(first!.fields.mkto_score?.value)).toBeGreaterThanOrEqual(1);
    expect(Array.isArray(first!.fields.mkto_history?.value)).toBe(true);
    expect(first!.fields).not.toHaveProperty('email');
  });

  it('starts right after the id given, whatever its position: no offset, so no offset limit', async () => {
    const last = await store().findScoredAfter('mkto_score', scored.at(-3)!, FIELDS);
    expect(last.map((r) => r.id)).toEqual(scored.slice(-2));
  });
});
