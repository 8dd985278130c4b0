// Issue 3, "Done when": mint, copy the PEM (read the clipboard), set the key ID, sign, and the
// signature verifies with node:crypto against the copied PEM.
import { createPublicKey } from 'node:crypto';
import { expect, kalshiMessage, mintKey, signRequest, test, ui, verifyWithNode } from './fixtures';

const KEY_ID = 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c';

test('mint a key, copy its public PEM, set the key ID, sign: node:crypto verifies the signature', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  const u = ui(page);
  const shownPem = await mintKey(page, 'Laptop key');

  await u.copyPublicKey.click();
  await expect(page.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
  const copiedPem = await page.evaluate(() => navigator.clipboard.readText());
  expect(copiedPem.trim()).toBe(shownPem.trim());

  // What Kalshi's "RSA public key" field wants: an SPKI PEM of an RSA-2048 key, e = 65537.
  const publicKey = createPublicKey(copiedPem);
  expect(publicKey.asymmetricKeyType).toBe('rsa');
  expect(publicKey.asymmetricKeyDetails).toMatchObject({
    modulusLength: 2048,
    publicExponent: 65537n,
  });
  expect(copiedPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\s*$/);

  await u.kalshiKeyId.fill(KEY_ID);
  const path = '/trade-api/v2/portfolio/balance?subaccount=0';
  const headers = await signRequest(page, { method: 'GET', path, environment: 'Demo' });

  expect(headers.key).toBe(KEY_ID);
  // Kalshi wants Unix time in milliseconds, close to now.
  expect(headers.timestamp).toMatch(/^\d{13}$/);
  expect(Math.abs(Number(headers.timestamp) - Date.now())).toBeLessThan(60_000);
  expect(Buffer.from(headers.signature, 'base64')).toHaveLength(256);
  expect(
    verifyWithNode(copiedPem, kalshiMessage(headers.timestamp, 'GET', path), headers.signature),
  ).toBe(true);
  // Control: the signature covers the path without its query, as Kalshi checks it.
  expect(verifyWithNode(copiedPem, `${headers.timestamp}GET${path}`, headers.signature)).toBe(
    false,
  );

  const curl = await u.curlCommand.inputValue();
  expect(curl).toContain(path);
  expect(curl).toMatch(/demo/);
  expect(curl).toContain(KEY_ID);
  expect(curl).toContain('KALSHI-ACCESS-SIGNATURE');

  watch.expectClean();
});

test('a POST with a JSON body signs timestamp + POST + path, not the body; curl carries the body', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  const u = ui(page);
  const pem = await mintKey(page, 'Order bot');
  await u.kalshiKeyId.fill(KEY_ID);
  const body = JSON.stringify({
    ticker: 'KXTEST-26',
    action: 'buy',
    side: 'yes',
    count: 1,
    type: 'market',
  });
  const path = '/trade-api/v2/portfolio/orders';
  const headers = await signRequest(page, {
    method: 'POST',
    path,
    body,
    environment: 'Production',
  });

  expect(
    verifyWithNode(pem, kalshiMessage(headers.timestamp, 'POST', path), headers.signature),
  ).toBe(true);
  expect(
    verifyWithNode(pem, kalshiMessage(headers.timestamp, 'POST', path) + body, headers.signature),
  ).toBe(false);

  const curl = await u.curlCommand.inputValue();
  expect(curl).toMatch(
    /(external-api|api\.elections)\.kalshi\.com\/trade-api\/v2\/portfolio\/orders/,
  );
  expect(curl).toContain('KXTEST-26');
  expect(curl).toMatch(/Content-Type: application\/json/i);

  watch.expectClean();
});
