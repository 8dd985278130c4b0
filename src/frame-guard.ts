// Clickjacking defence that works where no header can be set (GitHub Pages, the single file from
// file://): a page shown inside another page's frame refuses to run. A frame at opacity 0.0001
// over a decoy turns three clicks into "Delete key"; frame-ancestors would stop that, but a meta
// CSP cannot carry it (CSP3 ignores frame-ancestors in <meta>), so the check is in script.

/** True when `win` runs inside a frame, also when the top window is another origin's. */
export function isFramed(win: Window): boolean {
  try {
    return win.top !== win.self;
  } catch {
    // Some browsers throw on reading a cross-origin top: that is a frame too.
    return true;
  }
}

/**
 * When framed, replaces `root`'s content with the one sentence the page shows there and returns
 * true; the caller then starts nothing else (no key store, no service worker). DOM calls, not
 * markup: nothing here is parsed as HTML.
 */
export function replaceContentIfFramed(win: Window, root: HTMLElement): boolean {
  if (!isFramed(win)) return false;
  const doc = root.ownerDocument;
  const sentence = doc.createElement('p');
  sentence.setAttribute('role', 'alert');
  const link = doc.createElement('a');
  link.href = win.location.href;
  link.target = '_blank';
  // No opener: the framing page must not get a handle on the tab it opens.
  link.rel = 'noopener';
  link.textContent = 'Open kalshi-keys in its own tab';
  sentence.append(
    'kalshi-keys runs only in a tab of its own, never inside another page: a page around it could trick your clicks into deleting or registering keys. ',
    link,
    '.',
  );
  root.replaceChildren(sentence);
  return true;
}
