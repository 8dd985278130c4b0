// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildKalshiRequest, type HttpMethod } from '../../src/core/kalshi';
import { RelaySend } from '../../src/ui/sign/RelaySend';
import type { RelaySettings } from '../../src/ui/sign/use-relay';
import type { SignedRequest } from '../../src/ui/sign/signed-request';

afterEach(cleanup);

const KALSHI = 'https://external-api.demo.kalshi.co';

/** A stand-in for SignPanel's sign(): each call is a new signature with a later timestamp. */
function signer(method: HttpMethod, pathAndQuery: string, body?: string) {
  let timestamp = 1_800_000_000_000;
  const sign = vi.fn(async (): Promise<SignedRequest | null> => {
    timestamp += 1000;
    const path = pathAndQuery.split('?')[0]!;
    return {
      request: buildKalshiRequest({
        method,
        url: KALSHI + pathAndQuery,
        authHeaders: {
          'KALSHI-ACCESS-KEY': 'key-1',
          'KALSHI-ACCESS-TIMESTAMP': String(timestamp),
          'KALSHI-ACCESS-SIGNATURE': `sig-${timestamp}`,
        },
        body,
      }),
      timestampMs: timestamp,
      message: `${timestamp}${method}${path}`,
      websocket: false,
    };
  });
  return sign;
}

function memorySettings(saved?: string): RelaySettings & { saved: string[] } {
  const log: string[] = [];
  return {
    saved: log,
    load: async () => saved,
    save: async (value) => void log.push(value),
    // The tests' relays on other hosts are confirmed as the user's own.
    confirmed: async () => (saved ? new URL(saved).host : undefined),
    confirm: async () => {},
  };
}

function jsonResponse(status: number, body: unknown, statusText = ''): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** The relay set in "Relay and offline", as this view shows it once the setting is read. */
const relayShown = (url: string) =>
  waitFor(() => expect(screen.getByText(/^Relay:/)).toHaveTextContent(url));
const responseBox = () => screen.getByRole('textbox', { name: 'Response' }) as HTMLTextAreaElement;
const sendButton = () => screen.getByRole('button', { name: 'Send through relay' });
const alertText = () => screen.getByRole('alert').textContent ?? '';
// The answer's summary and advice, where a screen reader meets it: the description of "Response".
const statusText = () =>
  document.getElementById(responseBox().getAttribute('aria-describedby') ?? '')?.textContent ?? '';

