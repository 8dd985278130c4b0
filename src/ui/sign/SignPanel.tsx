// "Sign a request": fill a Kalshi request, sign it with a stored key, hand it off as headers, curl
// or fetch. Nothing is sent from here (Kalshi answers no web page); RelaySend can, on a press.
import { useEffect, useState } from 'preact/hooks';
import { signRequest, signingMessage } from '../../core/signing';
import { buildKalshiRequest } from '../../core/kalshi';
import type { KeyRecord } from '../../storage/types';
import { View } from '../common/Field';
import { KeyLoadingError, userMessage } from '../common/messages';
import { RelaySend } from '../shell/lazy';
import { SignForm } from './SignForm';
import type { SignedRequest } from './signed-request';
import { SignOutputs } from './SignOutputs';
import { useSignForm, type SignInput } from './use-sign-form';
import { useAction } from '../common/use-action';

/** Signs now: a fresh timestamp every call. Nothing is sent anywhere. */
async function signNow({ key, method, target, body }: SignInput): Promise<SignedRequest> {
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

export interface SignPanelProps {
  keys: KeyRecord[];
  selectedId: string | null;
}

export function SignPanel({ keys, selectedId }: SignPanelProps) {
  const form = useSignForm(keys, selectedId);
  const [signed, setSigned] = useState<SignedRequest | null>(null);
  // The section's one alert and one status line.
  const { status, error, report, copy } = useAction();

  // A signature belongs to one request: any change to the request retires it.
  useEffect(() => {
    setSigned(null);
    report('');
  }, [
    form.method,
    form.target?.url,
    form.bodyUsed && form.body,
    form.signingKey?.id,
    form.signingKey?.kalshiKeyId,
  ]);

  /** Signs afresh; on a problem, says so in the alert and returns null. */
  async function sign(): Promise<SignedRequest | null> {
    const { ready } = form;
    let result: SignedRequest | null = null;
    let problem = ready.ok ? '' : ready.problem;
    if (ready.ok) {
      try {
        result = await signNow(ready.input);
      } catch (e) {
        problem = userMessage(e);
      }
    }
    setSigned(result);
    report('', problem);
    return result;
  }

  return (
    <View
      id="sign-heading"
      title="Sign a request"
      intro={
        __BUILD_FLAVOR__ === 'single'
          ? 'Sign a Kalshi request with a stored key, then run the curl command in a terminal (Kalshi refuses calls from web pages).'
          : 'Sign a Kalshi request with a stored key, then run the curl command in a terminal or send it through your relay (Kalshi refuses calls from web pages).'
      }
    >
      <SignForm
        form={form}
        keys={keys}
        signedMessage={signed?.message ?? null}
        onSubmit={() => void sign()}
      />
      <div class="messages">
        <p role="alert">{error}</p>
      </div>
      <SignOutputs signed={signed} sign={sign} copy={copy} />
      <div class="messages">
        <p role="status">{status}</p>
      </div>
      {__BUILD_FLAVOR__ === 'single' ? (
        <p class="hint" id="relay-single-file">
          This offline file makes no connections (connect-src 'none'), so it cannot send the
          request: run the curl command above in a terminal, or open the hosted kalshi-keys page to
          send through your relay.
        </p>
      ) : (
        <RelaySend signed={signed} sign={sign} />
      )}
    </View>
  );
}
