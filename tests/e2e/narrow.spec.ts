// A phone (360 px; 320 px, the WCAG reflow width, is also a 1280 px desktop at 400% zoom, and
// 640 px the same desktop at 200%) after every task that fills the page with long unbroken text:
// a minted key's PEM, a signature, a curl command, an import error, the signature doctor's strings,
// in every view. The page must never scroll sideways, and every control must stay a target a
// finger can hit (WCAG 2.5.8: 24 x 24 CSS px).
import type { Page } from '@playwright/test';
import { expect, importPem, mintKey, openKey, openView, signRequest, test, ui } from './fixtures';
import { nodeRsaKey } from '../helpers/keys';

async function expectNoSidewaysScroll(page: Page, after: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `page width after ${after} (viewport ${innerWidth} px)`).toBeLessThanOrEqual(
    innerWidth,
  );
}

/** Visible controls smaller than 24 x 24 px. A checkbox or radio counts with its label, which
 * takes the tap too; links inside a sentence are exempt (WCAG 2.5.8 "Inline"). */
function smallTargets(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]')]
      .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility === 'visible')
      .map((el) => {
        const target = el.matches('[type=checkbox], [type=radio]') ? el.closest('label')! : el;
        const { width, height } = target.getBoundingClientRect();
        const name = el.getAttribute('aria-label') || el.id || el.textContent?.trim() || '';
        return { control: `${el.tagName.toLowerCase()} ${name}`, width, height };
      })
      .filter(({ width, height }) => width < 24 || height < 24),
  );
}

for (const width of [360, 320, 640]) {
  test(`at ${width} px the page never scrolls sideways and every control is at least 24 px`, async ({
    page,
    watch,
  }) => {
    await page.setViewportSize({ width, height: 740 });
    // Each view's small controls, checked where the view is shown.
    const small: [string, Awaited<ReturnType<typeof smallTargets>>][] = [];
    const check = async (after: string) => {
      await expectNoSidewaysScroll(page, after);
      const found = await smallTargets(page);
      if (found.length) small.push([after, found]);
    };
    await page.goto('/');
    await expect(ui(page).createKey).toBeVisible();
    await check('loading');
    for (const view of [
      'Create a key',
      'Import a key',
      'Sign a request',
      'Check a signature',
      'Keys on Kalshi',
      'Relay and offline',
    ] as const) {
      await openView(page, view);
      await expect(ui(page).heading).toBeVisible();
      await check(`opening "${view}"`);
    }

    await mintKey(page, 'Trading bot for the demo exchange');
    await ui(page).kalshiKeyId.fill('7c9e6679-7425-40de-944b-e07fc1f90ae7');
    await check('minting');
    await page.getByRole('button', { name: 'Show as QR code', exact: true }).click();
    await expect(page.getByRole('img', { name: 'QR code of the public key' })).toBeVisible();
    await check('showing the public key as a QR code');
    await openView(page, 'Keys');
    await check('listing the key');

    await signRequest(page, {
      method: 'POST',
      path: '/trade-api/v2/portfolio/orders?status=resting&limit=200&cursor=c2VxdWVuY2U9MTIzNDU2Nzg5MA',
      body: '{"ticker":"KXHIGHNY-25JAN01-B45.5","action":"buy","side":"yes","count":10,"type":"limit","yes_price":45}',
    });
    await check('signing (signature, curl command, fetch snippet)');
    const curl = await ui(page).curlCommand.inputValue();

    expect((await importPem(page, 'not a key')).ok).toBe(false);
    await check('an import error');
    const pkcs1 = nodeRsaKey().pkcs1Pem;
    expect(await importPem(page, pkcs1)).toEqual({ ok: true });
    await check('importing a key');

    await openView(page, 'Check a signature');
    await page.getByRole('textbox', { name: 'Paste a curl command or HTTP request' }).fill(curl);
    await page.getByRole('button', { name: 'Fill from pasted request' }).click();
    await page.getByRole('button', { name: 'Check signature' }).click();
    await expect(page.getByRole('textbox', { name: 'String the signature covers' })).toBeVisible();
    await check('the signature check');

    await openKey(page, 'Trading bot for the demo exchange');
    await page.getByRole('button', { name: 'Delete from this browser', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await check('opening the delete dialog');

    expect(small, 'controls under 24 x 24 px').toEqual([]);
    watch.expectClean();
  });
}
