// "Use this key in your bot": two programs that sign on their own with the key's
// backup file, for the bot's machine. Python follows Kalshi's own sample (seed 000) with the
// standard library instead of requests; Node needs nothing installed. Neither sends an Origin
// header (Kalshi refuses requests that carry one), and the passphrase comes from the environment,
// never from this text. Pure strings: no crypto, no network.

import { kalshiEnvironment, REST_PREFIX, type KalshiEnvironmentId } from './kalshi';

/** The variable both programs read the backup's passphrase from. */
export const PASSPHRASE_VARIABLE = 'KALSHI_KEY_PASSPHRASE';
/** The variable that overrides the API's base URL (a test server, a proxy). */
export const BASE_URL_VARIABLE = 'KALSHI_API_BASE';

export interface BotSnippetInput {
  /** Kalshi's key ID; '' before the user has pasted it (a placeholder is written instead). */
  keyId: string;
  environment: KalshiEnvironmentId;
  /** The API origin (scheme and host); the environment's recommended host when omitted. */
  host?: string;
  /** The backup's file name as downloaded; the programs read it from their working folder. */
  backupFileName: string;
}

const PATH = `${REST_PREFIX}/portfolio/balance`;

/**
 * A Python and a Node program that load the backup (encrypted or not), sign
 * `GET /trade-api/v2/portfolio/balance` with RSA-PSS (SHA-256, salt 32) and print Kalshi's answer.
 * Values are written as JSON string literals, which both languages read.
 * @throws TypeError when `environment` is not 'demo' or 'production'
 */
export function renderBotSnippets({ keyId, environment, host, backupFileName }: BotSnippetInput): {
  python: string;
  node: string;
} {
  const env = kalshiEnvironment(environment);
  if (!env) throw new TypeError(`unknown environment ${environment}`);
  const id = JSON.stringify(keyId.trim() || 'PASTE-YOUR-KALSHI-KEY-ID');
  const file = JSON.stringify(backupFileName);
  const base = JSON.stringify(host ?? env.hosts[0].restOrigin);
  const path = JSON.stringify(PATH);
  const about = (
    comment: string,
    script: string,
  ) => `${comment} GET ${PATH} on Kalshi ${env.label}, signed with the key backed up in KEY_FILE.
${comment} The backup's passphrase comes from ${PASSPHRASE_VARIABLE} (none for an unencrypted backup):
${comment}   ${PASSPHRASE_VARIABLE}='your passphrase' ${script}
${comment} ${BASE_URL_VARIABLE} overrides the base URL (scheme and host only), e.g. for a test server.`;

  const python = `${about('#', 'python3 kalshi_balance.py')}
# Needs Python 3.8+ and: pip install cryptography
import base64, os, sys, time, urllib.error, urllib.request

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

KEY_ID = ${id}
KEY_FILE = ${file}
BASE_URL = os.environ.get("${BASE_URL_VARIABLE}", ${base})
PATH = ${path}

with open(KEY_FILE, "rb") as f:
    pem = f.read()
password = None
if b"ENCRYPTED" in pem:
    if "${PASSPHRASE_VARIABLE}" not in os.environ:
        sys.exit("Set ${PASSPHRASE_VARIABLE} to the backup's passphrase.")
    password = os.fsencode(os.environ["${PASSPHRASE_VARIABLE}"])  # the bytes as typed (UTF-8)
key = serialization.load_pem_private_key(pem, password=password)

# Kalshi signs timestamp (ms) + method + path with RSA-PSS, SHA-256, salt = digest length (32).
timestamp = str(int(time.time() * 1000))
signature = key.sign(
    (timestamp + "GET" + PATH).encode(),
    padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH),
    hashes.SHA256(),
)


class RefuseRedirects(urllib.request.HTTPRedirectHandler):
    # Following a redirect would send the signed headers wherever it points: report it instead.
    def redirect_request(self, *args):
        return None


request = urllib.request.Request(BASE_URL + PATH, headers={
    "KALSHI-ACCESS-KEY": KEY_ID,
    "KALSHI-ACCESS-TIMESTAMP": timestamp,
    "KALSHI-ACCESS-SIGNATURE": base64.b64encode(signature).decode(),
})
try:
    with urllib.request.build_opener(RefuseRedirects).open(request, timeout=30) as response:
        print(response.read().decode())
except urllib.error.HTTPError as error:
    sys.exit(f"{error.code} {error.read().decode()}")
`;

  const node = `${about('//', 'node kalshi-balance.js')}
// Needs Node 18+, nothing to install; runs saved as .js, .cjs or .mjs (no require, no top-level await).
const KEY_ID = ${id};
const KEY_FILE = ${file};
const BASE_URL = process.env.${BASE_URL_VARIABLE} || ${base};
const PATH = ${path};

(async () => {
  const { readFileSync } = await import('node:fs');
  const { constants, createPrivateKey, sign } = await import('node:crypto');
  const pem = readFileSync(KEY_FILE, 'utf8');
  const passphrase = process.env.${PASSPHRASE_VARIABLE};
  if (pem.includes('ENCRYPTED') && passphrase === undefined)
    throw new Error("Set ${PASSPHRASE_VARIABLE} to the backup's passphrase.");
  const key = createPrivateKey({ key: pem, passphrase });
  // Kalshi signs timestamp (ms) + method + path with RSA-PSS, SHA-256, salt = digest length (32).
  const timestamp = String(Date.now());
  const signature = sign('sha256', Buffer.from(timestamp + 'GET' + PATH), {
    key,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32,
  });
  const response = await fetch(BASE_URL + PATH, {
    // Following a redirect would send the signed headers wherever it points: report it instead.
    redirect: 'manual',
    headers: {
      'KALSHI-ACCESS-KEY': KEY_ID,
      'KALSHI-ACCESS-TIMESTAMP': timestamp,
      'KALSHI-ACCESS-SIGNATURE': signature.toString('base64'),
    },
  });
  const body = await response.text();
  if (response.ok) console.log(body);
  else throw new Error(\`\${response.status} \${body}\`);
})().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
`;
  return { python, node };
}
