import { eventKey, type EventIdentity } from './event-key';

const base: EventIdentity = {
  type: 'open',
  leadId: '123',
  email: 'taro@example.co.jp',
  emailName: 'Newsletter 2026-11',
  link: '',
  occurredAt: '2026-11-28T00:15:00.000Z',
};

describe('eventKey', () => {
  it('is 32 lower-case hex characters', () => {
    expect(eventKey(base)).toMatch(/^[0-9a-f]{32}$/);
  });

  // Keys are stored in kintone history rows: changing the derivation would make every replay of an old
  // event look new. These values were computed outside the code (printf '...' | sha256sum).
  it('keeps the v1 derivation (golden values)', () => {
    expect(eventKey(base)).toBe('3b72f9ae057cf9827b22095d24512f2c');
    expect(
      eventKey({
        type: 'click',
        leadId: '',
        email: 'Taro@Example.co.jp',
        emailName: 'Newsletter',
        link: 'https://example.com/a?b=1',
        occurredAt: '2026-11-28T00:15:07.500Z',
      }),
    ).toBe('b5639111031737e85506204215b13a0a');
  });

  it('is stable: the same identity always gets the same key', () => {
    expect(eventKey({ ...base })).toBe(eventKey({ ...base }));
  });

  it.each<[string, Partial<EventIdentity>]>([
    ['type', { type: 'click' }],
    ['leadId', { leadId: '124' }],
    ['emailName', { emailName: 'Newsletter 2026-12' }],
    ['link', { link: 'https://example.com/' }],
    ['occurredAt (another minute)', { occurredAt: '2026-11-28T00:16:00.000Z' }],
    ['occurredAt (another day)', { occurredAt: '2026-11-29T00:15:00.000Z' }],
  ])('changes when %s changes', (_part, change) => {
    expect(eventKey({ ...base, ...change })).not.toBe(eventKey(base));
  });

  it('changes when the email changes and there is no lead id', () => {
    const a = { ...base, leadId: '' };
    expect(eventKey({ ...a, email: 'hanako@example.co.jp' })).not.toBe(eventKey(a));
  });

  it('prefers the lead id: the same lead under a changed email keeps its key', () => {
    expect(eventKey({ ...base, email: 'new-address@example.com' })).toBe(eventKey(base));
    expect(eventKey({ ...base, email: '' })).toBe(eventKey(base));
  });

  it('does not confuse a lead id with an email-only identity', () => {
    expect(eventKey({ ...base, leadId: '' })).not.toBe(eventKey(base));
  });

  it('does not confuse a lead id with an email that looks like it', () => {
    expect(eventKey({ ...base, leadId: '', email: '123' })).not.toBe(eventKey({ ...base, email: '' }));
  });

  it('ignores the case of the email', () => {
    const a = { ...base, leadId: '' };
    expect(eventKey({ ...a, email: 'TARO@EXAMPLE.CO.JP' })).toBe(eventKey({ ...a, email: 'taro@example.co.jp' }));
  });

  it('keeps other parts case-sensitive (email names and links are distinct assets)', () => {
    expect(eventKey({ ...base, emailName: 'NEWSLETTER 2026-11' })).not.toBe(eventKey(base));
    expect(eventKey({ ...base, link: 'https://example.com/A' })).not.toBe(
      eventKey({ ...base, link: 'https://example.com/a' }),
    );
  });

  it('ignores sub-second differences', () => {
    expect(eventKey({ ...base, occurredAt: '2026-11-28T00:15:00.999Z' })).toBe(eventKey(base));
    expect(eventKey({ ...base, occurredAt: '2026-11-28T00:15:00Z' })).toBe(eventKey(base));
  });

  it('does not ignore a difference of one second', () => {
    expect(eventKey({ ...base, occurredAt: '2026-11-28T00:15:01.000Z' })).not.toBe(eventKey(base));
    expect(eventKey({ ...base, occurredAt: '2026-11-28T00:14:59.999Z' })).not.toBe(eventKey(base));
  });

  it('keeps the parts apart: moving text between email name and link changes the key', () => {
    expect(eventKey({ ...base, emailName: 'ab', link: '' })).not.toBe(eventKey({ ...base, emailName: 'a', link: 'b' }));
  });
});
