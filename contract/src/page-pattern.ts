/**
 * Page patterns: which visited pages (and clicked links) matter. A pattern matches a page when the page's host + path,
 * in any letter case, contains it: "/pricing" matches https://www.example.com/pricing/enterprise?utm=x, and
 * "example.com/products" matches every products page of example.com. Scheme, port, query and fragment never take part,
 * so a tracking parameter cannot make a page match. Shared by the writer (which records only matching visits), the
 * reconciliation (which queues only those), the alerts and the record panel.
 */

/**
 * A page address as host + path, lower case: "https://WWW.Example.com:443/Pricing?x=1#top" → "www.example.com/pricing".
 * Accepts what Marketo sends: full URLs, host + path without a scheme ("www.example.com/pricing") and paths alone
 * ("/pricing", which stays a path).
 */
export function pageOf(address: string): string {
  const withoutScheme = address.trim().replace(/^[a-z][a-z\d+.-]*:\/\//i, '');
  const beforeQuery = withoutScheme.split(/[?#]/, 1)[0] ?? '';
  const slash = beforeQuery.indexOf('/');
  const authority = slash === -1 ? beforeQuery : beforeQuery.slice(0, slash);
  const path = slash === -1 ? '' : beforeQuery.slice(slash);
  const host = authority.replace(/^[^@]*@/, '').replace(/:\d*$/, '');
  return `${host}${path}`.toLowerCase();
}

/** The patterns as matching compares them: trimmed, lower case, blanks dropped. */
export function normalisePatterns(patterns: readonly string[]): string[] {
  return patterns.map((p) => p.trim().toLowerCase()).filter((p) => p.length > 0);
}

/** Whether the page's host + path contains one of the patterns; no patterns match nothing. */
export function pageMatches(address: string, patterns: readonly string[]): boolean {
  const page = pageOf(address);
  if (page === '') return false;
  return normalisePatterns(patterns).some((pattern) => page.includes(pattern));
}
