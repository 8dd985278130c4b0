// dist/kalshi-keys.html, the one file for air-gapped machines (issue 4, item 3): opened from disk
// it mints and signs; Chromium gives every file:// page one shared storage, so keys stay in memory
// unless the user opts in; and the hosted page links it with its SHA-256.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  expect,
  kalshiMessage,
  keyItem,
  mintKey,
  openView,
  signRequest,
  test,
  ui,
  verifyWithNode,
} from './fixtures';

const SINGLE_FILE = fileURLToPath(new URL('../../dist/kalshi-keys.html', import.meta.url));
const SINGLE_FILE_URL = pathToFileURL(SINGLE_FILE).href;
const KEY_ID = '3f6a1c2e-9b8d-4e7f-a1b2-c3d4e5f60718';

test('opened from file://, the single file mints and signs; node:crypto verifies the signature', async ({
  page,
  watch,
}) => {
  await page.goto(SINGLE_FILE_URL);
  const publicPem = await mintKey(page, 'Air-gapped key');
  await ui(page).kalshiKeyId.fill(KEY_ID);
  const path = '/trade-api/v2/portfolio/orders?status=resting';
  const signed = await signRequest(page, { method: 'GET', path });
  expect(signed.key).toBe(KEY_ID);
  expect(
    verifyWithNode(publicPem, kalshiMessage(signed.timestamp, 'GET', path), signed.signature),
  ).toBe(true);

  // Its CSP allows no connection at all: instead of a relay form that could never send, the Sign
  // panel says so and what to do instead.
  const signPanel = page.getByRole('region', { name: 'Sign a request' });
  await expect(signPanel.getByText(/makes no connections/)).toContainText(
    /curl command above in a terminal, or open the hosted kalshi-keys page/,
  );
  await expect(page.getByRole('button', { name: 'Send through relay' })).toHaveCount(0);
  // Nor a relay to set: "Relay and offline" says the same.
  await openView(page, 'Relay and offline');
  await expect(page.getByText(/makes no connections/)).toBeVisible();
  await expect(page.getByLabel('Relay URL')).toHaveCount(0);
  expect(watch.requests.filter((r) => /^(https?|wss?):/.test(r.url))).toEqual([]);
  watch.expectClean();
});

test('every view is in the single file and works from file://, with no request', async ({
  page,
  watch,
}) => {
  await page.goto(SINGLE_FILE_URL);
  for (const [view, title] of [
    ['Create a key', 'Create a key'],
    ['Import a key', 'Import a key'],
    ['Sign a request', 'Sign a request'],
    ['Check a signature', 'Check a signature'],
    ['Keys on Kalshi', 'Keys on Kalshi'],
    ['Relay and offline', 'Relay and offline'],
    ['Keys', 'Your Kalshi API keys'],
  ] as const) {
    await openView(page, view);
    await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
  }
  await openView(page, 'Import a key');
  await expect(
    page.getByRole('heading', { level: 2, name: 'Let Kalshi make the key', exact: true }),
  ).toBeVisible();
  // The backup options, and the bot panel that a key with a backup file gets.
  await openView(page, 'Create a key');
  await page.getByRole('radio', { name: 'Encrypted backup', exact: true }).check();
  await page.getByLabel('Backup passphrase', { exact: true }).fill('correct horse battery');
  await page.getByLabel('Repeat backup passphrase', { exact: true }).fill('correct horse battery');
  const download = page.waitForEvent('download');
  await mintKey(page, 'Panels key');
  expect((await download).suggestedFilename()).toMatch(/-encrypted\.pem$/);
  await expect(
    page.getByRole('heading', { level: 2, name: 'Use this key in your bot', exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Register with Kalshi' })).toBeVisible();
  await page.getByRole('button', { name: 'Show as QR code', exact: true }).click();
  const qr = page.getByRole('img', { name: 'QR code of the public key', exact: true });
  await expect(qr).toHaveAttribute('src', /^data:image\/svg\+xml,/);
  expect(
    await qr.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth)),
  ).toBeGreaterThan(0);
  expect(watch.requests.filter((r) => /^(https?|wss?):/.test(r.url))).toEqual([]);
  watch.expectClean();
});

test('by default a reload forgets the key, and the page says keys stay in memory on file:// and why', async ({
  page,
}) => {
  await page.goto(SINGLE_FILE_URL);
  await mintKey(page, 'Session key');
  await openView(page, 'Relay and offline');
  const keep = page.getByRole('checkbox', { name: 'Keep keys on this computer', exact: true });
  await expect(keep).not.toBeChecked();
  // Why: every local HTML file shares one storage in Chromium, so another file could use the keys.
  // What: the keys last only as long as the tab. Why: one storage for every local HTML file.
  const explanation = page
    .getByText(/kept in (this tab only|memory)/i)
    .filter({ hasText: /(every|another|any other) (HTML )?file/i });
  await expect(explanation).toBeVisible();

  // Keys only in memory: the browser asks before the reload throws them away.
  const asked = page.waitForEvent('dialog').then(async (dialog) => {
    await dialog.accept();
    return dialog.type();
  });
  await page.reload();
  expect(await asked).toBe('beforeunload');
  await expect(ui(page).nav).toBeVisible();
  await openView(page, 'Keys');
  await expect(ui(page).keyItems).toHaveCount(0);
});

test('"Keep keys on this computer" keeps the key across a reload, and the choice is remembered', async ({
  page,
}) => {
  await page.goto(SINGLE_FILE_URL);
  await openView(page, 'Relay and offline');
  const keep = page.getByRole('checkbox', { name: 'Keep keys on this computer', exact: true });
  await keep.check();
  await mintKey(page, 'Kept key');

  await page.reload();
  await openView(page, 'Keys');
  await expect(keyItem(page, 'Kept key')).toHaveCount(1);
  await openView(page, 'Relay and offline');
  await expect(
    page.getByRole('checkbox', { name: 'Keep keys on this computer', exact: true }),
  ).toBeChecked();
});

test('the hosted page offers "Download for offline use" with the SHA-256 of kalshi-keys.html and the commands that print it', async ({
  page,
}) => {
  const digest = createHash('sha256')
    .update(await readFile(SINGLE_FILE))
    .digest('hex');
  await page.goto('/');
  await openView(page, 'Relay and offline');
  const link = page.getByRole('link', { name: /Download for offline use/ });
  await expect(link).toHaveAttribute('href', /(^|\/|\.\/)kalshi-keys\.html$/);
  await expect(page.getByText(digest)).toBeVisible();
  // How to print it where the copy is opened, often a machine with no network.
  await page.getByText('Check it on the other computer').click();
  for (const command of [
    'certutil -hashfile kalshi-keys.html SHA256',
    'shasum -a 256 kalshi-keys.html',
    'sha256sum kalshi-keys.html',
  ])
    await expect(page.getByText(command, { exact: true })).toBeVisible();
  // The link serves exactly those bytes.
  const served = await page.request.get(
    new URL((await link.getAttribute('href'))!, page.url()).href,
  );
  expect(
    createHash('sha256')
      .update(await served.body())
      .digest('hex'),
  ).toBe(digest);
});
