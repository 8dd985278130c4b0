// A stored key's state in words, as the home list and the key's page show it.
import { scopesInWords } from '../../core/scopes';
import type { KeyInfo } from '../../storage/types';

export const ENVIRONMENT_NAMES = { demo: 'Demo', production: 'Production' } as const;

export type KeyStatusKind = 'retired' | 'unregistered' | 'unlisted' | 'registered';

/** Local date as 2024-05-01 (Intl would first load locale data, before the list shows). */
export const localDate = (ms: number): string =>
  new Date(ms - new Date(ms).getTimezoneOffset() * 6e4).toISOString().slice(0, 10);

/** Where the key stands with Kalshi, as a word first (its colour only follows the word). */
export function keyStatus(key: KeyInfo): { kind: KeyStatusKind; text: string } {
  if (key.retired)
    return {
      kind: 'retired',
      text: `Retired${key.retiredAt ? `: deleted on Kalshi on ${localDate(key.retiredAt)}` : ''}`,
    };
  if (!key.kalshiKeyId.trim()) return { kind: 'unregistered', text: 'Not registered' };
  if (key.kalshiNotFound || key.kalshiListed === false)
    return { kind: 'unlisted', text: 'Not listed by Kalshi' };
  return { kind: 'registered', text: `Registered · ${key.kalshiKeyId.trim().slice(0, 8)}` };
}

/** Kalshi's 2026 guide says to rotate keys every 90 days. */
export const ROTATE_AFTER_DAYS = 90;

/** "Made today", "12 days old", or from 90 days "Rotate: 96 days old". */
export function keyAge(createdAt: number, now = Date.now()): { text: string; rotate: boolean } {
  const days = Math.max(0, Math.floor((now - createdAt) / 864e5));
  const rotate = days >= ROTATE_AFTER_DAYS;
  const text = days ? `${days} day${days === 1 ? '' : 's'} old` : 'Made today';
  return { text: rotate ? `Rotate: ${text}` : text, rotate };
}

/** The scopes as registered or listed, else as planned when the key was made, in words. */
export const keyScopes = (key: KeyInfo): string =>
  key.kalshiScopes
    ? scopesInWords(key.kalshiScopes)
    : key.plannedScopes
      ? `${scopesInWords(key.plannedScopes)} (planned)`
      : key.kalshiKeyId
        ? 'Scopes unknown'
        : '';
