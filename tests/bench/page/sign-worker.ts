// The signing worker of sign-pool.ts (bench only: the page starts no signing worker). Chromium
// runs a page's WebCrypto RSA operations on one crypto thread, so signatures in flight on the main
// thread top out at one core; each worker gets its own, so a pool of workers keeps every core
// signing. The private key arrives once (a non-extractable CryptoKey is structured-cloneable and
// stays non-extractable); then only messages travel, and signatures come back as base64.
import { signMessages } from '../../../src/core/signing';
import type { SignPoolReply, SignPoolRequest } from './sign-pool';

// The project type-checks with the DOM library, whose `self` is a Window; only these two members are used.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SignPoolRequest>) => void) | null;
  postMessage(reply: SignPoolReply): void;
};

const keys = new Map<number, CryptoKey>();

scope.onmessage = async (event: MessageEvent<SignPoolRequest>) => {
  const request = event.data;
  if (request.type === 'key') {
    keys.set(request.keyId, request.key);
    return;
  }
  let reply: SignPoolReply;
  try {
    const key = keys.get(request.keyId);
    if (!key) throw new Error(`sign-worker: key ${request.keyId} was never posted`);
    reply = {
      jobId: request.jobId,
      signatures: await signMessages(key, request.messages, request.inFlight),
    };
  } catch (error) {
    reply = {
      jobId: request.jobId,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
  scope.postMessage(reply);
};
