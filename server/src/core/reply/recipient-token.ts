/**
 * The Marketo lead id carried in the address a reply was sent to. Each email's Reply-To is
 * `<local>+{{lead.Id}}@<domain>` (e.g. reply+1001@replies.example.com), so the first address of that shape names
 * the lead. Addresses are tried in the order given; one whose token is not all digits is not ours and is skipped.
 */
const TOKEN_ADDRESS = /^[^\s@<>+]+(?:\+[^\s@<>+]*)*\+(\d{1,18})@[^\s@<>]+$/;

export function leadIdFromAddresses(addresses: readonly string[]): string {
  for (const address of addresses) {
    const match = TOKEN_ADDRESS.exec(address.trim().replace(/^<(.*)>$/, '$1'));
    if (match) return match[1]!;
  }
  return '';
}
