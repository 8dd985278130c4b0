// The rotation's state machine (issue 13, item 6): the old key is deleted only after the new one
// answered 200 and the user confirmed; a failure stays at its step and never deletes anything.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceRotation,
  ROTATION_STEPS,
  startRotation,
  type RotationEvent,
  type RotationState,
} from '../../src/core';

const start = (over: Partial<Parameters<typeof startRotation>[0]> = {}) =>
  startRotation({
    oldKeyId: 'local-old',
    oldKalshiKeyId: 'kalshi-old',
    environment: 'demo',
    now: 1000,
    ...over,
  });

const HAPPY: RotationEvent[] = [
  { type: 'minted', newKeyId: 'local-new' },
  { type: 'registered', newKalshiKeyId: 'kalshi-new' },
  { type: 'proved' },
  { type: 'confirmed' },
  { type: 'deleted' },
];

describe('startRotation', () => {
  it('starts at mint with Read and trade scopes and no subaccount when none are known', () => {
    expect(start()).toEqual({
      oldKeyId: 'local-old',
      oldKalshiKeyId: 'kalshi-old',
      environment: 'demo',
      scopes: ['read', 'write::trade'],
      subaccount: null,
      step: 'mint',
      startedAt: 1000,
    });
  });

  it("copies the old key's scopes and subaccount as Kalshi lists them", () => {
    expect(start({ scopes: ['write::trade', 'read'], subaccount: 5 })).toMatchObject({
      scopes: ['read', 'write::trade'],
      subaccount: 5,
    });
  });

  it('is plain data that survives structured cloning (it is stored)', () => {
    const state = start();
    expect(structuredClone(state)).toEqual(state);
  });

  it.each<[string, Partial<Parameters<typeof startRotation>[0]>, string]>([
    ['no Kalshi key ID', { oldKalshiKeyId: '  ' }, 'empty-key-id'],
    ['an unknown scope', { scopes: ['read', 'admin'] }, 'unknown-scope'],
    ['write without read', { scopes: ['write'] }, 'write-without-read'],
    ['subaccount 64', { subaccount: 64 }, 'invalid-subaccount'],
    ['subaccount -1', { subaccount: -1 }, 'invalid-subaccount'],
  ])('refuses %s', (_label, over, code) => {
    expect(() => start(over)).toThrow(expect.objectContaining({ code }));
  });
});

describe('advanceRotation', () => {
  it('walks mint → register → prove → confirm → delete → done, recording the new key', () => {
    let state = start();
    const steps = [state.step];
    for (const event of HAPPY) {
      state = advanceRotation(state, event);
      steps.push(state.step);
    }
    expect(steps).toEqual(ROTATION_STEPS);
    expect(state).toMatchObject({ newKeyId: 'local-new', newKalshiKeyId: 'kalshi-new' });
  });

  it('a failure stays at its step with the message; the next success clears it', () => {
    const registering = advanceRotation(start(), HAPPY[0]);
    const failed = advanceRotation(registering, { type: 'failed', message: 'Kalshi said 403' });
    expect(failed).toMatchObject({
      step: 'register',
      error: 'Kalshi said 403',
      newKeyId: 'local-new',
    });
    const retried = advanceRotation(failed, HAPPY[1]);
    expect(retried.step).toBe('prove');
    expect(retried).not.toHaveProperty('error');
  });

  it.each<[string, RotationEvent]>([
    ['registered before minting', HAPPY[1]],
    ['proved before registering', HAPPY[2]],
    ['confirmed before proving', HAPPY[3]],
    ['deleted before anything', HAPPY[4]],
  ])('ignores an event for another step: %s', (_label, event) => {
    const state = start();
    expect(advanceRotation(state, event)).toBe(state);
  });

  it('does not leave done', () => {
    let state = start();
    for (const event of HAPPY) state = advanceRotation(state, event);
    expect(advanceRotation(state, { type: 'failed', message: 'late' })).toBe(state);
  });

  it('refuses an empty new key ID as a programmer error', () => {
    const registering = advanceRotation(start(), HAPPY[0]);
    expect(() => advanceRotation(registering, { type: 'registered', newKalshiKeyId: ' ' })).toThrow(
      TypeError,
    );
  });

  it('property: whatever events arrive, delete comes only after proved and confirmed, and no step goes back', () => {
    const event = fc.oneof(
      fc.constant<RotationEvent>(HAPPY[0]),
      fc.constant<RotationEvent>(HAPPY[1]),
      fc.constant<RotationEvent>(HAPPY[2]),
      fc.constant<RotationEvent>(HAPPY[3]),
      fc.constant<RotationEvent>(HAPPY[4]),
      fc.string().map((message): RotationEvent => ({ type: 'failed', message })),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        let state: RotationState = start();
        const seen: RotationEvent['type'][] = [];
        for (const e of events) {
          const next = advanceRotation(state, e);
          expect(ROTATION_STEPS.indexOf(next.step)).toBeGreaterThanOrEqual(
            ROTATION_STEPS.indexOf(state.step),
          );
          if (next.step !== state.step) seen.push(e.type);
          if (next.step === 'delete')
            expect(seen).toEqual(['minted', 'registered', 'proved', 'confirmed']);
          if (e.type === 'failed' && state.step !== 'done') {
            expect(next).toEqual({ ...state, error: e.message });
          }
          state = next;
        }
      }),
    );
  });
});
