// A phone on a slow or stalling connection: the page's script can arrive after the 2 s for which
// index.html hides its "could not start" text. Shown then, that text must not send the user off to
// turn on JavaScript (already on) while the page is about to start.
import { expect, test } from './fixtures';

test('on a slow connection the start-up text says to wait, then the page starts', async ({
  page,
}) => {
  await page.route('**/assets/*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await route.continue();
  });
  await page.goto('/', { waitUntil: 'commit' });
  const early = page.getByRole('alert').filter({ hasText: 'could not start' });
  await expect(early).toBeVisible({ timeout: 3500 });
  // Read at once: the page starts 2 s later.
  const text = await early.innerText();
  expect(text).toMatch(/still loading/i);
  expect(text).toMatch(/wait/i);

  // Started: the home's primary button is there.
  await expect(page.getByRole('button', { name: 'Create a key', exact: true })).toBeVisible();
  await expect(page.getByText('could not start')).toHaveCount(0);
});
