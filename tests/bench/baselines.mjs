// The native and pure-JS baselines of `npm run bench` (tests/bench/run.mjs): RSA-2048 keygen and
// Kalshi's RSA-PSS signing in node:crypto, node-forge in pure-JS mode, and `openssl speed`.
import { execFileSync } from 'node:child_process';
import {
  constants as cryptoConstants,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import forge from 'node-forge';
import { summary } from './stats.mjs';

const MESSAGE = Buffer.from('1703123456789GET/trade-api/v2/portfolio/balance');
/** node:crypto's options for Kalshi's RSA-PSS: SHA-256 (given to sign/verify), MGF1-SHA-256, salt 32. */
export const pssOptions = (key) => ({
  key,
  padding: cryptoConstants.RSA_PKCS1_PSS_PADDING,
  saltLength: 32,
});

export function nodeKeygen(runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
    times.push(performance.now() - t);
  }
  return summary(times);
}

export function nodeSigning(count) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const options = pssOptions(privateKey);
  for (let i = 0; i < 50; i++) nodeSign('sha256', MESSAGE, options);
  const t = performance.now();
  for (let i = 0; i < count; i++) nodeSign('sha256', MESSAGE, options);
  return { count, perSecond: (count * 1000) / (performance.now() - t) };
}

/** node-forge is slow (seconds per key), so it runs until `maxRuns` or `budgetMs`, at least `minRuns`. */
export function forgeBaselines({ minRuns = 3, maxRuns = 8, budgetMs = 30_000 } = {}) {
  forge.options.usePureJavaScript = true;
  const times = [];
  let keys;
  const deadline = performance.now() + budgetMs;
  while (times.length < maxRuns && (times.length < minRuns || performance.now() < deadline)) {
    const t = performance.now();
    keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
    times.push(performance.now() - t);
  }
  const pss = () =>
    forge.pss.create({
      md: forge.md.sha256.create(),
      mgf: forge.mgf.mgf1.create(forge.md.sha256.create()),
      saltLength: 32,
    });
  const signOnce = () => {
    const md = forge.md.sha256.create();
    md.update(MESSAGE.toString('binary'));
    return keys.privateKey.sign(md, pss());
  };
  // Verified by node:crypto, so the figure is for real RSA-PSS signatures.
  const publicKey = createPublicKey(forge.pki.publicKeyToPem(keys.publicKey));
  const valid = nodeVerify(
    'sha256',
    MESSAGE,
    pssOptions(publicKey),
    Buffer.from(signOnce(), 'binary'),
  );
  if (!valid) throw new Error('node-forge made a signature node:crypto rejects');
  let count = 0;
  const t = performance.now();
  while (count < 20 || (performance.now() - t < 5000 && count < 500)) {
    signOnce();
    count++;
  }
  return {
    keygen: summary(times),
    signing: { count, perSecond: (count * 1000) / (performance.now() - t) },
  };
}

export function opensslSpeed() {
  const version = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  const out = execFileSync('openssl', ['speed', '-seconds', '2', 'rsa2048'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  // "rsa 2048 bits 0.000244s 0.000007s   4098.4 137413.0": sign time, verify time, sign/s, verify/s
  const line = out.split('\n').find((l) => /^rsa\s+2048\s+bits/.test(l.trim()));
  const numbers = line?.trim().split(/\s+/).slice(3).map(parseFloat);
  if (!numbers || numbers.length < 4 || !Number.isFinite(numbers[2]))
    throw new Error(`cannot parse openssl speed output:\n${out}`);
  return { version, signPerSecond: numbers[2], verifyPerSecond: numbers[3] };
}
