import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import {
  demoAppDefinition,
  startKintoneEmulator,
  type KintoneEmulator,
  type TextCompare,
} from '../../../scripts/kintone-emulator';
import { makeEvent } from '../../../test/support/events';
import { kintoneRecordStore } from '../adapters/kintone-records';
import { defaultConfig } from '../../../contract/src/config';
import { requestFloor } from '../../../contract/src/kintone-record';
import { writeAppEvents } from './write-events';

/**
 * kintone's documentation does not say whether text `=`/`in` compare letter case, so every test here runs against
 * an emulator that compares exactly and against one that ignores case: an event must land on its record either way.
 */
const config = defaultConfig();
const FAST_RETRY = { attempts: 3, startingDelayMs: 5, maxDelayMs: 20 };

describe.each<TextCompare>(['exact', 'ignoreCase'])(
  'lead key letter case, kintone comparing text %s',
  (textCompare) => {
    let emu: KintoneEmulator;
    let appId: string;
    let admin: KintoneRestAPIClient;
    const store = () => kintoneRecordStore({ baseUrl: emu.url, apiToken: token, appId }, FAST_RETRY);
    let token: string;

    const stored = ['Ken+News@Example.com', 'plain@example.com', '  Spaced.Out@Example.COM '];

    beforeAll(async () => {
      emu = await startKintoneEmulator({ port: 0, textCompare, seedDemo: false });
      appId = emu.createApp(demoAppDefinition());
      token = emu.createToken(appId, { view: true, add: true, edit: true });
      admin = new KintoneRestAPIClient({ baseUrl: emu.url, auth: { apiToken: token } });
      await admin.record.addRecords({ app: appId, records: stored.map((email) => ({ email: { value: email } })) });
    });
    afterAll(() => emu.close());
    beforeEach(() => emu.resetStats());

    const openCount = async (email: string) => {
      const { records } = await admin.record.getRecords({
        app: appId,
        query: 'order by $id asc',
        fields: ['email', 'mkto_open_count'],
      });
      return records.find((r) => r.email!.value === email)!.mkto_open_count!.value;
    };

    it('writes an event whose address differs from the stored one only in letter case, alone in its batch', async () => {
      const event = makeEvent({ appId, email: 'ken+news@example.com', occurredAt: '2026-11-20T01:00:00.000Z' });
      const report = await writeAppEvents([event], config, store());
      expect(report.outcomes.get(event.key)).toBe('written');
      expect(await openCount('Ken+News@Example.com')).toBe('1');
    });

    it('writes an event whose address carries surrounding whitespace and other letter case than a stored one that does too', async () => {
      const event = makeEvent({ appId, email: ' spaced.out@example.com\t', occurredAt: '2026-11-20T02:00:00.000Z' });
      const report = await writeAppEvents([event], config, store());
      expect(report.outcomes.get(event.key)).toBe('written');
      expect(await openCount('  Spaced.Out@Example.COM ')).toBe('1');
    });

    it('spends exactly the request floor when every address is spelt as stored or in lower case', async () => {
      const events = [
        makeEvent({ appId, email: 'plain@example.com', occurredAt: '2026-11-21T01:00:00.000Z' }),
        makeEvent({
          appId,
          email: 'PLAIN@EXAMPLE.COM',
          type: 'click',
          link: 'https://example.com/a',
          occurredAt: '2026-11-21T01:05:00.000Z',
        }),
        makeEvent({ appId, email: 'Ken+News@Example.com', occurredAt: '2026-11-21T02:00:00.000Z' }),
      ];
      const report = await writeAppEvents(events, config, store());
      expect(events.map((e) => report.outcomes.get(e.key))).toEqual(['written', 'written', 'written']);
      expect(emu.stats().requestsByApp[appId]).toBe(requestFloor(2));
    });

    it('leaves a stranger unmatched, at one more GET for the whole batch and no PUT for it', async () => {
      const events = [
        makeEvent({ appId, email: 'stranger@example.com', occurredAt: '2026-11-22T01:00:00.000Z' }),
        makeEvent({ appId, email: 'Plain@Example.com', occurredAt: '2026-11-22T01:00:00.000Z' }),
        makeEvent({ appId, email: 'another.stranger@example.com', occurredAt: '2026-11-22T01:00:00.000Z' }),
      ];
      const report = await writeAppEvents(events, config, store());
      expect(events.map((e) => report.outcomes.get(e.key))).toEqual(['unmatched', 'written', 'unmatched']);
      expect(emu.stats().requestsByApp[appId]).toBe(requestFloor(1) + 1);
    });
  },
);
