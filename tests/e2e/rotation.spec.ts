// "Rotate key" without a relay (issue 13, item 6 and "Done when"): every step hands out its curl
// command; the test runs each copied command in bash against the Kalshi mock and pastes curl's
// output (with -i headers) into "Kalshi's answer", as a user would. The page itself sends nothing.
import { createPublicKey } from 'node:crypto';
import { expect, keyItem, test, ui } from './fixtures';
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
  await importBootstrap(page, kalshiMock, 'Old key');
  const oldId = kalshiMock.bootstrapKeyId;
  // No relay is set: nothing may leave the page for the mock.
  await expect(l.relayUrl).toHaveValue('');

  await keyItem(page, 'Old key').getByRole('button', { name: 'Rotate key', exact: true }).click();
  // Mint runs here; register waits for its command to be run.
  await expect(l.rotationSteps.getByRole('listitem').first()).toContainText('done');
  const registerOutput = await runCopiedCommand(page, l.panel, kalshiMock);
  expect(registerOutput).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
  const newId = /"api_key_id":"([^"]+)"/.exec(registerOutput)![1];
  const registered = kalshiMock.registeredKeys.get(newId)!;
  // Same scopes as the old key (Kalshi's default here: the old key was never listed).
  expect(registered.scopes).toEqual(['read', 'write']);
  const newItem = keyWithId(page, newId);
  await expect(newItem).toHaveCount(1);

  // A reload between register and delete: the stored state resumes at "prove".
  await page.reload();
  await expect(l.rotationSteps).toBeVisible();
  await expect(l.rotationSteps.getByRole('listitem').nth(1)).toContainText('done');
  // A reload alone sends nothing and shows no command until the user continues.
  await l.continueRotation.click();
  const proveOutput = await runCopiedCommand(page, l.panel, kalshiMock);
  expect(proveOutput).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*"balance":123456/);
  const proof = kalshiMock.requests
    .filter((r) => r.path === '/trade-api/v2/portfolio/balance')
    .at(-1)!;
  expect(proof).toMatchObject({ status: 200, method: 'GET' });
  expect(proof.headers['kalshi-access-key']).toBe(newId);
  // The old key is still there until the user confirms.
  expect(kalshiMock.registeredKeys.has(oldId)).toBe(true);

  await l.deleteOldKey.click();
  const deleteOutput = await runCopiedCommand(page, l.panel, kalshiMock);
  expect(deleteOutput).toMatch(/^HTTP\/1\.1 204 No Content\r\n/);
  expect(kalshiMock.registeredKeys.has(oldId)).toBe(false);
  // Signed by the new key, since the old one is the one going.
  expect(kalshiMock.requests.at(-1)).toMatchObject({ method: 'DELETE', status: 204 });
  expect(kalshiMock.requests.at(-1)!.headers['kalshi-access-key']).toBe(newId);

  // The old key stays here, Retired, still showing its ID.
  await expect(keyWithId(page, oldId)).toContainText('Retired');
  await expect(keyWithId(page, oldId)).toContainText('Old key');
  await expect(newItem).not.toContainText('Retired');
  // The key Kalshi now holds is the one stored here.
  await newItem.getByRole('button', { name: /^Select/ }).click();
  expect(spki(await ui(page).publicKeyPem.inputValue())).toEqual(spki(registered.publicKeyPem));

  // The page never contacted the mock: every request came from curl.
  const mockOrigin = new URL(kalshiMock.url).origin;
  expect(watch.requests.filter((r) => r.url.startsWith(mockOrigin))).toEqual([]);
  expect(kalshiMock.requests.every((r) => r.headers.origin === undefined)).toBe(true);
  watch.expectClean();
});
