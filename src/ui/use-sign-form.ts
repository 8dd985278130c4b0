// The state of the Sign form and everything derived from it: where the request goes, what will be
// signed, which key signs it, and what is wrong before the user presses "Sign request".
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  jsonBodyProblem,
  kalshiEnvironment,
  kalshiHost,
  methodTakesBody,
  requestPreset,
  resolveRequestTarget,
  uploadPublicKeyBody,
  type HttpMethod,
  type KalshiEnvironmentId,
  type PresetId,
  type RequestTarget,
} from '../core/kalshi';
import type { KeyRecord } from '../storage/types';
import { userMessage } from './messages';

/** What signing needs, once the form is complete. */
export interface SignInput {
  readonly key: KeyRecord;
  readonly method: HttpMethod;
  readonly target: RequestTarget;
  readonly body: string | undefined;
}

export type Ready = { ok: true; input: SignInput } | { ok: false; problem: string };

/** A key Kalshi already knows, to sign the upload of another key; same environment first. */
export function registeredKeyOtherThan(
  keys: KeyRecord[],
  uploaded: KeyRecord,
): KeyRecord | undefined {
  const others = keys.filter((k) => k.id !== uploaded.id && k.kalshiKeyId.trim() !== '');
  return others.find((k) => k.environment === uploaded.environment) ?? others[0];
}

export function useSignForm(keys: KeyRecord[], selectedId: string | null) {
  const selected = keys.find((k) => k.id === selectedId);
  const [environment, setEnvironmentState] = useState<KalshiEnvironmentId>(
    selected?.environment ?? 'demo',
  );
  const [hostId, setHostId] = useState(kalshiEnvironment(environment).hosts[0]!.id);
  const [method, setMethodState] = useState<HttpMethod>('GET');
  const [path, setPathState] = useState('/trade-api/v2/portfolio/balance');
  const [body, setBody] = useState('');
  const [keyChoice, setKeyChoice] = useState<string | null>(null);
  const [presetId, setPresetId] = useState<PresetId | null>(null);
  const [presetProblem, setPresetProblem] = useState<string | null>(null);

  // A new selection in the key list becomes the signing key again, in its own environment
  // (keys are per environment). Keyed on the environment too: keys may load after the first render.
  useEffect(() => {
    setKeyChoice(null);
    if (selected) selectEnvironment(selected.environment);
  }, [selectedId, selected?.environment]);
  const signingKey = keys.find((k) => k.id === keyChoice) ?? selected;

  const host = kalshiHost(hostId) ?? kalshiEnvironment(environment).hosts[0]!;
  const resolved = useMemo(() => {
    try {
      return { target: resolveRequestTarget(path, host), error: null };
    } catch (error) {
      return { target: null, error: userMessage(error) };
    }
  }, [path, host]);

  const bodyUsed = methodTakesBody(method);
  const bodyProblem = bodyUsed ? jsonBodyProblem(body) : null;

  function selectEnvironment(id: KalshiEnvironmentId) {
    setEnvironmentState(id);
    setHostId((current) =>
      kalshiHost(current)?.environment === id ? current : kalshiEnvironment(id).hosts[0]!.id,
    );
  }

  // A full Kalshi URL in "Path" names its own host: choosing another host keeps only path and query.
  function detachFromUrl() {
    const t = resolved.target;
    if (t?.fromFullUrl && t.host) setPathState(t.path + t.query);
  }

  function setEnvironment(id: KalshiEnvironmentId) {
    detachFromUrl();
    setEnvironmentState(id);
    setHostId(kalshiEnvironment(id).hosts[0]!.id);
  }

  function chooseHost(id: string) {
    detachFromUrl();
    setHostId(id);
  }

  function setPath(text: string) {
    setPathState(text);
    setPresetId(null);
    // A pasted Kalshi URL carries its environment and host: follow it.
    try {
      const found = resolveRequestTarget(text, host).host;
      if (found && found.id !== host.id) {
        setEnvironmentState(found.environment);
        setHostId(found.id);
      }
    } catch {
      // Shown through `resolved` on the next render.
    }
  }

  function setMethod(m: HttpMethod) {
    setMethodState(m);
    setPresetId(null);
  }

  function applyPreset(id: PresetId) {
    const preset = requestPreset(id);
    setPresetId(id);
    setMethodState(preset.method);
    setPathState(preset.path);
    setPresetProblem(null);
    if (id !== 'upload-public-key') {
      setBody('');
      // Back to the selected key: only the upload preset signs with another one.
      setKeyChoice(null);
      return;
    }
    if (!selected) {
      setBody('');
      setPresetProblem('Select the key to upload in "Stored keys" first (generate or import one).');
      return;
    }
    setBody(uploadPublicKeyBody(selected.name, selected.publicKeyPem));
    selectEnvironment(selected.environment);
    const signer = registeredKeyOtherThan(keys, selected);
    setKeyChoice(signer?.id ?? null);
    if (!signer) {
      setPresetProblem(
        `Uploading "${selected.name}" must be signed by another key that Kalshi already knows, and none of your other stored keys has a Kalshi key ID. ` +
          'Import the key you registered with Kalshi and paste its key ID into "Kalshi key ID", or paste this public key into "RSA public key" in Kalshi\'s web UI instead.',
      );
    }
  }

  const ready = ((): Ready => {
    if (!signingKey)
      return {
        ok: false,
        problem: 'Generate or import a key first: there is no key to sign with.',
      };
    if (!resolved.target) return { ok: false, problem: resolved.error ?? 'Type a path.' };
    if (resolved.target.placeholders.length > 0) {
      const names = resolved.target.placeholders.join(', ');
      return { ok: false, problem: `Replace ${names} in the path with the real value, then sign.` };
    }
    if (bodyProblem) return { ok: false, problem: bodyProblem };
    const sentBody = bodyUsed && body.trim() !== '' ? body : undefined;
    return {
      ok: true,
      input: { key: signingKey, method, target: resolved.target, body: sentBody },
    };
  })();

  return {
    environment,
    setEnvironment,
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
    target: resolved.target,
    pathError: path.trim() === '' ? null : resolved.error,
    signingKey,
    setKeyChoice,
    presetId,
    presetProblem,
    applyPreset,
    ready,
  };
}

export type SignForm = ReturnType<typeof useSignForm>;
