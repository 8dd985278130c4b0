// @vitest-environment happy-dom
// The home list: each key's environment, status, scopes in words and age, and when to rotate.
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyRecord } from '../../../src/storage/types';
import { Home } from '../../../src/ui/keys/Home';
import { keyStatus } from '../../../src/ui/keys/key-status';

afterEach(cleanup);

const DAY = 864e5;
const record = (name: string, daysOld: number, extra: Partial<KeyRecord> = {}) =>
  ({
    id: name,
    name,
    createdAt: Date.now() - daysOld * DAY - 1000,
    environment: 'demo',
    kalshiKeyId: `a952bcbe-ec3b-4b5b-b8f9-${name.padEnd(12, '0')}`,
    fingerprint: 'SHA256:x',
    publicKeyPem: '',
    ...extra,
  }) as KeyRecord;

const item = (name: string) =>
  within(screen.getByRole('list', { name: 'Stored keys' }))
    .getAllByRole('listitem')
    .find((li) => within(li).getByRole('link').textContent === name)!;

describe('the home list', () => {
  it.each([
    [0, 'Made today'],
    [1, '1 day old'],
    [89, '89 days old'],
    [90, 'Rotate: 90 days old'],
    [400, 'Rotate: 400 days old'],
  ])('a key made %i days ago shows "%s"', (days, text) => {
    render(<Home keys={[record('k', days)]} loaded />);
    expect(within(item('k')).getByText(text)).toBeInTheDocument();
    expect(within(item('k')).getByText(text)).toHaveClass(days >= 90 ? 'warning' : 'hint');
  });

  it('links each key to its page and says where it stands on Kalshi in words', () => {
    render(
      <Home
        keys={[
          record('Fresh', 1, { kalshiKeyId: '' }),
          record('Listed', 2, { kalshiScopes: ['read'], environment: 'production' }),
          record('Gone', 3, { kalshiListed: false }),
          record('Lost', 3, { kalshiNotFound: true }),
        ]}
        loaded
      />,
    );
    expect(within(item('Fresh')).getByRole('link')).toHaveAttribute('href', '#/key/Fresh');
    expect(item('Fresh')).toHaveTextContent(/Demo\s*Not registered/);
    expect(item('Listed')).toHaveTextContent(/Production\s*Registered · a952bcbe\s*Read only/);
    expect(item('Gone')).toHaveTextContent('Not listed by Kalshi');
    expect(item('Lost')).toHaveTextContent('Not listed by Kalshi');
  });

  it('keys Kalshi deleted come last, dimmed, without an age to rotate', () => {
    render(<Home keys={[record('Retired', 200, { retired: true }), record('New', 3)]} loaded />);
    const names = within(screen.getByRole('list', { name: 'Stored keys' }))
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(names).toEqual(['New', 'Retired']);
    expect(item('Retired')).toHaveClass('retired');
    expect(item('Retired')).not.toHaveTextContent('Rotate');
    expect(keyStatus(record('r', 1, { retired: true })).text).toBe('Retired');
  });
});
