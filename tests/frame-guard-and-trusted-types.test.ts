// @vitest-environment happy-dom
// The two guards main.tsx runs before anything else: the frame check and the Trusted Types policy
// (its URL rule; the browser tests run the policy itself under the page's CSP).
import { describe, expect, it } from 'vitest';
import { isFramed, replaceContentIfFramed } from '../src/frame-guard';
import { isOwnScriptUrl } from '../src/trusted-types';

/** A window as the frame check reads it: its own proxy, its top, its address. */
function fakeWindow(top: 'self' | 'other' | 'throws'): Window {
  const win = { location: { href: 'https://keys.example/app/#/sign' } } as unknown as Window;
  Object.defineProperty(win, 'self', { value: win });
  Object.defineProperty(win, 'top', {
    get() {
      if (top === 'throws') throw new DOMException('Blocked a frame', 'SecurityError');
      return top === 'self' ? win : {};
    },
  });
  return win;
}

describe('frame guard', () => {
  it('a page in its own tab is not framed, and its content stays', () => {
    const root = document.createElement('div');
    root.textContent = 'loading';
    expect(isFramed(fakeWindow('self'))).toBe(false);
    expect(replaceContentIfFramed(fakeWindow('self'), root)).toBe(false);
    expect(root.textContent).toBe('loading');
  });

  it.each(['other', 'throws'] as const)(
    'a framed page (top %s) shows only the sentence and a link that opens its own tab',
    (top) => {
      const root = document.createElement('div');
      root.innerHTML = '<p>loading</p>';
      expect(replaceContentIfFramed(fakeWindow(top), root)).toBe(true);
      expect(root.children).toHaveLength(1);
      expect(root.textContent).toBe(
        'kalshi-keys runs only in a tab of its own, never inside another page: a page around it could trick your clicks into deleting or registering keys. Open kalshi-keys in its own tab.',
      );
      const link = root.querySelector('a')!;
      expect(link.getAttribute('href')).toBe('https://keys.example/app/#/sign');
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener');
      expect(root.firstElementChild!.getAttribute('role')).toBe('alert');
    },
  );
});

describe('isOwnScriptUrl (the Trusted Types policy)', () => {
  const page = 'https://keys.example/app/index.html';
  it.each(['./sw.js', 'sw.js', 'https://keys.example/app/sw.js'])(
    "passes the page's own script %s",
    (url) => {
      expect(isOwnScriptUrl(url, page)).toBe(true);
    },
  );

  it.each([
    'https://evil.example/app/sw.js',
    'http://keys.example/app/sw.js',
    '/other/sw.js',
    '/sw.js',
    // The page starts no worker: its scripts' own URLs are no sink it uses.
    'https://keys.example/app/assets/sign-worker-BxY_1-2.js',
    '/app/assets/index-abc.js',
    './assets/x.js?v=1',
    './assets/sub/x.js',
    './assets/x.mjs',
    './evil.js',
    'data:text/javascript,alert(1)',
    'blob:https://keys.example/0c6c1d6e',
    'javascript:alert(1)',
    'http://[bad',
  ])('refuses %s', (url) => {
    expect(isOwnScriptUrl(url, page)).toBe(false);
  });
});
