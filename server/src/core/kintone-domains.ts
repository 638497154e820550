/**
 * Which kintone hosts this deployment may send an API token to. The operator names the company's own kintone
 * domain(s) at deploy time; nothing is ever sent to another host, whoever asks. Only kintone's own domain families
 * can be named, so a typo cannot turn the allow-list into a way out of the VPC. Plain http is for the local stack,
 * on localhost only: kintone's REST client itself refuses http for any other host.
 */
const KINTONE_FAMILIES = ['cybozu.com', 'kintone.com', 'cybozu.cn'] as const;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export interface KintoneDomainPolicy {
  /** Hosts (lower case, with a port only for the local stack) that may receive the app's API token. */
  hosts: readonly string[];
  /** The local stack: `localhost[:port]` may be named and reached over plain http. */
  allowLocalHttp: boolean;
}

export type KintoneTarget = { ok: true; baseUrl: string } | { ok: false; message: string };

/** The deploy param / environment value (comma-separated hosts); throws on an entry that cannot be a kintone domain. */
export function parseKintoneDomains(list: string, allowLocalHttp: boolean): KintoneDomainPolicy {
  const hosts = list
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  for (const host of hosts) {
    const problem = domainEntryProblem(host, allowLocalHttp);
    if (problem) throw new Error(`KINTONE_DOMAINS: ${host} ${problem}`);
  }
  return { hosts, allowLocalHttp };
}

function domainEntryProblem(host: string, allowLocalHttp: boolean): string | undefined {
  if (allowLocalHttp && /^localhost(?::\d{1,5})?$/.test(host)) return undefined;
  const family = KINTONE_FAMILIES.find((suffix) => host.endsWith(`.${suffix}`));
  if (!family) return `is not a kintone domain (one of *.${KINTONE_FAMILIES.join(', *.')})`;
  const labels = host.slice(0, -family.length - 1).split('.');
  if (!labels.every((label) => LABEL.test(label))) return 'is not a host name';
  return undefined;
}

/** The origin to use for `url` when this deployment may send the app's token there; otherwise why not. */
export function checkKintoneUrl(url: string, policy: KintoneDomainPolicy): KintoneTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: 'is not a URL' };
  }
  if (parsed.username || parsed.password) return { ok: false, message: 'must not carry a user name or password' };
  const local = policy.allowLocalHttp && parsed.hostname === 'localhost';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
    return {
      ok: false,
      message:
        parsed.protocol === 'http:'
          ? `must start with https:// (plain http reaches only localhost on the local stack; kintone's REST client refuses it for ${parsed.hostname})`
          : 'must start with https://',
    };
  }
  const host = parsed.host.toLowerCase();
  if (!policy.hosts.includes(host)) {
    const served = policy.hosts.length > 0 ? policy.hosts.join(', ') : 'none yet';
    return {
      ok: false,
      message: `${host} is not a kintone domain this deployment serves (it serves: ${served}); the operator adds it with the kintoneDomains deploy param`,
    };
  }
  return { ok: true, baseUrl: parsed.origin };
}

/** Whether a stored registration's kintone URL is still served: registrations left from before are reported, never used. */
export function isServed(baseUrl: string, policy: KintoneDomainPolicy): boolean {
  return checkKintoneUrl(baseUrl, policy).ok;
}
