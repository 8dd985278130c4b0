// The name a new key gets when the user typed none: it says where the key came from and when, so
// that keys made on one day tell apart in the list, the Sign view and Kalshi's own key list.

/** Where a new key came from: made here or by Kalshi, imported, or a rotation's replacement. */
export type NewKeySource = 'made' | 'imported' | { replaces: string };

/**
 * The name typed (trimmed), or when it is blank a default with the time in UTC: "Kalshi key
 * 2026-12-07 09:30" for a key made here or by Kalshi, "Imported key 2026-12-07 09:30" for one
 * imported, and "<old name> (2026-12-07)" for the key that replaces `replaces`.
 */
export function keyNameOrDefault(
  typed: string,
  source: NewKeySource = 'made',
  now = new Date(),
): string {
  const minute = now.toISOString().slice(0, 16).replace('T', ' ');
  return (
    typed.trim() ||
    (source === 'made'
      ? `Kalshi key ${minute}`
      : source === 'imported'
        ? `Imported key ${minute}`
        : `${source.replaces} (${minute.slice(0, 10)})`)
  );
}
