// The "paste a whole request" shortcut of the doctor: a curl command or raw HTTP request in, the
// doctor's fields out (core/parse-request.ts does the reading).
import { useState } from 'preact/hooks';
import { parseRequestText } from '../core/parse-request';
import type { KeyRecord } from '../storage/types';

const FIELDS = ['method', 'url', 'timestamp', 'signature', 'body'] as const;
export type DoctorField = (typeof FIELDS)[number];

export interface DoctorPasteProps {
  keys: KeyRecord[];
  /** The fields found, the stored key whose Kalshi key ID the request used, a note for the status. */
  onFill: (
    fields: Partial<Record<DoctorField, string>>,
    keyId: string | undefined,
    note: string,
  ) => void;
  onError: (message: string) => void;
}

export function DoctorPaste({ keys, onFill, onError }: DoctorPasteProps) {
  const [pasted, setPasted] = useState('');
  const fill = () => {
    const parsed = parseRequestText(pasted);
    const found = FIELDS.filter((f) => parsed[f] !== undefined);
    if (!found.length)
      return onError('No request found: paste a curl command or an HTTP request with its headers.');
    const key = parsed.keyId ? keys.find((k) => k.kalshiKeyId === parsed.keyId) : undefined;
    // A request without a body clears any body left from an earlier paste.
    onFill(
      { body: '', ...parsed },
      key?.id,
      `Filled ${found.join(', ')}. ${key ? `Selected “${key.name}”.` : parsed.keyId ? `No stored key has key ID ${parsed.keyId}.` : ''}`,
    );
  };
  return (
    <div>
      <label for="doctor-paste">Paste a curl command or HTTP request</label>
      <textarea
        id="doctor-paste"
        rows={4}
        spellcheck={false}
        placeholder="curl -H 'KALSHI-ACCESS-SIGNATURE: …' https://…"
        value={pasted}
        onInput={(e) => setPasted(e.currentTarget.value)}
      />
      <div class="actions">
        <button type="button" onClick={fill} disabled={!pasted.trim()}>
          Fill from pasted request
        </button>
      </div>
    </div>
  );
}
