// Passphrases for encrypted backups: long enough that the PBKDF2 work factor is not what keeps
// the key safe.

/** The shortest passphrase an encrypted backup accepts. */
export const MIN_PASSPHRASE_LENGTH = 12;

// 32 letters and digits without the look-alikes 0/o and 1/l: each is 5 bits.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const GROUPS = 5;
const GROUP_LENGTH = 5;

/** Bits of randomness in a suggested passphrase: 25 characters of 5 bits. */
export const SUGGESTED_PASSPHRASE_BITS = GROUPS * GROUP_LENGTH * Math.log2(32);

/**
 * A random passphrase of 125 bits, in five groups of five (`k7m2q-…`) so it can be read out and
 * typed. Each character comes from one random byte: 256 is a multiple of 32, so none is likelier.
 */
export function suggestPassphrase(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(GROUPS * GROUP_LENGTH));
  const chars = [...bytes].map((b) => ALPHABET[b % 32]);
  return Array.from({ length: GROUPS }, (_, g) =>
    chars.slice(g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH).join(''),
  ).join('-');
}

/** Why a backup passphrase is refused, or '' when it is fine. */
export function passphraseProblem(passphrase: string, repeat: string): string {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH)
    return `The backup passphrase has ${passphrase.length} character${passphrase.length === 1 ? '' : 's'}: use at least ${MIN_PASSPHRASE_LENGTH}, or press “Suggest a passphrase”.`;
  if (passphrase !== repeat) return 'The backup passphrases differ: type them again.';
  return '';
}
