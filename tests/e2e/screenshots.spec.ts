// The README's screenshots, full page at 1200 px wide: one key minted and a request signed,
// light and dark. They are also a check that the page follows prefers-color-scheme. Written to
// tests/e2e/screenshots/ when UPDATE_SCREENSHOTS=1 (then commit them), to the test's output
// folder otherwise.
import { fileURLToPath } from 'node:url';
import { expect, mintKey, signRequest, test, ui } from './fixtures';

const committed = fileURLToPath(new URL('./screenshots/', import.meta.url));

test('light and dark screenshots of a minted key and a signed request', async ({
  page,
  watch,
}, testInfo) => {
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto('/');
  await mintKey(page, 'Trading bot');
  await ui(page).kalshiKeyId.fill('a952bcbe-ec3b-4b5b-b8f9-11dae589608c');
  await signRequest(page, {
    method: 'GET',
    path: '/trade-api/v2/portfolio/balance',
    environment: 'Demo',
  });
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });

  const colors: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    colors.push(
      await page.evaluate(() =>
        [document.documentElement, document.body]
          .map((el) => `${getComputedStyle(el).backgroundColor}/${getComputedStyle(el).color}`)
          .join(' '),
      ),
    );
    const file = process.env.UPDATE_SCREENSHOTS
      ? `${committed}${scheme}.png`
      : testInfo.outputPath(`${scheme}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  }
  expect(colors[0], 'the dark scheme changes the page colours').not.toBe(colors[1]);
  watch.expectClean();
});