describe('RelaySend', () => {
  it('sends nothing until a relay is set and the button pressed, then signs afresh and sends to relay + Kalshi path', async () => {
    const user = userEvent.setup();
    const sign = signer('GET', '/trade-api/v2/markets?status=open');
    const fetch = vi.fn(async () => jsonResponse(200, { markets: [{ ticker: 'A' }] }, 'OK'));
    const earlier = await sign();
    sign.mockClear();
    // No relay set: the view says where to set it.
    const first = render(
      <RelaySend signed={earlier} sign={sign} settings={memorySettings()} fetch={fetch} />,
    );
    expect(await screen.findByText(/No relay set yet/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Relay and offline' })).toHaveAttribute(
      'href',
      '#/settings',
    );
    first.unmount();

    render(
      <RelaySend
        signed={earlier}
        sign={sign}
        settings={memorySettings('https://relay.example/kalshi/')}
        fetch={fetch}
      />,
    );
    expect(responseBox()).toHaveAttribute('readonly');
    expect(responseBox()).toHaveValue('');
    await relayShown('https://relay.example/kalshi/');
    expect(fetch).not.toHaveBeenCalled();
    expect(sign).not.toHaveBeenCalled();
    expect(
      screen.getByText(
        /Sends to https:\/\/relay\.example\/kalshi\/external-api\.demo\.kalshi\.co\/trade-api\/v2\/markets\?status=open/,
      ),
    ).toBeInTheDocument();

    await user.click(sendButton());
    await waitFor(() => expect(responseBox().value).not.toBe(''));

    expect(sign).toHaveBeenCalledTimes(1);
    const fresh = (await sign.mock.results[0]!.value) as SignedRequest;
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(
      'https://relay.example/kalshi/external-api.demo.kalshi.co/trade-api/v2/markets?status=open',
    );
    expect(init.method).toBe('GET');
    // The headers of the signature made at send time, not those of the one on screen.
    expect(init.headers).toEqual({
      'KALSHI-ACCESS-KEY': 'key-1',
      'KALSHI-ACCESS-TIMESTAMP': String(fresh.timestampMs),
      'KALSHI-ACCESS-SIGNATURE': `sig-${fresh.timestampMs}`,
    });
    expect(fresh.timestampMs).not.toBe(earlier!.timestampMs);
    expect(init.body).toBeUndefined();
    expect(init.credentials).toBe('omit');
    expect(init.redirect).toBe('manual');

    expect(responseBox().value).toBe(
      [
        'HTTP 200 OK',
        'content-type: application/json; charset=utf-8',
        '',
        '{',
        '  "markets": [',
        '    {',
        '      "ticker": "A"',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
    expect(statusText()).toBe(
      'Sent GET https://relay.example/kalshi/external-api.demo.kalshi.co/trade-api/v2/markets?status=open: HTTP 200.',
    );
    expect(alertText()).toBe('');
  });

  it('sends the body with Content-Type for a POST', async () => {
    const user = userEvent.setup();
    const body = '{"name":"k","public_key":"-----BEGIN PUBLIC KEY-----"}';
    const sign = signer('POST', '/trade-api/v2/api_keys', body);
    const fetch = vi.fn(async () => jsonResponse(201, { api_key_id: 'new-id' }));
    render(
      <RelaySend
        signed={null}
        sign={sign}
        settings={memorySettings('http://127.0.0.1:8787')}
        fetch={fetch}
      />,
    );
    await relayShown('http://127.0.0.1:8787');

    await user.click(sendButton());
    await waitFor(() => expect(responseBox().value).toMatch(/^HTTP 201\n/));
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:8787/external-api.demo.kalshi.co/trade-api/v2/api_keys');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(body);
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json' });
    expect(responseBox().value).toMatch(/"api_key_id": "new-id"/);
  });

  it.each([
    [
      'header_timestamp_expired',
      { error: { code: 'header_timestamp_expired', message: 'header timestamp expired' } },
      /too old/,
    ],
    [
      'INCORRECT_API_KEY_SIGNATURE',
      {
        error: {
          code: 'authentication_error',
          message: 'authentication_error',
          details: 'INCORRECT_API_KEY_SIGNATURE',
        },
      },
      /could not verify the signature/,
    ],
    [
      'NOT_FOUND',
      { code: 'authentication_error', message: 'authentication_error', details: 'NOT_FOUND' },
      /does not know this key ID/,
    ],
  ])(
    'explains a Kalshi 401 %s in plain words next to the response',
    async (_code, body, advice) => {
      const user = userEvent.setup();
      const fetch = vi.fn(async () => jsonResponse(401, body));
      render(
        <RelaySend
          signed={null}
          sign={signer('GET', '/trade-api/v2/portfolio/balance')}
          settings={memorySettings('https://relay.example')}
          fetch={fetch}
        />,
      );
      await relayShown('https://relay.example');
      await user.click(sendButton());
      await waitFor(() => expect(responseBox().value).toMatch(/^HTTP 401\n/));
      expect(statusText()).toMatch(/HTTP 401\./);
      expect(statusText()).toMatch(advice);
    },
  );

  it('explains a blocked request (fetch rejects with a TypeError) and points to the curl command', async () => {
    const user = userEvent.setup();
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    render(
      <RelaySend
        signed={null}
        sign={signer('GET', '/trade-api/v2/portfolio/balance')}
        settings={memorySettings('https://relay.example')}
        fetch={fetch}
      />,
    );
    await relayShown('https://relay.example');
    await user.click(sendButton());
    await waitFor(() => expect(alertText()).toMatch(/CORS/));
    expect(alertText()).toMatch(/curl command/);
    // kalshi-relay.mjs refuses pages it was not started for: the command that accepts this one.
    expect(alertText()).toContain(`node kalshi-relay.mjs --origin ${location.origin}`);
    expect(alertText()).not.toMatch(/Failed to fetch/);
    expect(responseBox()).toHaveValue('');
  });

  it('shows a redirect from the relay as what it is, and shows no answer', async () => {
    const user = userEvent.setup();
    // What a browser's fetch gives for a 3xx with redirect: 'manual'.
    const opaque = { type: 'opaqueredirect', status: 0, statusText: '', headers: new Headers() };
    const fetch = vi.fn(async () => opaque as unknown as Response);
    render(
      <RelaySend
        signed={null}
        sign={signer('GET', '/trade-api/v2/portfolio/balance')}
        settings={memorySettings('https://relay.example')}
        fetch={fetch}
      />,
    );
    await relayShown('https://relay.example');
    await user.click(sendButton());
    await waitFor(() =>
      expect(alertText()).toBe('The relay answered with a redirect; nothing was sent there.'),
    );
    expect(responseBox()).toHaveValue('');
  });

  it('refuses an unusable relay before signing or sending, and says why', async () => {
    const user = userEvent.setup();
    const sign = signer('GET', '/trade-api/v2/portfolio/balance');
    const fetch = vi.fn();
    const first = render(
      <RelaySend signed={null} sign={sign} settings={memorySettings()} fetch={fetch} />,
    );
    await user.click(sendButton());
    await waitFor(() =>
      expect(alertText()).toMatch(/set "Relay URL" in "Relay and offline" first/),
    );
    first.unmount();
    render(
      <RelaySend
        signed={null}
        sign={sign}
        settings={memorySettings('http://relay.example')}
        fetch={fetch}
      />,
    );
    await relayShown('http://relay.example');
    await user.click(sendButton());
    await waitFor(() => expect(alertText()).not.toBe(''));
    expect(alertText()).toMatch(/only to a relay on this computer/);
    expect(sign).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends nothing when the form cannot be signed (SignPanel reports why)', async () => {
    const user = userEvent.setup();
    const fetch = vi.fn();
    const sign = vi.fn(async () => null);
    render(
      <RelaySend
        signed={null}
        sign={sign}
        settings={memorySettings('https://relay.example')}
        fetch={fetch}
      />,
    );
    await relayShown('https://relay.example');
    await user.click(sendButton());
    await waitFor(() => expect(sign).toHaveBeenCalledTimes(1));
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('RelaySend and a relay on another computer', () => {
  it('sends nothing to a relay host the user has not confirmed running', async () => {
    const user = userEvent.setup();
    const sign = signer('GET', '/trade-api/v2/portfolio/balance');
    const fetch = vi.fn();
    const settings = {
      ...memorySettings('https://relay.attacker.example'),
      confirmed: async () => undefined,
    };
    render(<RelaySend signed={null} sign={sign} settings={settings} fetch={fetch} />);
    await relayShown('https://relay.attacker.example');
    await user.click(sendButton());
    await waitFor(() =>
      expect(alertText()).toMatch(
        /Nothing was sent: relay\.attacker\.example is not this computer/,
      ),
    );
    expect(sign).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });
});
