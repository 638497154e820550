/**
 * The part of a plain-text reply that its writer typed, without what the mail client added below it.
 *
 * 1. Everything from the start of an included original is dropped: "-----Original Message-----",
 *    "-----元のメッセージ-----", "---------- Forwarded message ---------", "Begin forwarded message:", and an
 *    Outlook header block ("From: … / Sent: …", "差出人: … / 送信日時: …", with the "_____" rule above it).
 * 2. What is left is cut at the first quote marker: a line starting with > or ＞, or an attribution line:
 *    "On … wrote:" (also wrapped over two lines), "… wrote:", "2026年11月28日(土) 10:00 山田太郎 <taro@example.jp>:"
 *    (a date first, an address, a colon at the end; also wrapped), "…さんは書きました:".
 *    When nothing is above that marker (an answer written below or between the quotes), the quote and
 *    attribution lines are dropped instead and the rest is kept.
 * 3. A signature is dropped: everything from a line "-- " or "--", or a line of only dashes, ―, ─, ━ or =.
 */
import { cleanText } from './snippet';

const FORWARD_OR_ORIGINAL =
  /^(?:-{2,}\s*(?:original message|元のメッセージ|forwarded message|転送(?:された)?メッセージ)\s*-{2,}|(?:begin forwarded message|転送されたメッセージ)\s*[:：])$/i;
const HEADER_BLOCK_FROM = /^\*?(?:from|差出人|送信者)\*?\s*[:：]/i;
const HEADER_BLOCK_SENT = /^\*?(?:sent|date|送信日時|日付|日時)\*?\s*[:：]/i;
const OUTLOOK_RULE = /^_{10,}$/;
/** How many lines below From: the Sent: line may be (Outlook puts it right below; some put To: in between). */
const HEADER_BLOCK_REACH = 3;

const QUOTE_LINE = /^[>＞]/;
const WROTE = /\bwrote\s*:$/i;
const STARTS_ON = /^on\s/i;
const STARTS_DATE = /^\d{4}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}/;
const ENDS_COLON = /[:：]$/;
const JAPANESE_WROTE = /(?:は|が)書きました\s*[:：]?$/;
/** Attribution lines are short; a longer line that happens to end in "wrote:" is prose. */
const ATTRIBUTION_MAX_LENGTH = 300;

/** Matched against the trimmed line, so "-- " (RFC 3676) and "--" are both found. */
const SIGNATURE_SEPARATOR = /^(?:-{2,}|―{2,}|─{3,}|━{3,}|={3,}|＝{3,})$/;

export function newTextFromPlain(text: string): string {
  const lines = cleanText(text).split('\n');
  const body = lines.slice(0, includedOriginalStart(lines));
  const quoteStart = body.findIndex((_, i) => quoteMarkerLength(body, i) > 0);
  const above = quoteStart < 0 ? body : body.slice(0, quoteStart);
  const kept = above.some((line) => line.trim() !== '') ? above : withoutQuotes(body);
  return withoutSignature(kept).join('\n').trim();
}

function includedOriginalStart(lines: readonly string[]): number {
  const start = lines.findIndex((line, i) => {
    const trimmed = line.trim();
    if (FORWARD_OR_ORIGINAL.test(trimmed) || isHeaderBlock(lines, i)) return true;
    if (!OUTLOOK_RULE.test(trimmed)) return false;
    let next = i + 1;
    while (next < lines.length && lines[next]!.trim() === '') next++;
    return next < lines.length && isHeaderBlock(lines, next);
  });
  return start < 0 ? lines.length : start;
}

function isHeaderBlock(lines: readonly string[], i: number): boolean {
  if (!HEADER_BLOCK_FROM.test(lines[i]!.trim())) return false;
  return lines.slice(i + 1, i + 1 + HEADER_BLOCK_REACH).some((line) => HEADER_BLOCK_SENT.test(line.trim()));
}

/** How many lines the quote line or attribution starting at line i spans: 0 when there is none. */
function quoteMarkerLength(lines: readonly string[], i: number): number {
  const line = lines[i]!.trim();
  if (QUOTE_LINE.test(line)) return 1;
  if (line.length > ATTRIBUTION_MAX_LENGTH) return 0;
  const next = (lines[i + 1] ?? '').trim();
  if (STARTS_ON.test(line) && !WROTE.test(line) && WROTE.test(next) && next.length <= ATTRIBUTION_MAX_LENGTH) return 2;
  if (WROTE.test(line) || JAPANESE_WROTE.test(line)) return 1;
  if (!STARTS_DATE.test(line)) return 0;
  if (ENDS_COLON.test(line)) return line.includes('@') ? 1 : 0;
  return ENDS_COLON.test(next) && `${line}${next}`.includes('@') && next.length <= ATTRIBUTION_MAX_LENGTH ? 2 : 0;
}

function withoutQuotes(lines: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const length = quoteMarkerLength(lines, i);
    if (length === 0) kept.push(lines[i]!);
    else i += length - 1;
  }
  return kept;
}

function withoutSignature(lines: readonly string[]): readonly string[] {
  const separator = lines.findIndex((line) => SIGNATURE_SEPARATOR.test(line.trim()));
  return separator < 0 ? lines : lines.slice(0, separator);
}
