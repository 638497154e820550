import { MAX_SNIPPET_LENGTH } from '../../../../contract/src/events';

const ELLIPSIS = '…';

/**
 * Text as a mail body or header decodes it, made safe to show and to match line by line: every line break is
 * \n, tabs and other spacing controls are spaces, and the remaining control characters and the invisible
 * zero-width and direction marks (which would hide a ">" at the start of a line from the quote rules) are gone.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\v\f\u0085\u2028\u2029]/g, ' ')
    .replace(
      // eslint-disable-next-line no-control-regex -- removing control characters is what this line is for.
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g,
      '',
    );
}

/**
 * At most max UTF-16 code units (so at most max characters however they are counted), ending in … when cut,
 * never splitting a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - ELLIPSIS.length;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, end).trimEnd() + ELLIPSIS;
}

/** The new text of a reply as one line for a kintone field: whitespace runs are one space, at most 200 characters. */
export function toSnippet(newText: string): string {
  return truncate(cleanText(newText).replace(/\s+/g, ' ').trim(), MAX_SNIPPET_LENGTH);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
