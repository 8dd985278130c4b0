import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, storedLeadsToKey } from '../../src/ui/shell/router';

describe('parseRoute', () => {
  it.each([
    ['', { view: 'home' }],
    ['#/', { view: 'home' }],
    ['#/new', { view: 'new' }],
    ['#/import', { view: 'import' }],
    ['#/sign?key=abc', { view: 'sign', keyId: 'abc' }],
    ['#/check', { view: 'check' }],
    ['#/kalshi', { view: 'kalshi' }],
    ['#/settings', { view: 'settings' }],
    ['#/key/a%20b', { view: 'key', keyId: 'a b' }],
    ['#/nowhere', { view: 'missing', hash: '#/nowhere' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(expect.objectContaining(route));
  });

  it('round-trips the hrefs it makes', () => {
    expect(parseRoute(routeHref('key', 'id/1'))).toEqual({ view: 'key', keyId: 'id/1' });
    expect(parseRoute(routeHref('sign', 'k'))).toMatchObject({ view: 'sign', keyId: 'k' });
    expect(routeHref('home')).toBe('#/');
  });
});

describe('storedLeadsToKey', () => {
  it('opens a stored key from the form that made it or its own page, and nowhere else', () => {
    const leads = (hash: string) => storedLeadsToKey(parseRoute(hash), 'k1');
    expect(['#/new', '#/import', '#/key/k1'].map(leads)).toEqual([true, true, true]);
    expect(['#/sign', '#/sign?key=k1', '#/key/k2', '#/', '#/kalshi'].map(leads)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
