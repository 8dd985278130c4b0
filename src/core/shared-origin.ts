// Hosts that publish many people's or many repositories' pages on one origin, each in a folder:
// a page in another folder shares the browser's storage for that origin (IndexedDB, the service
// worker's caches) and Chrome's local-network permission, so it can use keys stored here.

/** Hosts whose every sub-path shares one origin with the account's other sites. */
const SHARED_HOST_SUFFIXES = ['.github.io', '.gitlab.io'] as const;

/** The part of a page address this check reads (a `Location` fits). */
export interface PageAddress {
  protocol: string;
  hostname: string;
  pathname: string;
}

/** What the page says at the top when its origin is shared. */
export interface SharedOriginWarning {
  title: string;
  detail: string;
  action: string;
}

/**
 * The warning to show when the page is served from a folder of a shared host (a GitHub Pages
 * project site, `https://<user>.github.io/<repo>/`), else null. At the root of `<user>.github.io`
 * (the account's own site) the origin is shared only if the account publishes other sites too,
 * which a page cannot tell: the README asks for an account used for nothing else.
 */
export function sharedOriginWarning(address: PageAddress): SharedOriginWarning | null {
  if (address.protocol !== 'https:' && address.protocol !== 'http:') return null;
  const host = address.hostname.toLowerCase().replace(/\.$/, '');
  const suffix = SHARED_HOST_SUFFIXES.find((s) => host.endsWith(s) && host.length > s.length);
  // The folder the page is in: `/index.html` is the root, `/kalshi-keys/index.html` a folder.
  const folder = address.pathname.slice(0, address.pathname.lastIndexOf('/')).split('/')[1];
  if (!suffix || !folder) return null;
  return {
    title: `Other pages on ${host} can use the keys stored here.`,
    detail:
      `This copy of kalshi-keys is served from a folder (/${folder}/ on ${host}), ` +
      `and every page published under ${host} shares its storage: any other site of this account ` +
      'can sign Kalshi requests with these keys, change the relay address, and replace the ' +
      'offline copy of this page.',
    action:
      'Keep no keys here. Open kalshi-keys from a site of its own (a custom domain, or the ' +
      `<user>.github.io site of an account used for nothing else), or use "Download for offline ` +
      'use" and open the single file.',
  };
}
