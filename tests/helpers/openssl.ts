// Shared test helpers: keys and checks made by independent implementations (the openssl CLI and
// node:crypto), never by src/core, so a test can't agree with itself.
import { execFileSync } from 'node:child_process';
import { constants, verify as nodeVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeRsaKey } from './keys';

/** A temporary directory; call `cleanup()` in afterAll. */
export interface TempDir {
  path: string;
  /** Absolute path of `name` inside the directory. */
  file(name: string): string;
  write(name: string, content: string | Uint8Array): string;
  read(name: string): string;
  cleanup(): void;
}

export function makeTempDir(prefix = 'kalshi-keys-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  const file = (name: string) => join(path, name);
  return {
    path,
    file,
    write(name, content) {
      writeFileSync(file(name), content);
      return file(name);
    },
    read: (name) => readFileSync(file(name), 'utf8'),
    cleanup: () => rmSync(path, { recursive: true, force: true }),
  };
}

/**
 * Runs `openssl` with `args` and returns stdout as text. Throws with openssl's stderr on failure.
 * `input` goes to stdin.
 */
export function openssl(args: string[], input?: string | Uint8Array): string {
  return opensslBytes(args, input).toString('utf8');
}

/** Like `openssl`, returning stdout as bytes (for DER output). */
export function opensslBytes(args: string[], input?: string | Uint8Array): Buffer {
  try {
    return execFileSync('openssl', args, {
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl ${args.join(' ')} failed: ${stderr}`, { cause: error });
  }
}

/** Like `openssl`, but reports success instead of throwing (for -verify commands). */
export function opensslSucceeds(args: string[], input?: string | Uint8Array): boolean {
  try {
    opensslBytes(args, input);
    return true;
  } catch {
    return false;
  }
}

/** The kinds of key the tests need, each made by openssl or node:crypto. */
export type KeyKind =
  | 'rsa-pkcs8' // openssl genpkey -algorithm RSA: -----BEGIN PRIVATE KEY-----
  | 'rsa-pkcs1' // openssl genrsa -traditional: -----BEGIN RSA PRIVATE KEY----- (Kalshi's download)
  | 'rsa-pss-pkcs8' // openssl genpkey -algorithm RSA-PSS: PKCS#8 with the RSASSA-PSS OID
  | 'node-pkcs8' // node:crypto generateKeyPairSync('rsa'), PKCS#8
  | 'node-pkcs1' // node:crypto generateKeyPairSync('rsa'), PKCS#1
  | 'ec-sec1' // openssl ecparam -genkey: EC PARAMETERS + EC PRIVATE KEY
  | 'ec-pkcs8' // openssl genpkey -algorithm EC: PKCS#8 with id-ecPublicKey
  | 'ed25519' // openssl genpkey -algorithm ED25519
  | 'x25519' // openssl genpkey -algorithm X25519
  | 'dsa-pkcs8' // openssl genpkey from DSA parameters
  | 'dsa-traditional' // openssl dsa: -----BEGIN DSA PRIVATE KEY-----
  | 'rsa-encrypted-pkcs8' // openssl pkcs8 -topk8 -v2 aes-256-cbc: ENCRYPTED PRIVATE KEY
  | 'rsa-encrypted-pkcs1' // openssl rsa -aes256 -traditional: Proc-Type: 4,ENCRYPTED
  | 'rsa-openssh'; // ssh-keygen -t rsa: -----BEGIN OPENSSH PRIVATE KEY-----

/** Passphrase of the encrypted keys `makeKey` writes. */
export const TEST_PASSPHRASE = 'correct horse battery staple';

/**
 * Makes a private key PEM of `kind` in `dir` and returns its text and path.
 * `bits` applies to the RSA kinds (default 2048).
 */
export function makeKey(dir: TempDir, kind: KeyKind, bits = 2048): { pem: string; path: string } {
  const path = dir.file(`${kind}-${bits}-${Math.random().toString(36).slice(2)}.pem`);
  const pass = `pass:${TEST_PASSPHRASE}`;
  switch (kind) {
    case 'rsa-pkcs8':
      openssl([
        'genpkey',
        '-algorithm',
        'RSA',
        '-pkeyopt',
        `rsa_keygen_bits:${bits}`,
        '-out',
        path,
      ]);
      break;
    case 'rsa-pkcs1':
      openssl(['genrsa', '-traditional', '-out', path, String(bits)]);
      break;
    case 'rsa-pss-pkcs8':
      openssl([
        'genpkey',
        '-algorithm',
        'RSA-PSS',
        '-pkeyopt',
        `rsa_keygen_bits:${bits}`,
        '-out',
        path,
      ]);
      break;
    case 'node-pkcs8':
    case 'node-pkcs1': {
      const key = nodeRsaKey(bits);
      writeFileSync(path, kind === 'node-pkcs8' ? key.pkcs8Pem : key.pkcs1Pem);
      break;
    }
    case 'ec-sec1':
      openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-out', path]);
      break;
    case 'ec-pkcs8':
      openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path]);
      break;
    case 'ed25519':
      openssl(['genpkey', '-algorithm', 'ED25519', '-out', path]);
      break;
    case 'x25519':
      openssl(['genpkey', '-algorithm', 'X25519', '-out', path]);
      break;
    case 'dsa-pkcs8':
    case 'dsa-traditional': {
      const params = `${path}.params`;
      openssl([
        'genpkey',
        '-genparam',
        '-algorithm',
        'DSA',
        '-pkeyopt',
        'dsa_paramgen_bits:1024',
        '-out',
        params,
      ]);
      openssl(['genpkey', '-paramfile', params, '-out', path]);
      // openssl dsa writes the traditional DSA PRIVATE KEY form by default.
      if (kind === 'dsa-traditional') openssl(['dsa', '-in', path, '-out', path]);
      break;
    }
    case 'rsa-encrypted-pkcs8': {
      const plain = makeKey(dir, 'rsa-pkcs8', bits).path;
      openssl([
        'pkcs8',
        '-topk8',
        '-v2',
        'aes-256-cbc',
        '-in',
        plain,
        '-passout',
        pass,
        '-out',
        path,
      ]);
      break;
    }
    case 'rsa-encrypted-pkcs1': {
      const plain = makeKey(dir, 'rsa-pkcs1', bits).path;
      openssl(['rsa', '-in', plain, '-aes256', '-traditional', '-passout', pass, '-out', path]);
      break;
    }
    case 'rsa-openssh':
      execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', String(bits), '-N', '', '-f', path]);
      break;
  }
  return { pem: readFileSync(path, 'utf8'), path };
}

/** `openssl pkey -pubout` for a private key file: the SPKI PEM users compare against. */
export function opensslPublicPem(privateKeyPath: string): string {
  return openssl(['pkey', '-in', privateKeyPath, '-pubout']);
}

/** A self-signed certificate (`openssl req -x509`) and its key, both PEM. */
export function makeCertificate(dir: TempDir): { certPem: string; keyPem: string } {
  const key = dir.file('cert-key.pem');
  const cert = dir.file('cert.pem');
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=kalshi-keys test',
  ]);
  return { certPem: readFileSync(cert, 'utf8'), keyPem: readFileSync(key, 'utf8') };
}

/** Kalshi's verification, done by node:crypto: RSA-PSS, SHA-256, MGF1-SHA-256, salt 32. */
export function nodeVerifyPss(
  publicKeyPem: string,
  message: string,
  signatureBase64: string,
): boolean {
  return nodeVerify(
    'sha256',
    Buffer.from(message, 'utf8'),
    { key: publicKeyPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
    Buffer.from(signatureBase64, 'base64'),
  );
}

/** Kalshi's RSA-PSS parameters for `openssl dgst`: SHA-256, MGF1-SHA-256, 32-byte salt. */
const PSS_SIGOPTS = [
  '-sigopt',
  'rsa_padding_mode:pss',
  '-sigopt',
  'rsa_pss_saltlen:32',
  '-sigopt',
  'rsa_mgf1_md:sha256',
];

/** The same check done by the openssl CLI (`openssl pkeyutl -verify` over the SHA-256 digest). */
export function opensslVerifyPss(
  dir: TempDir,
  publicKeyPem: string,
  message: string,
  signatureBase64: string,
): boolean {
  const id = Math.random().toString(36).slice(2);
  const pub = dir.write(`verify-${id}.pub.pem`, publicKeyPem);
  const msg = dir.write(`verify-${id}.msg`, message);
  const sig = dir.write(`verify-${id}.sig`, Buffer.from(signatureBase64, 'base64'));
  return opensslSucceeds([
    'dgst',
    '-sha256',
    '-verify',
    pub,
    ...PSS_SIGOPTS,
    '-signature',
    sig,
    msg,
  ]);
}

/** An RSA-PSS signature made by openssl (salt 32), base64: a signature "made elsewhere". */
export function opensslSignPss(dir: TempDir, privateKeyPath: string, message: string): string {
  const msg = dir.write(`sign-${Math.random().toString(36).slice(2)}.msg`, message);
  return opensslBytes(['dgst', '-sha256', '-sign', privateKeyPath, ...PSS_SIGOPTS, msg]).toString(
    'base64',
  );
}
