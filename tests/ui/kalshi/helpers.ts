// Shared by the lifecycle panel tests: keys stored in a fresh store, and an independent check
// (node:crypto) of the signature a step put into its curl command or relay request.
import { constants, createPublicKey, verify } from 'node:crypto';
import { screen } from '@testing-library/preact';
import { expect, vi } from 'vitest';
import { generateKeyPair, type RotationState } from '../../../src/core';
import type { KeyStore } from '../../../src/storage/key-store';
import { newKeyRecord } from '../../../src/storage/new-record';
import type { KeyRecord } from '../../../src/storage/types';
import type { RotationStore } from '../../../src/storage/rotation-store';

/** A stored key, with `extra` fields (Kalshi key ID, environment, …). */
export async function storedKey(
  store: KeyStore,
  name: string,
  extra: Partial<KeyRecord> = {},
): Promise<KeyRecord> {
  const record = { ...(await newKeyRecord(await generateKeyPair(), name)), ...extra };
  await store.put(record);
  return record;
}

/** The KALSHI-ACCESS-* headers of a curl command as the page renders it. */
export function curlHeaders(command: string): Record<string, string> {
  return Object.fromEntries(
    [...command.matchAll(/-H '([^:]+): ([^']*)'/g)].map((m) => [m[1]!, m[2]!]),
  );
}

/** Checks, with node:crypto, that headers carry `key`'s signature of timestamp + method + path. */
export function expectSignedBy(
  headers: Record<string, string>,
  key: KeyRecord,
  method: string,
  path: string,
) {
  expect(headers['KALSHI-ACCESS-KEY']).toBe(key.kalshiKeyId);
  const message = `${headers['KALSHI-ACCESS-TIMESTAMP']}${method}${path}`;
  const ok = verify(
    'sha256',
    Buffer.from(message),
    {
      key: createPublicKey(key.publicKeyPem),
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    },
    Buffer.from(headers['KALSHI-ACCESS-SIGNATURE']!, 'base64'),
  );
  expect(ok, `signature of ${message}`).toBe(true);
}

/** A rotation store in memory, with what was saved. */
export function memoryRotations(
  saved?: RotationState,
): RotationStore & { log: (string | undefined)[] } {
  let state = saved;
  const log: (string | undefined)[] = [];
  return {
    log,
    load: async () => state,
    save: async (next) => void log.push((state = next).step),
    clear: async () => void log.push((state = undefined)),
  };
}

/** A fetch that answers each call with the next of `answers` (status, JSON body or ''). */
export function relayFetch(...answers: [number, unknown][]) {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => {
    const [status, body] = answers.shift() ?? [500, { error: 'no more answers' }];
    return new Response(body === '' ? null : JSON.stringify(body), { status });
  });
}

export const answerBox = () => screen.getByRole('textbox', { name: "Kalshi's answer" });
export const commandBox = () =>
  screen.getByRole('textbox', { name: 'Command to run' }) as HTMLTextAreaElement;
