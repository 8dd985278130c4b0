// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { createPublicKey } from 'node:crypto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { relayUrl } from '../../../src/core';
import type { KeyRecord } from '../../../src/storage/types';
import { ImportPanel } from '../../../src/ui/import/ImportPanel';
import { GenerateKey } from '../../../src/ui/kalshi/GenerateKey';
import { closeStores, freshStore } from '../helpers';
import {
  answerBox,
  commandBox,
  curlHeaders,
  expectSignedBy,
  relayFetch,
  storedKey,
} from './helpers';
import { nodeRsaKey } from '../../helpers/keys';

const downloads = vi.hoisted(() => [] as { fileName: string; text: string }[]);
vi.mock('../../../src/ui/common/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/ui/common/download')>()),
  downloadText: (fileName: string, text: string) => void downloads.push({ fileName, text }),
}));

beforeEach(() => void downloads.splice(0));
afterEach(() => {
  cleanup();
  closeStores();
});

/** What Kalshi's POST /api_keys/generate returns: an ID and a PKCS#1 private key (node:crypto). */
function generateAnswer(id: string) {
  const { privateKey, publicKey } = nodeRsaKey();
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  return {
    json: JSON.stringify({ api_key_id: id, private_key: pem }),
    pem,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}

const section = () => screen.getByRole('region', { name: 'Let Kalshi make the key' });
const generateScopes = () => within(section()).getByRole('group', { name: 'Scopes' });

describe('Let Kalshi make the key', () => {
  it('says that Kalshi sees the private key; a pasted answer is imported non-extractable with its ID, and never shown', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    const signer = await storedKey(store, 'Registered', {
      kalshiKeyId: 'id-signer',
      environment: 'production',
    });
    const stored: KeyRecord[] = [];
    render(<GenerateKey store={store} keys={[signer]} onStored={(r) => stored.push(r)} />);
    const button = screen.getByRole('button', { name: 'Let Kalshi make the key' });
    expect(button).toHaveAccessibleDescription(/Kalshi has seen it/);

    await user.type(screen.getByRole('textbox', { name: 'Name on Kalshi' }), 'Dashboard');
    await user.click(within(generateScopes()).getByRole('button', { name: 'Read only' }));
    await user.click(button);
    await waitFor(() => expect(commandBox().value).toContain('/api_keys/generate'));
    const command = commandBox().value;
    expect(command).toContain('https://external-api.kalshi.com/trade-api/v2/api_keys/generate');
    const body = JSON.parse(command.slice(command.indexOf("--data-raw '") + 12, -1)) as object;
    expect(body).toEqual({ name: 'Dashboard', scopes: ['read'], key_type: 'rsa' });
    expectSignedBy(curlHeaders(command), signer, 'POST', '/trade-api/v2/api_keys/generate');

    const answer = generateAnswer('id-made-by-kalshi');
    await user.click(answerBox());
    await user.paste(`HTTP/2 201\ncontent-type: application/json\n\n${answer.json}`);
    expect(
      await screen.findByText(/Stored “Dashboard” with Kalshi key ID id-made-by-kalshi\./),
    ).toBeInTheDocument();

    const [record] = (await store.list()).filter((k) => k.id !== signer.id);
    expect(record).toMatchObject({
      name: 'Dashboard',
      environment: 'production',
      kalshiKeyId: 'id-made-by-kalshi',
      kalshiScopes: ['read'],
    });
    expect(record!.privateKey.extractable).toBe(false);
    expect(createPublicKey(record!.publicKeyPem).export({ type: 'spki', format: 'pem' })).toBe(
      answer.publicKeyPem,
    );
    expect(stored.map((r) => r.id)).toEqual([record!.id]);
    // Not shown, not kept as text, no backup unless asked for.
    expect(document.body.textContent).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(await store.list())).not.toContain('PRIVATE KEY');
    expect(downloads).toEqual([]);
  });

  it('through the relay, with the one-time backup: the file holds the key as Kalshi sent it', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    await store.setSetting('relayUrl', 'https://relay.example');
    await store.setSetting('relayConfirmedHost', 'relay.example');
    const signer = await storedKey(store, 'Registered', { kalshiKeyId: 'id-signer' });
    const answer = generateAnswer('id-2');
    const fetch = relayFetch([201, JSON.parse(answer.json)]);
    render(<GenerateKey store={store} keys={[signer]} onStored={() => {}} fetch={fetch} />);
    await user.type(screen.getByRole('textbox', { name: 'Name on Kalshi' }), 'With backup');
    await user.click(
      screen.getByRole('checkbox', { name: "Save a one-time backup file of Kalshi's private key" }),
    );
    await user.click(screen.getByRole('button', { name: 'Let Kalshi make the key' }));

    expect(
      await screen.findByText(/The backup was saved as with-backup-private-pkcs1\.pem/),
    ).toBeInTheDocument();
    expect(fetch.mock.calls[0]![0]).toBe(
      relayUrl(
        'https://relay.example',
        'https://external-api.demo.kalshi.co/trade-api/v2/api_keys/generate',
      ),
    );
    expect(downloads).toEqual([{ fileName: 'with-backup-private-pkcs1.pem', text: answer.pem }]);
    expect((await store.list()).find((k) => k.kalshiKeyId === 'id-2')!.privateKey.extractable).toBe(
      false,
    );
  });

  it('a generate answer pasted into "Private key (PEM)" is imported with its Kalshi key ID', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    render(<ImportPanel store={store} keys={[]} onStored={() => {}} onSelect={() => {}} />);
    const answer = generateAnswer('id-from-import');
    await user.click(screen.getByRole('textbox', { name: 'Private key (PEM)' }));
    await user.paste(answer.json);
    await user.click(screen.getByRole('button', { name: 'Import key' }));

    expect(await screen.findByText(/with Kalshi key ID id-from-import\./)).toBeInTheDocument();
    const [record] = await store.list();
    expect(record!.kalshiKeyId).toBe('id-from-import');
    expect(record!.privateKey.extractable).toBe(false);
    expect(createPublicKey(record!.publicKeyPem).export({ type: 'spki', format: 'pem' })).toBe(
      answer.publicKeyPem,
    );
    expect(screen.getByRole('textbox', { name: 'Private key (PEM)' })).toHaveValue('');
  });
});
