// Issue 3: where IndexedDB is unavailable or refuses a CryptoKey (Firefox and Safari private
// windows throw DataCloneError), the page says so and keeps working with keys held in memory.
// Chromium never refuses, so each case makes its browser behave like those, before the page loads.
import {
  expect,
  kalshiMessage,
  mintKey,
  openView,
  signRequest,
  test,
  ui,
  verifyWithNode,
} from './fixtures';

const cases = [
  {
    name: 'IndexedDB refuses to store a CryptoKey (DataCloneError)',
    reason: /refuses to save keys in IndexedDB/,
    init: () => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
        if (typeof value === 'object' && value !== null && 'privateKey' in value) {
          throw new DOMException('CryptoKey cannot be cloned', 'DataCloneError');
        }
        return put.call(this, value, key);
      };
    },
  },
  {
    // Chromium hits it on a nearly full disk; no test machine can be filled safely.
    name: 'the disk is full (QuotaExceededError)',
    reason: /no storage space left for this site\. .*: free disk space, then reload this page\./,
    init: () => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
        if (typeof value === 'object' && value !== null && 'privateKey' in value) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return put.call(this, value, key);
      };
    },
  },
  {
    name: 'there is no IndexedDB at all',
    reason: /has no IndexedDB/,
    init: () => {
      Object.defineProperty(window, 'indexedDB', { value: undefined });
    },
  },
];

for (const { name, reason, init } of cases) {
  test(`when ${name}, keys are kept in memory, the page says so, and they still sign`, async ({
    page,
  }) => {
    await page.addInitScript(init);
    await page.goto('/');
    const u = ui(page);
    const pem = await mintKey(page, 'In-memory key');
    await expect(u.alerts.filter({ hasText: 'kept in memory for this session only' })).toHaveText(
      reason,
    );

    await u.kalshiKeyId.fill('a952bcbe-ec3b-4b5b-b8f9-11dae589608c');
    const headers = await signRequest(page, {
      method: 'GET',
      path: '/trade-api/v2/portfolio/balance',
    });
    const message = kalshiMessage(headers.timestamp, 'GET', '/trade-api/v2/portfolio/balance');
    expect(headers.key).toBe('a952bcbe-ec3b-4b5b-b8f9-11dae589608c');
    expect(verifyWithNode(pem, message, headers.signature)).toBe(true);

    // Memory means memory: a reload starts empty, as the alert warned, and the browser asks first.
    const asked = page.waitForEvent('dialog').then(async (dialog) => {
      await dialog.accept();
      return dialog.type();
    });
    await page.reload();
    expect(await asked).toBe('beforeunload');
    await expect(u.nav).toBeVisible();
    await openView(page, 'Keys');
    await expect(u.keyItems).toHaveCount(0);
  });
}

test('where WebCrypto is missing (plain http:// to another host), the page says why and what to do', async ({
  page,
}) => {
  // A real insecure origin needs a non-loopback host; hiding crypto.subtle is what such a page sees.
  await page.addInitScript(() => {
    Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined });
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/cannot run on this address/);
  await expect(page.getByRole('alert')).toContainText('secure');
  await expect(page.getByText(/Open it over https:\/\//)).toBeVisible();
  await expect(ui(page).generateKey).toHaveCount(0);
  await expect(ui(page).nav).toHaveCount(0);
});
