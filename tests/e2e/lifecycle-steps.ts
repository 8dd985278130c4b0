// Helpers for the key-lifecycle browser tests (issue 13): the page's lifecycle controls by their
// accessible names, the bootstrap key set up as Kalshi hands it out, and the "no relay" hand-off
// (copy the curl command, run it in bash, paste its output back).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import { expect, importPem, keyItem, ui, type KalshiMockFixture } from './fixtures';

/** The host the page's commands name for demo keys (src/core/kalshi.ts, recommended demo host). */
export const DEMO_ORIGIN = 'https://external-api.demo.kalshi.co';

/** The lifecycle panel and the register part of "Selected key", by accessible names. */
export function lifecycle(page: Page) {
  const panel = page.getByRole('region', { name: 'Your keys on Kalshi' });
  const selected = page.getByRole('region', { name: /^Selected key/ });
  const button = (within: Locator, name: string) =>
    within.getByRole('button', { name, exact: true });
  return {
    panel,
    selected,
    relayUrl: page.getByRole('textbox', { name: 'Relay URL', exact: true }),
    // Register it with Kalshi (in "Selected key").
    scopes: selected.getByRole('group', { name: 'Scopes', exact: true }),
    scope: (name: string) =>
      selected
        .getByRole('group', { name: 'Scopes', exact: true })
        .getByRole('checkbox', { name, exact: true }),
    subaccount: selected.getByRole('textbox', { name: 'Subaccount', exact: true }),
    signWith: selected.getByRole('combobox', { name: 'Sign with', exact: true }),
    register: button(selected, 'Register with Kalshi'),
    // Keys on Kalshi, generate, rotate (in "Your keys on Kalshi").
    check: button(panel, 'Check with Kalshi'),
    table: page.getByRole('table', { name: 'Keys on Kalshi', exact: true }),
    generateName: panel.getByRole('textbox', { name: 'Name on Kalshi', exact: true }),
    generate: button(panel, 'Let Kalshi make the key'),
    rotationSteps: panel.getByRole('list', { name: 'Rotation steps' }),
    continueRotation: button(panel, 'Continue rotation'),
    deleteOldKey: page
      .getByRole('dialog')
      .getByRole('button', { name: 'Delete old key', exact: true }),
  };
}

/** Imports the mock's bootstrap key (PKCS#1, as Kalshi hands it out) and sets its Kalshi key ID. */
export async function importBootstrap(page: Page, mock: KalshiMockFixture, name = 'Bootstrap') {
  const u = ui(page);
  await page.getByRole('textbox', { name: 'Name for imported key', exact: true }).fill(name);
  expect(await importPem(page, mock.bootstrapPrivatePem)).toEqual({ ok: true });
  await expect(keyItem(page, name)).toHaveAttribute('aria-current', 'true');
  await u.kalshiKeyId.fill(mock.bootstrapKeyId);
  await expect(keyItem(page, name)).toContainText(`Kalshi key ID: ${mock.bootstrapKeyId}`);
}

/** The stored-key item that shows this Kalshi key ID. */
export const keyWithId = (page: Page, kalshiKeyId: string): Locator =>
  ui(page).keyItems.filter({ hasText: `Kalshi key ID: ${kalshiKeyId}` });

/** Selects the stored key `name` (its "Select" button in "Stored keys"). */
export async function selectKey(page: Page, name: string) {
  await keyItem(page, name)
    .getByRole('button', { name: /^Select/ })
    .click();
  await expect(keyItem(page, name)).toHaveAttribute('aria-current', 'true');
}

const run = promisify(execFile);

/**
 * The "no relay" hand-off of one step inside `within`: presses "Copy command" (which signs afresh:
 * the mock, like Kalshi, accepts timestamps a few seconds old only), takes the command from the
 * clipboard, runs it in bash against the mock, and pastes curl's output into "Kalshi's answer".
 * The command names Kalshi's real host over https; the mock is plain http on 127.0.0.1, so the
 * test rewrites `https://<kalshi host>` to the mock's URL before running it (the only change).
 * Returns curl's output.
 */
export async function runCopiedCommand(
  page: Page,
  within: Locator,
  mock: KalshiMockFixture,
): Promise<string> {
  const box = within.getByRole('textbox', { name: 'Command to run', exact: true });
  await expect(box).toHaveValue(/^curl -i /);
  const before = await box.inputValue();
  await within.getByRole('button', { name: 'Copy command', exact: true }).click();
  await expect(box).not.toHaveValue(before);
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command).toBe(await box.inputValue());
  expect(command).toContain(DEMO_ORIGIN);
  const { stdout } = await run('bash', ['-c', command.replaceAll(DEMO_ORIGIN, mock.url)], {
    timeout: 10_000,
  });
  expect(stdout).toMatch(/^HTTP\/1\.1 \d{3}/);
  await within.getByRole('textbox', { name: "Kalshi's answer", exact: true }).fill(stdout);
  return stdout;
}
