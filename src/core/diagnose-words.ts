// The doctor's finding as a user reads it: a verdict sentence first ("Kalshi would reject this:
// …"), what differs when the two strings are the same, and the fix in Python, Node and openssl.
import type { Diagnosis, DiagnosisCode } from './diagnose';
import { PSS_SALT_LENGTH } from './algorithms';

export interface Verdict {
  accepted: boolean;
  /** "Kalshi would accept this signature." or "Kalshi would reject this: …". */
  sentence: string;
  /**
   * What differs, said when the string the signature covers is the one Kalshi expects (so the two
   * boxes on screen cannot show it): the salt, the padding, the timestamp. '' otherwise.
   */
  difference: string;
  /** The fix, in each language a bot is written in; absent when there is nothing to fix. */
  fix?: { python: string; node: string; openssl: string };
}

const PSS_PYTHON =
  'padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH)';
const PSS_NODE =
  "crypto.sign('sha256', Buffer.from(msg), { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST })";
const PSS_OPENSSL = `printf '%s' "$ts$method$path" | openssl dgst -sha256 -sign key.pem -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:${PSS_SALT_LENGTH} | base64 -w0`;
const MESSAGE = {
  python: 'msg = ts + method.upper() + urlparse(url).path  # no query, no host, no body',
  node: 'const msg = ts + method.toUpperCase() + new URL(url).pathname; // no query, no host, no body',
  openssl: `path="\${url#https://*/}"; path="/\${path%%\\?*}"  # then sign "$ts$method$path"`,
};

/** Why Kalshi rejects it, in words, per finding (the diagnosis message carries the details). */
const REASONS: Record<Exclude<DiagnosisCode, 'ok'>, (d: Diagnosis) => string> = {
  'bad-encoding': () => 'the signature is not standard base64 of the right length',
  'timestamp-seconds': () => 'the timestamp is in seconds; Kalshi needs milliseconds',
  'stale-timestamp': () => 'the timestamp is too far from now, though the signature is right',
  'query-signed': () => 'the query string was signed; Kalshi signs the path without it',
  'prefix-missing': () => 'the signed path leaves out /trade-api/v2',
  'full-url-signed': () => 'the scheme and host were signed; Kalshi signs only the path',
  'body-signed': () => 'the body was signed; Kalshi signs timestamp, method and path only',
  'method-case': () => 'the method was signed in lower case',
  'salt-length': (d) =>
    `the signature uses a ${d.saltLength ?? 'different'}-byte salt; Kalshi needs ${PSS_SALT_LENGTH}`,
  pkcs1v15: () => 'the signature uses PKCS#1 v1.5 padding; Kalshi needs RSA-PSS',
  'wrong-key': (d) =>
    d.signedMessage === undefined && /almost certainly made/.test(d.message)
      ? 'this key made the signature, but over another string than the one sent'
      : 'this key did not make the signature',
};

const FIXES: Record<Exclude<DiagnosisCode, 'ok'>, Verdict['fix']> = {
  'bad-encoding': {
    python: 'sig_b64 = base64.b64encode(signature).decode()',
    node: "const sigB64 = signature.toString('base64');",
    openssl: '... | base64 -w0   # one line, with its = padding',
  },
  'timestamp-seconds': {
    python: 'ts = str(int(time.time() * 1000))',
    node: 'const ts = String(Date.now());',
    openssl: 'ts=$(date +%s%3N)',
  },
  'stale-timestamp': {
    python: 'ts = str(int(time.time() * 1000))  # right before sending; keep the clock synced',
    node: 'const ts = String(Date.now()); // right before sending',
    openssl: 'ts=$(date +%s%3N)   # sign and send at once',
  },
  'query-signed': MESSAGE,
  'prefix-missing': MESSAGE,
  'full-url-signed': MESSAGE,
  'body-signed': MESSAGE,
  'method-case': MESSAGE,
  'salt-length': { python: PSS_PYTHON, node: PSS_NODE, openssl: PSS_OPENSSL },
  pkcs1v15: { python: PSS_PYTHON, node: PSS_NODE, openssl: PSS_OPENSSL },
  'wrong-key': {
    python: '# load the private key whose public key is registered under KALSHI-ACCESS-KEY',
    node: '// KALSHI-ACCESS-KEY must be the ID of this key pair, in the same environment',
    openssl: 'openssl pkey -in key.pem -pubout   # compare with the public key Kalshi has',
  },
};

/** What differs when both strings on screen are the same. */
function differenceOf(d: Diagnosis): string {
  if (d.code === 'bad-encoding')
    return 'The signature could not be read, so no string can be shown for it: its encoding differs.';
  if (d.code === 'wrong-key' && d.signedMessage === undefined)
    return /almost certainly made/.test(d.message)
      ? 'No string the bot plausibly signed matches: check that the timestamp header is the value that was signed.'
      : 'No string signed with this key matches: the key differs.';
  if (d.signedMessage === undefined || d.signedMessage !== d.expectedMessage) return '';
  switch (d.code) {
    case 'salt-length':
      return `The signed string is exactly the one Kalshi expects: the salt length differs (${d.saltLength} bytes, not ${PSS_SALT_LENGTH}).`;
    case 'pkcs1v15':
      return 'The signed string is exactly the one Kalshi expects: the padding differs (PKCS#1 v1.5, not RSA-PSS).';
    case 'timestamp-seconds':
      return 'The signed string matches what was sent: the timestamp itself is wrong (10 digits of seconds, not 13 of milliseconds).';
    case 'stale-timestamp':
      return 'The signed string matches what was sent: only the time differs.';
    default:
      return '';
  }
}

/** The verdict, difference and fix for a diagnosis. */
export function diagnosisVerdict(d: Diagnosis): Verdict {
  if (d.code === 'ok')
    return { accepted: true, sentence: 'Kalshi would accept this signature.', difference: '' };
  return {
    accepted: false,
    sentence: `Kalshi would reject this: ${REASONS[d.code](d)}.`,
    difference: differenceOf(d),
    fix: FIXES[d.code],
  };
}
