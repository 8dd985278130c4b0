// The "paste a whole request" shortcut of the doctor: a curl command or raw HTTP request in, the
// doctor's fields out (core/parse-request.ts does the reading).
import { useState } from 'preact/hooks';
import { parseRequestText } from '../core/parse-request';
import type { KeyRecord } from '../storage/types';

export type DoctorField = 'method' | 'url' | 'timestamp' | 'signature' | 'body';

const FIELD_NAMES: Record<DoctorField, string> = {
  method: 'method',
  url: 'URL',
  timestamp: 'timestamp',
  signature: 'signature',
  body: 'body',
};

/** What a paste fills in: the fields found, the stored key whose Kalshi key ID the request used, a note. */
export interface DoctorFill {
  fields: Partial<Record<DoctorField, string>>;
  keyId?: string;
  note: string;
}

/** Reads a pasted request; null when the text holds nothing the doctor can use. */
export function fillFromPaste(text: string, keys: KeyRecord[]): DoctorFill | null {
  const parsed = parseRequestText(text);
  const found = (Object.keys(FIELD_NAMES) as DoctorField[]).filter((f) => parsed[f] !== undefined);
  if (found.length === 0) return null;
  const fields: DoctorFill['fields'] = {};
  for (const f of found) fields[f] = parsed[f];
  // A request without a body clears any body left from an earlier paste.
  fields.body ??= '';
  const match = parsed.keyId ? keys.find((k) => k.kalshiKeyId === parsed.keyId) : undefined;
  const missing = (['url', 'timestamp', 'signature'] as DoctorField[]).filter(
    (f) => !found.includes(f),
  );
  const note = [
    `Filled ${found.map((f) => FIELD_NAMES[f]).join(', ')} from the pasted request.`,
    match ? `Its KALSHI-ACCESS-KEY matches the stored key “${match.name}”, now selected.` : '',
    parsed.keyId && !match
      ? `No stored key has the key ID ${parsed.keyId}: choose its key or paste its public key.`
      : '',
    missing.length
      ? `Not found: ${missing.map((f) => FIELD_NAMES[f]).join(', ')}; type them in.`
      : '',
  ];
  return { fields, keyId: match?.id, note: note.filter(Boolean).join(' ') };
}

export interface DoctorPasteProps {
  keys: KeyRecord[];
  onFill: (fill: DoctorFill) => void;
  onError: (message: string) => void;
}

export function DoctorPaste({ keys, onFill, onError }: DoctorPasteProps) {
  const [pasted, setPasted] = useState('');
  const fill = () => {
    const result = fillFromPaste(pasted, keys);
    if (result) onFill(result);
    else {
      onError(
        'No request found in the pasted text. Paste a curl command (curl -H "KALSHI-ACCESS-SIGNATURE: …" https://…) or a raw HTTP request (GET /trade-api/v2/… HTTP/1.1 and its headers).',
      );
    }
  };
  return (
    <div class="doctor-paste">
      <label for="doctor-paste">Paste a curl command or HTTP request</label>
      <textarea
        id="doctor-paste"
        rows={4}
        spellcheck={false}
        placeholder="curl -H 'KALSHI-ACCESS-SIGNATURE: …' https://external-api.kalshi.com/trade-api/v2/…"
        value={pasted}
        onInput={(e) => setPasted((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <div class="actions">
        <button type="button" onClick={fill} disabled={pasted.trim() === ''}>
          Fill from pasted request
        </button>
      </div>
    </div>
  );
}
