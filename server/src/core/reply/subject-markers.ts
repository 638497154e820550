/**
 * What a subject says about the message: whether an auto-responder wrote it, whether it reports a failed delivery.
 *
 * Auto-reply markers are looked for only at the start of the subject, in two strengths:
 * - a marker with a colon or in brackets ("Automatic reply:", "Auto:", "自動返信：", "[Auto-Reply]", "【不在】")
 *   also counts behind reply prefixes ("Re: 【自動返信】…"), because a responder may answer with "Re: <subject>"
 *   and put its marker after that;
 * - a bare marker ("Out of Office", "不在のお知らせ", "休暇のため…") counts only at the very start, because
 *   behind "Re:" it is the subject of our own email being answered ("Re: 休暇シーズンのご案内" is a human).
 */

/** Re:, RE:, AW: (German), SV:/VS: (Nordic), Antw: (Dutch), 返信:, also Re[2]: and full-width colons, repeated. */
const REPLY_PREFIXES = /^(?:(?:re|aw|sv|vs|antw|返信)(?:\[\d+\])?\s*[:：]\s*)+/i;

const ENGLISH_MARKER = String.raw`out of (?:the )?office|automatic reply|auto[- ]?reply|auto[- ]?response`;
const JAPANESE_MARKER = '自動返信|自動応答|不在|休暇';

const MARKER_WITH_COLON = new RegExp(
  String.raw`^(?:(?:${ENGLISH_MARKER}|auto)\s*[:：]|(?:${JAPANESE_MARKER})[^:：\s]{0,10}[:：])`,
  'i',
);
const MARKER_IN_BRACKETS = new RegExp(
  String.raw`^[\[【［(（<〈]\s*(?:${ENGLISH_MARKER}|${JAPANESE_MARKER})[^\]】］)）>〉]{0,20}[\]】］)）>〉]`,
  'i',
);
const BARE_MARKER = new RegExp(String.raw`^(?:${ENGLISH_MARKER}|${JAPANESE_MARKER})`, 'i');

/** The auto-reply marker the subject starts with, as written, or undefined. */
export function autoReplyMarker(subject: string): string | undefined {
  const trimmed = subject.trim();
  const behindPrefixes = trimmed.replace(REPLY_PREFIXES, '');
  const strong = MARKER_WITH_COLON.exec(behindPrefixes) ?? MARKER_IN_BRACKETS.exec(behindPrefixes);
  return (strong ?? BARE_MARKER.exec(trimmed))?.[0];
}

/**
 * Subjects that mail systems give non-delivery reports: Postfix, Exim, Sendmail, qmail, Exchange, Gmail and the
 * Japanese ones. Only used together with a sender that is a mail system (MAILER-DAEMON, an empty Return-Path),
 * never alone, since a person may write "the invoice could not be delivered".
 */
const DELIVERY_FAILURE =
  /undeliver|non-?delivery|delivery (?:status notification|failure|has failed|failed|notification)|mail delivery (?:failed|failure|system)|failure notice|returned mail|returned to sender|could not be delivered|配信(?:不能|エラー|できません|失敗)|送信(?:エラー|できません|失敗)|宛先不明|不達|エラーメール/i;

export function isDeliveryFailureSubject(subject: string): boolean {
  return DELIVERY_FAILURE.test(subject);
}
