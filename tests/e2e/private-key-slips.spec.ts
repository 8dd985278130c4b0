// Slips a real user makes with a private key in the page: pasting it into the wrong field, dropping
// its file outside the import box, saving a backup. The key must never be stored, shown or sent
// as text, and the page must make no request while it mints, imports, signs, copies or checks.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { makeTempDir, openssl } from '../helpers/openssl';
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
  watchOf,
} from './fixtures';
import { nodeRsaKey } from '../helpers/keys';

const PRIVATE_PEM = nodeRsaKey().pkcs8Pem;
const REFUSED =
  /^This is a private key: it was not saved\. Paste it only into “Private key \(PEM\)”/;

/** Puts `text` on the clipboard and pastes it into `field` with Ctrl+V, as a user would. */
async function paste(page: Page, field: Locator, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await field.click();
  await page.keyboard.press('Control+V');
}

/** Waits until the service worker has cached the page for offline use (its only requests). */
async function offlineCopyKept(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
}

/**
 * Loads every part of the page once, as a first use would: a key's page (a warm-up key) and every
 * view, each loaded on demand. What follows then loads no code, so any request it makes is its own.
 */
async function everyViewLoaded(page: Page): Promise<void> {
  await mintKey(page, 'Warm-up key');
  for (const view of [
    'Keys',
    'Create a key',
    'Import a key',
    'Sign a request',
    'Check a signature',
    'Keys on Kalshi',
    'Relay and offline',
  ] as const) {
    await openView(page, view);
    await expect(ui(page).heading).toBeVisible();
  }
}

/** Nothing anywhere in the page or its IndexedDB holds private key text. */
async function expectNoPrivateText(page: Page): Promise<void> {
  expect((await probeStoredKeys(page)).privateKeyText).toEqual([]);
  const shown = await page.evaluate(() =>
    [
      document.documentElement.outerHTML,
      ...Array.from(
        document.querySelectorAll('input, textarea'),
        (e) => (e as HTMLInputElement).value,
      ),
    ].filter((text) => /PRIVATE KEY-----|MII[\w+/]{3}IBA/.test(text)),
  );
  expect(shown).toEqual([]);
}

test('a private key pasted into a name, ID, path, body or relay URL field is refused there and never stored', async ({
  page,
}) => {
  await page.goto('/');
  await mintKey(page, 'Trading bot');
  const u = ui(page);
  // Each view with its fields that must refuse it, opened as a user would.
  const views: [() => Promise<void>, [string, Locator][]][] = [
    [
      async () => {
        await openKey(page, 'Trading bot');
        await page.getByRole('button', { name: 'Rename “Trading bot”' }).click();
      },
      [
        ['Kalshi key ID', u.kalshiKeyId],
        ['New name', page.getByRole('textbox', { name: 'New name for “Trading bot”' })],
      ],
    ],
    [() => openView(page, 'Create a key'), [['Key name', u.keyName]]],
    [
      () => openView(page, 'Import a key'),
      [
        ['Name for imported key', u.importName],
        ['Kalshi key ID (import)', u.kalshiKeyId],
        ['Name on Kalshi', page.getByRole('textbox', { name: 'Name on Kalshi' })],
      ],
    ],
    [
      async () => {
        await openView(page, 'Sign a request');
        await u.method.selectOption('POST');
      },
      [
        ['Path', u.path],
        ['Body', u.body],
      ],
    ],
    [() => openView(page, 'Relay and offline'), [['Relay URL', u.relayUrl]]],
  ];
  for (const [open, fields] of views) {
    await open();
    for (const [label, field] of fields) {
      const before = await field.inputValue();
      await paste(page, field, PRIVATE_PEM);
      await expect(field, label).toHaveValue(before);
      await expect
        .poll(() => field.evaluate((e: HTMLInputElement) => e.validationMessage), label)
        .toMatch(REFUSED);
      // The next keystroke clears the refusal: the field works as before.
      await field.press('End');
      await field.pressSequentially('x');
      await expect
        .poll(() => field.evaluate((e: HTMLInputElement) => e.validationMessage), label)
        .not.toMatch(REFUSED);
    }
    await expectNoPrivateText(page);
  }
  // The same text in the import box is a key import, as always.
  await openView(page, 'Import a key');
  await paste(page, u.privateKeyPem, PRIVATE_PEM);
  await expect(u.privateKeyPem).toHaveValue(PRIVATE_PEM);
});

