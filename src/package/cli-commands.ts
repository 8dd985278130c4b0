// The four subcommands of `kalshi-keys`. Each returns its exit code: 0 done (or valid), 1 the
// answer is no (a rejected signature, a key Kalshi cannot use), 2 bad input (thrown, one line).
import { writeFileSync } from 'node:fs';
import {
  HTTP_METHODS,
  KeyFormatError,
  buildKalshiRequest,
  diagnoseSignature,
  diagnosisVerdict,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateKeyPair,
  importPrivateKeyPem,
  importPublicKeyPem,
  kalshiEnvironment,
  publicKeyFingerprint,
  renderCurl,
  resolveRequestTarget,
  signRequest,
  type HttpMethod,
  type KalshiEnvironmentId,
} from '../core/index';
import { isEncrypted, readKeyFile, readPassphrase, usage } from './cli-io';

type Values = Record<string, string | boolean | undefined>;
const print = (text: string) => process.stdout.write(`${text}\n`);
const note = (text: string) => process.stderr.write(`${text}\n`);

function required(values: Values, name: string, what: string): string {
  const value = values[name];
  return typeof value === 'string' && value.trim()
    ? value
    : usage(`--${name} is missing: ${what}.`);
}

/** The private key pair of a key file, asking for the passphrase when it is encrypted. */
async function loadPair(file: string, passphraseEnv: string | undefined) {
  const { text } = readKeyFile(file);
  const passphrase = isEncrypted(text)
    ? await readPassphrase(passphraseEnv, `Passphrase for ${file}: `)
    : undefined;
  return importPrivateKeyPem(text, { passphrase });
}

function environmentOf(values: Values): KalshiEnvironmentId {
  const env = values.env ?? 'demo';
  return env === 'demo' || env === 'production'
    ? env
    : usage(`--env ${String(env)} is not an environment: use demo or production.`);
}

/** `sign METHOD PATH`: the three headers, or a curl command that sends the request. */
export async function sign(values: Values, positionals: string[]): Promise<number> {
  const [rawMethod, path, extra] = positionals;
  if (!rawMethod || !path || extra !== undefined) {
    usage('sign takes a METHOD and a PATH: kalshi-keys sign GET /trade-api/v2/portfolio/balance');
  }
  const method = rawMethod.toUpperCase() as HttpMethod;
  if (!HTTP_METHODS.includes(method)) usage(`${rawMethod} is not GET, POST, PUT or DELETE.`);
  const keyFile = required(values, 'key', 'give the private key file (--key kalshi.key)');
  const keyId = required(values, 'key-id', 'give the key ID Kalshi showed for this key');
  const host = kalshiEnvironment(environmentOf(values)).hosts[0]!;
  const target = resolveRequestTarget(path, host);
  let url = target.url;
  if (typeof values['base-url'] === 'string') {
    const base = values['base-url'].replace(/\/+$/, '');
    if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(base)) {
      usage(`--base-url ${base} is not an http(s) URL such as http://127.0.0.1:8787.`);
    }
    url = base + target.path + target.query;
  }
  for (const warning of target.warnings) note(`Note: ${warning}`);
  const { privateKey } = await loadPair(keyFile, values['passphrase-env'] as string | undefined);
  const headers = await signRequest(privateKey, { keyId, method, path: target.path });
  if (values.curl) {
    const body = typeof values.data === 'string' ? values.data : undefined;
    print(renderCurl(buildKalshiRequest({ method, url, authHeaders: { ...headers }, body })));
  } else {
    for (const [name, value] of Object.entries(headers)) print(`${name}: ${value}`);
  }
  note('Send it at once: Kalshi rejects a timestamp more than a few seconds old.');
  return 0;
}

/** `check`: the doctor's verdict on a signature a bot sent. */
export async function check(values: Values): Promise<number> {
  const keyFile = values.key as string | undefined;
  const publicFile = values['public-key'] as string | undefined;
  if (!keyFile === !publicFile) {
    usage('Give one key: --public-key FILE (the one registered with Kalshi) or --key FILE.');
  }
  const input = {
    timestamp: required(values, 'timestamp', 'give the KALSHI-ACCESS-TIMESTAMP the bot sent'),
    signature: required(values, 'signature', 'give the KALSHI-ACCESS-SIGNATURE the bot sent'),
    method: required(values, 'method', 'give the HTTP method the bot used'),
    path: required(values, 'path', 'give the path or URL the bot requested'),
    body: typeof values.body === 'string' ? values.body : undefined,
  };
  const publicKeyPem = keyFile
    ? await exportPublicKeyPem(
        (await loadPair(keyFile, values['passphrase-env'] as string | undefined)).publicKey,
      )
    : readKeyFile(publicFile!).text;
  const diagnosis = await diagnoseSignature({ publicKeyPem, ...input });
  const verdict = diagnosisVerdict(diagnosis);
  print(verdict.sentence);
  if (!verdict.accepted) print(diagnosis.message);
  if (verdict.difference) print(verdict.difference);
  print(`Kalshi verifies:      ${diagnosis.expectedMessage}`);
  if (
    diagnosis.signedMessage !== undefined &&
    diagnosis.signedMessage !== diagnosis.expectedMessage
  ) {
    print(`The signature covers: ${diagnosis.signedMessage}`);
  }
  if (verdict.fix) print(`Fix (Node): ${verdict.fix.node}\nFix (Python): ${verdict.fix.python}`);
  return verdict.accepted ? 0 : 1;
}

