// One call to Kalshi's api_keys endpoints: through the user's relay when "Relay URL" is
// set (sent only on the user's press, signed at that instant), or else as a curl command to run,
// whose printed answer the user pastes into "Kalshi's answer". Either way the owner gets Kalshi's
// answer and turns it into what it means (a stored key ID, a table, the next rotation step).
import { useRef, useState } from 'preact/hooks';
import { buildKalshiRequest, kalshiEnvironment, type KalshiRequest } from '../../core/kalshi';
import type { LifecycleRequest } from '../../core/api-keys';
import { answerSaysKeyUnknown, type KalshiAnswerInput } from '../../core/kalshi-answers';
import {
  explainRelayFailure,
  checkRelayConfirmed,
  isRelayRedirect,
  RELAY_REDIRECT_MESSAGE,
  relayUrl,
} from '../../core/relay';
import { signRequest } from '../../core/signing';
import type { KeyStore } from '../../storage/key-store';
import type { KalshiEnvironmentId } from '../../core/kalshi';
import type { KeyRecord } from '../../storage/types';
import { KeyLoadingError, userMessage } from '../common/messages';
import { RELAY_CONFIRMED_SETTING, RELAY_URL_SETTING } from '../common/relay-setting';

/** One request to make: what, signed by which key, for which environment, and what the answer means. */
export interface StepTask {
  request: LifecycleRequest;
  signer: KeyRecord;
  environment: KalshiEnvironmentId;
  /**
   * Reads Kalshi's answer and acts on it; resolves to the status line to show.
   * @throws KalshiAnswerError (or any error userMessage explains): shown in the alert.
   */
  onAnswer: (answer: KalshiAnswerInput) => Promise<string>;
}

export interface KalshiStepOptions {
  /** Where "Relay URL" and a confirmed remote relay are remembered ("Relay and offline"). */
  store: Pick<KeyStore, 'getSetting'> & Partial<Pick<KeyStore, 'setKalshiInfo'>>;
  fetch?: typeof globalThis.fetch | undefined;
}

/**
 * Signs `request` now, with a fresh timestamp (Kalshi rejects timestamps a few seconds old), for
 * the recommended host of the environment.
 * @throws KeyLoadingError while the key's CryptoKey is still being read from storage
 */
export async function signTask({ request, signer, environment }: StepTask): Promise<KalshiRequest> {
  if (!signer.privateKey) throw new KeyLoadingError();
  const { method, path, body } = request;
  const authHeaders = await signRequest(signer.privateKey, {
    keyId: signer.kalshiKeyId.trim(),
    method,
    path,
    timestampMs: Date.now(),
  });
  return buildKalshiRequest({
    method,
    url: kalshiEnvironment(environment).hosts[0]!.restOrigin + path,
    authHeaders: { ...authHeaders },
    body,
  });
}

export function useKalshiStep({
  store,
  fetch = (...args) => globalThis.fetch(...args),
}: KalshiStepOptions) {
  /** The task waiting for a pasted answer (curl mode), or null. */
  const [pending, setPending] = useState<StepTask | null>(null);
  const [busy, setBusy] = useState(false);
  const [[status, error], setMessages] = useState(['', '']);
  const report = (status: string, error = '') => setMessages([status, error]);
  /** Settles the promise of the run whose task is pending: true once its answer was read. */
  const settle = useRef((_answered: boolean) => {});

  /** Shows `task`'s curl command and answer box until an answer to it is read. */
  function wait(task: StepTask): Promise<boolean> {
    settle.current(false);
    setPending(task);
    return new Promise((resolve) => (settle.current = resolve));
  }
  /** Takes the pending task down; its run resolves to `answered`. */
  function end(answered: boolean) {
    setPending(null);
    settle.current(answered);
  }

  /** Hands the answer to the task's owner; its status or its error becomes the message. */
  async function deliver(task: StepTask, answer: KalshiAnswerInput): Promise<boolean> {
    // Kalshi does not know the signer's key ID: "Sign with" marks that key from now on.
    const unknown = answerSaysKeyUnknown(answer);
    if (unknown !== !!task.signer.kalshiNotFound)
      store.setKalshiInfo?.(task.signer.id, { notFound: unknown }).catch(() => undefined);
    try {
      report(await task.onAnswer(answer));
      return true;
    } catch (caught) {
      report('', userMessage(caught));
      return false;
    }
  }

  /**
   * Sends through the relay, or (no relay, or it could not be reached) waits for a pasted answer.
   * Resolves true once the task's owner has read Kalshi's answer, and false when the task ends
   * without that: not sent, a relayed answer not understood, cancelled, or replaced by another
   * task. A pasted answer that is not understood leaves the task waiting for the next one.
   */
  async function run(task: StepTask): Promise<boolean> {
    if (busy) return false;
    report('');
    // The single file allows no connection (connect-src 'none'): there every step is curl, and
    // the code below is left out of its build.
    if (__BUILD_FLAVOR__ === 'single') return wait(task);
    setBusy(true);
    try {
      // Read at every press: "Relay URL" is set in "Relay and offline".
      const base = ((await store.getSetting<string>(RELAY_URL_SETTING)) ?? '').trim();
      if (!base) return wait(task);
      let to: string;
      let signed: KalshiRequest;
      try {
        checkRelayConfirmed(base, await store.getSetting<string>(RELAY_CONFIRMED_SETTING));
        signed = await signTask(task);
        to = relayUrl(base, signed.url);
      } catch (caught) {
        report('', userMessage(caught));
        return false;
      }
      let answer: KalshiAnswerInput;
      try {
        const response = await fetch(to, {
          method: signed.method,
          headers: signed.headers,
          body: signed.body,
          // As the Sign panel's relay: no cookies, no Referer, no cache, and a timeout.
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          cache: 'no-store',
          redirect: 'manual',
          signal: AbortSignal.timeout(30_000),
        });
        if (isRelayRedirect(response)) {
          report('', RELAY_REDIRECT_MESSAGE);
          return wait(task);
        }
        answer = { status: response.status, body: await response.text() };
      } catch (caught) {
        // Nothing reached Kalshi: the curl command is the way round.
        report('', explainRelayFailure(caught, base, location.origin));
        return wait(task);
      }
      end(false);
      return await deliver(task, answer);
    } finally {
      setBusy(false);
    }
  }

  /** A pasted answer for the pending task: read at once; the box empties once it is understood. */
  async function answer(text: string): Promise<boolean> {
    if (!pending || !text.trim()) return false;
    const done = await deliver(pending, text);
    if (done) end(true);
    return done;
  }

  return {
    pending,
    busy,
    status,
    error,
    report,
    run,
    answer,
    /** Forgets the pending task (another key selected, the rotation cancelled). */
    cancel: () => end(false),
  };
}

export type KalshiStepState = ReturnType<typeof useKalshiStep>;
