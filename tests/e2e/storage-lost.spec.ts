// The key store changing under an open page, as real browsers do it: the user clears the site's
// data (DevTools "Clear site data", or "Clear browsing data" with cookies and site data), a newer
// kalshi-keys in another tab upgrades the database, or a tab of an older kalshi-keys holds the
// database open so that this page's upgrade has to wait. Each time the page must say what happened
// and what to do, and keep the keys it lists usable.
import type { Page } from '@playwright/test';
import {
  expect,
  keyHeading,
  keyItem,
  kalshiMessage,
  mintKey,
  openKey,
  openView,
  signRequest,
  test,
  ui,
  verifyWithNode,
} from './fixtures';

const BALANCE = '/trade-api/v2/portfolio/balance';

/** A blank page of the app's origin, for raw IndexedDB work outside the app. */
async function blankTab(page: Page): Promise<Page> {
  const other = await page.context().newPage();
  await other.route('**/blank.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
  );
  await other.goto('/blank.html');
  return other;
}

/** Opens the key's page, gives it a Kalshi key ID, signs with it, and verifies with node:crypto. */
async function signsWith(page: Page, name: string, publicPem: string) {
  await openKey(page, name);
  await ui(page).kalshiKeyId.fill('a952bcbe-ec3b-4b5b-b8f9-11dae589608c');
  const headers = await signRequest(page, { method: 'GET', path: BALANCE });
  const message = kalshiMessage(headers.timestamp, 'GET', BALANCE);
  expect(verifyWithNode(publicPem, message, headers.signature)).toBe(true);
}

test('clearing site data while the page is open: the page says so, keeps the listed keys, and can store them again', async ({
  page,
  context,
}) => {
  await page.goto('/');
  const u = ui(page);
  await mintKey(page, 'First key');
  const pem = await mintKey(page, 'Second key');

  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', {
    origin: new URL(page.url()).origin,
    storageTypes: 'all',
  });

  await expect(u.alerts.filter({ hasText: 'data was cleared' })).toBeVisible();
  await openView(page, 'Keys');
  await expect(u.keyItems).toHaveCount(2);
  // A rename is not blamed on another tab, and the keys stay listed.
  await openKey(page, 'Second key');
  await page.getByRole('button', { name: 'Rename “Second key”' }).click();
  await page.getByRole('textbox', { name: 'New name for “Second key”' }).fill('Renamed key');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(keyHeading(page, 'Renamed key')).toBeVisible();
  await expect(u.alerts.filter({ hasText: 'deleted in another tab' })).toHaveCount(0);
  await openView(page, 'Keys');
  await expect(keyItem(page, 'Renamed key')).toHaveCount(1);
  await expect(u.keyItems).toHaveCount(2);
  await signsWith(page, 'Renamed key', pem);

  await page.getByRole('button', { name: 'Store these keys again' }).click();
  await expect(u.alerts.filter({ hasText: 'data was cleared' })).toHaveCount(0);
  await page.reload();
  await openView(page, 'Keys');
  await expect(keyItem(page, 'First key')).toHaveCount(1);
  await expect(keyItem(page, 'Renamed key')).toHaveCount(1);
  // The key last opened is remembered: the Sign view starts with it.
  await openView(page, 'Sign a request');
  await expect(u.signingKey.locator('option:checked')).toHaveText('Renamed key');
  await signsWith(page, 'Renamed key', pem);
});

test('a key minted right after site data was cleared is listed with the others', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await mintKey(page, 'Old key');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', {
    origin: new URL(page.url()).origin,
    storageTypes: 'indexeddb',
  });
  await mintKey(page, 'New key');
  await openView(page, 'Keys');
  await expect(ui(page).keyItems).toHaveCount(2);
  await expect(ui(page).alerts.filter({ hasText: 'data was cleared' })).toBeVisible();
});

test('a newer kalshi-keys upgrading the key store in another tab: this tab says to reload', async ({
  page,
}) => {
  await page.goto('/');
  const pem = await mintKey(page, 'Kept key');
  const other = await blankTab(page);
  // What a future version 3 of the page does when it opens.
  await other.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('kalshi-keys', 3);
        open.onsuccess = () => resolve(open.result.close());
        open.onerror = () => reject(open.error);
      }),
  );

  const alert = ui(page).alerts.filter({ hasText: 'newer kalshi-keys' });
  await expect(alert).toContainText('reload');
  await expect(alert).not.toContainText('normal window');
  await openView(page, 'Keys');
  await expect(keyItem(page, 'Kept key')).toHaveCount(1);
  await signsWith(page, 'Kept key', pem);
});

test('a tab of an older kalshi-keys holding the key store open: this page says to close it, then loads', async ({
  page,
}) => {
  const old = await blankTab(page);
  // Version 1 of the page, which kept its connection open whatever other tabs asked.
  await old.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('kalshi-keys', 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('keys');
          open.result.createObjectStore('settings');
        };
        open.onsuccess = () =>
          resolve(((window as unknown as { db: IDBDatabase }).db = open.result));
        open.onerror = () => reject(open.error);
      }),
  );

  await page.goto('/');
  const u = ui(page);
  await expect(u.alerts.filter({ hasText: 'older kalshi-keys' })).toContainText(
    'close or reload that tab',
  );
  await old.close();
  await expect(u.alerts).toHaveCount(0);
  await expect(page.getByText(/^No key yet\./)).toBeVisible();
  await mintKey(page, 'After the wait');
});
