// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiKeyRequest, relayUrl, SCOPE_DESCRIPTIONS } from '../../../src/core';
import type { KeyStore } from '../../../src/storage/key-store';
import type { KeyRecord } from '../../../src/storage/types';
import { RegisterKey } from '../../../src/ui/kalshi/RegisterKey';
import { closeStores, freshStore } from '../helpers';
import {
  answerBox,
  commandBox,
  curlHeaders,
  expectSignedBy,
  relayFetch,
  storedKey,
} from './helpers';

afterEach(() => {
  cleanup();
  closeStores();
});

const body = () =>
  JSON.parse(screen.getByLabelText('JSON body for creating an API key').textContent!) as {
    scopes: string[];
    subaccount?: number;
  };
const scope = (name: string) =>
  within(screen.getByRole('group', { name: 'Scopes' })).getByRole('checkbox', { name });
const registerButton = () => screen.getByRole('button', { name: 'Register with Kalshi' });

async function setUp() {
  const { store } = freshStore();
  const fresh = await storedKey(store, 'New bot');
  const signer = await storedKey(store, 'Old bot', { kalshiKeyId: 'old-id-1' });
  return { store, fresh, signer };
}

function show(
  store: KeyStore,
  record: KeyRecord,
  keys: KeyRecord[],
  fetch?: typeof globalThis.fetch,
) {
  return render(<RegisterKey record={record} keys={keys} store={store} fetch={fetch} />);
}

