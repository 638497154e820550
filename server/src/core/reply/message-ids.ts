/**
 * The message ids in a Message-ID, In-Reply-To or References header, without their angle brackets, in order.
 * Ids are taken from between < and >, so the phrases and comments older mailers put around them are ignored;
 * a header with no bracketed id at all falls back to its bare words that look like one (contain an @).
 */
export function messageIds(value: string): string[] {
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]!);
  if (bracketed.length > 0) return bracketed;
  return value.split(/[\s,]+/).filter((word) => /^[^@<>()"]+@[^@<>()"]+$/.test(word));
}
