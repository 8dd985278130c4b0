// The state of the Sign form and everything derived from it: where the request goes, what will be
// signed, which key signs it, and what is wrong before the user presses "Sign request".
import { useRef, useState } from 'preact/hooks';
import {
  jsonBodyProblem,
  kalshiEnvironment,
  kalshiHost,
  requestPreset,
  resolveRequestTarget,
  type HttpMethod,
  type KalshiEnvironmentId,
  type PresetId,
  type RequestTarget,
} from '../../core/kalshi';
import type { KeyRecord } from '../../storage/types';
import { NO_KEY_SELECTED, userMessage } from '../common/messages';

/** What signing needs, once the form is complete. */
export interface SignInput {
  readonly key: KeyRecord;
  readonly method: HttpMethod;
  readonly target: RequestTarget;
  readonly body: string | undefined;
}

export type Ready = { ok: true; input: SignInput } | { ok: false; problem: string };

const firstHost = (id: KalshiEnvironmentId) => kalshiEnvironment(id).hosts[0]!.id;

export function useSignForm(keys: KeyRecord[], selectedId: string | null) {
  // The key this view starts with: the link's, else the one last used, fixed once it shows (keys
  // may load after the first render). A key selected elsewhere later (stored just after this view
  // opened, opened in another tab) must not swap the signing key under the user. Derived during
  // render, not set by an effect: effects run after paint, and would undo a pick made before it.
  const startId = useRef<string | undefined>(undefined);
  startId.current ??= keys.find((k) => k.id === selectedId)?.id;
  const startKey = keys.find((k) => k.id === startId.current);
  const [keyChoice, setKeyChoice] = useState<string | null>(null);
  const signingKey =
    keys.find((k) => k.id === keyChoice) ?? startKey ?? keys.find((k) => k.id === selectedId);
  // The host names its environment (no separate state to keep in step): the starting key's, until
  // the user or a pasted URL chooses one.
  const [hostChoice, setHostId] = useState<string | null>(null);
  const hostId = hostChoice ?? firstHost(startKey?.environment ?? 'demo');
  const [method, setMethodState] = useState<HttpMethod>('GET');
  const [path, setPathState] = useState('/trade-api/v2/portfolio/balance');
  const [body, setBody] = useState('');
  const [presetId, setPresetId] = useState<PresetId | null>(null);

  const host = kalshiHost(hostId)!;

  let target: RequestTarget | null = null;
  let pathError = '';
  try {
    target = resolveRequestTarget(path, host);
  } catch (error) {
    pathError = userMessage(error);
  }

  const bodyUsed = method !== 'GET';
  const bodyProblem = bodyUsed ? jsonBodyProblem(body) : null;

  // A full Kalshi URL in "Path" names its own host: choosing another host keeps only path and query.
  function chooseHost(id: string) {
    if (target?.fromFullUrl && target.host) setPathState(target.path + target.query);
    setHostId(id);
  }

  function setPath(value: string) {
    setPathState(value);
    setPresetId(null);
    // A pasted Kalshi URL carries its environment and host: follow it.
    try {
      const found = resolveRequestTarget(value, host).host;
      if (found) setHostId(found.id);
    } catch {
      // Shown through `resolved` on the next render.
    }
  }

  function setMethod(m: HttpMethod) {
    setMethodState(m);
    setPresetId(null);
  }

  function applyPreset(id: PresetId) {
    const { method, path } = requestPreset(id);
    setPresetId(id);
    setMethodState(method);
    setPathState(path);
    setBody('');
  }

  // Every check before signing, in order; the first problem is the one reported.
  const problem = !signingKey
    ? NO_KEY_SELECTED
    : signingKey.retired
      ? `“${signingKey.name}” is retired: Kalshi deleted its key ID, so Kalshi rejects what it signs. Choose another key.`
      : // An ID copied from a web page or chat can carry a zero-width space or curly quotes: Kalshi
        // would not know it, and fetch() (Node's, or the relay's in the browser) refuses such a header.
        /[^!-~]/.test(signingKey.kalshiKeyId.trim())
        ? `The Kalshi key ID of “${signingKey.name}” has a space, curly quote or hidden character: retype it as Kalshi shows it.`
        : !target
          ? pathError
          : target.placeholders.length
            ? `Replace ${target.placeholders.join(', ')} in the path with the real value.`
            : bodyProblem;
  const ready: Ready =
    signingKey && target && !problem
      ? {
          ok: true,
          input: {
            key: signingKey,
            method,
            target,
            body: bodyUsed ? body : undefined,
          },
        }
      : { ok: false, problem: problem ?? '' };

  return {
    environment: host.environment,
    setEnvironment: (id: KalshiEnvironmentId) => chooseHost(firstHost(id)),
    host,
    setHostId: chooseHost,
    method,
    setMethod,
    path,
    setPath,
    body,
    setBody,
    bodyUsed,
    bodyProblem,
    target,
    pathError: path.trim() && pathError,
    signingKey,
    setKeyChoice,
    presetId,
    applyPreset,
    ready,
  };
}

export type SignForm = ReturnType<typeof useSignForm>;
