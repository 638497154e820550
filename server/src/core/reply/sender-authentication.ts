/**
 * Who really sent a received message, as far as SES's verdicts prove it. Any header can be forged; SES checks SPF
 * (for the envelope sender, MAIL FROM), DKIM and DMARC (for the From domain). Only an address whose domain passed
 * counts as authenticated:
 * - DMARC PASS: the From address (its domain is aligned with a passing SPF or DKIM check).
 * - DMARC FAIL: nobody; the From domain's owner says the message is not theirs.
 * - otherwise (the domain publishes no DMARC, or SES could not check it), with SPF PASS: the envelope sender, and the
 *   From address only when its domain is the envelope sender's or a parent or child of it (relaxed alignment, done
 *   here as DMARC would). DKIM PASS alone proves nothing usable: SES does not say for which domain the signature was.
 */
export interface SesVerdicts {
  spf: string;
  dkim: string;
  dmarc: string;
}

export type SenderAuthentication = { ok: true; address: string } | { ok: false; reason: string };

export function authenticatedSender(
  verdicts: SesVerdicts,
  envelopeFrom: string,
  headerFrom: string,
): SenderAuthentication {
  const envelope = envelopeFrom.trim().toLowerCase();
  const from = headerFrom.trim().toLowerCase();
  if (verdicts.dmarc === 'FAIL')
    return { ok: false, reason: 'DMARC FAIL: the From domain does not vouch for the message' };
  if (verdicts.dmarc === 'PASS' && from) return { ok: true, address: from };
  if (verdicts.spf !== 'PASS') {
    return {
      ok: false,
      reason:
        verdicts.dkim === 'PASS'
          ? 'only DKIM passed, and without DMARC nothing says which domain signed'
          : 'neither SPF nor DMARC passed',
    };
  }
  if (!envelope) return { ok: false, reason: 'SPF passed for an empty envelope sender' };
  if (from && aligned(domainOf(from), domainOf(envelope))) return { ok: true, address: from };
  return { ok: true, address: envelope };
}

/** Whether the authenticated address may speak for the customer: the same address, or one of the same domain. */
export function speaksFor(authenticated: string, customer: string): boolean {
  const a = authenticated.trim().toLowerCase();
  const c = customer.trim().toLowerCase();
  return a === c || (domainOf(a) !== '' && domainOf(a) === domainOf(c));
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1);
}

function aligned(a: string, b: string): boolean {
  return a !== '' && b !== '' && (a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`));
}
