// Issue 3, "Done when": two tabs (two pages of one browser context, so one IndexedDB): a key
// minted in one appears in the other without a reload, and simultaneous mints keep both keys.
import { expect, keyItem, mintKey, probeStoredKeys, test, ui } from './fixtures';

test('a key minted in one tab appears in the other without a reload', async ({
  context,
  page,
  watch,
}) => {
  const other = await context.newPage();
  await page.goto('/');
  await other.goto('/');
  await expect(ui(other).keyName).toBeVisible();

  await mintKey(page, 'Minted in tab one');
  await expect(keyItem(other, 'Minted in tab one')).toHaveCount(1);
  await expect(ui(other).keyItems).toHaveCount(1);
  watch.expectClean();
});

test('two tabs minting at the same moment keep both keys', async ({ context, page, watch }) => {
  const other = await context.newPage();
  await page.goto('/');
  await other.goto('/');
  await ui(page).keyName.fill('Left tab key');
  await ui(other).keyName.fill('Right tab key');

  await Promise.all([ui(page).generateKey.click(), ui(other).generateKey.click()]);

  for (const tab of [page, other]) {
    await expect(ui(tab).keyItems).toHaveCount(2);
    await expect(keyItem(tab, 'Left tab key')).toHaveCount(1);
    await expect(keyItem(tab, 'Right tab key')).toHaveCount(1);
  }
  const names = (await probeStoredKeys(page)).keys.map((k) => k.name).sort();
  expect(names).toEqual(['Left tab key', 'Right tab key']);

  await page.reload();
  await expect(ui(page).keyItems).toHaveCount(2);
  watch.expectClean();
});

test('a key deleted in one tab while the other has it selected: the other says which key it selects now', async ({
  context,
  page,
}) => {
  const other = await context.newPage();
  await page.goto('/');
  await other.goto('/');
  await mintKey(page, 'Production key');
  await mintKey(page, 'Demo key');
  await other.getByRole('button', { name: 'Select “Demo key”' }).click();
  await expect(keyItem(other, 'Demo key')).toHaveAttribute('aria-current', 'true');

  await page.getByRole('button', { name: 'Delete “Demo key”' }).click();
  await page.getByRole('button', { name: 'Delete key', exact: true }).click();
  await expect(ui(page).keyItems).toHaveCount(1);
  // Deleted here, by the user: no need to explain it.
  await expect(ui(page).alerts).toHaveCount(0);

  await expect(keyItem(other, 'Production key')).toHaveAttribute('aria-current', 'true');
  await expect(ui(other).alerts).toHaveText(
    '“Demo key” was deleted in another tab. “Production key” is selected now.',
  );
  // The next change of selection ends the notice.
  await mintKey(other, 'Another key');
  await expect(ui(other).alerts).toHaveCount(0);
});
