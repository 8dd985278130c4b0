// XSS: what a user or Kalshi puts in the page (a key name, a request body, a pasted answer) is
// shown as text, never parsed as markup; and were a string to reach an HTML sink anyway, the
// page's Trusted Types CSP would throw instead of parsing it (tests/e2e/lockdown.spec.ts).
import type { Page } from '@playwright/test';
import { expect, mintKey, openKey, openView, signRequest, test, ui } from './fixtures';

const NAME = '<img src=x onerror="window.__xss=1">Bob';
const BODY =
  '{"note":"</textarea><img src=x onerror=window.__xss=2><script>window.__xss=3</script>"}';

/** Elements an injection would have made, and whether any of its scripts ran. */
const injected = (page: Page) =>
  page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: Array.from(document.scripts).filter((s) => s.textContent?.includes('__xss')).length,
    ran: (window as unknown as { __xss?: number }).__xss ?? null,
  }));

test('markup in a key name and a request body is shown as text and never runs', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  // The name is shown on the key's page, in "Stored keys" and in "Signing key": as text in each.
  await mintKey(page, NAME);
  expect(await injected(page)).toEqual({ images: 0, scripts: 0, ran: null });
  await openView(page, 'Keys');
  await expect(ui(page).keyItems.filter({ hasText: NAME })).toHaveCount(1);
  expect(await injected(page)).toEqual({ images: 0, scripts: 0, ran: null });

  await openKey(page, NAME);
  await ui(page).kalshiKeyId.fill('0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a');
  await signRequest(page, { method: 'POST', path: '/trade-api/v2/portfolio/orders', body: BODY });
  // The curl command carries the body as it is, as text in a text box.
  expect(await ui(page).curlCommand.inputValue()).toContain(
    '</textarea><img src=x onerror=window.__xss=2>',
  );

  expect(await injected(page)).toEqual({ images: 0, scripts: 0, ran: null });
  watch.expectClean();
});
