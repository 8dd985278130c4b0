// @vitest-environment happy-dom
// Signatures come from node:crypto, never from our own signer.
import { constants, sign } from 'node:crypto';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyRecord } from '../../src/storage/types';
import { DoctorPanel } from '../../src/ui/doctor/DoctorPanel';
import { nodeRsaKey } from '../helpers/keys';

afterEach(cleanup);

const { privateKey, publicPem: publicKeyPem } = nodeRsaKey();
const KEY_ID = '0b0a5d6e-7c35-4f1f-9a51-2b8b5e3f1c2d';
const PATH = '/trade-api/v2/portfolio/orders';
const QUERY = '?status=resting';

function pssBase64(message: string, saltLength = 32): string {
  return sign('sha256', Buffer.from(message), {
    key: privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength,
  }).toString('base64');
}

/** A stored key record: only name, Kalshi key ID and publicKeyPem matter to the doctor. */
function record(name: string, pem: string, kalshiKeyId = ''): KeyRecord {
  return {
    id: crypto.randomUUID(),
    name,
    createdAt: Date.now(),
    environment: 'production',
    kalshiKeyId,
    fingerprint: 'SHA256:test',
    publicKeyPem: pem,
    privateKey: {} as CryptoKey,
    publicKey: {} as CryptoKey,
  };
}

function curlFor(timestamp: string, signature: string): string {
  return [
    `curl -X GET 'https://external-api.kalshi.com${PATH}${QUERY}' \\`,
    `  -H 'KALSHI-ACCESS-KEY: ${KEY_ID}' \\`,
    `  -H 'KALSHI-ACCESS-TIMESTAMP: ${timestamp}' \\`,
    `  -H 'KALSHI-ACCESS-SIGNATURE: ${signature}'`,
  ].join('\n');
}

