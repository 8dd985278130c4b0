// "Send through relay": the relay URL set in "Relay and offline", and one send that signs afresh, fetches through
// the relay and turns the answer (or the refusal) into text. Nothing is sent before the user has set
// a relay and pressed the button: the hosted CSP has to allow https: for relays (a meta CSP cannot
// be widened at run time), so this promise is kept in code, not by the policy.
import { useEffect, useState } from 'preact/hooks';
import {
  explainRelayFailure,
  formatRelayResponse,
  checkRelayConfirmed,
  isRelayRedirect,
  parseRelayBase,
  RELAY_REDIRECT_MESSAGE,
  relayUrl,
} from '../../core/relay';
import { kalshiErrorAdvice } from '../../core/kalshi-advice';
import { idbRelaySettings, type RelaySettings } from '../common/relay-setting';
import { userMessage } from '../common/messages';
import type { SignedRequest } from './signed-request';

export type { RelaySettings };

export interface UseRelayOptions {
  /** Signs the Sign form's request afresh; null when the form has a problem (reported there). */
  sign: () => Promise<SignedRequest | null>;
  settings?: RelaySettings | undefined;
  fetch?: typeof globalThis.fetch | undefined;
}

/** What the last send left: the answer (status line, headers, body), a summary with advice for
 * Kalshi's errors, or why nothing was sent or answered; `sending` while one is under way. */
export interface RelayOutcome {
  response?: string;
  status?: string;
  error?: string;
  sending?: boolean;
}

export function useRelay({
  sign,
  settings = idbRelaySettings,
  fetch = (...args) => globalThis.fetch(...args),
}: UseRelayOptions) {
  // Set in "Relay and offline"; read here once. (After an unmount, Preact ignores the update.)
  const [relay, setRelay] = useState('');
  const [outcome, setOutcome] = useState<RelayOutcome>({});

  useEffect(() => {
    void settings.load().then((saved) => typeof saved === 'string' && setRelay(saved));
  }, [settings]);

  async function attempt(): Promise<RelayOutcome> {
    const base = parseRelayBase(relay);
    checkRelayConfirmed(base, await settings.confirmed());
    // Signed at the moment of sending: Kalshi rejects timestamps a few seconds old.
    const fresh = await sign();
    if (!fresh) return {};
    if (fresh.websocket) {
      return {
        error:
          'A web page cannot set the KALSHI-ACCESS-* headers on a WebSocket: use the websocat command.',
      };
    }
    const { method, url, headers, body } = fresh.request;
    const to = relayUrl(base, url);
    let answer: Response;
    let text: string;
    try {
      answer = await fetch(to, {
        method,
        headers,
        body,
        // The relay needs no cookies, and the Kalshi path in the Referer is nobody else's business.
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        // A redirect is shown, never followed: following sends the signed headers elsewhere.
        redirect: 'manual',
        // Kalshi itself answers in well under a second.
        signal: AbortSignal.timeout(30_000),
      });
      if (isRelayRedirect(answer)) return { error: RELAY_REDIRECT_MESSAGE };
      text = await answer.text();
    } catch (caught) {
      return { error: explainRelayFailure(caught, base, location.origin) };
    }
    const { status, statusText } = answer;
    const advice = kalshiErrorAdvice(status, text);
    return {
      response: formatRelayResponse({ status, statusText, headers: answer.headers, body: text }),
      status: `Sent ${method} ${to}: HTTP ${status}.${advice ? ` ${advice}` : ''}`,
    };
  }

  async function send() {
    setOutcome({ sending: true });
    setOutcome(await attempt().catch((caught: unknown) => ({ error: userMessage(caught) })));
  }

  return { relay, outcome, send };
}