/** `keygen --out FILE`: a new RSA-2048 key, written once; prints the public key for Kalshi. */
export async function keygen(values: Values): Promise<number> {
  const out = required(values, 'out', 'give the file to write the private key to');
  const asked = values['passphrase-env'] !== undefined || values['ask-passphrase'] === true;
  let passphrase: string | undefined;
  if (asked) {
    passphrase = await readPassphrase(
      values['passphrase-env'] as string | undefined,
      'Passphrase: ',
    );
    if (passphrase.length < 12)
      usage('The passphrase is shorter than 12 characters: choose a longer one.');
    if (values['passphrase-env'] === undefined) {
      const again = await readPassphrase(undefined, 'The same passphrase again: ');
      if (again !== passphrase) usage('The two passphrases differ: run keygen again.');
    }
  }
  const pair = await generateKeyPair({ extractable: true });
  const pem = await exportPrivateKeyPem(pair.privateKey, 'pkcs8', { passphrase });
  try {
    // Owner-only, and never over an existing key: losing one is worse than a failed run.
    writeFileSync(out, pem, { mode: 0o600, flag: values.force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    usage(
      code === 'EEXIST'
        ? `${out} exists: choose another file, or pass --force to replace it.`
        : `Cannot write ${out}: ${(error as Error).message}`,
    );
  }
  note(
    `Wrote ${out} (${passphrase === undefined ? 'PKCS#8, not encrypted: keep it private' : 'encrypted PKCS#8'}). Paste this public key into "RSA public key" on Kalshi's API keys page:`,
  );
  print((await exportPublicKeyPem(pair.publicKey)).trimEnd());
  return 0;
}

const FORMATS: Record<string, string> = {
  'RSA PRIVATE KEY': 'PKCS#1 RSA private key, as Kalshi downloads it',
  'PRIVATE KEY': 'PKCS#8 private key',
  'ENCRYPTED PRIVATE KEY': 'PKCS#8 private key, encrypted with a passphrase',
  'PUBLIC KEY': 'SPKI public key, as Kalshi takes it',
  'RSA PUBLIC KEY': 'PKCS#1 RSA public key',
};

const UNUSABLE = ['ec-key', 'ed25519-key', 'dsa-key', 'unsupported-key-type', 'key-too-small'];

/** `inspect FILE`: format, size, fingerprint, and whether Kalshi can use the key. */
export async function inspect(values: Values, positionals: string[]): Promise<number> {
  const [file, extra] = positionals;
  if (!file || extra !== undefined) usage('inspect takes one FILE: kalshi-keys inspect kalshi.key');
  const { text, der } = readKeyFile(file);
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1] ?? '';
  const lines = [
    `File:        ${file}`,
    `Format:      ${FORMATS[label] || label} (${der ? 'DER' : 'PEM'})`,
  ];
  let publicKey: CryptoKey;
  try {
    publicKey = /PUBLIC KEY$/.test(label)
      ? await importPublicKeyPem(text)
      : (await loadPair(file, values['passphrase-env'] as string | undefined)).publicKey;
  } catch (error) {
    // A key, but not one Kalshi takes: the answer is no (exit 1). Anything else is bad input.
    if (!(error instanceof KeyFormatError && UNUSABLE.includes(error.code))) throw error;
    print([...lines, `Kalshi:      cannot use it. ${error.message}`].join('\n'));
    return 1;
  }
  const bits = (publicKey.algorithm as RsaHashedKeyAlgorithm).modulusLength;
  lines.push(
    `Size:        RSA ${bits} bits`,
    `Fingerprint: ${await publicKeyFingerprint(publicKey)}`,
    /PUBLIC KEY$/.test(label)
      ? 'Kalshi:      can use it: paste it into "RSA public key" on Kalshi\'s API keys page.'
      : 'Kalshi:      can use it: it signs with RSA-PSS and SHA-256, as Kalshi checks.',
  );
  print(lines.join('\n'));
  return 0;
}
