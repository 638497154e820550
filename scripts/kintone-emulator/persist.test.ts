import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startKintoneEmulator } from './index';
import { clientFor } from './test-support';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kintone-emulator-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('persistence', () => {
  it('restarts from the file with records, revisions, row ids, apps and tokens intact', async () => {
    const file = path.join(dir, 'nested', 'kintone.json');
    const first = await startKintoneEmulator({ port: 0, persistPath: file });
    const client = clientFor(first, first.demo.fullToken);
    await client.record.updateRecord({ app: '1', id: '3', record: { mkto_open_count: { value: '12' } } });
    await client.record.updateRecord({ app: '1', id: '3', record: { mkto_status: { value: 'opened' } } });
    const { id: added } = await client.record.addRecord({
      app: '1',
      record: {
        company: { value: 'Persisted K.K.' },
        mkto_history: { value: [{ value: { mkto_h_key: { value: 'k1' } } }] },
      },
    });
    const extraApp = first.createApp({ name: 'Extra', properties: { n: { type: 'NUMBER', code: 'n', label: 'N' } } });
    const extraToken = first.createToken(extraApp, { view: true, add: true, edit: false });
    const { record: before } = await client.record.getRecord({ app: '1', id: added });
    await first.close();

    expect(await readdir(path.dirname(file))).toEqual(['kintone.json']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 });

    const second = await startKintoneEmulator({ port: 0, persistPath: file });
    try {
      expect(second.demo).toEqual(first.demo);
      const again = clientFor(second, first.demo.fullToken);
      const three = (await again.record.getRecord({ app: '1', id: '3' })).record;
      expect(three.mkto_open_count?.value).toBe('12');
      expect(three.mkto_status?.value).toBe('opened');
      expect(three.$revision?.value).toBe('3');
      expect((await again.record.getRecord({ app: '1', id: added })).record).toEqual(before);
      const { id: next } = await again.record.addRecord({ app: '1', record: {} });
      expect(Number(next)).toBe(Number(added) + 1);
      const extra = clientFor(second, extraToken);
      await expect(extra.record.addRecord({ app: extraApp, record: { n: { value: '3' } } })).resolves.toMatchObject({
        id: '1',
      });
    } finally {
      await second.close();
    }
  });

  it('keeps everything in memory when no file is given', async () => {
    const a = await startKintoneEmulator({ port: 0, seedDemo: false });
    try {
      expect(a.demo).toEqual({ appId: '', fullToken: '', viewOnlyToken: '', noEditToken: '' });
      expect(a.createApp({ name: 'First', properties: {} })).toBe('1');
    } finally {
      await a.close();
    }
  });
});
