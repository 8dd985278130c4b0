// Issue 3, "Done when": two tabs (two pages of one browser context, so one IndexedDB): a key
// minted in one appears in the other without a reload, and simultaneous mints keep both keys.
import {
  expect,
  keyHeading,
  keyItem,
  mintKey,
  openKey,
  openView,
  probeStoredKeys,
  test,
  ui,
} from './fixtures';

test('a key minted in one tab appears in the other without a reload', async ({
  context,
  page,
  watch,
}) => {
  const other = await context.newPage();
  await page.goto('/');
  await other.goto('/');
  await expect(ui(other).createKey).toBeVisible();

  await mintKey(page, 'Minted in tab one');
  await expect(keyItem(other, 'Minted in tab one')).toHaveCount(1);
  await expect(ui(other).keyItems).toHaveCount(1);
  watch.expectClean();
});

test('two tabs minting at the same moment keep both keys', async ({ context, page, watch }) => {
  const other = await context.newPage();
  await page.goto('/');
  await other.goto('/');
  await openView(page, 'Create a key');
  await openView(other, 'Create a key');
  await ui(page).keyName.fill('Left tab key');
  await ui(other).keyName.fill('Right tab key');

  await Promise.all([ui(page).generateKey.click(), ui(other).generateKey.click()]);

  await expect(keyHeading(page, 'Left tab key')).toBeVisible();
  await expect(keyHeading(other, 'Right tab key')).toBeVisible();
  for (const tab of [page, other]) {
    await openView(tab, 'Keys');
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

test('a key deleted in one tab while the other shows its page: the other says it is gone', async ({
  context,
  page,
}) => {
  const other = await context.newPage();
  await page.goto('/');
  await other.goto('/');
  await mintKey(page, 'Production key');
  await mintKey(page, 'Demo key');
  await openKey(other, 'Demo key');

  await page.getByRole('button', { name: 'Delete from this browser', exact: true }).click();
  await page.getByRole('button', { name: 'Delete key', exact: true }).click();
  await expect(ui(page).heading).toHaveText('Your Kalshi API keys');
  await expect(ui(page).keyItems).toHaveCount(1);
  // Deleted here, by the user: no need to explain it.
  await expect(ui(page).alerts).toHaveCount(0);

  // The other tab's page of that key says what happened and leads back to the keys.
  await expect(ui(other).heading).toHaveText('Key not found');
  await expect(other.getByText(/deleted, perhaps in another tab/)).toBeVisible();
  await expect(ui(other).publicKeyPem).toHaveCount(0);
  await other.getByRole('link', { name: 'Back to your keys', exact: true }).click();
  await expect(ui(other).keyItems).toHaveCount(1);
  await expect(keyItem(other, 'Production key')).toHaveCount(1);
  // The Sign view of the other tab no longer offers it either.
  await openView(other, 'Sign a request');
  await expect(ui(other).signingKey.locator('option')).toHaveText([
    'Production key (no Kalshi key ID)',
  ]);
});
