// Helpers for the key-lifecycle browser tests (issue 13): the lifecycle controls by their
// accessible names, on the views where they live, the bootstrap key set up as Kalshi hands it out, and the "no relay" hand-off
// (copy the curl command, run it in bash, paste its output back).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import {
  expect,
  importPem,
  keyHeading,
  openKey,
  openView,
  ui,
  type KalshiMockFixture,
} from './fixtures';

/** The host the page's commands name for demo keys (src/core/kalshi.ts, recommended demo host). */
export const DEMO_ORIGIN = 'https://external-api.demo.kalshi.co';

/**
 * The lifecycle controls by accessible names: "On Kalshi" on a key's page (register, rotate,
 * delete there), the "Keys on Kalshi" view, and "Let Kalshi make the key" in "Import a key".
 */
export function lifecycle(page: Page) {
  const onKalshi = page.getByRole('region', { name: 'On Kalshi', exact: true });
  const kalshiView = page.getByRole('region', { name: 'Keys on Kalshi', exact: true });
  const generateSection = page.getByRole('region', {
    name: 'Let Kalshi make the key',
    exact: true,
  });
  const button = (within: Locator, name: string) =>
    within.getByRole('button', { name, exact: true });
  return {
    onKalshi,
    kalshiView,
    generateSection,
    // Register it with Kalshi (on the key's page, while it has no Kalshi key ID).
    scopes: onKalshi.getByRole('group', { name: 'Scopes', exact: true }),
    scope: (name: string) =>
      onKalshi
        .getByRole('group', { name: 'Scopes', exact: true })
        .getByRole('checkbox', { name, exact: true }),
    subaccount: onKalshi.getByRole('textbox', { name: 'Subaccount', exact: true }),
    signWith: onKalshi.getByRole('combobox', { name: 'Sign with', exact: true }),
    register: button(onKalshi, 'Register with Kalshi'),
    // Rotate key (on the key's page, once it has a Kalshi key ID).
    rotate: button(onKalshi, 'Rotate key'),
    rotationSteps: onKalshi.getByRole('list', { name: 'Rotation steps' }),
    continueRotation: button(onKalshi, 'Continue rotation'),
    deleteOldKey: page
      .getByRole('dialog')
      .getByRole('button', { name: 'Delete old key', exact: true }),
    // Keys on Kalshi (#/kalshi).
    viewSignWith: kalshiView.getByRole('combobox', { name: 'Sign with', exact: true }),
    check: button(kalshiView, 'Check with Kalshi'),
    table: page.getByRole('table', { name: 'Keys on Kalshi', exact: true }),
    // Let Kalshi make the key (in Import a key).
    generateName: generateSection.getByRole('textbox', { name: 'Name on Kalshi', exact: true }),
    generate: button(generateSection, 'Let Kalshi make the key'),
  };
}

/** Chooses the stored key `name` in a "Sign with" select (its options read "<name> (<env>)…"). */
export async function chooseSigner(select: Locator, name: string): Promise<void> {
  // The view may still be loading (its code comes on demand): wait for the option, not for a moment.
  let texts: string[] = [];
  const offered = () => texts.find((text) => text.startsWith(`${name} (`));
  await expect
    .poll(
      async () => {
        texts = await select.locator('option').allInnerTexts();
        return offered();
      },
      { message: `"${name}" is offered in "Sign with"` },
    )
    .toBeTruthy();
  await select.selectOption({ label: offered()! });
}

/**
 * Imports the mock's bootstrap key (PKCS#1, as Kalshi hands it out) with its Kalshi key ID typed
 * into the import form, and waits for its page, which shows that ID.
 */
export async function importBootstrap(page: Page, mock: KalshiMockFixture, name = 'Bootstrap') {
  const u = ui(page);
  await openView(page, 'Import a key');
  await u.importName.fill(name);
  await page
    .getByRole('region', { name: 'Import a key', exact: true })
    .getByRole('textbox', { name: 'Kalshi key ID', exact: true })
    .fill(mock.bootstrapKeyId);
  expect(await importPem(page, mock.bootstrapPrivatePem)).toEqual({ ok: true });
  await expect(keyHeading(page, name)).toBeVisible();
  await expect(u.kalshiKeyId).toHaveValue(mock.bootstrapKeyId);
}

/** The Kalshi key ID shown on the page of the stored key `name` (opened from the home). */
export async function kalshiIdOf(page: Page, name: string): Promise<string> {
  await openKey(page, name);
  return ui(page).kalshiKeyId.inputValue();
}

/** The stored-key item on the home whose status names this Kalshi key ID (its first 8 characters). */
export const keyWithId = (page: Page, kalshiKeyId: string): Locator =>
  ui(page).keyItems.filter({ hasText: `Registered · ${kalshiKeyId.slice(0, 8)}` });

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
