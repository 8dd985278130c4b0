// Which public key the doctor checks against: a stored key, or a pasted public key PEM.
import type { KeyRecord } from '../storage/types';

/** The select's value for "paste a PEM" (stored keys use their local id). */
export const PASTE_KEY = '';

export interface DoctorKeyFieldProps {
  keys: KeyRecord[];
  choice: string;
  pem: string;
  onChoice: (choice: string) => void;
  onPem: (pem: string) => void;
}

export function DoctorKeyField({ keys, choice, pem, onChoice, onPem }: DoctorKeyFieldProps) {
  return (
    <div>
      <label for="doctor-key">Key to check against</label>
      <select id="doctor-key" value={choice} onChange={(e) => onChoice(e.currentTarget.value)}>
        {keys.map((k) => (
          <option key={k.id} value={k.id}>
            {k.name}
            {k.kalshiKeyId ? ` (${k.kalshiKeyId})` : ''}
          </option>
        ))}
        <option value={PASTE_KEY}>Paste a public key…</option>
      </select>
      {choice === PASTE_KEY ? (
        <>
          <label for="doctor-pem">Public key to check against</label>
          <textarea
            id="doctor-pem"
            rows={4}
            spellcheck={false}
            placeholder="-----BEGIN PUBLIC KEY-----"
            aria-describedby="doctor-pem-hint"
            value={pem}
            onInput={(e) => onPem(e.currentTarget.value)}
          />
          <p id="doctor-pem-hint" class="hint">
            The public key registered for the request’s key ID. Never paste a private key.
          </p>
        </>
      ) : null}
    </div>
  );
}
