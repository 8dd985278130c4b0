// The in-page half of `npm run bench`: the same src/core and src/storage code the app ships,
// called in a loop, plus a worker pool the page does not have (./sign-pool.ts), for comparison.
// Served from the app's origin, so the keys it seeds land in the app's IndexedDB.
// performance.now() is coarsened to 0.1 ms in a page (toolchain.md, trap 9): signing and
// importing are timed as batches; one keygen (~50 ms) is long enough to time alone.
import {
  exportPublicKeyPem,
  generateKeyPair,
  importPrivateKeyPem,
  runInLanes,
  signRequest,
  signingMessage,
} from '../../../src/core';
import { createKeyStore } from '../../../src/storage/key-store';
import { newKeyRecord } from '../../../src/storage/new-record';
import { createSignPool } from './sign-pool';

const KEY_ID = '00000000-0000-4000-8000-000000000000';
const PATH = '/trade-api/v2/portfolio/balance';

let signingPair: CryptoKeyPair | undefined;
async function signingKey(): Promise<CryptoKeyPair> {
  signingPair ??= await generateKeyPair();
  return signingPair;
}

/**
 * Runs `count` calls of `task` with `inFlight` of them outstanding; returns elapsed ms. Chromium
 * settles an RSA subtle.sign within the calling task, so the loop yields to the event loop every
 * 16 ms as a page that signs in bulk must (runInLanes, as signMessages does).
 */
async function timeBatch(
  count: number,
  inFlight: number,
  task: (i: number) => Promise<unknown>,
): Promise<number> {
  const start = performance.now();
  await runInLanes(count, inFlight, task);
  return performance.now() - start;
}

const bench = {
  /** ms of each of `runs` key generations, one after another. */
  async keygen(runs: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await generateKeyPair();
      times.push(performance.now() - start);
    }
    return times;
  },

  /** Signatures per second through signRequest (message, sign, base64), `inFlight` at a time. */
  async signRequests(count: number, inFlight: number): Promise<number> {
    const { privateKey } = await signingKey();
    const t0 = Date.now();
    const ms = await timeBatch(count, inFlight, (i) =>
      signRequest(privateKey, { keyId: KEY_ID, method: 'GET', path: PATH, timestampMs: t0 + i }),
    );
    return (count * 1000) / ms;
  },

  /** Signatures per second through the worker pool's signMany, in batches of `batch` messages. */
  async signPool(
    count: number,
    batch: number,
    size: number,
    inFlight: number,
  ): Promise<{ perSecond: number; kind: string }> {
    const { privateKey } = await signingKey();
    const pool = createSignPool({ size, inFlight });
    const t0 = Date.now();
    const messages = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => signingMessage(t0 + from + i, 'GET', PATH));
    // Start the workers and hand them the key before timing: a page does that once per key.
    await pool.signMany(privateKey, messages(0, size * 2));
    const start = performance.now();
    for (let done = 0; done < count; done += batch)
      await pool.signMany(privateKey, messages(done, Math.min(batch, count - done)));
    const ms = performance.now() - start;
    const kind = pool.kind;
    pool.close();
    return { perSecond: (count * 1000) / ms, kind };
  },

  /** One signature and its inputs, for node:crypto to verify (the bench must time real signing). */
  async sampleSignature(): Promise<{
    publicKeyPem: string;
    message: string;
    signature: string;
    pooled: string;
  }> {
    const { privateKey, publicKey } = await signingKey();
    const headers = await signRequest(privateKey, {
      keyId: KEY_ID,
      method: 'GET',
      path: PATH,
      timestampMs: 1703123456789,
    });
    const message = signingMessage(1703123456789, 'GET', PATH);
    const pool = createSignPool({ size: 1 });
    const [pooled] = await pool.signMany(privateKey, [message]);
    pool.close();
    return {
      publicKeyPem: await exportPublicKeyPem(publicKey),
      message,
      signature: headers['KALSHI-ACCESS-SIGNATURE'],
      pooled: pooled!,
    };
  },

  /** ms per import of a PKCS#1 PEM (parse, wrap, import, derive the public key, self-check). */
  async importPem(pem: string, runs: number): Promise<number> {
    const ms = await timeBatch(runs, 1, () => importPrivateKeyPem(pem));
    return ms / runs;
  },

  /** ms for a fresh key store (opening IndexedDB included) to read every stored key, per run. */
  async listStored(runs: number): Promise<{ ms: number[]; keys: number }> {
    const ms: number[] = [];
    let keys = 0;
    for (let i = 0; i < runs; i++) {
      const store = createKeyStore();
      const start = performance.now();
      keys = (await store.list()).length;
      ms.push(performance.now() - start);
      store.close();
    }
    return { ms, keys };
  },

  /** Generates `count` keys and stores them the way the app does; returns the keygen times. */
  async seed(count: number): Promise<number[]> {
    const store = createKeyStore();
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      const pair = await generateKeyPair();
      times.push(performance.now() - start);
      await store.put(await newKeyRecord(pair, `Bench key ${String(i + 1).padStart(3, '0')}`));
    }
    const stored = (await store.list()).length;
    store.close();
    if (stored < count) throw new Error(`only ${stored} of ${count} keys were stored`);
    return times;
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
document.title = 'kalshi-keys bench: ready';
