// What to do about Kalshi's error answers, in plain words. Its own module because both ways of
// getting an answer use it: a relay's (use-relay, in the Sign view) and a pasted one
// (kalshi-error-answers.ts); with the answer parsers, the Sign view would load them too.

// Kalshi's authentication errors (docs/kalshi-api.md section 4), found in the body text whichever of the three
// JSON shapes carries them, each with what to do about it.
const ADVICE: [RegExp, string][] = [
  [
    /INCORRECT_API_KEY_SIGNATURE/,
    "Kalshi could not verify the signature: check that KALSHI-ACCESS-KEY is this key's ID, in this environment.",
  ],
  [
    /header_timestamp_expired/,
    'The signature is too old, or your clock is off: sign again and send at once, and set your computer clock automatically.',
  ],
  [
    /signature_is_missing_from_headers/,
    'A KALSHI-ACCESS-* header did not reach Kalshi: send all three (a proxy may drop them).',
  ],
  // Upper case only: a lower-case not_found is an ordinary missing resource, not an unknown key.
  [
    /\bNOT_FOUND\b/,
    'Kalshi does not know this key ID here: check KALSHI-ACCESS-KEY and the environment.',
  ],
];

/**
 * Plain advice for Kalshi's answer (through a relay, or pasted), or null when there is nothing to explain: Kalshi's
 * authentication errors in any of their three body shapes (docs/kalshi-api.md section 4), a JSON 403 (the key
 * or account may not do this), and the bare 403 Kalshi gives a request that still carries the
 * browser's Origin header (section 5).
 */
export function kalshiErrorAdvice(status: number, body: string): string | null {
  if (status < 400) return null;
  const known = ADVICE.find(([pattern]) => pattern.test(body));
  return known
    ? known[1]
    : status !== 403
      ? null
      : // Kalshi's JSON 403s are about the key or account (scopes, API level, location attestation)
        // unless they name the Origin header; a bare one (CloudFront's HTML) is that header too.
        /^\s*[{[]/.test(body) && !/\borigin\b/i.test(body)
        ? "Kalshi refused this call to this key: its scopes, the account's API level or location check (the body says which)."
        : "Kalshi refuses a browser's Origin header: make the relay drop it (kalshi-relay.mjs does), or use the curl command.";
}
