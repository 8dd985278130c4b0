// A bench-only comparison, not part of the page: many Kalshi signatures at once, on every core.
// The page signs one request per click, so it has no use for a pool; `npm run bench` keeps this
// one to show what bulk signing would gain. Chromium signs a page's WebCrypto requests on one
// crypto thread, so keeping signatures in flight on the main thread plateaus at one core; each
// dedicated worker signs on its own thread. The key is posted to a worker once (structured clone
// keeps it non-extractable), then only message strings travel. Where workers cannot run (Node; a
// CSP without worker-src; a worker that fails to load) the pool signs on the main thread instead,
// with several signatures in flight, and says so through `kind`.
import { signMessages } from '../../../src/core/signing';

/** Messages from the pool to a worker. */
export type SignPoolRequest =
  | { type: 'key'; keyId: number; key: CryptoKey }
  | { type: 'sign'; jobId: number; keyId: number; messages: string[]; inFlight: number };

/** A worker's answer to one 'sign' request. */
export type SignPoolReply =
  { jobId: number; signatures: string[] } | { jobId: number; error: string };

export interface SignPool {
  /** Where signatures are made: 'workers', or 'main-thread' when workers are unavailable. */
  readonly kind: 'workers' | 'main-thread';
  /**
   * Signs each message (the Kalshi signing message: timestamp + METHOD + path) with RSA-PSS,
   * SHA-256, salt 32, and returns the base64 signatures in the same order: the
   * KALSHI-ACCESS-SIGNATURE values.
   * @throws TypeError when `privateKey` is not a private CryptoKey or a message is not a string
   * @throws DOMException from crypto.subtle when the key cannot sign (wrap it before showing it)
   */
  signMany(privateKey: CryptoKey, messages: readonly string[]): Promise<string[]>;
  /** Stops the workers; later calls sign on the main thread. */
  close(): void;
}

export interface SignPoolOptions {
  /** Number of workers (default: the number of cores, at most 4). */
  size?: number;
  /** Signatures each worker (or the main thread) keeps in flight (default 4). */
  inFlight?: number;
  /** Starts one worker; tests and the bench may pass their own. */
  createWorker?: () => Worker;
}

function workersAvailable(): boolean {
  if (typeof Worker !== 'function') return false;
  if (typeof location !== 'undefined' && location.protocol === 'file:') return false;
  // The single file pins its one script by hash and has no worker-src: a worker could never start.
  return typeof __BUILD_FLAVOR__ === 'undefined' || __BUILD_FLAVOR__ !== 'single';
}

const defaultCreateWorker = () =>
  new Worker(new URL('./sign-worker.ts', import.meta.url), { type: 'module', name: 'kalshi-sign' });

function assertInputs(privateKey: CryptoKey, messages: readonly string[]): void {
  if (
    typeof CryptoKey === 'undefined' ||
    !(privateKey instanceof CryptoKey) ||
    privateKey.type !== 'private'
  ) {
    throw new TypeError('signMany expects a private CryptoKey');
  }
  if (!Array.isArray(messages) || messages.some((m) => typeof m !== 'string')) {
    throw new TypeError('signMany expects an array of message strings');
  }
}

interface Lane {
  worker: Worker;
  /** Keys this worker already holds. */
  keys: Set<number>;
  pending: Map<
    number,
    { resolve: (signatures: string[]) => void; reject: (reason: unknown) => void }
  >;
}

/** A marker rejection: the worker could not do the job, so the main thread does it instead. */
class WorkerUnavailable extends Error {
  override name = 'WorkerUnavailable';
}

