// The packed kalshi-keys, as a user gets it: `npm pack` of dist-package (built by
// `npm run build:package`, which `npm test` runs first), installed into scratch folders from the
// tarball alone. Keys for the checks come from node:crypto, never from the package.
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PACKAGE_DIR = join(ROOT, 'dist-package');
export const FIXTURE = join(ROOT, 'tests', 'package', 'fixture');

const newest = (dir: string): number =>
  Math.max(
    ...readdirSync(dir, { recursive: true, encoding: 'utf8' }).map(
      (name) => statSync(join(dir, name)).mtimeMs,
    ),
  );

/** Fails, never skips, when the package is missing or older than its sources. */
function assertBuilt(): void {
  const built = join(PACKAGE_DIR, 'package.json');
  const sources = Math.max(
    newest(join(ROOT, 'src', 'core')),
    newest(join(ROOT, 'src', 'package')),
    statSync(join(ROOT, 'docs', 'package.md')).mtimeMs,
  );
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    throw new Error(
      'dist-package is missing or older than src/: run `npm run build:package` first.',
    );
  }
}

let tarball: string | undefined;

/** `npm pack` of the built package, once per test file: the path of the .tgz. */
export function packedTarball(): string {
  if (tarball) return tarball;
  assertBuilt();
  const out = mkdtempSync(join(tmpdir(), 'kalshi-keys-pack-'));
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', PACKAGE_DIR, '--json', '--pack-destination', out], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ) as { filename: string }[];
  tarball = join(out, filename);
  return tarball;
}

/** A scratch folder holding the fixture scripts and kalshi-keys installed from the tarball. */
export function installScratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `kalshi-keys-${prefix}-`));
  cpSync(FIXTURE, dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-package-lock', packedTarball()],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return dir;
}

/** Keys made by node:crypto: a PKCS#1 PEM (Kalshi's download) and an encrypted PKCS#8 one. */
export function makeKeys() {
  const a = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const b = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const passphrase = `pass-${randomUUID()}`;
  return {
    pkcs1Pem: a.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    publicKeyPem: a.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    publicKey: a.publicKey,
    encryptedPem: b.privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase,
    }) as string,
    passphrase,
    encryptedPublicKeyPem: b.publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}

/** Runs a command to its end: exit code, stdout and stderr (never throws on a non-zero exit). */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
