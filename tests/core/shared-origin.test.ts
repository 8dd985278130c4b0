import { describe, expect, it } from 'vitest';
import { sharedOriginWarning } from '../../src/core/shared-origin';

const at = (url: string) => {
  const { protocol, hostname, pathname } = new URL(url);
  return sharedOriginWarning({ protocol, hostname, pathname });
};

describe('sharedOriginWarning', () => {
  it.each([
    'https://alice.github.io/kalshi-keys/',
    'https://alice.github.io/kalshi-keys/index.html',
    'https://Alice.GitHub.io/kalshi-keys/#/sign',
    'http://alice.github.io:4400/kalshi-keys/',
    'https://team.gitlab.io/tools/kalshi-keys/',
  ])('warns at %s (a folder of a host every site of the account shares)', (url) => {
    const warning = at(url);
    const host = new URL(url).hostname.toLowerCase();
    expect(warning?.title).toBe(`Other pages on ${host} can use the keys stored here.`);
    expect(warning?.detail).toContain('sign Kalshi requests with these keys');
    expect(warning?.detail).toContain(`/${new URL(url).pathname.split('/')[1]}/ on ${host}`);
    expect(warning?.action).toMatch(/^Keep no keys here\. Open kalshi-keys from a site of its own/);
  });

  it.each([
    // The account's own site at the root, a custom domain, loopback, the single file.
    'https://alice.github.io/',
    'https://alice.github.io/index.html',
    'https://keys.alice.example/',
    'https://keys.alice.example/kalshi-keys/',
    'https://github.io/kalshi-keys/',
    'https://notgithub.io/kalshi-keys/',
    'https://alice.github.io.evil.example/kalshi-keys/',
    'http://127.0.0.1:4173/kalshi-keys/',
    'file:///home/alice/kalshi-keys.html',
  ])('says nothing at %s', (url) => {
    expect(at(url)).toBeNull();
  });
});
