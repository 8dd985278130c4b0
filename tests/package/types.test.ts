// TypeScript users: tsc --noEmit of a consumer file (consumer/consumer.ts) against the packed
// declarations, under the module resolutions projects use: a bundler's with the DOM library, and
// Node's (node16) with only @types/node, and with the DOM library too. skipLibCheck is off, so
// the package's own .d.ts files are checked as well.
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, installScratch } from './packed';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
let dir: string;

beforeAll(() => {
  dir = installScratch('types');
  copyFileSync(join(ROOT, 'tests', 'package', 'consumer', 'consumer.ts'), join(dir, 'consumer.ts'));
}, 60_000);

const CONFIGS = {
  'bundler, DOM': {
    module: 'ESNext',
    moduleResolution: 'bundler',
    lib: ['ES2022', 'DOM'],
    types: [],
  },
  'node16, @types/node only': {
    module: 'node16',
    moduleResolution: 'node16',
    lib: ['ES2022'],
    types: ['node'],
  },
  'node16, @types/node and DOM': {
    module: 'node16',
    moduleResolution: 'node16',
    lib: ['ES2022', 'DOM'],
    types: ['node'],
  },
};

describe('tsc --noEmit of a consumer against the packed types', () => {
  it.each(Object.entries(CONFIGS))('passes under %s', { timeout: 120_000 }, (name, options) => {
    const config = join(dir, `tsconfig.${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          ...options,
          strict: true,
          noEmit: true,
          target: 'ES2022',
          skipLibCheck: false,
          typeRoots: [join(ROOT, 'node_modules', '@types')],
        },
        files: ['consumer.ts'],
      }),
    );
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', config], { cwd: dir, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });
});
