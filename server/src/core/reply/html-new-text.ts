/**
 * The part of an HTML reply that its writer typed. Mail clients mark what they include below the new text:
 * quoted history is a <blockquote> (Apple Mail and Thunderbird: blockquote type=cite), Gmail wraps it with the
 * attribution in div.gmail_quote, Thunderbird puts the attribution in div.moz-cite-prefix, and Outlook starts
 * the included original with #appendonsend / #divRplyFwdMsg (#mail-editor-reference-message-container in the
 * new Outlook) and leaves everything after that unmarked, so the HTML is cut there. Signatures in
 * .gmail_signature and .moz-signature go too. The rest becomes text and gets the plain-text rules, which catch
 * what clients leave unmarked (Apple Mail's "On … wrote:", Outlook desktop's "From: … Sent: …" block).
 */
import { compile } from 'html-to-text';
import { newTextFromPlain } from './plain-new-text';

const OUTLOOK_ORIGINAL =
  /<[a-z][^<>]*?\sid\s*=\s*["']?(?:divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)\b/i;

/** Far deeper than mail clients nest their HTML; what lies below is left out (as "..."). */
const MAX_DEPTH = 200;

const SKIPPED = [
  'head',
  'style',
  'script',
  'img',
  'blockquote',
  '.gmail_quote',
  '.gmail_signature',
  '.gmail_signature_prefix',
  '.moz-cite-prefix',
  '.moz-signature',
  '.yahoo_quoted',
];

const toText = compile({
  wordwrap: false,
  // The converter recurses per element; without a limit a few thousand nested tags overflow the stack.
  limits: { maxDepth: MAX_DEPTH },
  selectors: [
    ...SKIPPED.map((selector) => ({ selector, format: 'skip' })),
    { selector: 'a', options: { ignoreHref: true } },
    // A rule would come out as a line of dashes, which the plain-text rules take for a signature separator.
    { selector: 'hr', format: 'block' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', options: { uppercaseHeaderCells: false } },
  ],
});

export function newTextFromHtml(html: string): string {
  const originalStart = html.search(OUTLOOK_ORIGINAL);
  return newTextFromPlain(toText(originalStart < 0 ? html : html.slice(0, originalStart)));
}
