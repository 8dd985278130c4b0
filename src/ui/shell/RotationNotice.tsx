import { useEffect, useState } from 'preact/hooks';
import type { RotationState } from '../../core/rotation';
import { loadRotation } from '../../storage/rotation-store';
import type { KeyRecord } from '../../storage/types';
import { routeHref } from './router';

/** On the home: a rotation left under way (a reload, a closed tab) and where to continue it. */
export function RotationNotice({ keys }: { keys: KeyRecord[] }) {
  const [state, setState] = useState<RotationState>();
  useEffect(() => {
    loadRotation().then(setState, () => undefined);
  }, []);
  if (!state || state.step === 'done') return null;
  const old = keys.find((key) => key.id === state.oldKeyId);
  return (
    <p class="notice warning" role="status">
      The rotation of {old ? `“${old.name}”` : 'a key'} is under way.{' '}
      <a href={routeHref('key', state.oldKeyId)}>Continue rotation</a>
    </p>
  );
}
