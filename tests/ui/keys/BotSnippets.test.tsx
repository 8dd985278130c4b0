// @vitest-environment happy-dom
// "Use this key in your bot": one program at a time, chosen by language, each copied as shown.
import { cleanup, render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeyRecord } from '../../../src/storage/types';
import { BotSnippets } from '../../../src/ui/keys/BotSnippets';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const record = {
  id: 'k',
  name: 'Bot',
  createdAt: 0,
  environment: 'production',
  kalshiKeyId: 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c',
  fingerprint: 'SHA256:x',
  publicKeyPem: '',
  backupFile: 'Bot-private-pkcs8.pem',
} as KeyRecord & { backupFile: string };

const programs = () => screen.getAllByRole('textbox') as HTMLTextAreaElement[];

describe('Use this key in your bot', () => {
  it('shows one program at a time, Python first, and copies the one shown', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    render(<BotSnippets record={record} />);
    const languages = screen.getByRole('radiogroup', { name: 'Language' });
    expect(within(languages).getByRole('radio', { name: 'Python' })).toBeChecked();

    for (const [language, label, marker] of [
      ['Python', 'Python program', 'python3 kalshi_balance.py'],
      ['Node', 'Node program', 'node kalshi-balance.js'],
      ['Node, with the kalshi-keys package', 'kalshi-keys package (Node)', "from 'kalshi-keys'"],
    ] as const) {
      await user.click(within(languages).getByRole('radio', { name: language }));
      expect(programs()).toHaveLength(1);
      const box = screen.getByRole('textbox', { name: label }) as HTMLTextAreaElement;
      expect(box.value).toContain(marker);
      expect(box.value).toContain(record.kalshiKeyId);
      expect(box.value).toContain(record.backupFile);
      await user.click(screen.getByRole('button', { name: `Copy ${label}` }));
      expect(await screen.findByText(`Copied ${label}`)).toBeInTheDocument();
      expect(writeText).toHaveBeenLastCalledWith(box.value);
    }
    // Another language's status does not linger under the next program.
    await user.click(within(languages).getByRole('radio', { name: 'Python' }));
    expect(screen.queryByText(/^Copied/)).toBeNull();
  });
});
