// The key's life on Kalshi through the real relay (issue 13, "Done when"): the page signs each
// api_keys call and sends it through relay/kalshi-relay.mjs to the Kalshi mock, which checks the
// signatures with node:crypto and, like Kalshi, refuses requests that still carry an Origin header.
// Register, rotate and delete live on the key's page; the account's list in "Keys on Kalshi";
// "Let Kalshi make the key" in "Import a key".
import { createPublicKey, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
  expect,
  keyHeading,
  keyItem,
  mintKey,
  openKey,
  openView,
  probeStoredKeys,
  setRelayUrl,
  test,
  ui,
  type KalshiMockFixture,
} from './fixtures';
import { startKalshiMock } from '../mock/kalshi-mock';
import { spawnRelay } from '../relay/spawn-relay';
import { expectNoAxeViolations } from './axe';
import { chooseSigner, importBootstrap, keyWithId, lifecycle } from './lifecycle-steps';
import { nodeRsaKey } from '../helpers/keys';

const spki = (pem: string) => createPublicKey(pem).export({ type: 'spki', format: 'der' });

/** Opens the page, imports the bootstrap key with its ID, and sets "Relay URL" to the relay. */
async function start(page: Page, mock: KalshiMockFixture, relayUrl: string) {
  await page.goto('/');
  await importBootstrap(page, mock);
  await setRelayUrl(page, relayUrl);
}

/** The requests the mock answered for this method and path (query included). */
const sent = (mock: KalshiMockFixture, method: string, path: string) =>
  mock.requests.filter((r) => r.method === method && r.path === path);

/** The page of the stored key `name`, as a region named by its heading. */
const keyPage = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('register with read-only scopes: the mock receives exactly ["read"], and the ID is stored', async ({
  page,
  kalshiMock,
  kalshiRelay,
  watch,
}) => {
  await start(page, kalshiMock, kalshiRelay.url);
  const l = lifecycle(page);
  const u = ui(page);
  const publicPem = await mintKey(page, 'Dashboard');

  // "Read and trade" is the default; read only is one box away.
  await expect(l.scope('read')).toBeChecked();
  await expect(l.scope('write::trade')).toBeChecked();
  await expect(l.scope('write')).not.toBeChecked();
  await l.scope('write::trade').uncheck();
  await expect(l.scope('read')).toBeChecked();
  await expect(l.onKalshi.getByLabel('JSON body for creating an API key')).toContainText(
    '"scopes": [\n    "read"\n  ]',
  );
  await expect(l.signWith).toHaveValue(/.+/);
  await expect(l.signWith.locator('option:checked')).toHaveText(/^Bootstrap/);
  expect(kalshiMock.requests).toEqual([]);
  await l.register.click();

  await expect(u.kalshiKeyId).toHaveValue(/^[0-9a-f-]{36}$/);
  const [post] = sent(kalshiMock, 'POST', '/trade-api/v2/api_keys');
  expect(post.status).toBe(201);
  expect(JSON.parse(post.body!).scopes).toEqual(['read']);
  expect(JSON.parse(post.body!)).not.toHaveProperty('subaccount');
  expect(post.headers['kalshi-access-key']).toBe(kalshiMock.bootstrapKeyId);
  // Through the relay, which dropped the browser's Origin (the mock would have answered 403).
  expect(post.headers.origin).toBeUndefined();
  expect(kalshiRelay.lines.join('\n')).toMatch(/ POST \S+ \/trade-api\/v2\/api_keys 201 /);

  const id = await u.kalshiKeyId.inputValue();
  await expect(keyPage(page, 'Dashboard')).toContainText(`Registered · ${id.slice(0, 8)}`);
  const held = kalshiMock.registeredKeys.get(id)!;
  expect(held).toMatchObject({ name: 'Dashboard', scopes: ['read'] });
  expect(spki(held.publicKeyPem)).toEqual(spki(publicPem));
  // Registered: the form goes, rotating and deleting on Kalshi take its place.
  await expect(l.register).toHaveCount(0);
  await expect(l.rotate).toBeVisible();
  watch.expectClean();
});

