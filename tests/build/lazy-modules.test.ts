// The page's lazy boundaries live in two modules, each with a `-single` twin that
// `vite build --mode single` swaps in (src/build/single-file.ts). A twin that lacked an export, or
// an `import()` written outside them, would break the single file or bloat it, so both are checked.
// @vitest-environment happy-dom
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as core from '../../src/core/lazy';
import * as coreSingle from '../../src/core/lazy-single';
import * as ui from '../../src/ui/shell/lazy';
import * as uiSingle from '../../src/ui/shell/lazy-single';

const root = join(import.meta.dirname, '..', '..');
const LAZY_MODULES = ['src/core/lazy.ts', 'src/ui/shell/lazy.ts'];

// Type-checked by `npm run typecheck`: each twin fits wherever the module it replaces is used.
const twins: [typeof core, typeof ui] = [coreSingle, uiSingle];

/** The lines of a source file that are code, not comments. */
const codeLines = (file: string) =>
  readFileSync(join(root, file), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line));

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [relative(root, path)] : [];
  });

describe('lazy modules', () => {
  it('each -single twin exports exactly the names of the module it replaces', () => {
    expect(Object.keys(twins[0]).sort()).toEqual(Object.keys(core).sort());
    expect(Object.keys(twins[1]).sort()).toEqual(Object.keys(ui).sort());
  });

  it('every import() of a module in src/ is in a lazy module', () => {
    const outside = sourceFiles(join(root, 'src'))
      .filter((file) => !LAZY_MODULES.includes(file))
      .filter((file) => codeLines(file).some((line) => /\bimport\(\s*['"`]\./.test(line)));
    expect(outside).toEqual([]);
  });
});
