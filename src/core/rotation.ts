// Key rotation as a state machine, after the SDK's recipe: make the
// replacement, register it signed by the old key, prove it with a signed balance request, ask the
// user, then delete the old key on Kalshi. The state is plain data so that storage can keep it and
// a reload resumes at the stored step. Pure: the UI performs each step and reports the event.

import { isSubaccount, normalizeScopes } from './api-keys';
import { requestError } from './errors';
import type { KalshiEnvironmentId } from './kalshi';
import { DEFAULT_SCOPES } from './scopes';

export type RotationStep = 'mint' | 'register' | 'prove' | 'confirm' | 'delete' | 'done';

/** The steps in order, for showing each with its state. */
export const ROTATION_STEPS: readonly RotationStep[] = [
  'mint',
  'register',
  'prove',
  'confirm',
  'delete',
  'done',
];

export interface RotationState {
  /** Local record id of the key being replaced. */
  oldKeyId: string;
  oldKalshiKeyId: string;
  environment: KalshiEnvironmentId;
  /** Copied from Kalshi's list when known, else DEFAULT_SCOPES / null. */
  scopes: string[];
  subaccount: number | null;
  /** Local record id of the replacement, once minted. */
  newKeyId?: string;
  /** The replacement's Kalshi key ID, once registered. */
  newKalshiKeyId?: string;
  step: RotationStep;
  /** ms since epoch */
  startedAt: number;
  /** The last failure's message; the state stays at the failed step. */
  error?: string;
}

export type RotationEvent =
  | { type: 'minted'; newKeyId: string }
  | { type: 'registered'; newKalshiKeyId: string }
  /** The new key answered 200. */
  | { type: 'proved' }
  /** The user pressed "Delete old key". */
  | { type: 'confirmed' }
  | { type: 'deleted' }
  | { type: 'failed'; message: string };

/**
 * A rotation of the key `oldKeyId` (Kalshi ID `oldKalshiKeyId`), at its first step: mint.
 * @throws RequestFormatError `empty-key-id` when the old key has no Kalshi key ID (nothing to
 *   rotate: register it first); `unknown-scope`, `write-without-read`, `no-scopes` for scopes
 *   the replacement could not be registered with; `invalid-subaccount`
 */
export function startRotation(input: {
  oldKeyId: string;
  oldKalshiKeyId: string;
  environment: KalshiEnvironmentId;
  scopes?: readonly string[];
  subaccount?: number | null;
  /** ms since epoch; Date.now() when omitted. */
  now?: number;
}): RotationState {
  const oldKalshiKeyId = input.oldKalshiKeyId.trim();
  if (!oldKalshiKeyId) {
    requestError('empty-key-id', 'This key has no Kalshi key ID: register it with Kalshi first.');
  }
  const subaccount = input.subaccount ?? null;
  if (subaccount !== null && !isSubaccount(subaccount)) {
    requestError('invalid-subaccount', `Subaccount ${subaccount}: Kalshi's are 0 to 63.`);
  }
  return {
    oldKeyId: input.oldKeyId,
    oldKalshiKeyId,
    environment: input.environment,
    scopes: normalizeScopes(input.scopes ?? DEFAULT_SCOPES),
    subaccount,
    step: 'mint',
    startedAt: input.now ?? Date.now(),
  };
}

/** The one event that moves each step on, and the step it leads to. */
const NEXT: Partial<Record<RotationStep, [RotationEvent['type'], RotationStep]>> = {
  mint: ['minted', 'register'],
  register: ['registered', 'prove'],
  prove: ['proved', 'confirm'],
  confirm: ['confirmed', 'delete'],
  delete: ['deleted', 'done'],
};

/**
 * The state after `event`. Each step moves on only on its own event, so 'delete' is reachable
 * only after 'proved' (the new key answered 200) and 'confirmed' (the user agreed). An event that
 * belongs to another step (a late or repeated answer, a double click) leaves the state as it is.
 * 'failed' records the message and stays at the step, so nothing moves backwards or is deleted;
 * the step's next success clears it.
 * @throws TypeError for an empty newKeyId or newKalshiKeyId (programmer error)
 */
export function advanceRotation(state: RotationState, event: RotationEvent): RotationState {
  if (state.step === 'done') return state;
  if (event.type === 'failed') return { ...state, error: event.message };
  const next = NEXT[state.step];
  if (!next || next[0] !== event.type) return state;
  const moved: RotationState = { ...state, step: next[1] };
  delete moved.error;
  if (event.type === 'minted') {
    if (!event.newKeyId) throw new TypeError('advanceRotation: minted without newKeyId');
    moved.newKeyId = event.newKeyId;
  } else if (event.type === 'registered') {
    if (!event.newKalshiKeyId.trim()) {
      throw new TypeError('advanceRotation: registered without newKalshiKeyId');
    }
    moved.newKalshiKeyId = event.newKalshiKeyId.trim();
  }
  return moved;
}
