// The key's life on Kalshi (issue 13): what Kalshi lists, delete there, let Kalshi make a key, and
// rotate. Loaded on demand (App.tsx): a first visit that only mints and signs never downloads it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KeyStore } from '../../storage/key-store';
import type { KeyRecord } from '../../storage/types';
import { Messages, Panel } from '../common/Field';
import { GenerateKey } from './GenerateKey';
import { KeysOnKalshi, type Listing } from './KeysOnKalshi';
import { RotateKey } from './RotateKey';
import { canSign, chosenSigner, SignerSelect } from './SignerSelect';
import { useKalshiStep, type KalshiStepOptions } from './use-kalshi-step';
import { useRotation, type RotationStore } from './use-rotation';

/** The notes "Stored keys" shows under a key: retired, or not in Kalshi's last list. */
export function keyNotes(keys: KeyRecord[], listing: Listing | undefined): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const key of keys) {
    if (key.retired) notes[key.id] = 'Deleted on Kalshi: it cannot sign any more.';
    else if (
      listing?.environment === key.environment &&
      key.kalshiKeyId &&
      !listing.keys.some((listed) => listed.apiKeyId === key.kalshiKeyId)
    )
      notes[key.id] = 'Kalshi does not list this ID: deleted, or the other environment.';
  }
  return notes;
}

export interface LifecyclePanelProps {
  store: KeyStore;
  keys: KeyRecord[];
  selectedId: string | null;
  onStored: (record: KeyRecord) => void;
  onNotes: (notes: Record<string, string>) => void;
  /** A new object each time "Rotate key" is pressed on the selected key. */
  rotateRequest?: { id: string } | undefined;
  fetch?: KalshiStepOptions['fetch'];
  rotations?: RotationStore;
}

export function LifecyclePanel(props: LifecyclePanelProps) {
  const { store, keys, selectedId } = props;
  const [signerId, setSignerId] = useState('');
  const [listing, setListing] = useState<Listing>();
  const [rotateProblem, setRotateProblem] = useState('');
  const listStep = useKalshiStep({ store, fetch: props.fetch });
  const rotateStep = useKalshiStep({ store, fetch: props.fetch });
  const rotation = useRotation({ store, keys, step: rotateStep, rotations: props.rotations });
  const heading = useRef<HTMLHeadingElement>(null);
  const signers = keys.filter(canSign);
  const signer = chosenSigner(signers, signerId || (selectedId ?? ''));

  useEffect(() => props.onNotes(keyNotes(keys, listing)), [keys, listing]);

  useEffect(() => {
    const old = keys.find((key) => key.id === props.rotateRequest?.id);
    if (!old) return;
    setRotateProblem(rotation.start(old));
    heading.current?.focus();
  }, [props.rotateRequest]);

  return (
    <Panel id="lifecycle-heading" title="Your keys on Kalshi" class="wide">
      <SignerSelect
        id="lifecycle-signer"
        label="Signed by"
        keys={signers}
        value={signer?.id ?? ''}
        onValue={setSignerId}
      />
      <KeysOnKalshi
        store={store}
        keys={keys}
        signer={signer}
        step={listStep}
        listing={listing}
        onListing={setListing}
      />
      <h3>Let Kalshi make the key</h3>
      <GenerateKey store={store} signer={signer} onStored={props.onStored} fetch={props.fetch} />
      <h3 id="rotate-heading" ref={heading} tabIndex={-1}>
        Rotate key
      </h3>
      <Messages error={rotateProblem} />
      <RotateKey rotation={rotation} step={rotateStep} />
    </Panel>
  );
}
