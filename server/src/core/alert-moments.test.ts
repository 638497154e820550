import type { AlertSettings } from '../../../contract/src/config';
import { makeEvent } from '../../../test/support/events';
import { alertMoments, alertText, ownerCodes, scoreWritten } from './alert-moments';

const settings: AlertSettings = {
  ownerField: 'owner',
  onReply: true,
  onForm: true,
  clickPages: ['/pricing'],
  visitPages: ['example.com/demo'],
  scoreThreshold: 50,
  perRecordPerDay: 1,
  language: 'en',
};

const click = (link: string, overrides = {}) =>
  makeEvent({ type: 'click', link, emailName: 'Product Update Q4', ...overrides });

describe('alertMoments', () => {
  it('alerts a click on a link whose host + path contains a click pattern, any case, query ignored', () => {
    const input = (link: string) => ({ written: [click(link)], oldScore: 10, newScore: 12 });
    expect(alertMoments(input('https://www.example.com/Pricing/enterprise?utm=x'), settings)).toEqual([
      { kind: 'click', event: expect.objectContaining({ type: 'click' }) },
    ]);
    expect(alertMoments(input('https://www.example.com/blog?next=/pricing'), settings)).toEqual([]);
    expect(alertMoments(input('https://www.example.com/pricing'), { ...settings, clickPages: [] })).toEqual([]);
  });

  it('alerts a visit to a visit pattern, a form fill and a reply when switched on, and nothing else', () => {
    const written = [
      makeEvent({ type: 'visit', link: 'https://example.com/demo/book' }),
      makeEvent({ type: 'visit', link: 'https://example.com/careers' }),
      makeEvent({ type: 'form', link: 'https://example.com/contact', formName: 'Contact us' }),
      makeEvent({ type: 'reply', snippet: 'Can we talk on Monday?' }),
      makeEvent({ type: 'open' }),
      makeEvent({ type: 'unsubscribe' }),
    ];
    expect(alertMoments({ written, oldScore: 0, newScore: 20 }, settings).map((m) => m.kind)).toEqual([
      'reply',
      'form',
      'visit',
    ]);
    const off = { ...settings, onReply: false, onForm: false, visitPages: [] };
    expect(alertMoments({ written, oldScore: 0, newScore: 20 }, off)).toEqual([]);
  });

  it('makes one moment of several events of a kind: the latest', () => {
    const early = click('https://example.com/pricing', { occurredAt: '2026-11-20T01:00:00.000Z', campaign: 'a' });
    const late = click('https://example.com/pricing/plans', { occurredAt: '2026-11-20T02:00:00.000Z', campaign: 'b' });
    const moments = alertMoments({ written: [late, early], oldScore: undefined, newScore: undefined }, settings);
    expect(moments).toEqual([{ kind: 'click', event: late }]);
  });

  it('never alerts for bot activity, not even the score a bot moved', () => {
    const bot = click('https://example.com/pricing', { isBot: true });
    expect(alertMoments({ written: [bot], oldScore: 40, newScore: 60 }, settings)).toEqual([]);
  });

  it('alerts the score only when it reaches the threshold from below in this write', () => {
    const open = makeEvent({ type: 'open' });
    const kinds = (oldScore: number | undefined, newScore: number | undefined) =>
      alertMoments({ written: [open], oldScore, newScore }, settings).map((m) => m.kind);
    expect(kinds(49, 50)).toEqual(['score']);
    expect(kinds(undefined, 72)).toEqual(['score']);
    expect(kinds(50, 60)).toEqual([]);
    expect(kinds(30, 49)).toEqual([]);
    expect(kinds(30, undefined)).toEqual([]);
    expect(
      alertMoments({ written: [open], oldScore: 10, newScore: 90 }, { ...settings, scoreThreshold: undefined }),
    ).toEqual([]);
    // Nothing written, nothing to alert, whatever the numbers.
    expect(alertMoments({ written: [], oldScore: 10, newScore: 90 }, settings)).toEqual([]);
  });
});