test('a private key typed or dropped as text into "Kalshi key ID" or a key name is refused and never stored', async ({
  page,
}) => {
  await page.goto('/');
  await mintKey(page, 'Trading bot');
  const u = ui(page);
  await u.kalshiKeyId.fill('0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a');
  // fill() inserts text without a paste event, as a drag of selected text or autofill does.
  await u.kalshiKeyId.fill(PRIVATE_PEM);
  await expect(u.alerts).toHaveText(REFUSED);
  await expect(u.kalshiKeyId).toHaveValue('0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a');
  await openView(page, 'Sign a request');
  await u.signRequest.click();
  await expect(u.curlCommand).toHaveValue(/0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a/);
  await expect(u.curlCommand).not.toHaveValue(/PRIVATE/);

  await openView(page, 'Create a key');
  await u.keyName.fill(PRIVATE_PEM);
  await u.generateKey.click();
  await expect(u.alerts.filter({ hasText: REFUSED })).toHaveCount(1);
  // Refused before minting: no backup is saved under a name made of the key, and the field is cleared.
  await expect(u.keyName).toHaveValue('');
  await expectNoPrivateText(page);

  await openView(page, 'Import a key');
  await u.privateKeyPem.fill(nodeRsaKey().pkcs1Pem);
  await u.importName.fill(PRIVATE_PEM);
  await u.importKey.click();
  await expect(u.alerts.filter({ hasText: REFUSED })).toHaveCount(1);
  // The import "Kalshi key ID" refuses it too.
  await u.kalshiKeyId.fill(PRIVATE_PEM);
  await expect(u.kalshiKeyId).toHaveValue('');
  await u.privateKeyPem.fill('');
  await u.importName.fill('');
  await expectNoPrivateText(page);
  await openView(page, 'Keys');
  await expect(u.keyItems).toHaveCount(1);
  await expect(keyItem(page, 'Trading bot')).toHaveCount(1);
  await expectNoPrivateText(page);
});

test('a key file dropped anywhere on the page goes to the import box instead of opening in the tab', async ({
  page,
}) => {
  await page.goto('/');
  const u = ui(page);
  // A real drop the page does not cancel makes Chromium open the file: the private key shown in
  // the tab and the page unloaded. Headless Chromium does not navigate on drops, so the test checks
  // what prevents it: the page cancels dragover and drop.
  const cancelled = await page.evaluate((pem) => {
    const data = new DataTransfer();
    data.items.add(new File([pem], 'kalshi-key.pem', { type: 'application/x-pem-file' }));
    const heading = document.querySelector('h1')!;
    const send = (type: string) =>
      !heading.dispatchEvent(
        new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    return { dragover: send('dragover'), drop: send('drop') };
  }, PRIVATE_PEM);
  expect(cancelled).toEqual({ dragover: true, drop: true });
  await expect(page).toHaveURL(/127\.0\.0\.1/);
  await expect(u.privateKeyPem).toHaveValue(PRIVATE_PEM);
  await expect(u.privateKeyPem).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Name for imported key' })).toHaveValue(
    'kalshi-key',
  );
  await u.importKey.click();
  await expect(keyHeading(page, 'kalshi-key')).toBeVisible();
  await expectNoPrivateText(page);
});

