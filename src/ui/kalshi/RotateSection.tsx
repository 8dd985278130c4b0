// "Rotate key" on a key's page: the scopes the replacement gets (asked for when Kalshi has not
// said), then the rotation's steps, here on the page of the key being replaced. A rotation found
// after a reload shows here with "Continue rotation".
import { useState } from 'preact/hooks';
import { DEFAULT_SCOPES, scopesInWords } from '../../core/scopes';
import type { KeyStore } from '../../storage/key-store';
import type { RotationStore } from '../../storage/rotation-store';
import type { KeyRecord } from '../../storage/types';
import { Messages } from '../common/Field';
import { ScopesFieldset } from '../common/ScopesFieldset';
import { RotateKey } from './RotateKey';
import { useKalshiStep, type KalshiStepOptions } from './use-kalshi-step';
import { rotationManager } from './rotation-calls';
import { useRotation } from './use-rotation';

export function RotateSection({
  record,
  keys,
  store,
  fetch,
  rotations,
  onRotated,
  keyHref,
}: {
  record: KeyRecord;
  keys: KeyRecord[];
  store: KeyStore;
  fetch?: KalshiStepOptions['fetch'];
  rotations?: RotationStore | undefined;
  /** The rotation of this key is done: `newKeyId` replaces it. */
  onRotated: (newKeyId: string) => void;
  keyHref: (id: string) => string;
}) {
  const step = useKalshiStep({ store, fetch });
  const rotation = useRotation({ store, keys, step, rotations, onDone: onRotated });
  const known = record.kalshiScopes;
  const [scopes, setScopes] = useState<string[]>([...(known ?? DEFAULT_SCOPES)]);
  const [subaccount, setSubaccount] = useState('');
  const [problem, setProblem] = useState('');
  const { state } = rotation;
  // Kalshi takes a new key, and deletes one, only from a key that may manage API keys.
  const manager = rotationManager(record, keys, record.environment);
  const mine = state && (state.oldKeyId === record.id || state.newKeyId === record.id);
  const elsewhere = state && !mine && state.step !== 'done';

  if (mine) return <RotateKey rotation={rotation} step={step} />;
  if (elsewhere)
    return (
      <p class="hint">
        Another key's rotation is under way:{' '}
        <a href={keyHref(state.oldKeyId)}>continue or stop it on that key's page</a> first.
      </p>
    );
  return (
    <>
      {known ? (
        <p class="hint">
          The replacement gets the scopes Kalshi lists for this key: {scopesInWords(known)}
          {record.kalshiSubaccount == null ? '' : `, subaccount ${record.kalshiSubaccount}`}.
        </p>
      ) : (
        <>
          <p class="hint">
            Kalshi has not said which scopes this key has (“Check with Kalshi” in Keys on Kalshi
            reads them): choose the replacement's.
          </p>
          <ScopesFieldset
            id="rotate"
            scopes={scopes}
            onScopes={setScopes}
            subaccount={subaccount}
            onSubaccount={setSubaccount}
          />
        </>
      )}
      <p class="hint" id="rotate-signer">
        {!manager
          ? "No key here may manage API keys (Full access), and Kalshi takes a replacement only from one that may: rotate on Kalshi's API keys page, or register a Full access key here first."
          : manager === record
            ? "This key signs the replacement's registration; the replacement, once it works, signs the old key's deletion if it may."
            : `“${manager.name}” may manage API keys, so it signs the replacement's registration and the old key's deletion.`}
      </p>
      <div class="actions">
        <button
          type="button"
          disabled={!manager || !rotation.loaded}
          aria-busy={!rotation.loaded}
          aria-describedby="rotate-signer"
          onClick={() =>
            setProblem(
              rotation.start(
                known
                  ? record
                  : {
                      ...record,
                      kalshiSubaccount: subaccount.trim() ? Number(subaccount.trim()) : null,
                    },
                known ?? scopes,
              ),
            )
          }
        >
          Rotate key
        </button>
      </div>
      <Messages error={problem} />
    </>
  );
}
