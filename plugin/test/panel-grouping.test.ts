/** The panel's pure reading aids: link cleaning, collapsed opens, the by-email grouping and the headline's choice. */
import type { EventType } from '../../contract/src/events';
import { collapseOpens, groupByEmail, replyBase } from '../src/panel/grouping';
import { chooseHeadline } from '../src/panel/headline';
import { cleanLink } from '../src/panel/links';
import type { HistoryRow } from '../src/panel/model';

const NOW = Date.UTC(2026, 11, 2, 7, 0);
const MIN = 60_000;

function row(minutesAgo: number, type: EventType, extra: Partial<HistoryRow> = {}): HistoryRow {
  return {
    at: NOW - minutesAgo * MIN,
    type,
    rawType: type,
    emailName: 'Product Update Q4',
    subject: 'What’s new in Q4',
    snippet: '',
    link: '',
    campaign: '',
    formName: '',
    ...extra,
  };
}

describe('cleanLink', () => {
  it('shows host and path without utm_* and other tracking parameters', () => {
    expect(
      cleanLink('https://www.example.com/pricing?utm_source=marketo&utm_medium=email&mkt_tok=ABC123#plans'),
    ).toEqual({ text: 'example.com/pricing', short: '/pricing' });
    expect(cleanLink('https://example.com/webinar?utm_source=marketo&session=2&gclid=x&fbclid=y')).toEqual({
      text: 'example.com/webinar?session=2',
      short: '/webinar?session=2',
    });
    expect(cleanLink('https://example.co.jp/?utm_campaign=q4')).toEqual({
      text: 'example.co.jp',
      short: 'example.co.jp',
    });
    expect(cleanLink('https://example.jp/%E6%96%99%E9%87%91/')).toEqual({ text: 'example.jp/料金', short: '/料金' });
  });

  it('leaves what is not a web link as it is', () => {
    expect(cleanLink('javascript:alert(2)')).toEqual({ text: 'javascript:alert(2)', short: 'javascript:alert(2)' });
    expect(cleanLink('not a url')).toEqual({ text: 'not a url', short: 'not a url' });
  });
});

describe('collapseOpens', () => {
  it('collapses opens of one email within 30 minutes into one item with a count', () => {
    const rows = [row(9, 'open'), row(12, 'open'), row(18, 'open'), row(22, 'open'), row(200, 'open')];
    const items = collapseOpens(rows);
    expect(items.map((i) => i.count)).toEqual([4, 1]);
    expect(items[0]?.row).toBe(rows[0]);
    expect(items[0]?.firstAt).toBe(NOW - 22 * MIN);
  });

  it('keeps opens of other emails, and opens with a click between them, apart', () => {
    const rows = [row(1, 'open'), row(2, 'open', { emailName: 'Newsletter' }), row(3, 'click'), row(4, 'open')];
    expect(collapseOpens(rows).map((i) => i.count)).toEqual([1, 1, 1, 1]);
  });
});

