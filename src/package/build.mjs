#!/usr/bin/env node
// `npm run build:package`: the npm package kalshi-keys in dist-package/, ready for `npm pack` or
// `npm publish dist-package`. tsc compiles the entry points of src/package and the core they import
// (JavaScript without comments, declarations with them, source maps with the sources); relative imports get their `.js`, which Node, Deno and
// browsers need and the sources leave out; then the folder gets its own package.json and README.
// The repository's root package.json stays private: it is the page, not the package.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
export const PACKAGE_DIR = join(root, 'dist-package');

/** The entry points besides the main one: subpath → source file name in src/package. */
const SUBPATHS = { './doctor': 'doctor', './lifecycle': 'lifecycle' };

/** Adds `.js` to relative specifiers without an extension (`from './x'`, `import('./x')`). */
export function withJsExtensions(code) {
  return code.replace(
    /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"]*?)\2/g,
    (match, lead, quote, specifier) =>
      /\.(m?js|json)$/.test(specifier) ? match : `${lead}${quote}${specifier}.js${quote}`,
  );
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const entry = (name) => ({ types: `./package/${name}.d.ts`, default: `./package/${name}.js` });

function packageJson() {
  const app = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return {
    name: 'kalshi-keys',
    version: app.version,
    description:
      'Sign Kalshi API requests with WebCrypto in Node, Deno, Bun, Workers and browsers: load any Kalshi key format, a signing fetch, a signature doctor, and the kalshi-keys command.',
    keywords: ['kalshi', 'rsa-pss', 'webcrypto', 'api-key', 'signature', 'trading'],
    type: 'module',
    exports: {
      '.': entry('index'),
      ...Object.fromEntries(Object.entries(SUBPATHS).map(([path, name]) => [path, entry(name)])),
      './package.json': './package.json',
    },
    types: './package/index.d.ts',
    bin: { 'kalshi-keys': 'package/cli.js' },
    files: ['core', 'package', 'README.md'],
    sideEffects: false,
    engines: { node: '>=20' },
  };
}

export function buildPackage() {
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const compile = (...flags) =>
    execFileSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.json'), ...flags], {
      stdio: 'inherit',
    });
  // Comments stay in the declarations (the TSDoc editors show) and in the source maps' sources,
  // not in the JavaScript: the tarball stays under its budget.
  compile('--removeComments', '--declaration', 'false');
  compile('--emitDeclarationOnly');
  for (const file of filesUnder(PACKAGE_DIR)) {
    if (!/\.(js|d\.ts)$/.test(file)) continue;
    writeFileSync(file, withJsExtensions(readFileSync(file, 'utf8')));
  }
  // The entry points' declarations bring WebCrypto's key types to projects without the DOM lib;
  // KeyType is the one type alias of the DOM the core's declarations name (an alias cannot merge).
  copyFileSync(join(here, 'web-crypto.d.ts'), join(PACKAGE_DIR, 'package', 'web-crypto.d.ts'));
  for (const file of filesUnder(PACKAGE_DIR).filter((f) => f.endsWith('.d.ts'))) {
    const entryPoint = /package\/(index|doctor|lifecycle)\.d\.ts$/.test(file);
    const text = readFileSync(file, 'utf8').replace(/\bKeyType\b/g, "CryptoKey['type']");
    writeFileSync(file, entryPoint ? `/// <reference path="./web-crypto.d.ts" />\n${text}` : text);
  }
  chmodSync(join(PACKAGE_DIR, 'package', 'cli.js'), 0o755);
  writeFileSync(join(PACKAGE_DIR, 'package.json'), `${JSON.stringify(packageJson(), null, 2)}\n`);
  writeFileSync(join(PACKAGE_DIR, 'README.md'), readFileSync(join(root, 'docs', 'package.md')));
  return PACKAGE_DIR;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`kalshi-keys package built in ${buildPackage()}`);
}