for (const [format, label, header] of [
  ['pkcs8', 'PKCS#8 (BEGIN PRIVATE KEY)', '-----BEGIN PRIVATE KEY-----'],
  [
    'pkcs1',
    'PKCS#1 (BEGIN RSA PRIVATE KEY, as Kalshi gives it)',
    '-----BEGIN RSA PRIVATE KEY-----',
  ],
] as const) {
  test(`the ${format} backup downloads once, is the minted key by openssl's reading, and leaves nothing behind`, async ({
    page,
  }) => {
    await page.clock.install();
    await page.goto('/');
    const u = ui(page);
    await offlineCopyKept(page);
    await everyViewLoaded(page);
    await openView(page, 'Create a key');
    await u.keyName.fill('Backup bot #1');
    await page.getByRole('radio', { name: 'Plain-text backup (not recommended)' }).check();
    await page
      .getByRole('radiogroup', { name: 'Backup format' })
      .getByRole('radio', { name: label })
      .check();
    const blobs = await page.evaluateHandle(() => {
      const made: string[] = [];
      const create = URL.createObjectURL;
      URL.createObjectURL = (blob) => {
        const url = create(blob);
        made.push(url);
        return url;
      };
      return made;
    });
    const start = watchOf(page).requests.length;
    const [download] = await Promise.all([page.waitForEvent('download'), u.generateKey.click()]);
    expect(download.suggestedFilename()).toBe(`backup-bot-1-private-${format}.pem`);
    await expect(page.getByRole('status').filter({ hasText: 'backup was saved as' })).toHaveText(
      new RegExp(`backup-bot-1-private-${format}\\.pem`),
    );
    const dir = makeTempDir();
    try {
      await download.saveAs(dir.file('backup.pem'));
      const text = readFileSync(dir.file('backup.pem'), 'utf8');
      expect(text.startsWith(header)).toBe(true);
      openssl(['rsa', '-check', '-noout', '-in', dir.file('backup.pem')]);
      const opensslPublic = openssl(['pkey', '-in', dir.file('backup.pem'), '-pubout']);
      await expect(u.publicKeyPem).toHaveValue(opensslPublic.trim() + '\n');
      // The backup imports back as the same key (already stored, so its page opens, not doubled).
      await openView(page, 'Import a key');
      await u.privateKeyPem.fill(text);
      await u.importKey.click();
      await expect(page.getByText(/already stored as “Backup bot #1”/)).toBeVisible();
      await expect(keyHeading(page, 'Backup bot #1')).toBeVisible();
      await openView(page, 'Keys');
      await expect(keyItem(page, 'Backup bot #1')).toHaveCount(1);
      await expect(u.keyItems).toHaveCount(2);
    } finally {
      dir.cleanup();
    }
    // Minting with a backup asked nothing of any server, the page's own included.
    expect(
      watchOf(page)
        .requests.slice(start)
        .filter((r) => /^(https?|wss?):/.test(r.url)),
    ).toEqual([]);
    await expectNoPrivateText(page);
    // The blob URL that held the private key stops working once the download has had its minute.
    await page.clock.runFor(61_000);
    const [url] = await blobs.jsonValue();
    expect(url).toMatch(/^blob:/);
    const readable = await page.evaluate(
      (u) =>
        fetch(u).then(
          () => true,
          () => false,
        ),
      url,
    );
    expect(readable).toBe(false);
  });
}

test('copying, checking in the doctor and signing make no request at all, not even to the page’s own server', async ({
  page,
}) => {
  await page.goto('/');
  const u = ui(page);
  await offlineCopyKept(page);
  await everyViewLoaded(page);
  const start = watchOf(page).requests.length;
  await mintKey(page, 'Quiet key');
  await u.copyPublicKey.click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(1);
  await page.getByText('The request it sends').click();
  await page.getByRole('button', { name: 'Copy JSON' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(2);
  await u.kalshiKeyId.fill('0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a');
  await openView(page, 'Sign a request');
  await u.signRequest.click();
  await expect(u.accessSignature).toHaveValue(/^[A-Za-z0-9+/]+=*$/);
  const curl = await u.curlCommand.inputValue();
  await openView(page, 'Check a signature');
  const doctor = page.getByRole('region', { name: 'Check a signature', exact: true });
  await doctor.getByRole('textbox', { name: 'Paste a curl command or HTTP request' }).fill(curl);
  await doctor.getByRole('button', { name: 'Fill from pasted request' }).click();
  await doctor.getByRole('button', { name: 'Check signature' }).click();
  await expect(doctor.getByRole('status')).toContainText('Kalshi would accept this signature.');
  expect(
    watchOf(page)
      .requests.slice(start)
      .filter((r) => /^(https?|wss?):/.test(r.url)),
  ).toEqual([]);
});
