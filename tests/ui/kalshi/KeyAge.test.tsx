// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeyRecord } from '../../../src/storage/types';
import { KeyList } from '../../../src/ui/keys/KeyList';
import { closeStores, freshStore } from '../helpers';

afterEach(() => {
  cleanup();
  closeStores();
});

const DAY = 864e5;
const record = (name: string, daysOld: number, extra: Partial<KeyRecord> = {}) =>
  ({
    id: name,
    name,
    createdAt: Date.now() - daysOld * DAY - 1000,
    environment: 'demo',
    kalshiKeyId: `id-${name}`,
    fingerprint: 'SHA256:x',
    publicKeyPem: '',
    ...extra,
  }) as KeyRecord;

const item = (name: string) =>
  within(screen.getByRole('list', { name: 'Stored keys' }))
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes(name))!;

describe('Stored keys: age, rotation, retired', () => {
  it.each([
    [0, '0 days old'],
    [1, '1 day old'],
    [3, '3 days old'],
    [89, '89 days old'],
    [90, 'Rotate: 90 days old'],
    [400, 'Rotate: 400 days old'],
  ])('a key made %i days ago shows "%s"', (days, text) => {
    const { store } = freshStore();
    render(
      <KeyList
        store={store}
        keys={[record('k', days)]}
        loaded
        selectedId={null}
        onSelect={() => {}}
      />,
    );
    expect(within(item('k')).getByText(text)).toBeInTheDocument();
  });

  it('puts "Rotate: N days old" next to "Rotate key" on the selected key, which starts a rotation', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    const onRotate = vi.fn();
    const keys = [record('Old', 95), record('New', 3)];
    render(
      <KeyList
        store={store}
        keys={keys}
        loaded
        selectedId="Old"
        onSelect={() => {}}
        onRotate={onRotate}
      />,
    );
    const button = within(item('Old')).getByRole('button', { name: 'Rotate key' });
    expect(button.nextElementSibling).toHaveTextContent('Rotate: 95 days old');
    expect(within(item('New')).queryByRole('button', { name: 'Rotate key' })).toBeNull();
    await user.click(button);
    expect(onRotate).toHaveBeenCalledWith('Old');
  });

  it('offers no rotation for a key without a Kalshi key ID or a retired one, and marks it Retired with its note', () => {
    const { store } = freshStore();
    const retired = record('Gone', 10, { retired: true });
    const { rerender } = render(
      <KeyList
        store={store}
        keys={[retired]}
        loaded
        selectedId="Gone"
        onSelect={() => {}}
        onRotate={() => {}}
        notes={{ Gone: 'Kalshi deleted this key ID.' }}
      />,
    );
    expect(item('Gone')).toHaveTextContent('Retired');
    expect(item('Gone')).toHaveTextContent('Kalshi key ID: id-Gone');
    expect(item('Gone')).toHaveTextContent('Kalshi deleted this key ID.');
    expect(screen.queryByRole('button', { name: 'Rotate key' })).toBeNull();
    rerender(
      <KeyList
        store={store}
        keys={[record('Fresh', 1, { kalshiKeyId: '' })]}
        loaded
        selectedId="Fresh"
        onSelect={() => {}}
        onRotate={() => {}}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Rotate key' })).toBeNull();
    expect(item('Fresh')).not.toHaveTextContent('Retired');
  });
});