/** A signing pool (see the top of this file). Workers start on the first signMany call. */
export function createSignPool(options: SignPoolOptions = {}): SignPool {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  const size = options.size ?? Math.min(Math.max(cores, 1), 4);
  const inFlight = options.inFlight ?? 4;
  if (!Number.isInteger(size) || size < 1) throw new TypeError('size must be a positive integer');
  if (!Number.isInteger(inFlight) || inFlight < 1)
    throw new TypeError('inFlight must be a positive integer');
  const createWorker = options.createWorker ?? defaultCreateWorker;

  let usable = options.createWorker !== undefined || workersAvailable();
  let lanes: Lane[] | undefined;
  const keyIds = new WeakMap<CryptoKey, number>();
  let nextKeyId = 1;
  let nextJobId = 1;

  const stop = () => {
    for (const lane of lanes ?? []) {
      lane.worker.terminate();
      for (const job of lane.pending.values()) job.reject(new WorkerUnavailable());
    }
    lanes = undefined;
  };

  // A worker that fails to load or dies takes the pool down to the main thread for good: a page
  // whose workers are blocked once will not unblock them.
  const giveUp = () => {
    usable = false;
    stop();
  };

  const startLanes = (): Lane[] => {
    const started: Lane[] = [];
    for (let i = 0; i < size; i++) {
      const lane: Lane = { worker: createWorker(), keys: new Set(), pending: new Map() };
      lane.worker.onmessage = (event: MessageEvent<SignPoolReply>) => {
        const reply = event.data;
        const job = lane.pending.get(reply.jobId);
        if (!job) return;
        lane.pending.delete(reply.jobId);
        // A signing error is re-done on the main thread, which throws the real DOMException.
        if ('error' in reply) job.reject(new WorkerUnavailable(reply.error));
        else job.resolve(reply.signatures);
      };
      lane.worker.onerror = (event) => {
        event.preventDefault();
        giveUp();
      };
      lane.worker.onmessageerror = giveUp;
      started.push(lane);
    }
    return started;
  };

  const signOnLane = (lane: Lane, keyId: number, key: CryptoKey, messages: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      const jobId = nextJobId++;
      lane.pending.set(jobId, { resolve, reject });
      try {
        if (!lane.keys.has(keyId)) {
          lane.worker.postMessage({ type: 'key', keyId, key } satisfies SignPoolRequest);
          lane.keys.add(keyId);
        }
        lane.worker.postMessage({
          type: 'sign',
          jobId,
          keyId,
          messages,
          inFlight,
        } satisfies SignPoolRequest);
      } catch (cause) {
        // DataCloneError: this browser cannot send a CryptoKey to a worker.
        lane.pending.delete(jobId);
        reject(new WorkerUnavailable('the key could not be posted to a worker', { cause }));
      }
    });

  const signWithWorkers = async (
    privateKey: CryptoKey,
    messages: readonly string[],
  ): Promise<string[]> => {
    if (!lanes) {
      try {
        lanes = startLanes();
      } catch {
        // new Worker() throws SecurityError where a CSP or the origin forbids workers.
        giveUp();
        return signMessages(privateKey, messages, inFlight);
      }
    }
    let keyId = keyIds.get(privateKey);
    if (keyId === undefined) {
      keyId = nextKeyId++;
      keyIds.set(privateKey, keyId);
    }
    // Contiguous, balanced chunks: one job per worker, so each message crosses a thread once.
    const chunks = Math.min(lanes.length, messages.length);
    const jobs: Promise<string[]>[] = [];
    for (let c = 0; c < chunks; c++) {
      const start = Math.floor((c * messages.length) / chunks);
      const end = Math.floor(((c + 1) * messages.length) / chunks);
      const chunk = messages.slice(start, end);
      jobs.push(
        signOnLane(lanes[c]!, keyId, privateKey, chunk).catch((reason: unknown) => {
          if (reason instanceof WorkerUnavailable) return signMessages(privateKey, chunk, inFlight);
          throw reason;
        }),
      );
    }
    return (await Promise.all(jobs)).flat();
  };

  return {
    get kind() {
      return usable ? 'workers' : 'main-thread';
    },
    async signMany(privateKey, messages) {
      assertInputs(privateKey, messages);
      if (messages.length === 0) return [];
      if (!usable) return signMessages(privateKey, messages, inFlight);
      return signWithWorkers(privateKey, messages);
    },
    close() {
      usable = false;
      stop();
    },
  };
}

let sharedPool: SignPool | undefined;

/**
 * Signs many Kalshi signing messages with one key on the page's shared pool (see SignPool.signMany).
 * For the UI's re-sign-on-copy and the benchmark; one signature is as well made by signRequest.
 * @throws TypeError when `privateKey` is not a private CryptoKey or a message is not a string
 */
export function signMany(privateKey: CryptoKey, messages: readonly string[]): Promise<string[]> {
  sharedPool ??= createSignPool();
  return sharedPool.signMany(privateKey, messages);
}
