/**
 * Links as a salesperson reads them: host and path, without the tracking parameters Marketo and ad platforms add
 * (utm_* and the others below); the full link stays in the title and the href.
 */

/** Query parameters that say how the reader arrived, not where: Marketo's mkt_tok, Google's, Meta's, HubSpot's… */
const TRACKING =
  /^(utm_.*|mkt_tok|gclid|gbraid|wbraid|dclid|fbclid|msclkid|yclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi|_ga|_gl)$/i;

export interface CleanLink {
  /** host (without "www.") and path, then any parameter that is not tracking; or the raw text when it is no URL */
  text: string;
  /** the path alone ("/pricing"), or the host when the path is "/"; for a sentence */
  short: string;
}

export function cleanLink(raw: string): CleanLink {
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { text: trimmed, short: trimmed };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { text: trimmed, short: trimmed };
  const host = url.hostname.replace(/^www\./, '');
  const kept = [...url.searchParams].filter(([name]) => !TRACKING.test(name));
  const query = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  const path = decodePath(url.pathname);
  const pathText = path === '/' ? '' : path.replace(/\/$/, '');
  return { text: `${host}${pathText}${query}`, short: pathText ? `${pathText}${query}` : host };
}

function decodePath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}
