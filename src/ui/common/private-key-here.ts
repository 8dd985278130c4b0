// In the first load (the page guard refuses private key text in every field from the start), apart
// from messages.ts, which loads with the first failure.

/** Private key text pasted, dropped or typed where it would be stored, shown or sent as text. */
export const PRIVATE_KEY_HERE =
  'This is a private key: it was not saved. Paste it only into “Private key (PEM)” in “Import a key”.';
