// Views behind hash routes: the single file works from file:// (no server to answer /sign), and
// every view survives a reload, back and forward. About forty lines over `hashchange`: a router
// library would add 1-3 KB gzip to the first load for what this does.
import { useEffect, useState } from 'preact/hooks';
import { focusNextView } from '../common/Field';

export type ViewId = 'home' | 'new' | 'import' | 'sign' | 'check' | 'kalshi' | 'settings';

export type Route =
  | { view: ViewId; keyId?: string | undefined }
  | { view: 'key'; keyId: string }
  | { view: 'missing'; hash: string };

/** The navigation's views, in order, with their paths and link text. */
export const VIEWS: readonly (readonly [ViewId, string, string])[] = [
  ['home', '/', 'Keys'],
  ['new', '/new', 'Create a key'],
  ['import', '/import', 'Import a key'],
  ['sign', '/sign', 'Sign a request'],
  ['check', '/check', 'Check a signature'],
  ['kalshi', '/kalshi', 'Keys on Kalshi'],
  ['settings', '/settings', 'Relay and offline'],
];

/** The route of a location hash: `#/`, `#/sign?key=<id>`, `#/key/<id>`; '' is the home. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const keyId = new URLSearchParams(query).get('key') ?? undefined;
  const keyPage = /^\/key\/([^/]+)$/.exec(path);
  if (keyPage) return { view: 'key', keyId: decodeURIComponent(keyPage[1]!) };
  const found = VIEWS.find(([, p]) => p === (path || '/'));
  return found ? { view: found[0], keyId } : { view: 'missing', hash };
}

/** The `href` of a view, or of a key's page (`view` 'key') or of the Sign view for one key. */
export function routeHref(view: ViewId | 'key', keyId?: string): string {
  const key = keyId === undefined ? '' : encodeURIComponent(keyId);
  if (view === 'key') return `#/key/${key}`;
  const path = VIEWS.find(([id]) => id === view)![1];
  return `#${path}${key ? `?key=${key}` : ''}`;
}

/**
 * Whether a key stored while `route` shows should open its page: from the form that made it or
 * its own page, not from a view the user moved on to while it was being stored.
 */
export const storedLeadsToKey = (route: Route, keyId: string): boolean =>
  route.view === 'new' ||
  route.view === 'import' ||
  (route.view === 'key' && route.keyId === keyId);

/** Moves to another view, as a link would (a history entry, so Back returns). */
export const navigate = (href: string): void => void (location.hash = href);

/**
 * The current route, following back, forward and links, and the address it was read from (which
 * changes before the hashchange that brings the route: effects of a move key on this one).
 */
export function useRoute(): { route: Route; hash: string } {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const follow = () => {
      focusNextView();
      setHash(location.hash);
    };
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return { route: parseRoute(hash), hash };
}
