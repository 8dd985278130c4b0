// The page's signatures pass the checks a Kalshi server makes: the headers it shows are sent
// from Node to the local Kalshi mock (tests/mock/kalshi-mock.ts), which verifies them with
// node:crypto. This is the key rotation of issue 3's presets, done by hand and without a relay
// (issue 4 drives the same flow through the page's "Send through relay").
import { expect, importPem, mintKey, openKey, signRequest, test, ui } from './fixtures';
import type { SignedHeaders } from './fixtures';

function kalshiHeaders(h: SignedHeaders): Record<string, string> {
  return {
    'KALSHI-ACCESS-KEY': h.key,
    'KALSHI-ACCESS-TIMESTAMP': h.timestamp,
    'KALSHI-ACCESS-SIGNATURE': h.signature,
  };
}

test('rotate keys against the Kalshi mock with headers signed in the page', async ({
  page,
  kalshiMock,
  watch,
}) => {
  await page.goto('/');
  const u = ui(page);
  const newPem = await mintKey(page, 'Rotated key');

  // The registered key, as Kalshi hands it out (PKCS#1), signs the upload of the new public key.
  expect(await importPem(page, kalshiMock.bootstrapPrivatePem)).toEqual({ ok: true });
  await u.kalshiKeyId.fill(kalshiMock.bootstrapKeyId);
  const body = JSON.stringify({ name: 'Rotated key', public_key: newPem });
  const upload = await signRequest(page, { method: 'POST', path: '/trade-api/v2/api_keys', body });
  expect(upload.key).toBe(kalshiMock.bootstrapKeyId);
  const created = await fetch(`${kalshiMock.url}/trade-api/v2/api_keys`, {
    method: 'POST',
    headers: { ...kalshiHeaders(upload), 'Content-Type': 'application/json' },
    body,
  });
  expect(created.status).toBe(201);
  const { api_key_id: newKeyId } = (await created.json()) as { api_key_id: string };

  // The new key, with the ID the mock returned, reads the balance.
  await openKey(page, 'Rotated key');
  await expect(u.publicKeyPem).toHaveValue(newPem);
  await u.kalshiKeyId.fill(newKeyId);
  const path = '/trade-api/v2/portfolio/balance';
  const balance = await signRequest(page, { method: 'GET', path });
  expect(balance.key).toBe(newKeyId);
  const ok = await fetch(kalshiMock.url + path, { headers: kalshiHeaders(balance) });
  expect(ok.status).toBe(200);
  expect(await ok.json()).toMatchObject({ balance: 123456 });

  // The same headers on another path are refused the way Kalshi refuses them.
  const otherPath = await fetch(`${kalshiMock.url}/trade-api/v2/api_keys`, {
    headers: kalshiHeaders(balance),
  });
  expect(otherPath.status).toBe(401);
  expect(await otherPath.json()).toMatchObject({
    error: { details: 'INCORRECT_API_KEY_SIGNATURE' },
  });
  watch.expectClean();
});
