// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { startRotation, type RotationState } from '../../../src/core';
import type { KeyStore } from '../../../src/storage/key-store';
import type { KeyRecord } from '../../../src/storage/types';
import { KeyOnKalshi } from '../../../src/ui/kalshi/KeyOnKalshi';
import { closeStores, freshStore } from '../helpers';
import {
  answerBox,
  commandBox,
  curlHeaders,
  expectSignedBy,
  memoryRotations,
  relayFetch,
  storedKey,
} from './helpers';

afterEach(() => {
  cleanup();
  closeStores();
});

const steps = () =>
  within(screen.getByRole('list', { name: 'Rotation steps' }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('strong')!.textContent);

/** The "On Kalshi" section of `keyId`'s page, with the page's keys kept live from the store. */
function show(
  store: KeyStore,
  props: {
    rotations: ReturnType<typeof memoryRotations>;
    fetch?: typeof globalThis.fetch;
    keyId: string;
  },
) {
  let keys: KeyRecord[] = [];
  const rotated: string[] = [];
  const view = () => {
    const record = keys.find((key) => key.id === props.keyId);
    return record ? (
      <KeyOnKalshi
        record={record}
        saving={false}
        keys={keys}
        store={store}
        patchLocal={() => {}}
        keyHref={(id) => `#/key/${id}`}
        onRotated={(id) => rotated.push(id)}
        rotations={props.rotations}
        fetch={props.fetch}
      />
    ) : (
      <p>no key</p>
    );
  };
  const result = render(view());
  const reload = async () => {
    keys = await store.list();
    result.rerender(view());
  };
  store.subscribe(() => void reload());
  return { reload, rotated };
}

async function paste(user: ReturnType<typeof userEvent.setup>, expected: RegExp, answer: string) {
  await waitFor(() => expect(commandBox().value).toMatch(expected));
  const command = commandBox().value;
  await user.click(answerBox());
  await user.paste(answer);
  return command;
}

describe('Rotate key', () => {
  it('resumes a saved rotation only when asked, proves the new key, asks, then deletes the old one', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    await store.setSetting('relayUrl', 'https://relay.example');
    await store.setSetting('relayConfirmedHost', 'relay.example');
    const old = await storedKey(store, 'Old bot', { kalshiKeyId: 'id-old' });
    const fresh = await storedKey(store, 'Old bot (2026-12-04)', { kalshiKeyId: 'id-new' });
    const saved: RotationState = {
      ...startRotation({ oldKeyId: old.id, oldKalshiKeyId: 'id-old', environment: 'demo' }),
      newKeyId: fresh.id,
      newKalshiKeyId: 'id-new',
      step: 'prove',
    };
    const rotations = memoryRotations(saved);
    const fetch = relayFetch([200, { balance: 12345 }], [204, '']);
    const { reload, rotated } = show(store, { rotations, fetch, keyId: old.id });
    await reload();

    await waitFor(() => expect(steps()).toEqual(['done', 'done', 'next', 'to do', 'to do']));
    expect(screen.getByText(/Replacing “Old bot”/)).toHaveTextContent('id-old');
    // A reload alone sends nothing.
    expect(fetch).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Continue rotation' }));
    const dialog = await screen.findByRole('dialog', { name: /Delete old key “Old bot”/ });
    expect(dialog).toHaveTextContent('id-new');
    const [balanceUrl, balanceInit] = fetch.mock.calls[0]!;
    expect(balanceUrl).toMatch(/\/trade-api\/v2\/portfolio\/balance$/);
    expectSignedBy(
      balanceInit!.headers as Record<string, string>,
      { ...fresh, kalshiKeyId: 'id-new' },
      'GET',
      '/trade-api/v2/portfolio/balance',
    );
    expect(steps()).toEqual(['done', 'done', 'done', 'next', 'to do']);
    expect(fetch).toHaveBeenCalledTimes(1);

    await user.click(within(dialog).getByRole('button', { name: 'Delete old key' }));
    expect(
      await screen.findByText(/Done: “Old bot \(2026-12-04\)” replaces “Old bot”/),
    ).toBeInTheDocument();
    const [deleteUrl, deleteInit] = fetch.mock.calls[1]!;
    expect(deleteUrl).toMatch(/\/trade-api\/v2\/api_keys\/id-old$/);
    expect(deleteInit!.method).toBe('DELETE');
    // The replacement got Read and trade, which cannot manage API keys: the old key, which
    // registered it, signs its own deletion.
    expectSignedBy(
      deleteInit!.headers as Record<string, string>,
      old,
      'DELETE',
      '/trade-api/v2/api_keys/id-old',
    );
    expect((await store.list()).find((k) => k.id === old.id)!.retired).toBe(true);
    expect(rotations.log).toEqual(['confirm', 'delete', 'done']);
    // The page then moves to the new key's page.
    await waitFor(() => expect(rotated).toEqual([fresh.id]));
  });

  it('without a relay, runs every step from "Rotate key" with curl commands and pasted answers', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    const old = await storedKey(store, 'Old bot', {
      kalshiKeyId: 'id-old',
      kalshiScopes: ['read', 'write'],
      kalshiSubaccount: 2,
    });
    const rotations = memoryRotations();
    const view = show(store, { rotations, keyId: old.id });
    await view.reload();
    // Kalshi listed the old key's scopes: the replacement gets the same, and the page says so.
    expect(
      screen.getByText(
        /The replacement gets the scopes Kalshi lists for this key: Full access, subaccount 2/,
      ),
    ).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));
    await view.reload();

    // Minted here, then registered: signed by the old key, with its scopes and subaccount.
    const register = await paste(
      user,
      /-X POST .*\/api_keys'/,
      'HTTP/2 201\n\n{"api_key_id":"id-new"}',
    );
    expectSignedBy(curlHeaders(register), old, 'POST', '/trade-api/v2/api_keys');
    expect(register).toContain('"scopes": [\n    "read",\n    "write"\n  ],\n  "subaccount": 2');
    const fresh = (await store.list()).find((k) => k.id !== old.id)!;
    expect(fresh).toMatchObject({ environment: 'demo', kalshiScopes: ['read', 'write'] });
    expect(fresh.privateKey.extractable).toBe(false);

    const prove = await paste(user, /portfolio\/balance'/, '{"balance": 500}');
    expectSignedBy(
      curlHeaders(prove),
      { ...fresh, kalshiKeyId: 'id-new' },
      'GET',
      '/trade-api/v2/portfolio/balance',
    );
    await user.click(await screen.findByRole('button', { name: 'Delete old key' }));
    const remove = await paste(user, /-X DELETE/, 'HTTP/1.1 204 No Content\n');
    expect(remove).toContain('/trade-api/v2/api_keys/id-old');
    // The replacement may manage keys: it deletes the old one.
    expectSignedBy(
      curlHeaders(remove),
      { ...fresh, kalshiKeyId: 'id-new' },
      'DELETE',
      '/trade-api/v2/api_keys/id-old',
    );

    await screen.findByText(/Done:/);
    expect(steps()).toEqual(['done', 'done', 'done', 'done', 'done']);
    const after = await store.list();
    expect(after.find((k) => k.id === old.id)!.retired).toBe(true);
    expect(after.find((k) => k.id === fresh.id)!.kalshiKeyId).toBe('id-new');
    expect(rotations.log).toEqual(['mint', 'register', 'prove', 'confirm', 'delete', 'done']);
  });

  it('without a relay, a refused answer fails the step, the right one pasted next goes on, and Stop forgets the rotation', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    const old = await storedKey(store, 'Old bot', {
      kalshiKeyId: 'id-old',
      kalshiScopes: ['read', 'write'],
    });
    const rotations = memoryRotations();
    const view = show(store, { rotations, keyId: old.id });
    await view.reload();
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));

    await paste(
      user,
      /-X POST .*\/api_keys'/,
      'HTTP/2 409\n\n{"code":"conflict","message":"subtrader not yet visible"}',
    );
    await waitFor(() => expect(steps()).toEqual(['done', 'failed', 'to do', 'to do', 'to do']));
    expect(screen.getByText(/subtrader not yet visible/)).toBeVisible();
    // The same command still waits for its answer: no press needed to paste Kalshi's next one.
    await paste(user, /-X POST .*\/api_keys'/, 'HTTP/2 201\n\n{"api_key_id":"id-new"}');
    await waitFor(() => expect(commandBox().value).toMatch(/portfolio\/balance'/));
    expect(steps()).toEqual(['done', 'done', 'next', 'to do', 'to do']);

    await user.click(screen.getByRole('button', { name: 'Stop rotation' }));
    expect(await screen.findByRole('button', { name: 'Rotate key' })).toBeEnabled();
    expect(screen.queryByRole('textbox', { name: 'Command to run' })).toBeNull();
    // The failure was stored at its step, then the step moved on; Stop cleared it all.
    expect(rotations.log).toEqual(['mint', 'register', 'register', 'prove', undefined]);
    const after = await store.list();
    expect(after).toHaveLength(2);
    expect(after.every((key) => !key.retired)).toBe(true);
    expect(after.find((key) => key.id !== old.id)!.kalshiKeyId).toBe('id-new');
  });

  it('a refused step keeps both keys, says so, and retries the same step', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    await store.setSetting('relayUrl', 'https://relay.example');
    await store.setSetting('relayConfirmedHost', 'relay.example');
    const old = await storedKey(store, 'Old bot', { kalshiKeyId: 'id-old' });
    const rotations = memoryRotations();
    const fetch = relayFetch(
      [409, { code: 'conflict', message: 'subtrader not yet visible' }],
      [201, { api_key_id: 'id-new' }],
      [200, { balance: 1 }],
    );
    const view = show(store, { rotations, fetch, keyId: old.id });
    await view.reload();
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));

    await waitFor(() => expect(steps()).toEqual(['done', 'failed', 'to do', 'to do', 'to do']));
    expect(screen.getByRole('alert')).toHaveTextContent(/subtrader not yet visible/);
    expect((await store.list()).find((k) => k.id === old.id)!.retired).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('dialog', { name: /Delete old key/ });
    expect(steps()).toEqual(['done', 'done', 'done', 'next', 'to do']);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('asks for the scopes of a key Kalshi has not described, and sends no POST before they are on screen', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    await store.setSetting('relayUrl', 'https://relay.example');
    await store.setSetting('relayConfirmedHost', 'relay.example');
    const old = await storedKey(store, 'Pasted ID', { kalshiKeyId: 'id-old' });
    const rotations = memoryRotations();
    const fetch = relayFetch([201, { api_key_id: 'id-new' }], [200, { balance: 1 }]);
    const view = show(store, { rotations, fetch, keyId: old.id });
    await view.reload();

    expect(screen.getByText(/Kalshi has not said which scopes this key has/)).toBeVisible();
    const scopes = screen.getByRole('group', { name: 'Scopes' });
    expect(within(scopes).getByRole('button', { name: 'Read and trade' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(fetch).not.toHaveBeenCalled();
    await user.click(within(scopes).getByRole('button', { name: 'Read only' }));
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));
    await screen.findByRole('dialog', { name: /Delete old key/ });
    const [, init] = fetch.mock.calls[0]!;
    expect(JSON.parse(init!.body as string)).toMatchObject({ scopes: ['read'] });
  });

  it('has a key that may manage API keys sign for a read-and-trade key, or says none can', async () => {
    const { store } = freshStore();
    const trader = await storedKey(store, 'Trader', {
      kalshiKeyId: 'id-trader',
      kalshiScopes: ['read', 'write::trade'],
    });
    const view = show(store, { rotations: memoryRotations(), keyId: trader.id });
    await view.reload();
    expect(screen.getByRole('button', { name: 'Rotate key' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Rotate key' })).toHaveAccessibleDescription(
      /No key here may manage API keys/,
    );
    await storedKey(store, 'Admin', { kalshiKeyId: 'id-admin', kalshiScopes: ['read', 'write'] });
    await view.reload();
    expect(screen.getByRole('button', { name: 'Rotate key' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Rotate key' })).toHaveAccessibleDescription(
      /“Admin” may manage API keys, so it signs/,
    );
  });

  it('offers no "Rotate key" until the stored rotation is read, so none starts over one under way', async () => {
    const { store } = freshStore();
    const old = await storedKey(store, 'Old bot', { kalshiKeyId: 'id-old' });
    const saved = startRotation({
      oldKeyId: old.id,
      oldKalshiKeyId: 'id-old',
      environment: 'demo',
    });
    // Storage that answers only when told: the page opened before it did.
    let answer: (state: RotationState) => void = () => {};
    const rotations = {
      ...memoryRotations(),
      load: () => new Promise<RotationState | undefined>((resolve) => (answer = resolve)),
    };
    const { reload } = show(store, { rotations, keyId: old.id });
    await reload();

    const rotate = screen.getByRole('button', { name: 'Rotate key' });
    expect(rotate).toBeDisabled();
    expect(rotate).toHaveAttribute('aria-busy', 'true');
    answer(saved);
    expect(await screen.findByRole('button', { name: 'Continue rotation' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Rotate key' })).toBeNull();
    expect(rotations.log).toEqual([]);
  });
});
