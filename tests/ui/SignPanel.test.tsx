// @vitest-environment happy-dom
import { constants, verify } from 'node:crypto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeyRecord } from '../../src/storage/types';
import { SignPanel } from '../../src/ui/sign/SignPanel';
import { webCryptoPssPair } from '../helpers/keys';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

interface TestKey {
  record: KeyRecord;
  spkiPem: string;
}

async function makeKey(
  name: string,
  kalshiKeyId: string,
  environment: KeyRecord['environment'] = 'demo',
): Promise<TestKey> {
  const pair = await webCryptoPssPair();
  const spki = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString(
    'base64',
  );
  const spkiPem = `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
  return {
    spkiPem,
    record: {
      id: crypto.randomUUID(),
      name,
      createdAt: Date.now(),
      environment,
      kalshiKeyId,
      fingerprint: 'SHA256:test',
      publicKeyPem: spkiPem,
      privateKey: pair.privateKey,
      publicKey: pair.publicKey,
    },
  };
}

/** node:crypto, independently of our code: RSA-PSS, SHA-256, MGF1-SHA-256, salt 32. */
function verifiesWith(spkiPem: string, message: string, signatureBase64: string): boolean {
  return verify(
    'sha256',
    Buffer.from(message, 'utf8'),
    { key: spkiPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
    Buffer.from(signatureBase64, 'base64'),
  );
}

const box = (name: string) =>
  screen.getByRole('textbox', { name }) as HTMLInputElement | HTMLTextAreaElement;
const combo = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const alerts = () =>
  screen
    .queryAllByRole('alert')
    .map((a) => a.textContent ?? '')
    .join('\n');

async function fillPath(user: ReturnType<typeof userEvent.setup>, path: string) {
  await user.clear(box('Path'));
  await user.click(box('Path'));
  await user.paste(path);
}

async function signed(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Sign request' }));
  await waitFor(() => expect(box('KALSHI-ACCESS-SIGNATURE').value).not.toBe(''));
  return {
    keyId: box('KALSHI-ACCESS-KEY').value,
    timestamp: box('KALSHI-ACCESS-TIMESTAMP').value,
    signature: box('KALSHI-ACCESS-SIGNATURE').value,
  };
}

describe('SignPanel', () => {
  it('signs a GET with the selected key; node:crypto verifies the signature over timestamp+METHOD+path', async () => {
    const user = userEvent.setup();
    const key = await makeKey('bot', 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c');
    render(<SignPanel keys={[key.record]} selectedId={key.record.id} />);

    expect(combo('Environment').selectedOptions[0]!.textContent).toBe('Demo');
    expect(combo('Signing key').value).toBe(key.record.id);
    await user.selectOptions(combo('Method'), 'GET');
    await fillPath(user, '/trade-api/v2/portfolio/positions');
    expect(box('String to sign').value).toBe('{timestamp}GET/trade-api/v2/portfolio/positions');
    expect(box('Body')).toBeDisabled();

    const out = await signed(user);
    const message = `${out.timestamp}GET/trade-api/v2/portfolio/positions`;
    expect(out.keyId).toBe('a952bcbe-ec3b-4b5b-b8f9-11dae589608c');
    expect(out.timestamp).toMatch(/^\d{13}$/);
    expect(box('String to sign').value).toBe(message);
    expect(verifiesWith(key.spkiPem, message, out.signature)).toBe(true);
    expect(box('curl command').value).toContain(
      "'https://external-api.demo.kalshi.co/trade-api/v2/portfolio/positions'",
    );
    expect(box('curl command').value).toContain(`'KALSHI-ACCESS-SIGNATURE: ${out.signature}'`);
    expect(box('fetch() snippet').value).toContain(JSON.stringify(out.signature));
    expect(screen.getByText(/^Signed \d+ s ago/)).toBeInTheDocument();
  });

  it('a key listed before its CryptoKey is read says so, signs nothing, and signs once it arrives', async () => {
    const user = userEvent.setup();
    const key = await makeKey('bot', 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c');
    // Start-up lists keys first and reads their CryptoKeys just after (use-key-store.ts).
    const listed = { ...key.record, privateKey: undefined } as unknown as KeyRecord;
    const { rerender } = render(<SignPanel keys={[listed]} selectedId={key.record.id} />);
    await user.click(screen.getByRole('button', { name: 'Sign request' }));
    await waitFor(() => expect(alerts()).toMatch(/still loading.*try again/));
    expect(box('KALSHI-ACCESS-SIGNATURE').value).toBe('');

    rerender(<SignPanel keys={[key.record]} selectedId={key.record.id} />);
    const out = await signed(user);
    expect(
      verifiesWith(
        key.spkiPem,
        `${out.timestamp}GET/trade-api/v2/portfolio/balance`,
        out.signature,
      ),
    ).toBe(true);
  });

  it('takes the environment from a full URL and signs the path without its query', async () => {
    const user = userEvent.setup();
    const key = await makeKey('prod bot', '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', 'production');
    render(<SignPanel keys={[key.record]} selectedId={key.record.id} />);

    await fillPath(user, 'https://demo-api.kalshi.co/trade-api/v2/portfolio/orders?status=resting');
    expect(combo('Environment').selectedOptions[0]!.textContent).toBe('Demo');
    expect(combo('API host').value).toBe('demo-api.kalshi.co');
    expect(box('String to sign').value).toBe('{timestamp}GET/trade-api/v2/portfolio/orders');

    const out = await signed(user);
    const path = '/trade-api/v2/portfolio/orders';
    expect(verifiesWith(key.spkiPem, `${out.timestamp}GET${path}`, out.signature)).toBe(true);
    expect(
      verifiesWith(key.spkiPem, `${out.timestamp}GET${path}?status=resting`, out.signature),
    ).toBe(false);
    expect(box('curl command').value).toContain(
      "'https://demo-api.kalshi.co/trade-api/v2/portfolio/orders?status=resting'",
    );
    expect(screen.getByText(/production key and this request goes to demo/)).toBeInTheDocument();
  });

  it('the orders preset puts the query in the curl URL and not in the signed string', async () => {
    const user = userEvent.setup();
    const key = await makeKey('bot', 'k-1');
    render(<SignPanel keys={[key.record]} selectedId={key.record.id} />);
    await user.click(screen.getByRole('button', { name: 'Resting orders' }));
    const out = await signed(user);
    expect(box('String to sign').value).toBe(`${out.timestamp}GET/trade-api/v2/portfolio/orders`);
    expect(box('curl command').value).toContain('/trade-api/v2/portfolio/orders?status=resting');
  });

  it('shows an alert for a body that is not JSON, and does not sign', async () => {
    const user = userEvent.setup();
    const key = await makeKey('bot', 'k-1');
    render(<SignPanel keys={[key.record]} selectedId={key.record.id} />);
    await user.selectOptions(combo('Method'), 'POST');
    await fillPath(user, '/trade-api/v2/api_keys');
    await user.click(box('Body'));
    await user.paste('{"name": \'x\'}');

    expect(alerts()).toMatch(/The body is not valid JSON/);
    expect(box('Body')).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Sign request' }));
    expect(box('KALSHI-ACCESS-SIGNATURE').value).toBe('');

    await user.clear(box('Body'));
    await user.paste('{"name": "x"}');
    expect(box('Body').value).toBe('{"name": "x"}');
    expect(alerts()).not.toMatch(/not valid JSON/);
    await signed(user);
    expect(box('curl command').value).toContain("-H 'Content-Type: application/json'");
    expect(box('curl command').value).toContain(`--data-raw '{"name": "x"}'`);
  });

  it('has no preset that registers a key without scopes (Register on the key page does it)', () => {
    render(<SignPanel keys={[]} selectedId={null} />);
    expect(screen.queryByRole('button', { name: /Upload/ })).toBeNull();
  });

  it('refuses a retired key with the reason, and offers it only when it was asked for by name', async () => {
    const user = userEvent.setup();
    const retired = await makeKey('old bot', '11111111-2222-3333-4444-555555555555');
    retired.record.retired = true;
    const current = await makeKey('new bot', '22222222-2222-3333-4444-555555555555');
    render(<SignPanel keys={[retired.record, current.record]} selectedId={retired.record.id} />);
    expect(screen.getByText(/“old bot” is Retired/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign request' }));
    expect(alerts()).toMatch(/“old bot” is retired: Kalshi deleted its key ID.*Choose another key/);
    expect(box('KALSHI-ACCESS-SIGNATURE').value).toBe('');
    cleanup();

    render(<SignPanel keys={[retired.record, current.record]} selectedId={current.record.id} />);
    const options = within(combo('Signing key')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['new bot']);
  });

  it('keeps the signing key it shows when the selection changes elsewhere (a key stored or opened after it opened)', async () => {
    const user = userEvent.setup();
    const first = await makeKey('first', '11111111-2222-3333-4444-555555555555');
    const chosen = await makeKey('chosen', '22222222-2222-3333-4444-555555555555');
    const later = await makeKey('later', '33333333-2222-3333-4444-555555555555', 'production');
    const keys = [first.record, chosen.record, later.record];
    const { rerender } = render(<SignPanel keys={keys} selectedId={first.record.id} />);
    rerender(<SignPanel keys={keys} selectedId={later.record.id} />);
    expect(combo('Signing key').value).toBe(first.record.id);
    expect(combo('Environment').selectedOptions[0]!.textContent).toBe('Demo');

    await user.selectOptions(combo('Signing key'), 'chosen');
    rerender(<SignPanel keys={keys} selectedId={first.record.id} />);
    expect(combo('Signing key').value).toBe(chosen.record.id);
    expect((await signed(user)).keyId).toBe('22222222-2222-3333-4444-555555555555');
  });

  it('keeps a signing key picked before the first paint (a fast user, a busy machine)', async () => {
    const user = userEvent.setup();
    const bootstrap = await makeKey('Bootstrap', '11111111-2222-3333-4444-555555555555');
    const fresh = await makeKey('fresh', '');
    const keys = [bootstrap.record, fresh.record];
    // Effects wait for the next frame; a pick made before then (what Playwright did in CI) must
    // stand. One act() holds both, so nothing runs between the first render and the pick.
    act(() => {
      render(<SignPanel keys={keys} selectedId={fresh.record.id} />);
      fireEvent.input(combo('Signing key'), { target: { value: bootstrap.record.id } });
    });
    expect(combo('Signing key').value).toBe(bootstrap.record.id);
    expect((await signed(user)).keyId).toBe('11111111-2222-3333-4444-555555555555');
  });

  it('the delete preset asks for the key ID before signing', async () => {
    const user = userEvent.setup();
    const key = await makeKey('bot', 'k-1');
    render(<SignPanel keys={[key.record]} selectedId={key.record.id} />);
    await user.click(screen.getByRole('button', { name: 'Delete an API key' }));
    expect(combo('Method').value).toBe('DELETE');
    await user.click(screen.getByRole('button', { name: 'Sign request' }));
    expect(alerts()).toMatch(/Replace \{api_key_id\} in the path/);
    expect(box('KALSHI-ACCESS-SIGNATURE').value).toBe('');
  });

  it('the WebSocket preset signs GET /trade-api/ws/v2 and shows the wss:// URL', async () => {
    const user = userEvent.setup();
    const key = await makeKey('bot', 'k-1', 'production');
    render(<SignPanel keys={[key.record]} selectedId={key.record.id} />);
    await user.click(screen.getByRole('button', { name: 'WebSocket connect' }));
    expect(
      screen.getByText(/Browsers cannot set these headers on a WebSocket/),
    ).toBeInTheDocument();
    const out = await signed(user);
    expect(verifiesWith(key.spkiPem, `${out.timestamp}GET/trade-api/ws/v2`, out.signature)).toBe(
      true,
    );
    expect(box('websocat command').value).toContain(
      "'wss://external-api-ws.kalshi.com/trade-api/ws/v2'",
    );
  });

  it('copying the curl command signs afresh and says so', async () => {
    const user = userEvent.setup();
    const key = await makeKey('bot', 'k-1');
    const { container } = render(<SignPanel keys={[key.record]} selectedId={key.record.id} />);
    await user.click(screen.getByRole('button', { name: 'Copy curl command' }));
    await waitFor(() =>
      expect(within(container as HTMLElement).getByRole('status')).toHaveTextContent(
        'Copied, signed just now',
      ),
    );

    const copied = await navigator.clipboard.readText();
    expect(copied).toBe(box('curl command').value);
    const timestamp = box('KALSHI-ACCESS-TIMESTAMP').value;
    expect(copied).toContain(`'KALSHI-ACCESS-TIMESTAMP: ${timestamp}'`);
    const signature = /KALSHI-ACCESS-SIGNATURE: ([^']+)'/.exec(copied)![1]!;
    expect(
      verifiesWith(key.spkiPem, `${timestamp}GET/trade-api/v2/portfolio/balance`, signature),
    ).toBe(true);
    expect(screen.getByRole('button', { name: 'Re-sign' })).toBeEnabled();
  });

  it('says what to do when the signing key has no Kalshi key ID', async () => {
    const user = userEvent.setup();
    const key = await makeKey('unregistered', '');
    render(<SignPanel keys={[key.record]} selectedId={key.record.id} />);
    await user.click(screen.getByRole('button', { name: 'Sign request' }));
    await waitFor(() => expect(alerts()).toMatch(/key ID is empty/));
    expect(box('KALSHI-ACCESS-SIGNATURE').value).toBe('');
  });

  it('warns once the signature is more than 5 s old, and Re-sign makes a new one', async () => {
    // Only the clock is simulated (frozen, then moved on); crypto, events and the ticker run for real.
    vi.useFakeTimers({ toFake: ['Date'] });
    const user = userEvent.setup();
    const key = await makeKey('bot', 'k-1');
    render(<SignPanel keys={[key.record]} selectedId={key.record.id} />);
    const first = await signed(user);
    expect(screen.getByText(/^Signed 0 s ago\.$/)).toBeInTheDocument();

    vi.setSystemTime(Number(first.timestamp) + 6000);
    const age = await screen.findByText(
      /^Signed 6 s ago: Kalshi rejects timestamps a few seconds old/,
    );
    expect(age).toHaveClass('warning');

    await user.click(screen.getByRole('button', { name: 'Re-sign' }));
    await waitFor(() => expect(box('KALSHI-ACCESS-TIMESTAMP').value).not.toBe(first.timestamp));
    expect(Number(box('KALSHI-ACCESS-TIMESTAMP').value) - Number(first.timestamp)).toBe(6000);
    expect(screen.getByText(/^Signed 0 s ago\.$/)).toBeInTheDocument();
  });

  it('choosing another environment moves a pasted Kalshi URL to that environment', async () => {
    const user = userEvent.setup();
    const key = await makeKey('bot', 'k-1', 'production');
    render(<SignPanel keys={[key.record]} selectedId={key.record.id} />);
    await fillPath(user, 'https://demo-api.kalshi.co/trade-api/v2/markets?limit=5');
    expect(combo('Environment').value).toBe('demo');
    await user.selectOptions(combo('Environment'), 'Production');
    expect(box('Path').value).toBe('/trade-api/v2/markets?limit=5');
    expect(combo('API host').value).toBe('external-api.kalshi.com');
    await signed(user);
    expect(box('curl command').value).toContain(
      "'https://external-api.kalshi.com/trade-api/v2/markets?limit=5'",
    );
  });
});
