// Telling private key text apart from what belongs in a name or ID field. Its own module, apart
// from pem.ts: the first load (the page guard, the Create form) needs this one pattern, not the
// PEM parser.

/**
 * Whether `text` holds private key text: a PEM line, or the base64 start of an RSA key in PKCS#1
 * or PKCS#8 (a body copied without its lines). Public keys and certificates do not match. For the
 * fields where a key would be stored or shown as text (a name, a Kalshi key ID). Never throws.
 */
export const looksLikePrivateKey = (text: string): boolean =>
  /PRIVATE KEY-----|MII[\w+/]{3}IBA(AKC|DANBgkqhkiG9w0BAQEFAAS)/.test(text);
