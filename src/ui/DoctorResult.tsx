// The doctor's answer: the finding (a live status) and the signed string beside the expected one.
import type { Diagnosis, DiagnosisCode } from '../core/diagnose';

const TITLES: Record<DiagnosisCode, string> = {
  'bad-encoding': 'Not a readable signature',
  'timestamp-seconds': 'Timestamp in seconds',
  ok: 'Signature is correct',
  'stale-timestamp': 'Timestamp too old or too new',
  'query-signed': 'Query string signed',
  'prefix-missing': 'Path prefix missing',
  'full-url-signed': 'Full URL signed',
  'body-signed': 'Body signed',
  'method-case': 'Method in lower case',
  'salt-length': 'Wrong RSA-PSS salt length',
  pkcs1v15: 'PKCS#1 v1.5 padding instead of RSA-PSS',
  'wrong-key': 'Does not verify with this key',
};

/** Where two strings first differ, for a "look here" hint under the comparison. */
function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i === a.length && i === b.length ? -1 : i;
}

/** The live region exists before any result, so screen readers announce the first finding too. */
export function DoctorStatus({ diagnosis, note }: { diagnosis: Diagnosis | null; note: string }) {
  return (
    <div role="status" class={`doctor-finding${diagnosis ? ` finding-${diagnosis.code}` : ''}`}>
      {diagnosis ? (
        <p>
          <strong>
            {TITLES[diagnosis.code]} (<code>{diagnosis.code}</code>):
          </strong>{' '}
          {diagnosis.message}
        </p>
      ) : (
        note
      )}
    </div>
  );
}

export function DoctorComparison({ diagnosis }: { diagnosis: Diagnosis }) {
  const signed = diagnosis.signedMessage;
  const at = signed === undefined ? -1 : firstDifference(signed, diagnosis.expectedMessage);
  return (
    <div class="doctor-compare">
      <div>
        <label for="doctor-signed">String the signature covers</label>
        <textarea
          id="doctor-signed"
          readOnly
          rows={3}
          value={signed ?? ''}
          placeholder="Not found: none of the usual strings matches this signature."
        />
      </div>
      <div>
        <label for="doctor-expected">String Kalshi expects</label>
        <textarea id="doctor-expected" readOnly rows={3} value={diagnosis.expectedMessage} />
      </div>
      {at >= 0 ? (
        <p class="hint">
          The two strings first differ at character {at + 1}
          {signed
            ? `: “${signed.slice(at, at + 24)}” instead of “${diagnosis.expectedMessage.slice(at, at + 24)}”`
            : ''}
          .
        </p>
      ) : null}
    </div>
  );
}
