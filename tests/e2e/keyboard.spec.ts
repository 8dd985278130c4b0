// Keyboard only: the stored-key controls that open something (the rename form, the delete dialog)
// put focus where the user types next, keep it there, and give it back when they close.
import type { Page } from '@playwright/test';
import { expect, keyItem, mintKey, test, ui } from './fixtures';

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
  await expect(keyItem(page, 'Bot two')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Rename “Bot two”', exact: true })).toBeFocused();

  await pressOn(page, 'Rename “Bot two”', 'Space');
  await expect(
    page.getByRole('textbox', { name: 'New name for “Bot two”', exact: true }),
  ).toBeFocused();
  await page.keyboard.type(' changed');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: /^New name for/ })).toHaveCount(0);
  await expect(keyItem(page, 'Bot two')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Rename “Bot two”', exact: true })).toBeFocused();
  watch.expectClean();
});

test('the delete dialog by keyboard: focus starts on Cancel, Tab stays in it, Escape keeps the key', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  await mintKey(page, 'Keep me');

  await pressOn(page, 'Delete “Keep me”', 'Enter');
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
  await expect(keyItem(page, 'Keep me')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Delete “Keep me”', exact: true })).toBeFocused();
  await expect(ui(page).keyItems).toHaveCount(1);
  watch.expectClean();
});

test('Select and Delete by keyboard keep focus in the list, on the selected key’s Select button', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  await mintKey(page, 'Alpha');
  await mintKey(page, 'Beta');
  await expect(keyItem(page, 'Beta')).toHaveAttribute('aria-current', 'true');

  // Selecting rebuilds the row with its controls: focus must not fall back to the page's start.
  await pressOn(page, 'Select “Alpha”', 'Enter');
  await expect(keyItem(page, 'Alpha')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('button', { name: 'Select “Alpha”', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Used on (Alpha)', exact: true })).toBeFocused();

  // Deleting removes the row whose Delete button had focus: focus goes to the key selected now.
  await pressOn(page, 'Delete “Alpha”', 'Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete key “Alpha”?' });
  await dialog.getByRole('button', { name: 'Delete key', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(ui(page).keyItems).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Select “Beta”', exact: true })).toBeFocused();
  watch.expectClean();
});
