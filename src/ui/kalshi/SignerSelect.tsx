// Which stored key signs a call to Kalshi: only keys Kalshi knows (a Kalshi key ID) and has not
// deleted (not retired).
import type { KeyRecord } from '../../storage/types';
import { Field } from '../common/Field';

/** A key that can sign for Kalshi: it has a Kalshi key ID and was not deleted there. */
export const canSign = (key: KeyRecord): boolean => !!key.kalshiKeyId.trim() && !key.retired;

export function SignerSelect({
  id,
  label,
  keys,
  value,
  onValue,
  describedBy,
}: {
  id: string;
  label: string;
  /** The keys to offer, already filtered by the caller. */
  keys: KeyRecord[];
  value: string;
  onValue: (id: string) => void;
  describedBy?: string;
}) {
  return (
    <Field
      as="select"
      id={id}
      label={label}
      value={value}
      disabled={!keys.length}
      aria-describedby={describedBy}
      onValue={onValue}
    >
      {keys.length ? null : <option value="">No key Kalshi knows yet</option>}
      {keys.map((key) => (
        <option value={key.id}>
          {key.name} ({key.environment})
        </option>
      ))}
    </Field>
  );
}

/** The chosen key when it is still offered, else the first offered (or undefined). */
export const chosenSigner = (keys: KeyRecord[], id: string): KeyRecord | undefined =>
  keys.find((key) => key.id === id) ?? keys[0];
