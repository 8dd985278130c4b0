// The page's Content-Security-Policy, written into a <meta> tag by each build: the hosted one allows
// its own files and the relay on loopback; the single file only its one script and style, by hash.
import { sha256 } from './files.ts';

const COMMON_CSP = [
  "default-src 'none'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  // No string reaches an HTML or script sink unchecked: an injected `innerHTML = …` throws.
  "require-trusted-types-for 'script'",
];

/**
 * Where the hosted page may connect: the relay on this computer, over http or https, at any port.
 * Nothing else: the page never talks to Kalshi itself (Kalshi answers no web page), and a remote
 * relay needs the page served with a CSP that names it (docs/hosting.md). Not [::1]: CSP host
 * sources cannot name an IPv6 address (Chromium ignores `http://[::1]:*` as invalid).
 */
export const LOOPBACK_SOURCES = ['127.0.0.1', 'localhost'].flatMap((host) =>
  ['http', 'https'].map((scheme) => `${scheme}://${host}:*`),
);

/** The hosted CSP: a meta CSP cannot be relaxed at run time, so connect-src allows only loopback. */
export const HOSTED_CSP = [
  ...COMMON_CSP,
  "script-src 'self'",
  "style-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  // One policy, made by src/trusted-types.ts before anything else: the page's own script URLs.
  'trusted-types default',
  `connect-src ${LOOPBACK_SOURCES.join(' ')}`,
].join('; ');

/**
 * The single file's CSP: its one inline script and its inline styles pinned by hash.
 * @throws Error unless the page has exactly one inline script
 */
export function singleFileCsp(html: string): string {
  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
  if (scripts.length !== 1) throw new Error(`expected one inline script, found ${scripts.length}`);
  const hash = (s: string) => `'sha256-${sha256(s, 'base64')}'`;
  return [
    ...COMMON_CSP,
    `script-src ${scripts.map(hash).join(' ')}`,
    `style-src ${styles.length ? styles.map(hash).join(' ') : "'none'"}`,
    // No worker, no service worker: no script URL to pass, so no policy at all.
    "trusted-types 'none'",
    "connect-src 'none'",
  ].join('; ');
}

/**
 * `html` with a CSP <meta> right after <meta charset>, before anything it governs.
 * @throws Error when index.html does not start its <head> with `<meta charset="UTF-8" />`
 */
export function insertCsp(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  if (!html.includes('<meta charset="UTF-8" />'))
    throw new Error('index.html needs <meta charset="UTF-8" /> first in <head>');
  return html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    ${meta}`);
}
