import { DEMO_CUSTOMERS } from '../kintone-emulator/seed';
import { startMarketoEmulator, type MarketoEmulator } from './index';
import { errorCode, getToken, rest } from './test-support';

describe('email assets and leads', () => {
  let emu: MarketoEmulator;
  let token: string;
  beforeAll(async () => {
    emu = await startMarketoEmulator();
    token = await getToken(emu);
  });
  afterAll(() => emu.close());

  it('returns an email asset with subject/fromName/fromEmail as {type, value}, matching activity names', async () => {
    const activity = emu.addActivity({ leadId: 1001, activityTypeId: 10, emailId: 1204 });
    const res = await rest(emu, `/rest/asset/v1/email/${String(activity.primaryAttributeValueId)}.json`, token);
    expect(res.body).toMatchObject({ success: true, errors: [], warnings: [], requestId: expect.any(String) });
    const [email] = res.body.result as Record<string, unknown>[];
    expect(email).toMatchObject({
      id: 1204,
      name: activity.primaryAttributeValue,
      subject: { type: 'Text', value: '東京イベントご来場ありがとうございました' },
      fromName: { type: 'Text', value: expect.any(String) },
      fromEmail: { type: 'Text', value: expect.stringContaining('@') },
      status: 'approved',
    });
  });

  it('answers an unknown email id with 702, and serves emails added by tests', async () => {
    expect(errorCode(await rest(emu, '/rest/asset/v1/email/9999.json', token))).toBe('702');
    emu.addEmail({ id: 1300, name: 'Test Mail', subject: 'Hello', campaignId: 3300, campaignName: 'Test' });
    const added = emu.addActivity({ leadId: 1003, activityTypeId: 6, emailId: 1300 });
    expect(added).toMatchObject({ primaryAttributeValue: 'Test Mail', campaignId: 3300 });
    expect(((await rest(emu, '/rest/asset/v1/email/1300.json', token)).body.result as unknown[])[0]).toMatchObject({
      subject: { value: 'Hello' },
    });
  });

  it('looks up leads by id with the requested fields; unknown ids are left out', async () => {
    const res = await rest(
      emu,
      '/rest/v1/leads.json?filterType=id&filterValues=1001,1003,99999&fields=id,email',
      token,
    );
    expect(res.body).toEqual({
      requestId: expect.any(String),
      success: true,
      result: [
        { id: 1001, email: DEMO_CUSTOMERS[0]?.[2] },
        { id: 1003, email: "o'brien@example.com" },
      ],
    });
    expect(emu.leads).toHaveLength(DEMO_CUSTOMERS.length);
    expect(emu.leads.at(-1)?.id).toBe(1000 + DEMO_CUSTOMERS.length);
    const byEmail = await rest(
      emu,
      `/rest/v1/leads.json?filterType=email&filterValues=${encodeURIComponent('hanako.sato+news@example.jp')}&fields=email`,
      token,
    );
    expect(byEmail.body.result).toEqual([{ id: 1002, email: 'hanako.sato+news@example.jp' }]);
  });

  it('validates lead lookups: at most 300 values, known fields, a filterType', async () => {
    const many = Array.from({ length: 301 }, (_, i) => String(1001 + i)).join(',');
    expect(errorCode(await rest(emu, `/rest/v1/leads.json?filterType=id&filterValues=${many}`, token))).toBe('1003');
    expect(
      errorCode(await rest(emu, '/rest/v1/leads.json?filterType=id&filterValues=1001&fields=shoeSize', token)),
    ).toBe('1006');
    expect(errorCode(await rest(emu, '/rest/v1/leads.json?filterValues=1001', token))).toBe('701');
    const defaults = await rest(emu, '/rest/v1/leads.json?filterType=id&filterValues=1001', token);
    expect(Object.keys((defaults.body.result as Record<string, unknown>[])[0] ?? {})).toEqual([
      'id',
      'email',
      'updatedAt',
      'createdAt',
    ]);
  });
});
