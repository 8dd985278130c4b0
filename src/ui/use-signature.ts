// Signing with the chosen key, and the age of the signature: Kalshi rejects timestamps a few
// seconds old (auth.md section 4), so the page shows how old the one on screen is.
import { useEffect, useState } from 'preact/hooks';
import { signRequest, signingMessage } from '../core';
import { buildKalshiRequest, type KalshiRequest } from '../core/kalshi';
import { KeyLoadingError } from './messages';
import type { SignInput } from './use-sign-form';

/** A signed request: what the outputs show and what a sender (curl, a relay) needs. */
export interface SignedRequest {
  /** The request as sent: method, full URL with query, headers, body. */
  readonly request: KalshiRequest;
  readonly timestampMs: number;
  /** The exact string that was signed: timestamp + METHOD + path (no query). */
  readonly message: string;
  readonly websocket: boolean;
}

/** Signs now: a fresh timestamp every call. Nothing is sent anywhere. */
export async function signNow({ key, method, target, body }: SignInput): Promise<SignedRequest> {
  if (!key.privateKey) throw new KeyLoadingError();
  const timestampMs = Date.now();
  const { path, url, websocket } = target;
  const authHeaders = await signRequest(key.privateKey, {
    keyId: key.kalshiKeyId.trim(),
    method,
    path,
    timestampMs,
  });
  return {
    request: buildKalshiRequest({ method, url, authHeaders: { ...authHeaders }, body }),
    timestampMs,
    message: signingMessage(timestampMs, method, path),
    websocket,
  };
}

/** Whole seconds since `timestampMs` (0 without one), ticking once a second while one is shown. */
export function useAgeSeconds(timestampMs: number | null): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (timestampMs === null) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [timestampMs]);
  return timestampMs === null ? 0 : Math.max(0, Math.floor((now - timestampMs) / 1000));
}
