// The signed request: the three headers, curl, fetch() (and websocat for the WebSocket), the
// signature's age and "Re-sign". The fields are always there, empty until signed, so nothing jumps.
import { renderCurl, renderFetch, renderWebsocat } from '../core/kalshi';
import { SignOutputField } from './SignOutputField';
import { STALE_AFTER_SECONDS, useAgeSeconds, type SignedRequest } from './use-signature';

export interface SignOutputsProps {
  signed: SignedRequest | null;
  /** Signs afresh (new timestamp); null when the form has a problem (already reported). */
  sign: () => Promise<SignedRequest | null>;
  onStatus: (text: string) => void;
  onError: (error: unknown) => void;
}

const HEADERS = [
  'KALSHI-ACCESS-KEY',
  'KALSHI-ACCESS-TIMESTAMP',
  'KALSHI-ACCESS-SIGNATURE',
] as const;

export function SignOutputs({ signed, sign, onStatus, onError }: SignOutputsProps) {
  const age = useAgeSeconds(signed?.timestampMs ?? null);
  const stale = signed !== null && age > STALE_AFTER_SECONDS;
  const report = { onStatus, onError };

  return (
    <div class="sign-outputs">
      <div class="actions">
        <p class={stale ? 'warning' : 'hint'}>
          {signed === null
            ? 'Not signed yet.'
            : `Signed ${age} s ago${stale ? ': Kalshi rejects timestamps a few seconds old. Re-sign (or copy the curl command, which signs afresh) right before sending.' : '.'}`}
        </p>
        <button type="button" disabled={signed === null} onClick={() => void sign()}>
          Re-sign
        </button>
      </div>
      {HEADERS.map((name) => (
        <SignOutputField
          key={name}
          id={`sign-out-${name.toLowerCase()}`}
          label={name}
          value={signed?.request.headers[name] ?? ''}
          multiline={name === 'KALSHI-ACCESS-SIGNATURE'}
          rows={5}
          {...report}
        />
      ))}
      <SignOutputField
        id="sign-out-curl"
        label="curl command"
        value={signed ? renderCurl(signed.request) : ''}
        multiline
        rows={7}
        copyAlways
        copiedStatus="Copied, signed just now"
        textToCopy={async () => {
          // Kalshi rejects old timestamps: the copied command carries a signature made this instant.
          const fresh = await sign();
          return fresh ? renderCurl(fresh.request) : null;
        }}
        {...report}
      />
      <SignOutputField
        id="sign-out-fetch"
        label="fetch() snippet"
        value={signed ? renderFetch(signed.request) : ''}
        multiline
        rows={8}
        {...report}
      />
      {signed?.websocket ? (
        <SignOutputField
          id="sign-out-websocat"
          label="websocat command"
          value={renderWebsocat(signed.request)}
          multiline
          rows={5}
          {...report}
        />
      ) : null}
    </div>
  );
}
