// "Rotate key" without a relay (issue 13, item 6 and "Done when"): every step hands out its curl
// command; the test runs each copied command in bash against the Kalshi mock and pastes curl's
// output (with -i headers) into "Kalshi's answer", as a user would. The page itself sends nothing.
import { createPublicKey } from 'node:crypto';
import { expect, keyHeading, keyItem, openView, probeStoredKeys, test, ui } from './fixtures';
import { importBootstrap, keyWithId, lifecycle, runCopiedCommand } from './lifecycle-steps';

const spki = (pem: string) => createPublicKey(pem).export({ type: 'spki', format: 'der' });

test('rotation without a relay: curl commands run in bash, answers pasted back, resumed after a reload', async ({
  page,
  kalshiMock,
  watch,
}) => {
  test.setTimeout(90_000);
  await page.goto('/');
  const l = lifecycle(page);
  const u = ui(page);
  // No relay is set: nothing may leave the page for the mock.
  await openView(page, 'Relay and offline');
  await expect(u.relayUrl).toHaveValue('');
  await importBootstrap(page, kalshiMock, 'Old key');
  const oldId = kalshiMock.bootstrapKeyId;

  // Kalshi has not said which scopes the old key has: the replacement's are chosen here, "Read
  // and trade" unless changed. The new key signs the old key's deletion, which needs the write
  // scope: "Full access", as the old key has.
  await expect(l.scope('read')).toBeChecked();
  await expect(l.scope('write::trade')).toBeChecked();
  await expect(l.scope('write')).not.toBeChecked();
  await l.scopes.getByRole('button', { name: 'Full access', exact: true }).click();
  await expect(l.scope('write')).toBeChecked();
  await l.rotate.click();
  // Mint runs here; register waits for its command to be run.
  await expect(l.rotationSteps.getByRole('listitem').first()).toContainText('done');
  const registerOutput = await runCopiedCommand(page, l.onKalshi, kalshiMock);
  expect(registerOutput).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
  const newId = /"api_key_id":"([^"]+)"/.exec(registerOutput)![1];
  const registered = kalshiMock.registeredKeys.get(newId)!;
  expect(registered.scopes).toEqual(['read', 'write']);
  // The new key is stored with the ID Kalshi gave.
  await expect
    .poll(async () => (await probeStoredKeys(page)).keys.map((k) => k.kalshiKeyId))
    .toContain(newId);

  // A reload between register and delete: the key's page again, the stored state at "prove".
  await page.reload();
  await expect(keyHeading(page, 'Old key')).toBeVisible();
  await expect(l.rotationSteps).toBeVisible();
  await expect(l.rotationSteps.getByRole('listitem').nth(1)).toContainText('done');
  // A reload alone sends nothing and shows no command until the user continues.
  await l.continueRotation.click();
  const proveOutput = await runCopiedCommand(page, l.onKalshi, kalshiMock);
  expect(proveOutput).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*"balance":123456/);
  const proof = kalshiMock.requests
    .filter((r) => r.path === '/trade-api/v2/portfolio/balance')
    .at(-1)!;
  expect(proof).toMatchObject({ status: 200, method: 'GET' });
  expect(proof.headers['kalshi-access-key']).toBe(newId);
  // The old key is still there until the user confirms.
  expect(kalshiMock.registeredKeys.has(oldId)).toBe(true);

  await l.deleteOldKey.click();
  const deleteOutput = await runCopiedCommand(page, l.onKalshi, kalshiMock);
  expect(deleteOutput).toMatch(/^HTTP\/1\.1 204 No Content\r\n/);
  expect(kalshiMock.registeredKeys.has(oldId)).toBe(false);
  // Signed by the new key, since the old one is the one going.
  expect(kalshiMock.requests.at(-1)).toMatchObject({ method: 'DELETE', status: 204 });
  expect(kalshiMock.requests.at(-1)!.headers['kalshi-access-key']).toBe(newId);

  // Then the new key's page: the key Kalshi now holds is the one stored here.
  await expect(page.getByRole('status').filter({ hasText: 'Rotation done' })).toBeVisible();
  await expect(u.kalshiKeyId).toHaveValue(newId);
  expect(spki(await u.publicKeyPem.inputValue())).toEqual(spki(registered.publicKeyPem));
  // The old key stays here, Retired, keeping its ID in the store; the new one is registered.
  await openView(page, 'Keys');
  await expect(keyItem(page, 'Old key')).toContainText('Retired');
  await expect(keyWithId(page, newId)).toHaveCount(1);
  await expect(keyWithId(page, newId)).not.toContainText('Retired');
  const old = (await probeStoredKeys(page)).keys.filter((k) => k.name === 'Old key');
  expect(old.map((k) => k.kalshiKeyId)).toEqual([oldId]);

  // The page never contacted the mock: every request came from curl.
  const mockOrigin = new URL(kalshiMock.url).origin;
  expect(watch.requests.filter((r) => r.url.startsWith(mockOrigin))).toEqual([]);
  expect(kalshiMock.requests.every((r) => r.headers.origin === undefined)).toBe(true);
  watch.expectClean();
});