describe('alertText', () => {
  const pricing = click('https://www.example.com/pricing?utm_source=mail');

  it('says a click in English and in Japanese, with the score', () => {
    expect(alertText([{ kind: 'click', event: pricing }], 'en', 72)).toBe(
      "🔥 Clicked /pricing in 'Product Update Q4' (score 72)",
    );
    expect(alertText([{ kind: 'click', event: pricing }], 'ja', 72)).toBe(
      '🔥 『Product Update Q4』の /pricing をクリック (スコア 72)',
    );
  });

  it('puts one line per moment, and leaves the score out when the app maps none', () => {
    const reply = makeEvent({ type: 'reply', emailName: 'Webinar', snippet: 'Yes,\n  please call me.' });
    const form = makeEvent({ type: 'form', formName: 'Request a demo', link: 'https://example.com/demo' });
    const visit = makeEvent({ type: 'visit', link: 'https://example.com/demo/book' });
    const moments = [
      { kind: 'reply' as const, event: reply },
      { kind: 'form' as const, event: form },
      { kind: 'visit' as const, event: visit },
    ];
    expect(alertText(moments, 'en', undefined).split('\n')).toEqual([
      `💬 Replied to 'Webinar': "Yes, please call me."`,
      "📝 Filled out form 'Request a demo' on /demo",
      '👀 Visited /demo/book',
    ]);
    expect(alertText(moments, 'ja', undefined).split('\n')).toEqual([
      '💬 『Webinar』に返信: 「Yes, please call me.」',
      '📝 フォーム『Request a demo』を送信 (/demo)',
      '👀 /demo/book を閲覧',
    ]);
    expect(alertText([{ kind: 'score' }], 'en', 55)).toBe('📈 Engagement score reached 55');
    expect(alertText([{ kind: 'score' }], 'ja', 55)).toBe('📈 エンゲージメントスコアが 55 に到達');
  });

  it('shortens a long reply and names a page without a path by its host', () => {
    const long = makeEvent({ type: 'reply', emailName: '', snippet: 'x'.repeat(200) });
    const line = alertText([{ kind: 'reply', event: long }], 'en', undefined);
    expect([...line.split(': "')[1]!.replace(/"$/, '')]).toHaveLength(120);
    expect(line.endsWith('…"')).toBe(true);
    expect(
      alertText([{ kind: 'visit', event: makeEvent({ type: 'visit', link: 'https://shop.example.com/' }) }], 'en', 3),
    ).toBe('👀 Visited shop.example.com (score 3)');
  });
});

describe('ownerCodes and scoreWritten', () => {
  it('reads the users of a USER_SELECT value, at most 10, each once', () => {
    const users = Array.from({ length: 12 }, (_, i) => ({ code: `u${i}`, name: `User ${i}` }));
    expect(ownerCodes({ owner: { type: 'USER_SELECT', value: [users[0], users[0], users[1]] } }, 'owner')).toEqual([
      'u0',
      'u1',
    ]);
    expect(ownerCodes({ owner: { type: 'USER_SELECT', value: users } }, 'owner')).toHaveLength(10);
    expect(ownerCodes({ owner: { type: 'USER_SELECT', value: [] } }, 'owner')).toEqual([]);
    expect(ownerCodes({}, 'owner')).toEqual([]);
  });

  it('reads the score an update writes, and nothing when it leaves the field alone', () => {
    expect(scoreWritten({ mkto_score: { value: '72' } }, 'mkto_score')).toBe(72);
    expect(scoreWritten({ mkto_score: { value: 64 } }, 'mkto_score')).toBe(64);
    expect(scoreWritten({ other: { value: '1' } }, 'mkto_score')).toBeUndefined();
    expect(scoreWritten({ mkto_score: { value: '' } }, 'mkto_score')).toBeUndefined();
    expect(scoreWritten(undefined, 'mkto_score')).toBeUndefined();
    expect(scoreWritten({ mkto_score: { value: '72' } }, undefined)).toBeUndefined();
  });
});