// Two whole-page axe scans besides the checks: 2-4 s each on a quiet machine, 10 s on a busy one.
test('Check with Kalshi lists the keys, flags a stored ID Kalshi does not list, and Delete on Kalshi retires a key', async ({
  page,
  kalshiMock,
  kalshiRelay,
  watch,
}) => {
  test.slow();
  await start(page, kalshiMock, kalshiRelay.url);
  const l = lifecycle(page);
  const u = ui(page);

  // A key registered elsewhere (another tool), bound to subaccount 3: Kalshi lists it, not stored here.
  const elsewhere = nodeRsaKey();
  const elsewhereId = randomUUID();
  kalshiMock.registeredKeys.set(elsewhereId, {
    api_key_id: elsewhereId,
    name: 'Elsewhere',
    scopes: ['read'],
    subaccount: 3,
    publicKeyPem: elsewhere.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    publicKey: elsewhere.publicKey,
  });
  // A key stored here whose ID Kalshi does not have (deleted, or the other environment).
  await mintKey(page, 'Ghost');
  await u.kalshiKeyId.fill(randomUUID());
  // A key stored here and registered on Kalshi: the one to delete.
  const doomedPem = await mintKey(page, 'Doomed');
  const doomedId = randomUUID();
  kalshiMock.registeredKeys.set(doomedId, {
    api_key_id: doomedId,
    name: 'Doomed on Kalshi',
    scopes: ['read', 'write'],
    publicKeyPem: doomedPem,
    publicKey: createPublicKey(doomedPem),
  });
  await u.kalshiKeyId.fill(doomedId);
  await expect(keyPage(page, 'Doomed')).toContainText(`Registered · ${doomedId.slice(0, 8)}`);
  await openView(page, 'Keys on Kalshi');
  await chooseSigner(l.viewSignWith, 'Bootstrap');

  await l.check.click();
  await expect(l.table).toBeVisible();
  const rows = l.table.getByRole('row');
  // Header and one row per key Kalshi holds.
  await expect(rows).toHaveCount(4);
  const row = (name: string) => rows.filter({ has: page.getByRole('rowheader', { name }) });
  await expect(row('bootstrap')).toContainText(kalshiMock.bootstrapKeyId);
  await expect(row('bootstrap')).toContainText('read, write');
  await expect(row('bootstrap')).toContainText('“Bootstrap”');
  await expect(row('Elsewhere')).toContainText(elsewhereId);
  // Cells after the name: key ID, scopes, subaccount, stored here.
  await expect(row('Elsewhere').getByRole('cell').nth(2)).toHaveText('3');
  await expect(row('Elsewhere').getByRole('cell').nth(3)).toHaveText('no');
  await expect(row('bootstrap').getByRole('cell').nth(2)).toHaveText('all');
  await expect(row('Doomed on Kalshi')).toContainText('“Doomed”');
  // The stored key Kalshi does not list is flagged under the table; the others are not.
  await expect(
    l.kalshiView.getByRole('heading', { name: 'Stored here, not listed by Kalshi' }),
  ).toBeVisible();
  await expect(l.kalshiView.getByRole('link', { name: 'Ghost', exact: true })).toBeVisible();
  await expect(l.kalshiView.getByRole('link', { name: 'Doomed', exact: true })).toHaveCount(0);
  await expect(l.kalshiView.getByRole('link', { name: 'Bootstrap', exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page, 'the table "Keys on Kalshi" and a flagged stored key');

  // Delete on Kalshi, after a dialog that names the key.
  await row('Doomed on Kalshi')
    .getByRole('button', { name: 'Delete on Kalshi', exact: true })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Delete “Doomed on Kalshi” on Kalshi?');
  await expect(dialog).toContainText(doomedId);
  expect(kalshiMock.registeredKeys.has(doomedId)).toBe(true);
  await expectNoAxeViolations(page, 'the "Delete on Kalshi" dialog');
  await dialog.getByRole('button', { name: /delete it on Kalshi/ }).click();

  await expect(row('Doomed on Kalshi')).toHaveCount(0);
  expect(kalshiMock.registeredKeys.has(doomedId)).toBe(false);
  expect(sent(kalshiMock, 'DELETE', `/trade-api/v2/api_keys/${doomedId}`)).toMatchObject([
    { status: 204 },
  ]);
  // Retired here, offered for deletion from this browser, and no longer offered to sign.
  await expect(
    page.getByRole('button', { name: 'Delete “Doomed” from this browser', exact: true }),
  ).toBeVisible();
  const signers = await l.viewSignWith.locator('option').allInnerTexts();
  expect(signers.filter((text) => text.startsWith('Doomed'))).toEqual([]);
  // The home says where each key stands; the retired key keeps its ID in the store.
  await openView(page, 'Keys');
  await expect(keyItem(page, 'Ghost')).toContainText('Not listed by Kalshi');
  await expect(keyItem(page, 'Doomed')).toContainText('Retired');
  await expect(keyItem(page, 'Bootstrap')).toContainText(
    `Registered · ${kalshiMock.bootstrapKeyId.slice(0, 8)}`,
  );
  const stored = (await probeStoredKeys(page)).keys.filter((k) => k.name === 'Doomed');
  expect(stored.map((k) => k.kalshiKeyId)).toEqual([doomedId]);
  // Its page keeps only the public key and managing it here: no register, rotate or signing.
  await openKey(page, 'Doomed');
  await expect(keyPage(page, 'Doomed')).toContainText('Retired: deleted on Kalshi on');
  await expect(l.onKalshi).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Sign a request with this key' })).toHaveCount(0);
  await expect(u.publicKeyPem).toHaveValue(doomedPem);
  watch.expectClean();
});

test('Let Kalshi make the key: the private key Kalshi returns is stored non-extractable, with its ID', async ({
  page,
  kalshiMock,
  kalshiRelay,
  watch,
}) => {
  await start(page, kalshiMock, kalshiRelay.url);
  const l = lifecycle(page);
  const u = ui(page);
  await openView(page, 'Import a key');
  await l.generateName.fill('Made by Kalshi');
  await l.generateSection
    .getByRole('group', { name: 'Scopes' })
    .getByRole('button', { name: 'Read only' })
    .click();
  await l.generate.click();

  // The new key's page opens, with the ID Kalshi gave.
  await expect(keyHeading(page, 'Made by Kalshi')).toBeVisible();
  await expect(u.kalshiKeyId).toHaveValue(/^[0-9a-f-]{36}$/);
  const [post] = sent(kalshiMock, 'POST', '/trade-api/v2/api_keys/generate');
  expect(post.status).toBe(201);
  expect(JSON.parse(post.body!)).toEqual({
    name: 'Made by Kalshi',
    scopes: ['read'],
    key_type: 'rsa',
  });
  const [id, held] = [...kalshiMock.registeredKeys].find(([, k]) => k.name === 'Made by Kalshi')!;
  await expect(u.kalshiKeyId).toHaveValue(id);

  // Stored as a CryptoKey that cannot be exported, and never as text.
  const probe = await probeStoredKeys(page);
  expect(probe.privateKeyText).toEqual([]);
  const stored = probe.keys.filter((k) => k.name === 'Made by Kalshi');
  expect(stored.length).toBeGreaterThan(0);
  for (const key of stored) {
    expect(key).toMatchObject({ kalshiKeyId: id, extractable: false, exportRejected: true });
  }
  // Its public key is the one Kalshi (the mock) holds.
  expect(spki(await u.publicKeyPem.inputValue())).toEqual(spki(held.publicKeyPem));
  // The private key never appears on the page.
  await expect(page.getByText(/PRIVATE KEY-----/)).toHaveCount(0);
  for (const box of await page.getByRole('textbox').all()) {
    expect(await box.inputValue()).not.toMatch(/PRIVATE KEY/);
  }
  watch.expectClean();
});

test('Rotate key through the relay: mint, register, prove, confirm, delete; a reload before the delete resumes', async ({
  page,
  kalshiMock,
  kalshiRelay,
  watch,
}) => {
  test.setTimeout(120_000);
  await start(page, kalshiMock, kalshiRelay.url);
  const l = lifecycle(page);
  const u = ui(page);
  const oldId = kalshiMock.bootstrapKeyId;
  // Kalshi's list tells the rotation the old key's scopes, which the replacement copies.
  kalshiMock.registeredKeys.get(oldId)!.scopes = ['read', 'write', 'write::trade'];
  await openView(page, 'Keys on Kalshi');
  await l.check.click();
  await expect(l.table).toBeVisible();

  await openKey(page, 'Bootstrap');
  await l.rotate.click();
  // Mint, register and prove run by themselves; then the dialog asks before the delete.
  const dialog = page.getByRole('dialog');
  await expect(l.deleteOldKey).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toContainText('Bootstrap');
  const [post] = sent(kalshiMock, 'POST', '/trade-api/v2/api_keys');
  expect(post).toMatchObject({ status: 201 });
  expect(post.headers['kalshi-access-key']).toBe(oldId);
  expect(JSON.parse(post.body!).scopes).toEqual(['read', 'write', 'write::trade']);
  const newId = [...kalshiMock.registeredKeys.keys()].find((id) => id !== oldId)!;
  const proof = sent(kalshiMock, 'GET', '/trade-api/v2/portfolio/balance');
  expect(proof).toMatchObject([{ status: 200 }]);
  expect(proof[0].headers['kalshi-access-key']).toBe(newId);
  // Nothing deleted yet: the old key still works on Kalshi.
  expect(kalshiMock.registeredKeys.has(oldId)).toBe(true);
  expect(sent(kalshiMock, 'DELETE', `/trade-api/v2/api_keys/${oldId}`)).toEqual([]);

  // The tab reloads (or closes and opens again) between register and delete: the key's page again.
  await page.reload();
  await expect(keyHeading(page, 'Bootstrap')).toBeVisible();
  await expect(l.rotationSteps).toBeVisible();
  await expect(l.rotationSteps.getByRole('listitem').nth(2)).toContainText('done');
  await expectNoAxeViolations(page, 'a rotation resumed after a reload, waiting to continue');
  // A reload by itself sends nothing.
  const before = kalshiMock.requests.length;
  await l.continueRotation.click();
  await expect(l.deleteOldKey).toBeVisible();
  await expectNoAxeViolations(page, 'the "Delete old key" dialog');
  await l.deleteOldKey.click();

  // Then the new key's page, which says so.
  await expect(page.getByRole('status').filter({ hasText: 'Rotation done' })).toBeVisible();
  await expect(u.kalshiKeyId).toHaveValue(newId);
  expect(spki(await u.publicKeyPem.inputValue())).toEqual(
    spki(kalshiMock.registeredKeys.get(newId)!.publicKeyPem),
  );
  await expect(l.rotationSteps.getByRole('listitem').last()).toContainText('done');
  expect(kalshiMock.registeredKeys.has(oldId)).toBe(false);
  const deletes = kalshiMock.requests.slice(before);
  expect(deletes).toMatchObject([{ method: 'DELETE', status: 204 }]);
  expect(deletes[0].headers['kalshi-access-key']).toBe(newId);
  // The new key carries on: stored with its ID and the copied scopes, and Kalshi has it.
  expect(kalshiMock.registeredKeys.get(newId)!.scopes).toEqual(['read', 'write', 'write::trade']);
  await openView(page, 'Keys');
  await expect(keyItem(page, 'Bootstrap')).toContainText('Retired');
  await expect(keyWithId(page, newId)).toHaveCount(1);
  await expect(keyWithId(page, newId)).not.toContainText('Retired');
  // The old key is no longer offered to sign.
  await openView(page, 'Sign a request');
  const signers = await u.signingKey.locator('option').allInnerTexts();
  expect(signers.filter((text) => /^Bootstrap( \(retired\))?$/.test(text))).toEqual([]);
  watch.expectClean();
});

test('an account without Premier or Market Maker: Register with Kalshi gets 403 and says to use the website', async ({
  page,
  baseURL,
  watch,
}) => {
  // Its own mock (BYO refused, as Kalshi does below those API levels) behind its own relay.
  const pair = nodeRsaKey();
  const mock = await startKalshiMock({
    bootstrapPublicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    byoAllowed: false,
  });
  const relay = await spawnRelay([
    '--port',
    '0',
    '--origin',
    new URL(baseURL!).origin,
    '--upstream',
    mock.url,
  ]);
  try {
    const fixture = Object.assign(mock, {
      bootstrapPublicPem: '',
      bootstrapPrivatePem: pair.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    });
    await start(page, fixture, relay.url);
    const l = lifecycle(page);
    await mintKey(page, 'Not allowed');
    await l.register.click();
    await expect(l.onKalshi.getByRole('alert').filter({ hasText: /\S/ })).toContainText(
      /Premier or Market Maker.*insufficient API usage level.*RSA public key/s,
    );
    expect(sent(fixture, 'POST', '/trade-api/v2/api_keys')).toMatchObject([{ status: 403 }]);
    await expect(ui(page).kalshiKeyId).toHaveValue('');
    await expect(keyPage(page, 'Not allowed')).toContainText('Not registered');
    expect(watch.pageErrors).toEqual([]);
  } finally {
    await relay.stop();
    await mock.close();
  }
});
