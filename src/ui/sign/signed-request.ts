import type { KalshiRequest } from '../../core/kalshi';

/** A signed request: what the outputs show and what a sender (curl, a relay) needs. */
export interface SignedRequest {
  /** The request as sent: method, full URL with query, headers, body. */
  readonly request: KalshiRequest;
  readonly timestampMs: number;
  /** The exact string that was signed: timestamp + METHOD + path (no query). */
  readonly message: string;
  readonly websocket: boolean;
}
