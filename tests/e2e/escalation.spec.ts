// Two ways the page could send more than the user chose (docs/security.md rows 3 and 4): a relay
// on another computer the user did not say they run, and a rotation that picks the replacement's
// scopes on its own. Kalshi is the local mock, behind the real relay.
import { expect, openKey, openView, setRelayUrl, test, ui } from './fixtures';
import { importBootstrap, lifecycle } from './lifecycle-steps';

test('a relay URL on another computer sends nothing until "I run this relay myself at <host>"', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  await setRelayUrl(page, 'https://relay.attacker.example');
  const mine = page.getByRole('checkbox', {
    name: 'I run this relay myself at relay.attacker.example',
  });
  await expect(mine).not.toBeChecked();
  await expect(mine).toHaveAccessibleDescription(/sees and can change every request/);

  await page.evaluate(() => (location.hash = '#/sign'));
  await expect(page.getByText(/^Relay: https:\/\/relay\.attacker\.example/)).toBeVisible();
  const requests = watch.requests.length;
  await page.getByRole('button', { name: 'Send through relay' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was sent' })).toContainText(
    'relay.attacker.example is not this computer',
  );
  // Not a single request left the page for that host (nor for any other).
  expect(watch.requests.slice(requests).map((r) => r.url)).toEqual([]);

  // A confirmation is for one host: another host asks again.
  await openView(page, 'Relay and offline');
  await mine.check();
  await ui(page).relayUrl.fill('https://other.example');
  await expect(
    page.getByRole('checkbox', { name: 'I run this relay myself at other.example' }),
  ).not.toBeChecked();
});

test('rotating a key whose scopes Kalshi has not said sends no POST before its scopes are on screen, and sends those', async ({
  page,
  kalshiMock,
  kalshiRelay,
}) => {
  test.setTimeout(90_000);
  const l = lifecycle(page);
  await page.goto('/');
  await setRelayUrl(page, kalshiRelay.url);
  await importBootstrap(page, kalshiMock, 'Pasted ID');
  await openKey(page, 'Pasted ID');
  await expect(page.getByText(/Kalshi has not said which scopes this key has/)).toBeVisible();
  await expect(l.scopes.getByRole('button', { name: 'Read and trade' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const posts = () => kalshiMock.requests.filter((r) => r.method === 'POST');
  expect(posts()).toEqual([]);
  await l.scopes.getByRole('button', { name: 'Read only' }).click();
  expect(posts()).toEqual([]);
  await l.rotate.click();
  await expect(page.getByRole('dialog', { name: /Delete old key “Pasted ID”/ })).toBeVisible();
  expect(posts()).toHaveLength(1);
  expect(JSON.parse(String(posts()[0]!.body)).scopes).toEqual(['read']);
});
