// @vitest-environment happy-dom
// The page refuses private key text pasted anywhere but the import box; "Kalshi's answer" is the
// other exception, since Kalshi's answer to "Let Kalshi make the key" carries the private key,
// which is imported at once and never shown.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/shell/App';
import { closeStores, freshStore } from './helpers';
import { storedKey } from './kalshi/helpers';
import { nodeRsaKey } from '../helpers/keys';

afterEach(() => {
  cleanup();
  closeStores();
  vi.restoreAllMocks();
});

describe('pasting into "Kalshi\'s answer" on the page', () => {
  it('takes a generate answer with its private key, while other fields still refuse key text', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    await storedKey(store, 'Registered', { kalshiKeyId: 'id-signer' });
    const refused = vi.spyOn(HTMLTextAreaElement.prototype, 'setCustomValidity');
    location.hash = '#/import';
    render(<App store={store} />);
    await user.click(await screen.findByRole('button', { name: 'Let Kalshi make the key' }));

    const pem = nodeRsaKey().pkcs1Pem;
    await user.click(await screen.findByRole('textbox', { name: "Kalshi's answer" }));
    await user.paste(JSON.stringify({ api_key_id: 'id-generated', private_key: pem }));

    await waitFor(async () =>
      expect((await store.list()).map((k) => k.kalshiKeyId)).toContain('id-generated'),
    );
    expect(refused).not.toHaveBeenCalledWith(expect.stringContaining('private key'));

    // The guard still stands elsewhere, e.g. in the key's page's "Kalshi key ID".
    location.hash = '#/';
    await user.click(await screen.findByRole('link', { name: 'Registered' }));
    const keyId = await screen.findByRole('textbox', { name: 'Kalshi key ID' });
    await user.click(keyId);
    await user.paste(pem);
    expect(keyId).not.toHaveValue(pem);
  });
});
