// Issue 3/4: axe-core finds no violations on the page empty, with keys, and with an error shown.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, importPem, mintKey, test, ui } from './fixtures';

async function expectNoAxeViolations(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(summary, `axe violations with the page ${state}`).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no axe violations (${scheme}): empty, with keys, with an error`, async ({
    page,
    watch,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(ui(page).generateKey).toBeVisible();
    await expectNoAxeViolations(page, 'empty');

    await mintKey(page, 'Axe key');
    await ui(page).kalshiKeyId.fill('7c9e6679-7425-40de-944b-e07fc1f90ae7');
    await expectNoAxeViolations(page, 'with a key');

    const result = await importPem(page, 'this is not a PEM');
    expect(result.ok).toBe(false);
    await expectNoAxeViolations(page, 'with an error shown');
    expect(watch.pageErrors).toEqual([]);
  });
}