describe('DoctorPanel', () => {
  it('names a signed query string from a pasted curl command, with both strings side by side', async () => {
    const user = userEvent.setup();
    const timestamp = String(Date.now());
    const signed = `${timestamp}GET${PATH}${QUERY}`;
    render(<DoctorPanel keys={[]} />);

    expect(screen.getByRole('heading', { name: 'Check a signature' })).toBeInTheDocument();
    await user.type(
      screen.getByRole('textbox', { name: 'Public key to check against' }),
      publicKeyPem,
    );
    await user.click(screen.getByRole('textbox', { name: 'Paste a curl command or HTTP request' }));
    await user.paste(curlFor(timestamp, pssBase64(signed)));
    await user.click(screen.getByRole('button', { name: 'Fill from pasted request' }));

    expect(screen.getByRole('textbox', { name: 'Method to check' })).toHaveValue('GET');
    expect(screen.getByRole('textbox', { name: 'URL or path' })).toHaveValue(
      `https://external-api.kalshi.com${PATH}${QUERY}`,
    );
    expect(screen.getByRole('textbox', { name: 'KALSHI-ACCESS-TIMESTAMP value' })).toHaveValue(
      timestamp,
    );

    await user.click(screen.getByRole('button', { name: 'Check signature' }));
    // The verdict leads, in words and in the error colour; the code follows in small type.
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Kalshi would reject this: the query string was signed; Kalshi signs the path without it.',
      ),
    );
    const verdict = screen.getByRole('alert').querySelector('.verdict')!;
    expect(verdict).toHaveClass('bad');
    expect(verdict.querySelector('small')).toHaveTextContent('query-signed');
    expect(screen.getByText(/Signed the query/)).toHaveTextContent(QUERY);
    expect(screen.getByRole('textbox', { name: 'String the signature covers' })).toHaveValue(
      signed,
    );
    expect(screen.getByRole('textbox', { name: 'String Kalshi expects' })).toHaveValue(
      `${timestamp}GET${PATH}`,
    );
    expect(screen.getByRole('status')).toHaveTextContent('');
    // The fix, for each language a bot is written in.
    expect(screen.getByRole('heading', { name: 'How to fix it' })).toBeVisible();
    expect(screen.getByText(/urlparse\(url\)\.path/)).toBeVisible();
  });

  it('says in words, in the success colour, that Kalshi would accept a correct signature', async () => {
    const user = userEvent.setup();
    const timestamp = String(Date.now());
    render(<DoctorPanel keys={[record('Trading bot', publicKeyPem, KEY_ID)]} />);
    await user.type(screen.getByRole('textbox', { name: 'URL or path' }), PATH);
    await user.type(
      screen.getByRole('textbox', { name: 'KALSHI-ACCESS-TIMESTAMP value' }),
      timestamp,
    );
    await user.click(screen.getByRole('textbox', { name: 'KALSHI-ACCESS-SIGNATURE value' }));
    await user.paste(pssBase64(`${timestamp}GET${PATH}`));
    await user.click(screen.getByRole('button', { name: 'Check signature' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Kalshi would accept this signature.'),
    );
    expect(screen.getByRole('status').querySelector('.verdict')).toHaveClass('ok');
    expect(screen.getByRole('alert')).toHaveTextContent('');
    expect(screen.queryByRole('heading', { name: 'How to fix it' })).toBeNull();
  });

  it('checks against a stored key, picked by the request’s key ID, and types fields by hand', async () => {
    const user = userEvent.setup();
    const timestamp = String(Date.now());
    const other = nodeRsaKey().publicPem;
    const keys = [record('Unrelated', other), record('Trading bot', publicKeyPem, KEY_ID)];
    render(<DoctorPanel keys={keys} />);

    const select = screen.getByRole('combobox', { name: 'Key to check against' });
    expect(select).toHaveDisplayValue('Unrelated');
    expect(screen.queryByRole('textbox', { name: 'Public key to check against' })).toBeNull();

    await user.click(screen.getByRole('textbox', { name: 'Paste a curl command or HTTP request' }));
    await user.paste(curlFor(timestamp, pssBase64(`${timestamp}GET${PATH}`, 222)));
    await user.click(screen.getByRole('button', { name: 'Fill from pasted request' }));
    expect(select).toHaveDisplayValue(`Trading bot (${KEY_ID})`);

    const url = screen.getByRole('textbox', { name: 'URL or path' });
    await user.clear(url);
    await user.type(url, PATH);
    await user.click(screen.getByRole('button', { name: 'Check signature' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Kalshi would reject this: the signature uses a 222-byte salt; Kalshi needs 32.',
      ),
    );
    // Both strings are the same here: the page says what differs instead.
    expect(screen.getByRole('textbox', { name: 'String the signature covers' })).toHaveValue(
      `${timestamp}GET${PATH}`,
    );
    expect(screen.getByText(/the salt length differs \(222 bytes, not 32\)/)).toBeVisible();
    const fixes = screen.getByRole('heading', { name: 'How to fix it' }).nextElementSibling!;
    expect(fixes).toHaveTextContent(/Python.*padding\.PSS\.DIGEST_LENGTH/);
    expect(fixes).toHaveTextContent(/Node.*RSA_PSS_SALTLEN_DIGEST/);
    expect(fixes).toHaveTextContent(/openssl.*rsa_pss_saltlen:32/);
  });

  it('shows a bad timestamp or a pasted private key in the alert, not a finding', async () => {
    const user = userEvent.setup();
    render(<DoctorPanel keys={[]} />);
    await user.click(screen.getByRole('textbox', { name: 'Public key to check against' }));
    await user.paste(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    await user.type(screen.getByRole('textbox', { name: 'URL or path' }), PATH);
    await user.type(
      screen.getByRole('textbox', { name: 'KALSHI-ACCESS-TIMESTAMP value' }),
      'yesterday',
    );
    await user.type(screen.getByRole('textbox', { name: 'KALSHI-ACCESS-SIGNATURE value' }), 'abc');
    await user.click(screen.getByRole('button', { name: 'Check signature' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('milliseconds'));

    const timestamp = screen.getByRole('textbox', { name: 'KALSHI-ACCESS-TIMESTAMP value' });
    await user.clear(timestamp);
    await user.type(timestamp, String(Date.now()));
    await user.click(screen.getByRole('button', { name: 'Check signature' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('private key'));
    expect(screen.getByRole('status')).not.toHaveTextContent('wrong-key');
  });

  it('says so when the pasted text holds no request', async () => {
    const user = userEvent.setup();
    render(<DoctorPanel keys={[]} />);
    await user.type(
      screen.getByRole('textbox', { name: 'Paste a curl command or HTTP request' }),
      'hello',
    );
    await user.click(screen.getByRole('button', { name: 'Fill from pasted request' }));
    expect(screen.getByRole('alert')).toHaveTextContent('No request found');
  });
});
