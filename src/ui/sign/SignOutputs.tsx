// The signed request: the three headers, curl, fetch() (websocat for the WebSocket), the
// signature's age and "Re-sign". The fields are always there, empty until signed, so nothing jumps.
import { useEffect, useState } from 'preact/hooks';
import { renderCurl, renderFetch, renderWebsocat, type KalshiRequest } from '../../core/kalshi';
import type { SignedRequest } from './signed-request';
import type { useAction } from '../common/use-action';

/**
 * Whole seconds since `timestampMs` (0 without one), ticking once a second while one is shown:
 * Kalshi rejects timestamps a few seconds old.
 */
function useAgeSeconds(timestampMs: number | null): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (timestampMs === null) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [timestampMs]);
  return timestampMs === null ? 0 : Math.max(0, Math.floor((now - timestampMs) / 1000));
}

export interface SignOutputsProps {
  signed: SignedRequest | null;
  /** Signs afresh (new timestamp); null when the form has a problem (already reported). */
  sign: () => Promise<SignedRequest | null>;
  /** The Sign panel's useAction().copy, which reports there. */
  copy: ReturnType<typeof useAction>['copy'];
}

export function SignOutputs({ signed, sign, copy }: SignOutputsProps) {
  const age = useAgeSeconds(signed?.timestampMs ?? null);
  // Kalshi's demo accepted ±5 s and rejected −30 s.
  const stale = age > 5;
  const r = signed?.request;

  /**
   * One read-only output (`rows` 0: one line) and its copy button. `fresh` signs afresh and gives
   * the text to copy (null: nothing to copy), so its button works even while the field is empty.
   * On a refused clipboard the text is selected, so Ctrl+C (which the alert suggests) works.
   */
  const field = (label: string, value: string, rows = 5, fresh?: () => Promise<string | null>) => {
    const id = `out-${label.replace(/\W/g, '')}`;
    const Tag = rows ? 'textarea' : 'input';
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <div class="row">
          <Tag
            id={id}
            readOnly
            value={value}
            class="mono"
            spellcheck={false}
            rows={rows || undefined}
          />
          <button
            type="button"
            aria-describedby={fresh ? `${id}-fresh` : undefined}
            disabled={!fresh && !value}
            onClick={async () => {
              const text = fresh ? await fresh() : value;
              if (text !== null)
                void copy(
                  text,
                  document.getElementById(id) as HTMLInputElement,
                  fresh ? 'Copied, signed just now' : `Copied ${label}`,
                );
            }}
          >
            Copy {label}
          </button>
        </div>
        {fresh && (
          <p class="hint" id={`${id}-fresh`}>
            Copying signs it afresh: the copied {label}'s timestamp is newer than the one shown.
          </p>
        )}
      </div>
    );
  };

  /** A command or snippet whose copy, like the curl command's, carries a signature made this
   * instant: Kalshi rejects timestamps a few seconds old. */
  const handoff = (label: string, render: (request: KalshiRequest) => string, rows: number) =>
    field(label, r ? render(r) : '', rows, async () => {
      const fresh = await sign();
      return fresh && render(fresh.request);
    });

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
      {handoff('curl command', renderCurl, 7)}
      {/* A WebSocket cannot be opened with fetch(): websocat takes the snippet's place. */}
      {signed?.websocket
        ? handoff('websocat command', renderWebsocat, 8)
        : handoff('fetch() snippet', renderFetch, 8)}
    </div>
  );
}
