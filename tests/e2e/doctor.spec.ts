// Issue 6, "Done when": a browser test pastes a curl command with a wrong signature into the page
// and sees the finding. Signatures are made here with node:crypto, not by the page.
import { constants, sign, type KeyObject } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, openView, test } from './fixtures';
import { nodeRsaKey } from '../helpers/keys';

const { privateKey, publicPem: publicKeyPem } = nodeRsaKey();
const KEY_ID = '5c1f7a0e-2d4b-4e8f-9a3c-6b1d0e7f2a94';
const PATH = '/trade-api/v2/portfolio/orders';
const QUERY = '?status=resting&limit=5';

function pss(message: string, key: KeyObject = privateKey): string {
  return sign('sha256', Buffer.from(message, 'utf8'), {
    key,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32,
  }).toString('base64');
}

function curl(timestamp: string, signature: string): string {
  return [
    `curl -sS 'https://external-api.kalshi.com${PATH}${QUERY}' \\`,
    `  -H 'KALSHI-ACCESS-KEY: ${KEY_ID}' \\`,
    `  -H 'KALSHI-ACCESS-TIMESTAMP: ${timestamp}' \\`,
    `  -H 'KALSHI-ACCESS-SIGNATURE: ${signature}'`,
  ].join('\n');
}

/** Pastes the public key and `pasted` (a curl command, a fetch() call…), fills the fields from it. */
async function fillFromPaste(page: Page, pasted: string) {
  await openView(page, 'Check a signature');
  const doctor = page.getByRole('region', { name: 'Check a signature', exact: true });
  await doctor
    .getByRole('combobox', { name: 'Key to check against', exact: true })
    .selectOption({ label: 'Paste a public key…' });
  await doctor
    .getByRole('textbox', { name: 'Public key to check against', exact: true })
    .fill(publicKeyPem);
  await doctor
    .getByRole('textbox', { name: 'Paste a curl command or HTTP request', exact: true })
    .fill(pasted);
  await doctor.getByRole('button', { name: 'Fill from pasted request', exact: true }).click();
  return doctor;
}

/** The rejection: one sentence in words, in role="alert", with the finding's code after it. */
const rejection = (doctor: Locator) => doctor.getByRole('alert').filter({ hasText: /\S/ });

/** Pastes the public key and the curl command, fills the fields, checks; returns the doctor section. */
async function check(page: Page, command: string) {
  const doctor = await fillFromPaste(page, command);
  await expect(doctor.getByRole('textbox', { name: 'URL or path', exact: true })).toHaveValue(
    `https://external-api.kalshi.com${PATH}${QUERY}`,
  );
  await doctor.getByRole('button', { name: 'Check signature', exact: true }).click();
  return doctor;
}

test('a curl command whose signature covers the query string: the page names query-signed', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  const timestamp = String(Date.now());
  const signed = `${timestamp}GET${PATH}${QUERY}`;
  const doctor = await check(page, curl(timestamp, pss(signed)));

  await expect(rejection(doctor)).toHaveCount(1);
  await expect(rejection(doctor)).toContainText(
    'Kalshi would reject this: the query string was signed; Kalshi signs the path without it.',
  );
  await expect(rejection(doctor)).toContainText('query-signed');
  await expect(doctor).toContainText(QUERY);
  await expect(
    doctor.getByRole('textbox', { name: 'String the signature covers', exact: true }),
  ).toHaveValue(signed);
  await expect(
    doctor.getByRole('textbox', { name: 'String Kalshi expects', exact: true }),
  ).toHaveValue(`${timestamp}GET${PATH}`);
  // The verdict is the only alert: the request itself was read without a problem.
  await expect(doctor.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(1);
  watch.expectClean();
});

test('a curl command signed by another key: the page names wrong-key', async ({ page, watch }) => {
  await page.goto('/');
  const timestamp = String(Date.now());
  const otherKey = nodeRsaKey().privateKey;
  const doctor = await check(page, curl(timestamp, pss(`${timestamp}GET${PATH}`, otherKey)));

  await expect(rejection(doctor)).toContainText(
    'Kalshi would reject this: this key did not make the signature.',
  );
  await expect(rejection(doctor)).toContainText('wrong-key');
  await expect(doctor).toContainText('KALSHI-ACCESS-KEY');
  await expect(
    doctor.getByRole('textbox', { name: 'String the signature covers', exact: true }),
  ).toHaveValue('');
  watch.expectClean();
});

test('a correct signature sent minutes later: the page says stale-timestamp and how far off', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  const timestamp = String(Date.now() - 5 * 60_000);
  const doctor = await check(page, curl(timestamp, pss(`${timestamp}GET${PATH}`)));

  await expect(rejection(doctor)).toContainText(
    'Kalshi would reject this: the timestamp is too far from now, though the signature is right.',
  );
  await expect(rejection(doctor)).toContainText('stale-timestamp');
  await expect(doctor).toContainText(/5 min \d+ s old/);
  watch.expectClean();
});

test('Chrome\'s "Copy as fetch" of a POST: the page fills method and body and names body-signed', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  const timestamp = String(Date.now());
  const body = '{"ticker":"KXBTC-25","side":"yes","count":1}';
  const url = `https://external-api.kalshi.com${PATH}`;
  // The shape DevTools writes: HTTP/2 lower-case header names, the body as a JSON string.
  const copied = `fetch("${url}", {\n  "headers": {\n    "accept": "application/json",\n    "kalshi-access-key": "${KEY_ID}",\n    "kalshi-access-signature": "${pss(`${timestamp}POST${PATH}${body}`)}",\n    "kalshi-access-timestamp": "${timestamp}"\n  },\n  "referrer": "https://example.test/",\n  "body": ${JSON.stringify(body)},\n  "method": "POST",\n  "mode": "cors",\n  "credentials": "omit"\n});`;
  const doctor = await fillFromPaste(page, copied);
  await expect(doctor.getByRole('textbox', { name: 'Method to check', exact: true })).toHaveValue(
    'POST',
  );
  await expect(
    doctor.getByRole('textbox', { name: 'Request body (optional)', exact: true }),
  ).toHaveValue(body);
  await doctor.getByRole('button', { name: 'Check signature', exact: true }).click();
  await expect(rejection(doctor)).toContainText(
    'Kalshi would reject this: the body was signed; Kalshi signs timestamp, method and path only.',
  );
  await expect(rejection(doctor)).toContainText('body-signed');
  await expect(
    doctor.getByRole('textbox', { name: 'String Kalshi expects', exact: true }),
  ).toHaveValue(`${timestamp}POST${PATH}`);
  watch.expectClean();
});