describe('Register it with Kalshi', () => {
  it('shows one checkbox per scope with its meaning; presets, ticks and the subaccount change the body', async () => {
    const user = userEvent.setup();
    const { store, fresh, signer } = await setUp();
    show(store, fresh, [fresh, signer]);

    // Read and trade unless the user chooses otherwise; never Kalshi's implicit full access.
    expect(scope('read')).toBeChecked();
    expect(scope('write')).not.toBeChecked();
    expect(scope('write::trade')).toBeChecked();
    expect(scope('read')).toHaveAccessibleDescription(SCOPE_DESCRIPTIONS.read);
    expect(body().scopes).toEqual(['read', 'write::trade']);
    expect(screen.getByRole('button', { name: 'Read and trade' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.queryByText(/can move money/)).toBeNull();
    // Full access is one click away, and says what it risks.
    await user.click(screen.getByRole('button', { name: 'Full access' }));
    expect(body().scopes).toEqual(['read', 'write']);
    expect(
      screen.getByText(/Full access: this key can move money and make or delete API keys/),
    ).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Read only' }));
    expect(body().scopes).toEqual(['read']);
    expect(scope('write')).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Read and trade' }));
    expect(body().scopes).toEqual(['read', 'write::trade']);
    await user.click(scope('read::portfolio_balance'));
    expect(body().scopes).toEqual(['read', 'read::portfolio_balance', 'write::trade']);
    expect(screen.getByRole('button', { name: 'Read and trade' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    await user.type(screen.getByRole('textbox', { name: 'Subaccount' }), '7');
    expect(body().subaccount).toBe(7);
  });

  it('refuses write without read, with the reason, and offers nothing to send', async () => {
    const user = userEvent.setup();
    const { store, fresh, signer } = await setUp();
    show(store, fresh, [fresh, signer]);

    await user.click(scope('write'));
    await user.click(scope('read'));
    let expected = '';
    try {
      createApiKeyRequest({
        name: 'x',
        publicKeyPem: fresh.publicKeyPem,
        scopes: ['write', 'write::trade'],
      });
    } catch (error) {
      expected = (error as Error).message;
    }
    expect(expected).not.toBe('');
    expect(screen.getByRole('alert')).toHaveTextContent(expected);
    expect(screen.queryByLabelText('JSON body for creating an API key')).toBeNull();
    expect(registerButton()).toBeDisabled();
  });

  it('offers only other keys of the same environment that Kalshi knows and still has', async () => {
    const { store, fresh, signer } = await setUp();
    const others = [
      await storedKey(store, 'Production key', { kalshiKeyId: 'p-1', environment: 'production' }),
      await storedKey(store, 'Retired key', { kalshiKeyId: 'r-1', retired: true }),
      await storedKey(store, 'Unregistered key'),
    ];
    show(store, fresh, [fresh, signer, ...others]);
    const options = within(screen.getByRole('combobox', { name: 'Sign with' })).getAllByRole(
      'option',
    );
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining('Old bot')]);
  });

  it('starts from the scopes chosen when the key was made', async () => {
    const { store, signer } = await setUp();
    const planned = await storedKey(store, 'Reader', { plannedScopes: ['read'] });
    show(store, planned, [planned, signer]);
    expect(body().scopes).toEqual(['read']);
  });

  it('puts keys that may manage API keys first and marks the others; a key Kalshi did not find is marked', async () => {
    const { store, fresh } = await setUp();
    const keys = [
      fresh,
      await storedKey(store, 'Reader', { kalshiKeyId: 'r', kalshiScopes: ['read'] }),
      await storedKey(store, 'Lost', { kalshiKeyId: 'l', kalshiNotFound: true }),
      await storedKey(store, 'Admin', { kalshiKeyId: 'a', kalshiScopes: ['read', 'write'] }),
    ];
    show(store, fresh, keys);
    const select = screen.getByRole('combobox', { name: 'Sign with' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Admin (demo)',
      'Reader (demo) (read only)',
      'Lost (demo) (Kalshi did not find it)',
    ]);
    expect(select).toHaveValue(keys[3]!.id);
  });

  it("with no key that can sign, says why in one sentence and links to Kalshi's page", async () => {
    const { store } = freshStore();
    const only = await storedKey(store, 'First key', { environment: 'production' });
    show(store, only, [only]);
    expect(registerButton()).toBeDisabled();
    expect(registerButton()).toHaveClass('primary');
    const hint = screen.getByRole('combobox', { name: 'Sign with' });
    expect(hint).toHaveAccessibleDescription(
      /No production key here is registered with Kalshi.*first key of an account is registered on Kalshi's API keys page/,
    );
    expect(screen.getByRole('link', { name: "Kalshi's API keys page" })).toHaveAttribute(
      'href',
      'https://kalshi.com/account/profile',
    );
  });

  it('without a relay, gives a signed curl command and stores the ID from the pasted answer', async () => {
    const user = userEvent.setup();
    const { store, fresh, signer } = await setUp();
    show(store, fresh, [fresh, signer]);
    await user.click(screen.getByRole('button', { name: 'Read only' }));
    await user.click(registerButton());

    await waitFor(() => expect(commandBox().value).toMatch(/^curl -i/));
    const command = commandBox().value;
    expect(command).toContain(
      `-X POST 'https://external-api.demo.kalshi.co/trade-api/v2/api_keys'`,
    );
    expect(command).toContain('"scopes": [\n    "read"\n  ]');
    expectSignedBy(curlHeaders(command), signer, 'POST', '/trade-api/v2/api_keys');

    await user.click(answerBox());
    await user.paste(
      'HTTP/2 201\r\ncontent-type: application/json\r\n\r\n{"api_key_id":"a1b2c3d4-0000-4000-8000-000000000001"}',
    );
    expect(
      await screen.findByText(/Registered: “New bot” has Kalshi key ID a1b2c3d4-/),
    ).toHaveAttribute('role', 'status');
    const stored = (await store.list()).find((k) => k.id === fresh.id)!;
    expect(stored.kalshiKeyId).toBe('a1b2c3d4-0000-4000-8000-000000000001');
    expect(stored.kalshiScopes).toEqual(['read']);
    expect(screen.queryByRole('textbox', { name: "Kalshi's answer" })).toBeNull();
  });

  it('with a relay, signs at send time, sends through relayUrl() and stores the returned ID', async () => {
    const user = userEvent.setup();
    const { store, fresh, signer } = await setUp();
    await store.setSetting('relayUrl', 'https://relay.example');
    await store.setSetting('relayConfirmedHost', 'relay.example');
    const fetch = relayFetch([201, { api_key_id: 'relay-id-1' }]);
    show(store, fresh, [fresh, signer], fetch);
    await user.click(registerButton());

    expect(await screen.findByText(/has Kalshi key ID relay-id-1/)).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(
      relayUrl(
        'https://relay.example',
        'https://external-api.demo.kalshi.co/trade-api/v2/api_keys',
      ),
    );
    expect(init!.method).toBe('POST');
    expect(JSON.parse(init!.body as string)).toMatchObject({ scopes: ['read', 'write::trade'] });
    expectSignedBy(
      init!.headers as Record<string, string>,
      signer,
      'POST',
      '/trade-api/v2/api_keys',
    );
    expect((await store.list()).find((k) => k.id === fresh.id)!.kalshiKeyId).toBe('relay-id-1');
  });

  it('a redirect from the relay is not followed: the step says so, stores nothing, offers curl', async () => {
    const user = userEvent.setup();
    const { store, fresh, signer } = await setUp();
    await store.setSetting('relayUrl', 'https://relay.example');
    await store.setSetting('relayConfirmedHost', 'relay.example');
    // What a browser's fetch gives for a 3xx with redirect: 'manual'.
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers() };
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => {
      return opaque as unknown as Response;
    });
    show(store, fresh, [fresh, signer], fetch);
    await user.click(registerButton());

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The relay answered with a redirect; nothing was sent there.',
    );
    expect(fetch.mock.calls[0]![1]!.redirect).toBe('manual');
    await waitFor(() => expect(commandBox().value).toMatch(/^curl -i/));
    expect((await store.list()).find((k) => k.id === fresh.id)!.kalshiKeyId).toBe('');
  });

  it("explains Kalshi's 403 for bring-your-own keys and stores nothing", async () => {
    const user = userEvent.setup();
    const { store, fresh, signer } = await setUp();
    await store.setSetting('relayUrl', 'https://relay.example');
    await store.setSetting('relayConfirmedHost', 'relay.example');
    const fetch = relayFetch([
      403,
      { error: { code: 'forbidden', message: 'insufficient API usage level' } },
    ]);
    show(store, fresh, [fresh, signer], fetch);
    await user.click(registerButton());

    expect(await screen.findByRole('alert')).toHaveTextContent(/web UI|website|settings/i);
    expect((await store.list()).find((k) => k.id === fresh.id)!.kalshiKeyId).toBe('');
  });
});
