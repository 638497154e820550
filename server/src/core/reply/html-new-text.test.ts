import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { newTextFromHtml } from './html-new-text';
import { newTextFromPlain } from './plain-new-text';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const newText = (html: string) => oneLine(newTextFromHtml(html));

describe('newTextFromHtml', () => {
  it('drops a Gmail quote with its attribution, and the Gmail signature', () => {
    const html =
      '<div dir="ltr">Yes, 20 seats.<div><br></div><span class="gmail_signature_prefix">-- </span><br>' +
      '<div class="gmail_signature">Jane Doe<br>Customer Inc.</div></div><br>' +
      '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Fri, Nov 27, 2026 at 9:00 AM Example Cloud wrote:<br></div>' +
      '<blockquote class="gmail_quote">Would you like a quote?</blockquote></div>';
    expect(newText(html)).toBe('Yes, 20 seats.');
  });

  it('drops Apple Mail quotes and catches its unmarked attribution with the plain-text rules', () => {
    const html =
      '<html><body><div>Yes, 20 seats.</div><div><br><blockquote type="cite"><div>Would you like a quote?</div></blockquote></div>' +
      '<div>On Nov 27, 2026, at 10:00, Example Cloud &lt;news@example.com&gt; wrote:</div>' +
      '<blockquote type="cite">Would you like a quote?</blockquote></body></html>';
    expect(newText(html)).toBe('Yes, 20 seats.');
  });

  it('drops the Thunderbird attribution, quote and signature', () => {
    const html =
      '<p>Yes, 20 seats.</p><div class="moz-signature">-- <br>Jane</div>' +
      '<div class="moz-cite-prefix">Example Cloud さんは書きました:<br></div><blockquote type="cite">Would you like a quote?</blockquote>';
    expect(newText(html)).toBe('Yes, 20 seats.');
  });

  it.each(['divRplyFwdMsg', 'appendonsend', 'mail-editor-reference-message-container'])(
    "drops everything from Outlook's #%s on, marked or not",
    (id) => {
      const html =
        `<html><body><div>Yes, 20 seats.</div><div id="${id}" dir="ltr"><b>From:</b> Example Cloud</div>` +
        '<div>Would you like a quote?</div><p>Example Cloud</p></body></html>';
      expect(newText(html)).toBe('Yes, 20 seats.');
    },
  );

  it('catches an Outlook desktop header block with the plain-text rules', () => {
    const html =
      '<div class="WordSection1"><p class="MsoNormal">Yes, 20 seats.</p>' +
      '<div style="border:none;border-top:solid #E1E1E1 1.0pt"><p class="MsoNormal"><b>From:</b> Example Cloud &lt;news@example.com&gt;<br>' +
      '<b>Sent:</b> Friday, November 27, 2026 10:00 AM<br><b>Subject:</b> Start</p></div><p>Would you like a quote?</p></div>';
    expect(newText(html)).toBe('Yes, 20 seats.');
  });

  it('gives the words of links, images, headings and rules as written, without URLs or styles', () => {
    const html =
      '<style>p { color: red }</style><h2>Order</h2><p>See <a href="https://example.com/po">our order</a>' +
      '<img src="cid:logo" alt="Logo">.</p><hr><p>Thanks &amp; regards,&nbsp;Jane</p>';
    expect(newText(html)).toBe('Order See our order. Thanks & regards, Jane');
  });

  it('reads HTML nested as deep as mail clients go, and leaves out what lies thousands of tags deep', () => {
    expect(newText(`<p>Yes, 20 seats.</p>${'<div>'.repeat(150)}Jane`)).toBe('Yes, 20 seats. Jane');
    expect(newText(`<p>Yes, 20 seats.</p>${'<div>'.repeat(5000)}Jane`)).toBe('Yes, 20 seats. ...');
  });

  it('gives nothing for HTML without text', () => {
    expect(newText('<html><body><blockquote>Would you like a quote?</blockquote></body></html>')).toBe('');
    expect(newText('')).toBe('');
  });
});

describe('newTextFromHtml on the corpus', () => {
  it.each(['03-outlook-alternative.eml', '08a-outlook-out-of-office.eml', '10-attachment-pdf.eml'])(
    'finds in the HTML of %s the same new text as in its text part',
    async (file) => {
      const mail = await simpleParser(readFileSync(join(__dirname, '../../../../test/fixtures/replies', file)));
      if (typeof mail.html !== 'string' || mail.text === undefined)
        throw new Error(`${file} has no HTML and text alternatives`);
      const fromText = oneLine(newTextFromPlain(mail.text));
      expect(fromText).not.toBe('');
      expect(newText(mail.html)).toBe(fromText);
    },
  );
});
