// The rotation in progress, kept in the settings store so that a reload or a
// closed tab resumes at the step where it stopped. Like every setting it falls back to memory for
// the session when IndexedDB is unavailable (the key store already tells the user about that).
import { ROTATION_STEPS, type RotationState } from '../core/rotation';
import { defaultKalshiDb } from './db';
import { getSetting, setSetting } from './settings';

const NAME = 'rotation';

/** A stored value that is a rotation this version can resume. */
const isRotation = (value: unknown): value is RotationState => {
  const state = value as Partial<RotationState> | undefined;
  return (
    typeof state === 'object' &&
    state !== null &&
    typeof state.oldKeyId === 'string' &&
    typeof state.oldKalshiKeyId === 'string' &&
    Array.isArray(state.scopes) &&
    ROTATION_STEPS.includes(state.step as RotationState['step'])
  );
};

/** The rotation in progress, or undefined (none, or a stored value this version cannot read). */
export async function loadRotation(db = defaultKalshiDb()): Promise<RotationState | undefined> {
  const stored = await getSetting<unknown>(NAME, db);
  return isRotation(stored) ? stored : undefined;
}

/** Stores the rotation's state after each step. Never rejects. */
export const saveRotation = (state: RotationState, db = defaultKalshiDb()): Promise<void> =>
  setSetting(NAME, state, db);

/** Forgets the rotation (done, or given up). Never rejects. */
export const clearRotation = (db = defaultKalshiDb()): Promise<void> =>
  setSetting(NAME, undefined, db);

/** Where the rotation's state lives between page loads: the settings store, or one in memory. */
export interface RotationStore {
  load(): Promise<RotationState | undefined>;
  save(state: RotationState): Promise<void>;
  clear(): Promise<void>;
}

/** The rotation kept in the default database's settings. */
export const storedRotations: RotationStore = {
  load: () => loadRotation(),
  save: (state) => saveRotation(state),
  clear: () => clearRotation(),
};
