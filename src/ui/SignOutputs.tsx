// The signed request: the three headers, curl, fetch() (websocat for the WebSocket), the
// signature's age and "Re-sign". The fields are always there, empty until signed, so nothing jumps.
import { renderCurl, renderFetch, renderWebsocat } from '../core/kalshi';
import { SignOutputField } from './SignOutputField';
import { useAgeSeconds, type SignedRequest } from './use-signature';

export interface SignOutputsProps {
  signed: SignedRequest | null;
  /** Signs afresh (new timestamp); null when the form has a problem (already reported). */
  sign: () => Promise<SignedRequest | null>;
  onStatus: (text: string) => void;
  onError: (error: unknown) => void;
}

export function SignOutputs({ signed, sign, ...report }: SignOutputsProps) {
  const age = useAgeSeconds(signed?.timestampMs ?? null);
  // Kalshi's demo accepted ±5 s and rejected −30 s (auth.md section 4).
  const stale = age > 5;
  const r = signed?.request;
  const field = (label: string, value: string, rows = 5, fresh?: () => Promise<string | null>) => (
    <SignOutputField
      key={label}
      label={label}
      value={value}
      rows={rows}
      fresh={fresh}
      {...report}
    />
  );

  return (
    <div>
      <div class="actions">
        <p class={stale ? 'warning' : 'hint'}>
          {r
            ? `Signed ${age} s ago${stale ? ': Kalshi rejects timestamps a few seconds old. Re-sign before sending.' : '.'}`
            : 'Not signed yet.'}
        </p>
        <button type="button" disabled={!r} onClick={() => void sign()}>
          Re-sign
        </button>
      </div>
      {(['KEY', 'TIMESTAMP', 'SIGNATURE'] as const).map((h) =>
        field(
          `KALSHI-ACCESS-${h}`,
          r?.headers[`KALSHI-ACCESS-${h}`] ?? '',
          h === 'SIGNATURE' ? 5 : 0,
        ),
      )}
      {field('curl command', r ? renderCurl(r) : '', 7, async () => {
        // Kalshi rejects old timestamps: the copied command carries a signature made this instant.
        const fresh = await sign();
        return fresh && renderCurl(fresh.request);
      })}
      {/* A WebSocket cannot be opened with fetch(): websocat takes the snippet's place. */}
      {signed?.websocket
        ? field('websocat command', renderWebsocat(r!), 8)
        : field('fetch() snippet', r ? renderFetch(r) : '', 8)}
    </div>
  );
}
