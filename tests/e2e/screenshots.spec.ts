// The screenshots in docs/screenshots/ (the README shows two): the home with keys, a key's page,
// "Create a key" and "Check a signature" with a rejected signature, at 1280x800, light; the home
// and the key's page dark too. They also check that the page follows prefers-color-scheme.
// Written to docs/screenshots/ when UPDATE_SCREENSHOTS=1 (then commit them), to the test's output
// folder otherwise.
import { constants, sign } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { expect, keyHeading, mintKey, openKey, openView, test, ui } from './fixtures';
import { nodeRsaKey } from '../helpers/keys';

const committed = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

test('screenshots of the home, a key page, Create a key and Check a signature, light and dark', async ({
  page,
  watch,
}, testInfo) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await mintKey(page, 'Market data reader');
  await ui(page).kalshiKeyId.fill('a952bcbe-ec3b-4b5b-b8f9-11dae589608c');
  await mintKey(page, 'Trading bot');
  const shot = async (name: string) => {
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    const file = process.env.UPDATE_SCREENSHOTS
      ? `${committed}${name}.png`
      : testInfo.outputPath(`${name}.png`);
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  };

  const colors: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const suffix = scheme === 'dark' ? '-dark' : '';
    await openView(page, 'Keys');
    await expect(ui(page).keyItems).toHaveCount(2);
    colors.push(
      await page.evaluate(() =>
        [document.documentElement, document.body]
          .map((el) => `${getComputedStyle(el).backgroundColor}/${getComputedStyle(el).color}`)
          .join(' '),
      ),
    );
    await shot(`home${suffix}`);
    await openKey(page, 'Trading bot');
    await expect(keyHeading(page, 'Trading bot')).toBeVisible();
    await shot(`key-page${suffix}`);
  }
  expect(colors[0], 'the dark scheme changes the page colours').not.toBe(colors[1]);

  await page.emulateMedia({ colorScheme: 'light' });
  await openView(page, 'Create a key');
  await ui(page).keyName.fill('Bot on the VPS');
  await page.getByRole('radio', { name: 'Encrypted backup' }).check();
  await page.getByRole('button', { name: 'Suggest a passphrase' }).click();
  await shot('create');

  const { privateKey, publicPem } = nodeRsaKey();
  const path = '/trade-api/v2/portfolio/balance';
  const timestamp = String(Date.now());
  await openView(page, 'Check a signature');
  await page
    .getByRole('combobox', { name: 'Key to check against' })
    .selectOption({ label: 'Paste a public key…' });
  await page.getByLabel('Public key to check against').fill(publicPem);
  await page.getByLabel('URL or path').fill(path);
  await page.getByLabel('KALSHI-ACCESS-TIMESTAMP value').fill(timestamp);
  await page.getByLabel('KALSHI-ACCESS-SIGNATURE value').fill(
    sign('sha256', Buffer.from(`${timestamp}GET${path}`), {
      key: privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 222,
    }).toString('base64'),
  );
  await page.getByRole('button', { name: 'Check signature' }).click();
  await expect(page.getByText('Kalshi would reject this')).toBeVisible();
  // The verdict and what follows it, rather than the form above.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const file = process.env.UPDATE_SCREENSHOTS
    ? `${committed}check.png`
    : testInfo.outputPath('check.png');
  await page.getByRole('button', { name: 'Check signature' }).scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('.verdict')?.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  watch.expectClean();
});
