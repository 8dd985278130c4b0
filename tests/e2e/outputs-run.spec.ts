// What the Sign panel hands out runs as is: the curl command is copied with the page's own "Copy"
// button and run unchanged by bash against the local Kalshi mock, which checks the signature with
// node:crypto. The mock stands in for Kalshi's host the way a user points the page at another
// host: a full URL to it in "Path" (the signature covers the path only, so the host makes no
// difference to it).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, importPem, test, ui, type KalshiMockFixture } from './fixtures';

// Asynchronous on purpose: the mock answers from this same Node process.
const run = promisify(execFile);

/** Presses "Copy <label>" and returns what reached the clipboard. */
async function copied(page: Page, label: string): Promise<string> {
  await page.getByRole('button', { name: `Copy ${label}`, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The bootstrap key, as Kalshi hands it out, with its Kalshi key ID: it signs what follows. */
async function useBootstrapKey(page: Page, mock: KalshiMockFixture) {
  expect(await importPem(page, mock.bootstrapPrivatePem)).toEqual({ ok: true });
  await ui(page).kalshiKeyId.fill(mock.bootstrapKeyId);
}

const requestsTo = (mock: KalshiMockFixture, since: number) =>
  mock.requests.slice(since).map(({ method, path, status }) => `${method} ${path} ${status}`);

test('the copied curl command sends a query with [ ] and { } once, as signed', async ({
  page,
  kalshiMock,
  watch,
}) => {
  await page.goto('/');
  const u = ui(page);
  await useBootstrapKey(page, kalshiMock);
  // Without --globoff, curl expands {A,B} into two requests and refuses [A,B] ("bad range").
  for (const query of ['?tickers={KXA,KXB}', '?tickers=[KXA,KXB]']) {
    const path = `/trade-api/v2/portfolio/balance${query}`;
    await u.path.fill(kalshiMock.url + path);
    const curl = await copied(page, 'curl command');
    const before = kalshiMock.requests.length;
    const { stdout } = await run('bash', ['-c', curl]);
    expect(JSON.parse(stdout)).toMatchObject({ balance: 123456 });
    expect(requestsTo(kalshiMock, before)).toEqual([`GET ${path} 200`]);
  }
  watch.expectClean();
});
