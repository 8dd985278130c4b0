// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyStore } from '../../../src/storage/key-store';
import type { KeyRecord } from '../../../src/storage/types';
import { KalshiView } from '../../../src/ui/kalshi/KalshiView';
import { closeStores, freshStore } from '../helpers';
import { answerBox, commandBox, curlHeaders, expectSignedBy, storedKey } from './helpers';

afterEach(() => {
  cleanup();
  closeStores();
});

const LIST_ANSWER = JSON.stringify({
  api_keys: [
    {
      api_key_id: 'id-bot',
      name: 'Bot on Kalshi',
      scopes: ['read', 'write::trade'],
      subaccount: 3,
    },
    { api_key_id: 'id-web', name: 'Made in the web UI', scopes: ['read', 'write'] },
  ],
  api_key_region_expiration_ts: 1_800_000_000,
});

/** The view with the page's keys kept live from the store, as App does. */
async function show(store: KeyStore) {
  let keys: KeyRecord[] = await store.list();
  const result = render(<KalshiView store={store} keys={keys} />);
  store.subscribe(async () => {
    keys = await store.list();
    result.rerender(<KalshiView store={store} keys={keys} />);
  });
}

/** Runs "Check with Kalshi" by hand: returns the curl command shown, once the answer is read. */
async function checkByPaste(
  user: ReturnType<typeof userEvent.setup>,
  answer: string,
): Promise<string> {
  await user.click(screen.getByRole('button', { name: 'Check with Kalshi' }));
  await waitFor(() => expect(commandBox().value).toMatch(/^curl -i/));
  const command = commandBox().value;
  await user.click(answerBox());
  await user.paste(answer);
  // Understood once the step is done: its command and answer box go.
  await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Command to run' })).toBeNull());
  return command;
}

describe('Keys on Kalshi', () => {
  it('lists what Kalshi answers in a table, matched to the stored keys, with the attestation date', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    const bot = await storedKey(store, 'Trading bot', { kalshiKeyId: 'id-bot' });
    const gone = await storedKey(store, 'Old laptop', { kalshiKeyId: 'id-gone' });
    await show(store);

    const command = await checkByPaste(
      user,
      `HTTP/1.1 200 OK\ncontent-type: application/json\n\n${LIST_ANSWER}`,
    );
    const table = await screen.findByRole('table', { name: 'Keys on Kalshi' });
    // The command was signed by the key chosen in "Sign with".
    expectSignedBy(curlHeaders(command), bot, 'GET', '/trade-api/v2/api_keys');

    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['id-bot', 'read, write::trade', '3', '“Trading bot”', 'Delete on Kalshi'],
      ['id-web', 'read, write', 'all', 'no', 'Delete on Kalshi'],
    ]);
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('Bot on Kalshi');
    expect(screen.getByText(/valid until 2027-01-15/)).toBeInTheDocument();
    expect(await screen.findByText('Kalshi lists 2 keys (demo).')).toHaveAttribute(
      'role',
      'status',
    );

    // The stored key Kalshi does not list is named here, and its status changes on the home.
    const unlisted = await screen.findByRole('heading', {
      name: 'Stored here, not listed by Kalshi',
    });
    expect(unlisted.nextElementSibling!.nextElementSibling).toHaveTextContent(
      'Old laptop (demo, id-gone)',
    );
    const stored = await store.list();
    expect(stored.find((k) => k.id === gone.id)!.kalshiListed).toBe(false);
    expect(stored.find((k) => k.id === bot.id)!.kalshiListed).toBe(true);
    // Kalshi's scopes and subaccount are kept on the stored key, for rotation.
    await waitFor(async () =>
      expect((await store.list()).find((k) => k.id === bot.id)).toMatchObject({
        kalshiScopes: ['read', 'write::trade'],
        kalshiSubaccount: 3,
      }),
    );
  });

  it('deletes a key on Kalshi only after a dialog that names it, then marks the stored key Retired', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    const admin = await storedKey(store, 'Admin key', { kalshiKeyId: 'id-web' });
    const bot = await storedKey(store, 'Trading bot', { kalshiKeyId: 'id-bot' });
    await show(store);
    await checkByPaste(user, LIST_ANSWER);
    const table = await screen.findByRole('table', { name: 'Keys on Kalshi' });
    const row = within(table).getByRole('row', { name: /Bot on Kalshi/ });

    await user.click(within(row).getByRole('button', { name: 'Delete on Kalshi' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Bot on Kalshi” on Kalshi?' });
    expect(dialog).toHaveTextContent('id-bot');
    expect(dialog).toHaveTextContent('“Trading bot” here will be marked Retired.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('textbox', { name: 'Command to run' })).toBeNull();

    await user.click(within(row).getByRole('button', { name: 'Delete on Kalshi' }));
    await user.click(await screen.findByRole('button', { name: 'Yes, delete it on Kalshi' }));
    await waitFor(() => expect(commandBox().value).toContain('-X DELETE'));
    expect(commandBox().value).toContain('/trade-api/v2/api_keys/id-bot');
    expectSignedBy(
      curlHeaders(commandBox().value),
      admin,
      'DELETE',
      '/trade-api/v2/api_keys/id-bot',
    );
    await user.click(answerBox());
    await user.paste('HTTP/2 204\r\ndate: Fri, 04 Dec 2026 12:00:00 GMT\r\n\r\n');

    expect(await screen.findByText(/Deleted “Bot on Kalshi” on Kalshi\./)).toHaveTextContent(
      '“Trading bot” here is Retired',
    );
    expect((await store.list()).find((k) => k.id === bot.id)!.retired).toBe(true);
    expect(within(table).queryByRole('row', { name: /Bot on Kalshi/ })).toBeNull();
    // Offered for deletion here.
    await user.click(
      screen.getByRole('button', { name: 'Delete “Trading bot” from this browser' }),
    );
    await waitFor(async () =>
      expect((await store.list()).map((k) => k.name)).toEqual(['Admin key']),
    );
  });
});
