// @vitest-environment happy-dom
// "Relay and offline": the relay URL every view sends through, and where keys are kept.
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RelaySettings } from '../../src/ui/common/relay-setting';
import { SettingsView } from '../../src/ui/settings/SettingsView';
import { closeStores, freshStore } from './helpers';

afterEach(() => {
  cleanup();
  closeStores();
});

function memorySettings(
  saved?: string,
): RelaySettings & { saved: string[]; confirmations: string[] } {
  const log: string[] = [];
  const confirmations: string[] = [];
  return {
    saved: log,
    confirmations,
    load: async () => saved,
    save: async (value) => void log.push(value),
    confirmed: async () => confirmations.at(-1),
    confirm: async (host) => void confirmations.push(host),
  };
}

describe('Relay and offline', () => {
  it('shows the remembered relay URL and remembers one as typed, with the loopback address as example', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    const settings = memorySettings('http://127.0.0.1:8787');
    render(
      <SettingsView
        store={store}
        mode={store.mode}
        persistent={undefined}
        onPersist={() => {}}
        hasKeys={false}
        fileOrigin={false}
        relaySettings={settings}
      />,
    );
    const box = screen.getByRole('textbox', { name: 'Relay URL' });
    await waitFor(() => expect(box).toHaveValue('http://127.0.0.1:8787'));
    expect(box).toHaveAttribute('placeholder', 'http://127.0.0.1:8787');
    await user.clear(box);
    await user.type(box, 'http://127.0.0.1:9000');
    expect(settings.saved.at(-1)).toBe('http://127.0.0.1:9000');
    expect(screen.getByText(/^node kalshi-relay.mjs --origin/)).toBeVisible();
  });

  it('says the browser may clear the keys, and asks it again on request', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    const onPersist = vi.fn();
    render(
      <SettingsView
        store={store}
        mode={{ kind: 'indexeddb' }}
        persistent={false}
        onPersist={onPersist}
        hasKeys
        fileOrigin={false}
        relaySettings={memorySettings()}
      />,
    );
    expect(
      screen.getByText(/may clear these keys under storage pressure.*keep a backup/),
    ).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Ask the browser to keep these keys' }));
    expect(onPersist).toHaveBeenCalledTimes(1);
  });
});

describe('a relay on another computer', () => {
  it('is used only after "I run this relay myself at <host>", asked again for a new host', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    const settings = memorySettings();
    render(
      <SettingsView
        store={store}
        mode={store.mode}
        persistent={undefined}
        onPersist={() => {}}
        hasKeys={false}
        fileOrigin={false}
        relaySettings={settings}
      />,
    );
    const box = screen.getByRole('textbox', { name: 'Relay URL' });
    await user.type(box, 'http://127.0.0.1:8787');
    expect(screen.queryByRole('checkbox', { name: /I run this relay myself/ })).toBeNull();

    await user.clear(box);
    await user.type(box, 'https://relay.attacker.example');
    const mine = screen.getByRole('checkbox', {
      name: 'I run this relay myself at relay.attacker.example',
    });
    expect(mine).not.toBeChecked();
    expect(mine).toHaveAccessibleDescription(/sees and can change every request/);
    await user.click(mine);
    expect(settings.confirmations).toEqual(['relay.attacker.example']);

    await user.clear(box);
    await user.type(box, 'https://other.example');
    expect(
      screen.getByRole('checkbox', { name: 'I run this relay myself at other.example' }),
    ).not.toBeChecked();
  });

  it('says what is wrong with an address as it is typed', async () => {
    const user = userEvent.setup();
    const { store } = freshStore();
    render(
      <SettingsView
        store={store}
        mode={store.mode}
        persistent={undefined}
        onPersist={() => {}}
        hasKeys={false}
        fileOrigin={false}
        relaySettings={memorySettings()}
      />,
    );
    await user.type(screen.getByRole('textbox', { name: 'Relay URL' }), 'http://relay.example');
    expect(screen.getByRole('textbox', { name: 'Relay URL' })).toHaveAccessibleDescription(
      /allowed only to a relay on this computer/,
    );
  });
});
