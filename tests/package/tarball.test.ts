// What `npm publish` of the package would upload: only the built entry points, the core they
// import, the package.json and the README; the repository's own package.json stays private.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR, ROOT, packedTarball } from './packed';

interface DryRun {
  files: { path: string }[];
}

describe('the kalshi-keys tarball', () => {
  it('npm publish --dry-run lists only the package files, with no correction to its package.json', () => {
    const tarball = packedTarball(); // fails first when dist-package is stale
    expect(statSync(tarball).size).toBeLessThan(150 * 1024);
    const result = JSON.parse(
      execFileSync('npm', ['publish', PACKAGE_DIR, '--dry-run', '--json'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    ) as Record<string, DryRun>;
    const paths = result['kalshi-keys']!.files.map((f) => f.path).sort();
    for (const path of paths) {
      expect(path).toMatch(
        /^(README\.md|package\.json|(core|package)\/[a-z0-9-]+\.(js|js\.map|d\.ts))$/,
      );
    }
    for (const entry of ['index', 'doctor', 'lifecycle']) {
      expect(paths).toContain(`package/${entry}.js`);
      expect(paths).toContain(`package/${entry}.d.ts`);
      expect(paths).toContain(`package/${entry}.js.map`);
    }
    expect(paths).toContain('package/cli.js');
    // Nothing of the page: no UI, no storage, no tests, no sources.
    expect(paths.filter((p) => /ui|storage|\.tsx?$|test/.test(p.replace(/\.d\.ts$/, '')))).toEqual(
      [],
    );
    const { stderr } = spawnSync('npm', ['publish', PACKAGE_DIR, '--dry-run'], {
      encoding: 'utf8',
    });
    expect(stderr).toMatch(/total files/);
    expect(stderr).not.toMatch(/auto-corrected/);
  });

  it('has the fields a bot needs: ESM exports with types, the bin, no side effects, Node >= 20', () => {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: 'kalshi-keys',
      type: 'module',
      sideEffects: false,
      engines: { node: '>=20' },
      bin: { 'kalshi-keys': 'package/cli.js' },
      exports: {
        '.': { types: './package/index.d.ts', default: './package/index.js' },
        './doctor': { types: './package/doctor.d.ts', default: './package/doctor.js' },
        './lifecycle': { types: './package/lifecycle.d.ts', default: './package/lifecycle.js' },
      },
    });
    expect(pkg.dependencies).toBeUndefined();
    expect(readFileSync(join(PACKAGE_DIR, 'package', 'cli.js'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
    // The page is not published.
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).private).toBe(true);
  });

  it('has a README that renders on its own: docs/package.md, with no link into the repository', () => {
    const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
    expect(readme).toBe(readFileSync(join(ROOT, 'docs', 'package.md'), 'utf8'));
    expect(readme).toMatch(/^# kalshi-keys\n/);
    expect(readme).toMatch(/npm install kalshi-keys/);
    const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.filter((href) => !/^(https:\/\/|#)/.test(href))).toEqual([]);
  });
});
