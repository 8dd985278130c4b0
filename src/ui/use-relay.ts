// "Send through relay": the remembered relay URL, and one send that signs afresh, fetches through
// the relay and turns the answer (or the refusal) into text. Nothing is sent before the user has set
// a relay and pressed the button: the hosted CSP has to allow https: for relays (a meta CSP cannot
// be widened at run time), so this promise is kept in code, not by the policy.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  explainRelayFailure,
  formatRelayResponse,
  parseRelayBase,
  relayRequest,
  relayResponseAdvice,
  type KalshiRequest,
} from '../core';
import { getSetting, setSetting } from '../storage/key-store';
import { userMessage } from './messages';
import type { SignedRequest } from './use-signature';

export const RELAY_URL_SETTING = 'relayUrl';

/** Where the relay URL is remembered; the page's IndexedDB settings by default (never localStorage). */
export interface RelaySettings {
  load(): Promise<string | undefined>;
  save(relayUrl: string): Promise<void>;
}

export const idbRelaySettings: RelaySettings = {
  load: () => getSetting<string>(RELAY_URL_SETTING),
  save: (relayUrl) => setSetting(RELAY_URL_SETTING, relayUrl),
};

/** A relay has this long to answer; Kalshi itself answers in well under a second. */
export const RELAY_TIMEOUT_MS = 30_000;

export const WEBSOCKET_NOT_RELAYED =
  'The WebSocket handshake cannot be sent from a web page: browsers do not let a page set the KALSHI-ACCESS-* headers on a WebSocket. Use the websocat command, or pick a REST request.';

export interface UseRelayOptions {
  /** Signs the Sign form's request afresh; null when the form has a problem (reported there). */
  sign: () => Promise<SignedRequest | null>;
  settings?: RelaySettings;
  fetch?: typeof globalThis.fetch;
}

export interface RelayState {
  relay: string;
  setRelay: (value: string) => void;
  sending: boolean;
  /** The last answer: status line, headers, body. */
  response: string;
  /** One sentence about the last send (where it went, the status) and advice for Kalshi's errors. */
  status: string;
  /** Why nothing was sent, or why the request got no answer. */
  error: string;
  send: () => Promise<void>;
}

export function useRelay({
  sign,
  settings = idbRelaySettings,
  fetch: fetchImpl = (...args) => globalThis.fetch(...args),
}: UseRelayOptions): RelayState {
  const [relay, setRelayState] = useState('');
  const [sending, setSending] = useState(false);
  const [response, setResponse] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const typed = useRef(false);

  useEffect(() => {
    let live = true;
    void settings.load().then((saved) => {
      // What the user typed while the setting loaded wins over the remembered value.
      if (live && !typed.current && typeof saved === 'string') setRelayState(saved);
    });
    return () => {
      live = false;
    };
  }, [settings]);

  function setRelay(value: string) {
    typed.current = true;
    setRelayState(value);
    void settings.save(value);
  }

  async function send() {
    setError('');
    setStatus('');
    let base: string;
    try {
      base = parseRelayBase(relay);
    } catch (caught) {
      setError(userMessage(caught));
      return;
    }
    setSending(true);
    try {
      // Signed at the moment of sending: Kalshi rejects timestamps a few seconds old.
      const fresh = await sign();
      if (!fresh) return;
      if (fresh.websocket) {
        setError(WEBSOCKET_NOT_RELAYED);
        return;
      }
      const request = relayRequest(fresh.request, base);
      setResponse('');
      let answer: Response;
      let body: string;
      try {
        answer = await fetchImpl(request.url, fetchInit(request));
        body = await answer.text();
      } catch (caught) {
        setError(explainRelayFailure(caught, base));
        return;
      }
      setResponse(
        formatRelayResponse({
          status: answer.status,
          statusText: answer.statusText,
          headers: answer.headers,
          body,
        }),
      );
      const advice = relayResponseAdvice(answer.status, body);
      const line = `Sent ${request.method} ${request.url}: HTTP ${answer.status}.`;
      setStatus(advice ? `${line} ${advice}` : line);
    } catch (caught) {
      setError(userMessage(caught));
    } finally {
      setSending(false);
    }
  }

  return { relay, setRelay, sending, response, status, error, send };
}

function fetchInit(request: KalshiRequest): RequestInit {
  return {
    method: request.method,
    headers: { ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
    mode: 'cors',
    // The relay needs no cookies, and the Kalshi path in the Referer is nobody else's business.
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    cache: 'no-store',
    signal: AbortSignal.timeout(RELAY_TIMEOUT_MS),
  };
}
