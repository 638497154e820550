import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, startMarketoEmulator, type MarketoEmulator } from './index';
import { errorCode, fakeClock, getToken, rest } from './test-support';

describe('identity and access tokens', () => {
  const clock = fakeClock();
  let emu: MarketoEmulator;
  beforeAll(async () => {
    emu = await startMarketoEmulator({ tokenLifetimeSeconds: 60, now: clock.now });
  });
  afterAll(() => emu.close());

  it('issues a bearer token by GET and by form POST, and the same token while it is valid', async () => {
    expect(emu.clientId).toBe(DEFAULT_CLIENT_ID);
    expect(emu.clientSecret).toBe(DEFAULT_CLIENT_SECRET);
    const query = `grant_type=client_credentials&client_id=${DEFAULT_CLIENT_ID}&client_secret=${DEFAULT_CLIENT_SECRET}`;
    const first = await fetch(`${emu.url}/identity/oauth/token?${query}`);
    expect(first.status).toBe(200);
    const grant = (await first.json()) as Record<string, unknown>;
    expect(grant).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 60,
      scope: expect.any(String),
    });

    clock.advance(20_000);
    const posted = await fetch(`${emu.url}/identity/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: query,
    });
    // Marketo hands out the live token again with its remaining lifetime.
    expect(await posted.json()).toMatchObject({ access_token: grant.access_token, expires_in: 40 });
  });

  it('refuses wrong credentials with 401 invalid_client', async () => {
    const res = await fetch(
      `${emu.url}/identity/oauth/token?grant_type=client_credentials&client_id=${DEFAULT_CLIENT_ID}&client_secret=nope`,
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'Bad client credentials' });
  });

  it('answers 601 for a missing or unknown token, with HTTP 200 and success:false', async () => {
    const missing = await rest(emu, '/rest/v1/activities/pagingtoken.json?sinceDatetime=2026-11-01T00:00:00Z');
    expect(missing.status).toBe(200);
    expect(missing.body).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f]+#[0-9a-f]+$/),
      success: false,
      errors: [{ code: '601', message: 'Access token invalid' }],
    });
    expect(errorCode(await rest(emu, '/rest/v1/activities/pagingtoken.json?sinceDatetime=2026-11-01', 'bogus'))).toBe(
      '601',
    );
  });

  it('accepts the token as a header or as the access_token query parameter', async () => {
    const token = await getToken(emu);
    expect((await rest(emu, '/rest/v1/activities/pagingtoken.json?sinceDatetime=2026-11-01', token)).body.success).toBe(
      true,
    );
    const viaQuery = await rest(
      emu,
      `/rest/v1/activities/pagingtoken.json?sinceDatetime=2026-11-01&access_token=${encodeURIComponent(token)}`,
    );
    expect(viaQuery.body).toMatchObject({ success: true, nextPageToken: expect.any(String) });
  });

  it('answers 602 once the token has expired, and a new token request gets a new token', async () => {
    const token = await getToken(emu);
    clock.advance(61_000);
    const expired = await rest(emu, '/rest/v1/activities/pagingtoken.json?sinceDatetime=2026-11-01', token);
    expect(expired.body.errors).toEqual([{ code: '602', message: 'Access token expired' }]);
    const fresh = await getToken(emu);
    expect(fresh).not.toBe(token);
    expect((await rest(emu, '/rest/v1/activities/pagingtoken.json?sinceDatetime=2026-11-01', fresh)).body.success).toBe(
      true,
    );
  });

  it('expireTokens() expires every token at once, for token-expiry-mid-run tests', async () => {
    const token = await getToken(emu);
    emu.expireTokens();
    expect(errorCode(await rest(emu, '/rest/v1/leads.json?filterType=id&filterValues=1001', token))).toBe('602');
    const fresh = await getToken(emu);
    expect(fresh).not.toBe(token);
    expect(errorCode(await rest(emu, '/rest/v1/leads.json?filterType=id&filterValues=1001', fresh))).toBeUndefined();
  });
});
