// signMany must give the same KALSHI-ACCESS-SIGNATURE values, in the same order, whether it signs
// on workers or on the main thread. Signatures are checked with node:crypto (an independent
// RSA-PSS verifier). Node has no Web Worker, so the worker side is stood in for by an in-process
// fake that speaks the same protocol; the real workers are exercised in Chromium by `npm run bench`.
import { constants, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportPublicKeyPem, generateKeyPair, signingMessage } from '../../src/core';
import {
  createSignPool,
  signMany,
  type SignPoolReply,
  type SignPoolRequest,
} from './page/sign-pool';

const pair = await generateKeyPair();
const publicKey = createPublicKey(await exportPublicKeyPem(pair.publicKey));
const messages = Array.from({ length: 9 }, (_, i) =>
  signingMessage(1703123456789 + i, 'GET', '/trade-api/v2/portfolio/balance'),
);

const verifies = (message: string, signature: string) =>
  verify(
    'sha256',
    Buffer.from(message),
    { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
    Buffer.from(signature, 'base64'),
  );

/** A stand-in Worker that signs in-process with the protocol of sign-worker.ts. */
class FakeWorker {
  onmessage: ((event: MessageEvent<SignPoolReply>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly received: SignPoolRequest[] = [];
  private readonly keys = new Map<number, CryptoKey>();
  constructor(private readonly behaviour: 'sign' | 'fail-to-load' = 'sign') {}

  postMessage(request: SignPoolRequest) {
    this.received.push(request);
    if (this.behaviour === 'fail-to-load') {
      setTimeout(() => this.onerror?.(new Event('error')));
      return;
    }
    if (request.type === 'key') {
      this.keys.set(request.keyId, request.key);
      return;
    }
    const key = this.keys.get(request.keyId)!;
    void Promise.all(
      request.messages.map(async (m) => {
        const signature = await crypto.subtle.sign(
          { name: 'RSA-PSS', saltLength: 32 },
          key,
          new TextEncoder().encode(m),
        );
        return Buffer.from(signature).toString('base64');
      }),
    ).then((signatures) =>
      this.onmessage?.({
        data: { jobId: request.jobId, signatures },
      } as MessageEvent<SignPoolReply>),
    );
  }
  terminate() {}
}

describe('signMany', () => {
  it('signs on the main thread where there are no workers (Node), and node:crypto verifies every signature', async () => {
    const signatures = await signMany(pair.privateKey, messages);
    expect(signatures).toHaveLength(messages.length);
    messages.forEach((m, i) => expect(verifies(m, signatures[i]!), m).toBe(true));
  });

  it('keeps the order when the work is split over workers, and posts the key to each worker once', async () => {
    const workers: FakeWorker[] = [];
    const pool = createSignPool({
      size: 2,
      createWorker: () => {
        const worker = new FakeWorker();
        workers.push(worker);
        return worker as unknown as Worker;
      },
    });
    const first = await pool.signMany(pair.privateKey, messages);
    const second = await pool.signMany(pair.privateKey, messages.slice(0, 3));
    expect(pool.kind).toBe('workers');
    messages.forEach((m, i) => expect(verifies(m, first[i]!), m).toBe(true));
    messages.slice(0, 3).forEach((m, i) => expect(verifies(m, second[i]!), m).toBe(true));
    expect(workers).toHaveLength(2);
    for (const worker of workers)
      expect(worker.received.filter((r) => r.type === 'key')).toHaveLength(1);
    pool.close();
  });

  it('falls back to the main thread when a worker cannot load, and still returns valid signatures', async () => {
    const pool = createSignPool({
      size: 2,
      createWorker: () => new FakeWorker('fail-to-load') as unknown as Worker,
    });
    const signatures = await pool.signMany(pair.privateKey, messages);
    expect(pool.kind).toBe('main-thread');
    messages.forEach((m, i) => expect(verifies(m, signatures[i]!), m).toBe(true));
  });

  it('falls back to the main thread when workers cannot be started at all', async () => {
    const pool = createSignPool({
      createWorker: () => {
        throw new DOMException('blocked by Content-Security-Policy', 'SecurityError');
      },
    });
    const [signature] = await pool.signMany(pair.privateKey, [messages[0]!]);
    expect(pool.kind).toBe('main-thread');
    expect(verifies(messages[0]!, signature!)).toBe(true);
  });

  it('refuses a public key or non-string messages with a TypeError', async () => {
    await expect(signMany(pair.publicKey, messages)).rejects.toThrow(TypeError);
    await expect(signMany(pair.privateKey, [42 as unknown as string])).rejects.toThrow(TypeError);
  });

  it('returns no signatures for no messages', async () => {
    await expect(signMany(pair.privateKey, [])).resolves.toEqual([]);
  });
});
