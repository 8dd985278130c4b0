// The doctor's answer: the finding (a live status) and the signed string beside the expected one.
import type { Diagnosis } from '../core/diagnose';

/** The live region exists before any result, so screen readers announce the first finding too. */
export function DoctorResult({ diagnosis: d, note }: { diagnosis?: Diagnosis; note?: string }) {
  return (
    <>
      <div role="status">
        {d ? (
          <p>
            <strong>{d.code}</strong>: {d.message}
          </p>
        ) : (
          note
        )}
      </div>
      {d ? (
        <div class="doctor-compare">
          {[
            ['doctor-signed', 'String the signature covers', d.signedMessage],
            ['doctor-expected', 'String Kalshi expects', d.expectedMessage],
          ].map(([id, label, value]) => (
            <div key={id}>
              <label for={id}>{label}</label>
              <textarea id={id} readOnly rows={3} value={value ?? ''} placeholder="Not found" />
            </div>
          ))}
        </div>
      ) : null}
    </>
  );
}
