// Trusted Types, required by the page's CSP (`require-trusted-types-for 'script'`): no string
// reaches an HTML or script sink unchecked. The page renders through Preact's DOM calls and never
// writes markup, and the one script-URL sink it uses is the service worker's registration
// (`register('./sw.js')`; `import()` is no sink). The CSP allows one policy, "default", made here
// before anything else runs; it passes exactly that URL, and no other policy can be made afterwards (a second "default" is refused), so injected code cannot
// turn a string into markup or a script of its choosing.

/** The page's one script URL: sw.js beside the page. */
export function isOwnScriptUrl(url: string, pageUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url, pageUrl);
  } catch {
    return false;
  }
  const folder = new URL('./', pageUrl);
  if (target.origin !== folder.origin || target.search || target.hash) return false;
  const path = target.pathname;
  if (!path.startsWith(folder.pathname)) return false;
  const inFolder = path.slice(folder.pathname.length);
  return inFolder === 'sw.js';
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string | null }): unknown;
}

/** Makes the "default" policy: script URLs pass only when they are the page's own. */
export function installTrustedTypesPolicy(win: Window): void {
  const factory = (win as Window & { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  // Browsers without Trusted Types ignore the CSP directive too: nothing to install.
  if (!factory) return;
  factory.createPolicy('default', {
    // null refuses: the browser then throws at the sink instead of loading the script.
    createScriptURL: (url) => (isOwnScriptUrl(url, win.document.baseURI) ? url : null),
  });
}
