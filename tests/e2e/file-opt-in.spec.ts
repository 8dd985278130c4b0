// Chromium gives every file:// page one storage, so another local HTML file can write the single
// file's "Keep keys on this computer" setting. The single file then starts with keys stored where
// that file can sign with them: it must say so, at once, before any key is stored.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, mintKey, openView, probeStoredKeys, test, ui } from './fixtures';

const SINGLE_FILE_URL = pathToFileURL(
  fileURLToPath(new URL('../../dist/kalshi-keys.html', import.meta.url)),
).href;
const KEEP = { name: 'Keep keys on this computer', exact: true } as const;

let temp = '';
test.beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), 'kalshi-keys-opt-in-'));
});
test.afterEach(() => rm(temp, { recursive: true, force: true }));

/** Another local file: it opens kalshi-keys' database, as any file:// page can, and turns the opt-in on. */
async function otherFileTurnsItOn(page: Page): Promise<void> {
  const file = join(temp, 'holiday-photos.html');
  await writeFile(
    file,
    `<!doctype html><meta charset="utf-8"><title>Holiday photos</title><script>
const open = indexedDB.open('kalshi-keys', 2);
open.onupgradeneeded = () => {
  for (const name of ['keys', 'list', 'settings']) open.result.createObjectStore(name);
};
open.onsuccess = () => {
  const tx = open.result.transaction('settings', 'readwrite');
  tx.objectStore('settings').put(true, 'keep-keys-on-file');
  tx.oncomplete = () => { document.title = 'done'; };
};
</script>`,
  );
  await page.goto(pathToFileURL(file).href);
  await expect(page).toHaveTitle('done');
}

const alertAbout = (page: Page) =>
  page
    .getByRole('alert')
    .filter({ hasText: '“Keep keys on this computer” was on when this page opened' });

test('another local file turns "Keep keys on this computer" on: the single file says so at start, before any key is stored', async ({
  page,
  watch,
}) => {
  await otherFileTurnsItOn(page);
  await page.goto(SINGLE_FILE_URL);

  await expect(alertAbout(page)).toBeVisible();
  await expect(alertAbout(page)).toContainText(
    'any HTML file opened on this computer can use them',
  );
  await expect(alertAbout(page)).toContainText(
    'If you did not turn it on, another file did: untick it',
  );
  expect((await probeStoredKeys(page)).keys).toEqual([]);
  // The setting it names is in "Relay and offline", ticked.
  await openView(page, 'Relay and offline');
  await expect(alertAbout(page)).toBeVisible();
  await expect(page.getByRole('checkbox', KEEP)).toBeChecked();

  // Doing what it says: untick, and the key minted next stays in this tab, out of the shared storage.
  await page.getByRole('checkbox', KEEP).uncheck();
  await expect(page.getByRole('checkbox', KEEP)).not.toBeChecked();
  await mintKey(page, 'After the warning');
  await openView(page, 'Keys');
  await expect(ui(page).keyItems.filter({ hasText: 'After the warning' })).toHaveCount(1);
  expect((await probeStoredKeys(page)).keys).toEqual([]);
  watch.expectClean();
});

test('ticked in this page: no alert then; opened again with it on: the alert, and the kept key', async ({
  page,
}) => {
  await page.goto(SINGLE_FILE_URL);
  await openView(page, 'Relay and offline');
  await page.getByRole('checkbox', KEEP).check();
  await expect(alertAbout(page)).toHaveCount(0);
  await mintKey(page, 'Kept on purpose');
  expect((await probeStoredKeys(page)).keys.map((k) => k.name)).toEqual(['Kept on purpose']);
  // Opened again, the page cannot tell who turned it on: it says so, every time.
  await page.reload();
  await expect(alertAbout(page)).toBeVisible();
  await openView(page, 'Keys');
  await expect(ui(page).keyItems.filter({ hasText: 'Kept on purpose' })).toHaveCount(1);
});
