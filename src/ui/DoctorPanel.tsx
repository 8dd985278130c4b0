// "Check a signature": a bot got 401 INCORRECT_API_KEY_SIGNATURE; paste what it sent and the page
// says which mistake it made (core/diagnose.ts). Nothing is sent anywhere.
import { useState } from 'preact/hooks';
import { diagnoseSignature, type Diagnosis } from '../core/diagnose';
import type { KeyRecord } from '../storage/types';
import { DoctorKeyField, PASTE_KEY } from './DoctorKeyField';
import { DoctorPaste, type DoctorField } from './DoctorPaste';
import { DoctorResult } from './DoctorResult';
import { userMessage } from './messages';

/** The one-line fields: which, label, placeholder. */
const INPUTS: [DoctorField, string, string][] = [
  ['method', 'Method to check', 'GET'],
  ['url', 'URL or path', '/trade-api/v2/portfolio/orders?status=resting'],
  ['timestamp', 'KALSHI-ACCESS-TIMESTAMP value', '1703123456789'],
  ['signature', 'KALSHI-ACCESS-SIGNATURE value', 'base64'],
];

export function DoctorPanel({ keys }: { keys: KeyRecord[] }) {
  const [choice, setChoice] = useState<string | null>(null);
  const [pem, setPem] = useState('');
  const [fields, setFields] = useState<Record<DoctorField, string>>({
    method: 'GET',
    url: '',
    timestamp: '',
    signature: '',
    body: '',
  });
  // One of: the finding, an error for the alert, or a note about a paste.
  const [result, setResult] = useState<{ diagnosis?: Diagnosis; error?: string; note?: string }>(
    {},
  );
  const reset = () => setResult({});

  // Until the user picks, follow the stored keys as they load: the first one, or paste.
  const keyChoice =
    choice === PASTE_KEY || keys.some((k) => k.id === choice)
      ? choice!
      : (keys[0]?.id ?? PASTE_KEY);
  const stored = keys.find((k) => k.id === keyChoice);

  const setField = (field: DoctorField, text: string) => {
    reset();
    setFields((f) => ({ ...f, [field]: text }));
  };

  const check = async () => {
    reset();
    try {
      const diagnosis = await diagnoseSignature({
        ...fields,
        publicKeyPem: stored ? stored.publicKeyPem : pem,
        path: fields.url,
      });
      setResult({ diagnosis });
    } catch (caught) {
      setResult({ error: userMessage(caught) });
    }
  };

  return (
    <section aria-labelledby="doctor-heading" class="doctor-panel">
      <h2 id="doctor-heading">Check a signature</h2>
      <p class="hint">
        Kalshi answered 401 INCORRECT_API_KEY_SIGNATURE? Paste what your bot sent to see which
        mistake it made. Only the public key is needed; nothing is sent.
      </p>
      <DoctorKeyField
        keys={keys}
        choice={keyChoice}
        pem={pem}
        onChoice={(c) => (reset(), setChoice(c))}
        onPem={(p) => (reset(), setPem(p))}
      />
      <DoctorPaste
        keys={keys}
        onFill={(fill, keyId, note) => {
          setResult({ note });
          setFields((f) => ({ ...f, ...fill }));
          if (keyId) setChoice(keyId);
        }}
        onError={(error) => setResult({ error })}
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        {INPUTS.map(([field, label, placeholder]) => (
          <>
            <label for={`doctor-${field}`}>{label}</label>
            <input
              id={`doctor-${field}`}
              type="text"
              spellcheck={false}
              autocomplete="off"
              placeholder={placeholder}
              value={fields[field]}
              onInput={(e) => setField(field, e.currentTarget.value)}
            />
          </>
        ))}
        <label for="doctor-body">Request body (optional)</label>
        <textarea
          id="doctor-body"
          rows={2}
          spellcheck={false}
          value={fields.body}
          onInput={(e) => setField('body', e.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit">Check signature</button>
        </div>
      </form>
      <p role="alert">{result.error}</p>
      <DoctorResult {...result} />
    </section>
  );
}
