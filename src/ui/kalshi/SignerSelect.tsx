// "Sign with": which stored key signs a call to Kalshi. One label everywhere it appears; only keys
// Kalshi can know are offered (core/signers.ts), each marked when it is likely to be refused.
import { useState } from 'preact/hooks';
import { knownToKalshi, signerChoices, type SignerChoice } from '../../core/signers';
import type { KalshiEnvironmentId } from '../../core/kalshi';
import type { KeyRecord } from '../../storage/types';
import { Field } from '../common/Field';

/** A key that can sign for Kalshi: it has a Kalshi key ID and was not deleted there. */
export const canSign = (key: KeyRecord): boolean => knownToKalshi(key);

/** The keys that may sign a call for `environment`, best first (see signerChoices). */
export const signersFor = (
  keys: readonly KeyRecord[],
  environment: KalshiEnvironmentId,
  managesKeys: boolean,
  exclude?: string,
): SignerChoice<KeyRecord>[] =>
  signerChoices(keys, { environment, managesKeys, ...(exclude && { exclude }) });

/** A "Sign with" choice: the keys offered, the one that signs, and how the user picks another. */
export interface SignerPick {
  choices: SignerChoice<KeyRecord>[];
  signer: KeyRecord | undefined;
  choose: (id: string) => void;
}

/** The key that signs: the one the user picked while it is still offered, else the best offered. */
export function useSignerPick(choices: SignerChoice<KeyRecord>[]): SignerPick {
  const [id, choose] = useState('');
  return { choices, signer: chosenSigner(choices, id), choose };
}

export function SignerSelect({
  id,
  pick: { choices, signer, choose },
  describedBy,
}: {
  id: string;
  pick: SignerPick;
  describedBy?: string;
}) {
  return (
    <Field
      as="select"
      id={id}
      label="Sign with"
      value={signer?.id ?? ''}
      disabled={!choices.length}
      aria-describedby={describedBy}
      onValue={choose}
    >
      {choices.length ? null : <option value="">No key Kalshi knows yet</option>}
      {choices.map(({ key, note }) => (
        <option value={key.id}>
          {key.name} ({key.environment}){note ? ` ${note}` : ''}
        </option>
      ))}
    </Field>
  );
}

/** The chosen key when it is still offered, else the best offered (or undefined). */
export const chosenSigner = (
  choices: SignerChoice<KeyRecord>[],
  id: string,
): KeyRecord | undefined => (choices.find((c) => c.key.id === id) ?? choices[0])?.key;
