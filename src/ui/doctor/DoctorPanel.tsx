// "Check a signature": a bot got 401 INCORRECT_API_KEY_SIGNATURE; paste what it sent and the page
// says, in words, whether Kalshi would accept it and which mistake it made. Nothing is sent.
import { useState } from 'preact/hooks';
import { diagnoseSignature, type Diagnosis } from '../../core/diagnose';
import { diagnosisVerdict } from '../../core/diagnose-words';
import type { KeyRecord } from '../../storage/types';
import { parseRequestText } from '../../core/parse-request';
import { Field, View } from '../common/Field';
import { userMessage } from '../common/messages';

type DoctorField = 'method' | 'url' | 'timestamp' | 'signature' | 'body';

/** The request fields: which, label, placeholder. The body is the one multi-line field. */
const INPUTS: [DoctorField, string, string?][] = [
  ['method', 'Method to check', 'GET'],
  ['url', 'URL or path', '/trade-api/v2/portfolio/orders?status=resting'],
  ['timestamp', 'KALSHI-ACCESS-TIMESTAMP value', '1703123456789'],
  ['signature', 'KALSHI-ACCESS-SIGNATURE value', 'base64'],
  ['body', 'Request body (optional)'],
];

export function DoctorPanel({ keys }: { keys: KeyRecord[] }) {
  // The key to check against: a stored key's id, '' to paste a public key, null until picked.
  const [choice, setChoice] = useState<string | null>(null);
  const [pem, setPem] = useState('');
  const [pasted, setPasted] = useState('');
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
  const { diagnosis: d } = result;
  const verdict = d && diagnosisVerdict(d);
  const reset = () => setResult({});

  // Until the user picks, follow the stored keys as they load: the first one, or paste.
  const keyChoice =
    choice === '' || keys.some((k) => k.id === choice) ? choice! : (keys[0]?.id ?? '');
  const stored = keys.find((k) => k.id === keyChoice);

  const check = async (event: Event) => {
    event.preventDefault();
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

  // A curl command or raw HTTP request in, the fields out (core/parse-request.ts does the reading).
  const fill = () => {
    const parsed = parseRequestText(pasted);
    const found = INPUTS.map(([f]) => f).filter((f) => parsed[f] !== undefined);
    if (!found.length)
      return setResult({
        error: 'No request found: paste a curl command or an HTTP request with its headers.',
      });
    const key = parsed.keyId ? keys.find((k) => k.kalshiKeyId === parsed.keyId) : undefined;
    if (key) setChoice(key.id);
    // A request without a body clears any body left from an earlier paste.
    setFields((f) => ({ ...f, body: '', ...parsed }));
    setResult({
      note: `Filled ${found.join(', ')}. ${key ? `Selected “${key.name}”.` : parsed.keyId ? `No stored key has key ID ${parsed.keyId}.` : ''}`,
    });
  };

  return (
    <View
      id="doctor-heading"
      title="Check a signature"
      intro="Kalshi rejected your bot's signature? Paste what the bot sent to find the mistake. Only the public key is needed, and nothing is sent."
    >
      <Field
        as="select"
        id="doctor-key"
        label="Key to check against"
        value={keyChoice}
        onValue={(id) => (reset(), setChoice(id))}
      >
        {keys.map((k) => (
          <option value={k.id}>
            {k.name}
            {k.kalshiKeyId ? ` (${k.kalshiKeyId})` : ''}
          </option>
        ))}
        <option value="">Paste a public key…</option>
      </Field>
      {stored ? null : (
        <Field
          as="textarea"
          id="doctor-pem"
          label="Public key to check against"
          rows={4}
          placeholder="-----BEGIN PUBLIC KEY----- (never a private key)"
          value={pem}
          onValue={(value) => (reset(), setPem(value))}
        />
      )}
      <Field
        as="textarea"
        id="doctor-paste"
        label="Paste a curl command or HTTP request"
        rows={4}
        placeholder="curl -H 'KALSHI-ACCESS-SIGNATURE: …' https://…"
        value={pasted}
        onValue={setPasted}
      />
      <div class="actions">
        <button type="button" onClick={fill} disabled={!pasted.trim()}>
          Fill from pasted request
        </button>
      </div>
      <form onSubmit={check}>
        {INPUTS.map(([field, label, placeholder]) => (
          <Field
            as={placeholder ? 'input' : 'textarea'}
            id={`doctor-${field}`}
            label={label}
            placeholder={placeholder}
            value={fields[field]}
            onValue={(value) => {
              reset();
              setFields((f) => ({ ...f, [field]: value }));
            }}
          />
        ))}
        <div class="actions">
          <button type="submit" class="primary">
            Check signature
          </button>
        </div>
      </form>
      {/* Both live regions exist before any result, so screen readers announce the first one: a
          verdict of acceptance is a status; a rejection, like a problem with the input, an alert. */}
      <div role="alert">
        {result.error ? (
          <p>{result.error}</p>
        ) : (
          verdict && !verdict.accepted && <VerdictLine d={d!} />
        )}
      </div>
      <div role="status">{verdict?.accepted ? <VerdictLine d={d!} /> : result.note}</div>
      {d && (
        <div class="verdict-detail">
          <p>{d.message}</p>
          {verdict?.difference && <p class="warning">{verdict.difference}</p>}
          {/* What the signature covers beside what Kalshi expects. */}
          <div class="two">
            {[
              ['doctor-signed', 'String the signature covers', d.signedMessage],
              ['doctor-expected', 'String Kalshi expects', d.expectedMessage],
            ].map(([id, label, value]) => (
              <div>
                <Field
                  as="textarea"
                  id={id!}
                  label={label}
                  class="mono"
                  readOnly
                  rows={3}
                  value={value ?? ''}
                  placeholder="Not found"
                />
              </div>
            ))}
          </div>
          {verdict?.fix && (
            <>
              <h2>How to fix it</h2>
              <dl class="fixes">
                <dt>Python</dt>
                <dd>
                  <code>{verdict.fix.python}</code>
                </dd>
                <dt>Node</dt>
                <dd>
                  <code>{verdict.fix.node}</code>
                </dd>
                <dt>openssl</dt>
                <dd>
                  <code>{verdict.fix.openssl}</code>
                </dd>
              </dl>
            </>
          )}
        </div>
      )}
    </View>
  );
}

/** The verdict in words, its mark and colour, and the finding's code in small type for searching. */
function VerdictLine({ d }: { d: Diagnosis }) {
  const { accepted, sentence } = diagnosisVerdict(d);
  return (
    <p class={`verdict ${accepted ? 'ok' : 'bad'}`}>
      <span aria-hidden="true">{accepted ? '✓ ' : '✗ '}</span>
      <strong>{sentence}</strong> <small class="code">{d.code}</small>
    </p>
  );
}
