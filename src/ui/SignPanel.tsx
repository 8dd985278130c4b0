// Flow 4, "Sign": fill a Kalshi request, sign it with a stored key, hand it off as headers, curl or
// fetch. Nothing is sent from here: the page cannot call Kalshi (auth.md section 5); RelaySend can.
import { useEffect, useState } from 'preact/hooks';
import type { KeyRecord } from '../storage/types';
import { userMessage } from './messages';
import { RelaySend } from './RelaySend';
import { SignForm } from './SignForm';
import { SignOutputs } from './SignOutputs';
import { SignPresets } from './SignPresets';
import { useSignForm } from './use-sign-form';
import { signNow, type SignedRequest } from './use-signature';

export interface SignPanelProps {
  keys: KeyRecord[];
  selectedId: string | null;
}

export function SignPanel({ keys, selectedId }: SignPanelProps) {
  const form = useSignForm(keys, selectedId);
  const [signed, setSigned] = useState<SignedRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  // A signature belongs to one request: any change to the request retires it.
  const requestKey = [
    form.method,
    form.target?.url,
    form.bodyUsed ? form.body : '',
    form.signingKey?.id,
    form.signingKey?.kalshiKeyId,
  ].join('\n');
  useEffect(() => {
    setSigned(null);
    setError(null);
    setStatus('');
  }, [requestKey]);

  /** Signs afresh; on a problem, says so in the alert and returns null. */
  async function sign(): Promise<SignedRequest | null> {
    setStatus('');
    if (!form.ready.ok) {
      setError(form.ready.problem);
      return null;
    }
    try {
      const result = await signNow(form.ready.input);
      setSigned(result);
      setError(null);
      return result;
    } catch (e) {
      setSigned(null);
      setError(userMessage(e));
      return null;
    }
  }

  return (
    <section aria-labelledby="sign-heading" class="sign-panel">
      <h2 id="sign-heading">Sign a request</h2>
      <p class="hint">
        Signing happens in this page with the stored key; nothing is sent unless you use "Send
        through relay" below. Kalshi does not accept calls from web pages, so copy the curl command
        (or the headers) and send it from a terminal or a bot.
      </p>
      <SignPresets form={form} />
      <SignForm
        form={form}
        keys={keys}
        signedMessage={signed?.message ?? null}
        onSubmit={() => void sign()}
      />
      <div class="messages">
        <p role="alert">{error ?? ''}</p>
      </div>
      <SignOutputs
        signed={signed}
        sign={sign}
        onStatus={(text) => {
          setError(null);
          setStatus(text);
        }}
        onError={(e) => setError(userMessage(e))}
      />
      <div class="messages">
        <p role="status">{status}</p>
      </div>
      <RelaySend signed={signed} sign={sign} />
    </section>
  );
}
