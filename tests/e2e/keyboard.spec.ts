// Keyboard only: the key page's controls that open something (the rename form, the delete dialog)
// put focus where the user types next, keep it there, and give it back when they close; moving
// between views puts focus on the new view's heading.
import type { Page } from '@playwright/test';
import { expect, keyHeading, keyItem, mintKey, openView, test, ui } from './fixtures';

test.use({ viewport: { width: 360, height: 740 } });

/** Focuses a control as Tab would (focus-visible, scrolled into view) and presses `key` on it. */
async function pressOn(page: Page, name: string, key: string) {
  const control = page.getByRole('button', { name, exact: true });
  await control.focus();
  await page.keyboard.press(key);
}

test('Rename by keyboard: the new-name field takes focus, Enter saves, Escape cancels', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  await mintKey(page, 'Bot one');

  await pressOn(page, 'Rename “Bot one”', 'Enter');
  const newName = page.getByRole('textbox', { name: 'New name for “Bot one”', exact: true });
  await expect(newName, 'typing goes into the field that just opened').toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Bot two');
  await page.keyboard.press('Enter');
  await expect(keyHeading(page, 'Bot two')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename “Bot two”', exact: true })).toBeFocused();

  await pressOn(page, 'Rename “Bot two”', 'Space');
  await expect(
    page.getByRole('textbox', { name: 'New name for “Bot two”', exact: true }),
  ).toBeFocused();
  await page.keyboard.type(' changed');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: /^New name for/ })).toHaveCount(0);
  await expect(keyHeading(page, 'Bot two')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename “Bot two”', exact: true })).toBeFocused();
  await openView(page, 'Keys');
  await expect(keyItem(page, 'Bot two')).toHaveCount(1);
  watch.expectClean();
});

test('the delete dialog by keyboard: focus starts on Cancel, Tab stays in it, Escape keeps the key', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  await mintKey(page, 'Keep me');

  await pressOn(page, 'Delete from this browser', 'Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete key “Keep me”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  // Headless Chromium has no address bar: focus leaving the dialog lands on the body there, which
  // stands for the browser's own controls. It must never reach the page behind the dialog.
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    const where = await page.evaluate(() => {
      const active = document.activeElement;
      if (!active || active === document.body) return 'outside the page';
      return active.closest('dialog') ? 'in the dialog' : `behind it: ${active.outerHTML}`;
    });
    expect(where, `focus after ${key}`).not.toMatch(/^behind/);
  }

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(keyHeading(page, 'Keep me')).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Delete from this browser', exact: true }),
  ).toBeFocused();
  await openView(page, 'Keys');
  await expect(keyItem(page, 'Keep me')).toHaveCount(1);
  await expect(ui(page).keyItems).toHaveCount(1);
  watch.expectClean();
});

test('Open and Delete by keyboard: focus goes to the heading of the view that opens', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  await mintKey(page, 'Alpha');
  await mintKey(page, 'Beta');
  await openView(page, 'Keys');
  await expect(ui(page).heading).toBeFocused();

  // Opening a key's page from the list: focus starts on its heading, not at the page's start.
  await keyItem(page, 'Alpha').getByRole('link', { name: 'Alpha', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(keyHeading(page, 'Alpha')).toBeFocused();

  // Deleting it from its page leads back to the keys, with focus on that view's heading.
  await pressOn(page, 'Delete from this browser', 'Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete key “Alpha”?' });
  await dialog.getByRole('button', { name: 'Delete key', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(ui(page).keyItems).toHaveCount(1);
  await expect(ui(page).heading).toHaveText('Your Kalshi API keys');
  await expect(ui(page).heading).toBeFocused();
  // The next Tab goes on from there: into the view, not back to the top of the page.
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement?.closest('main') !== null);
  expect(next, 'focus after Tab is in the view').toBe(true);
  watch.expectClean();
});
