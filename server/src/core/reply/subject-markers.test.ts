import { autoReplyMarker, isDeliveryFailureSubject } from './subject-markers';

describe('autoReplyMarker', () => {
  it.each([
    ['Automatic reply: Start your free trial', 'Automatic reply:'],
    ['Out of Office: Start your free trial', 'Out of Office:'],
    ['Out of the office', 'Out of the office'],
    ['Out of Office', 'Out of Office'],
    ['Auto: Webinar: Sales DX in 30 minutes', 'Auto:'],
    ['AutoReply: November news', 'AutoReply:'],
    ['Auto-Response: November news', 'Auto-Response:'],
    ['Autoreply', 'Autoreply'],
    ['[Auto-Reply] November news', '[Auto-Reply]'],
    ['自動返信：年末キャンペーンのご案内', '自動返信：'],
    ['自動応答: 年末キャンペーンのご案内', '自動応答:'],
    ['【自動返信】年末キャンペーンのご案内', '【自動返信】'],
    ['［不在通知］年末キャンペーンのご案内', '［不在通知］'],
    ['不在のお知らせ（12月29日～1月5日）', '不在'],
    ['休暇のため返信が遅れます', '休暇'],
    ['  Automatic reply: padded', 'Automatic reply:'],
  ])('finds a marker in %p', (subject, marker) => {
    expect(autoReplyMarker(subject)).toBe(marker);
  });

  it.each([
    ['Re: Automatic reply: Start your free trial', 'Automatic reply:'],
    ['RE: 【自動返信】年末キャンペーンのご案内', '【自動返信】'],
    ['返信: 自動返信: 年末キャンペーンのご案内', '自動返信:'],
    ['AW: Re[2]: Out of Office: Start your free trial', 'Out of Office:'],
    ['Re：［不在］年末キャンペーンのご案内', '［不在］'],
  ])('finds a marker with a colon or brackets behind reply prefixes in %p', (subject, marker) => {
    expect(autoReplyMarker(subject)).toBe(marker);
  });

  it.each([
    ['a human reply', 'Re: Webinar: Sales DX in 30 minutes'],
    ['a reply to our email about holidays', 'Re: 休暇シーズンのご案内'],
    ['a reply to our email about being away', 'RE: 不在時も安心のクラウド電話'],
    ['a reply to an email titled Out of office', 'Re: Out of office? Take your CRM with you'],
    ['a word that only starts like a marker', 'Automobile fleet pricing'],
    ['an auto word in the middle', 'Re: Our auto-reply rules'],
    ['a forwarded auto-reply, forwarded by a person', 'Fwd: Automatic reply: Start your free trial'],
    ['an empty subject', ''],
  ])('finds none in %s', (_, subject) => {
    expect(autoReplyMarker(subject)).toBeUndefined();
  });
});

describe('isDeliveryFailureSubject', () => {
  it.each([
    'Undelivered Mail Returned to Sender',
    'Undeliverable: Start your free trial',
    'Delivery Status Notification (Failure)',
    'Mail delivery failed: returning message to sender',
    'failure notice',
    'Returned mail: see transcript for details',
    'Mail System Error - Returned Mail',
    'Delivery has failed to these recipients or groups',
    '配信不能: 年末キャンペーンのご案内',
    '配信エラー',
    '【送信エラー】メールを送信できませんでした',
    '宛先不明のため返送されました',
  ])('recognises %p', (subject) => {
    expect(isDeliveryFailureSubject(subject)).toBe(true);
  });

  it.each(['Re: Webinar: Sales DX in 30 minutes', 'Automatic reply: Start your free trial', '不在のお知らせ', ''])(
    'does not take %p for one',
    (subject) => {
      expect(isDeliveryFailureSubject(subject)).toBe(false);
    },
  );
});
