// "Check a signature": a bot got 401 INCORRECT_API_KEY_SIGNATURE; paste what it sent and the page
// says which mistake it made (core/diagnose.ts). Nothing is sent anywhere.
import { useState } from 'preact/hooks';
import { diagnoseSignature, type Diagnosis } from '../core/diagnose';
import type { KeyRecord } from '../storage/types';
import { DoctorKeyField, PASTE_KEY } from './DoctorKeyField';
import { DoctorPaste, type DoctorField } from './DoctorPaste';
import { DoctorComparison, DoctorStatus } from './DoctorResult';
import { userMessage } from './messages';

type Field = DoctorField;

const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;

export function DoctorPanel({ keys }: { keys: KeyRecord[] }) {
  const [choice, setChoice] = useState<string | null>(null);
  const [pem, setPem] = useState('');
  const [fields, setFields] = useState<Record<Field, string>>({
    method: 'GET',
    url: '',
    timestamp: '',
    signature: '',
    body: '',
  });
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  // Until the user picks, follow the stored keys as they load: the first one, or paste.
  const keyChoice =
    choice !== null && (choice === PASTE_KEY || keys.some((k) => k.id === choice))
      ? choice
      : (keys[0]?.id ?? PASTE_KEY);
  const stored = keys.find((k) => k.id === keyChoice);

  const reset = () => {
    setDiagnosis(null);
    setError('');
    setNote('');
  };
  const setField = (field: Field, text: string) => {
    reset();
    setFields((f) => ({ ...f, [field]: text }));
  };

  const check = async () => {
    reset();
    const publicKeyPem = stored ? stored.publicKeyPem : pem;
    setBusy(true);
    try {
      setDiagnosis(
        await diagnoseSignature({
          publicKeyPem,
          method: fields.method,
          path: fields.url,
          timestamp: fields.timestamp,
          signature: fields.signature,
          body: fields.body,
          now: Date.now(),
        }),
      );
    } catch (caught) {
      setError(userMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const input = (field: Field, id: string, label: string, placeholder: string) => (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        spellcheck={false}
        autocomplete="off"
        placeholder={placeholder}
        value={fields[field]}
        onInput={(e) => setField(field, value(e))}
      />
    </>
  );

  return (
    <section aria-labelledby="doctor-heading" class="doctor-panel">
      <h2 id="doctor-heading">Check a signature</h2>
      <p class="hint">
        Kalshi answered 401 INCORRECT_API_KEY_SIGNATURE? Paste what your bot sent and this page
        names the mistake: query string or host signed, /trade-api/v2 left out, body signed, seconds
        instead of milliseconds, wrong padding or salt, or another key. Only the public key is
        needed, and nothing is sent.
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
        onFill={(fill) => {
          reset();
          setFields((f) => ({ ...f, ...fill.fields }));
          if (fill.keyId) setChoice(fill.keyId);
          setNote(fill.note);
        }}
        onError={(message) => {
          reset();
          setError(message);
        }}
      />

      <form
        class="doctor-form"
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        {input('method', 'doctor-method', 'Method to check', 'GET')}
        {input('url', 'doctor-url', 'URL or path', '/trade-api/v2/portfolio/orders?status=resting')}
        {input('timestamp', 'doctor-timestamp', 'KALSHI-ACCESS-TIMESTAMP value', '1703123456789')}
        {input(
          'signature',
          'doctor-signature',
          'KALSHI-ACCESS-SIGNATURE value',
          'base64, 344 characters for a 2048-bit key',
        )}
        <label for="doctor-body">Request body (optional)</label>
        <textarea
          id="doctor-body"
          rows={2}
          spellcheck={false}
          value={fields.body}
          onInput={(e) => setField('body', value(e))}
        />
        <div class="actions">
          <button type="submit" aria-busy={busy ? 'true' : undefined} disabled={busy}>
            Check signature
          </button>
        </div>
      </form>

      <p role="alert" class="error">
        {error}
      </p>
      <DoctorStatus diagnosis={diagnosis} note={note} />
      {diagnosis ? <DoctorComparison diagnosis={diagnosis} /> : null}
    </section>
  );
}