describe('groupByEmail', () => {
  it('gives one entry per email, newest first, with opens, links, replies and the campaign only when it differs', () => {
    const rows = [
      row(7, 'click', { link: 'https://example.com/pricing?utm_source=m' }),
      row(9, 'open'),
      row(12, 'open'),
      row(180, 'reply', { emailName: '', subject: 'Re: 東京イベント', snippet: 'はい' }),
      row(300, 'open', { emailName: 'Tokyo', subject: '東京イベント', campaign: 'Tokyo Expo Follow-up' }),
      row(400, 'send', { emailName: 'Tokyo', subject: '東京イベント', campaign: 'Tokyo Expo Follow-up' }),
      row(500, 'open', { campaign: 'Product Update Q4' }),
    ];
    const emails = groupByEmail(rows, () => false);
    expect(emails.map((e) => e.key)).toEqual(['Product Update Q4', 'Tokyo']);
    const [q4, tokyo] = emails;
    expect(q4).toMatchObject({ opens: 3, clicks: 1, campaign: '', firstOpened: NOW - 500 * MIN });
    expect(q4?.links).toEqual([{ link: 'https://example.com/pricing?utm_source=m', count: 1, last: NOW - 7 * MIN }]);
    expect(tokyo).toMatchObject({
      opens: 1,
      replies: 1,
      sent: NOW - 400 * MIN,
      campaign: 'Tokyo Expo Follow-up',
      last: NOW - 180 * MIN,
    });
  });

  it('leaves out the trigger campaign that recorded a row, and gives an unmatched reply its own entry', () => {
    const rows = [
      row(1, 'open', { campaign: 'kintone: Opens Email' }),
      row(2, 'reply', { emailName: '', subject: 'Re: Hello' }),
    ];
    const emails = groupByEmail(rows, (c) => c.startsWith('kintone:'));
    expect(emails.map((e) => [e.key, e.campaign, e.replies])).toEqual([
      ['Product Update Q4', '', 0],
      ['reply:Hello', '', 1],
    ]);
  });

  it('leaves out web visits and form fills, which belong to no email', () => {
    const web = { emailName: '', subject: '', link: 'https://example.com/pricing' };
    const rows = [row(1, 'visit', web), row(2, 'form', { ...web, formName: 'Contact us' }), row(3, 'open')];
    const emails = groupByEmail(rows, () => false);
    expect(emails.map((e) => [e.key, e.rows])).toEqual([['Product Update Q4', 1]]);
  });

  it('strips reply prefixes', () => {
    expect(replyBase('Re: RE: Fwd: Hello')).toBe('Hello');
    expect(replyBase('返信: 東京イベント')).toBe('東京イベント');
  });
});

describe('chooseHeadline', () => {
  it('names the newest click or reply over newer opens', () => {
    const rows = [
      row(5, 'open'),
      row(7, 'click', { link: 'https://example.com/pricing' }),
      row(180, 'reply'),
      row(200, 'open'),
    ];
    expect(chooseHeadline({ rows, bounceStands: false })).toMatchObject({ type: 'click', row: rows[1] });
  });

  it('names a form fill over newer visits and opens, and a visit over newer opens', () => {
    const web = { emailName: '', subject: '', link: 'https://example.com/contact' };
    const form = row(60, 'form', { ...web, formName: 'Contact us' });
    expect(chooseHeadline({ rows: [row(5, 'open'), row(10, 'visit', web), form], bounceStands: false })).toMatchObject({
      type: 'form',
      row: form,
    });
    const visit = row(10, 'visit', web);
    expect(chooseHeadline({ rows: [row(5, 'open'), visit, row(60, 'open')], bounceStands: false })?.row).toBe(visit);
  });

  it('names the newest of a click, a reply and a form fill; the click over the visit its link recorded', () => {
    const web = { emailName: '', subject: '', link: 'https://example.com/pricing' };
    const click = row(2, 'click', { link: 'https://example.com/pricing?mkt_tok=x' });
    expect(
      chooseHeadline({ rows: [row(1, 'visit', web), click, row(30, 'form', web)], bounceStands: false })?.row,
    ).toBe(click);
    expect(chooseHeadline({ rows: [row(1, 'form', web), click], bounceStands: false })?.type).toBe('form');
    expect(chooseHeadline({ rows: [row(1, 'reply'), row(2, 'form', web)], bounceStands: false })?.type).toBe('reply');
  });

  it('counts the opens of the same burst', () => {
    const rows = [row(9, 'open'), row(12, 'open'), row(18, 'open'), row(60 * 24, 'delivered')];
    expect(chooseHeadline({ rows, bounceStands: false })).toMatchObject({ type: 'open', count: 3 });
  });

  it('says an unsubscribe, and a standing bounce, first; a contradicted bounce not at all', () => {
    const bounce = [row(5, 'open'), row(60, 'bounce')];
    expect(chooseHeadline({ rows: bounce, bounceStands: true })?.type).toBe('bounce');
    expect(chooseHeadline({ rows: bounce, bounceStands: false })?.type).toBe('open');
    expect(chooseHeadline({ rows: [row(1, 'click'), row(90, 'unsubscribe')], bounceStands: false })?.type).toBe(
      'unsubscribe',
    );
  });

  it('looks only at the 30 days before the newest row', () => {
    const rows = [row(5, 'open'), row(40 * 24 * 60, 'click')];
    expect(chooseHeadline({ rows, bounceStands: false })?.type).toBe('open');
    expect(chooseHeadline({ rows: [], bounceStands: false })).toBeUndefined();
  });
});
