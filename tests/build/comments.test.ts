// Comments cite what a reader of this repository can open (docs/, Kalshi's public docs, an RFC, a
// browser bug), never an issue number, a session, or a spec file outside the repository.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const grep = (pattern: string) => {
  try {
    return execFileSync('grep', ['-rnE', pattern, 'src', 'relay'], { cwd: root, encoding: 'utf8' })
      .trim()
      .split('\n');
  } catch {
    return []; // grep exits 1 when nothing matches
  }
};

describe('comments in src/ and relay/', () => {
  it('name no issue, no session and no spec outside the repository', () => {
    expect(grep('issue [0-9]+|session [0-9]|(^|[^-/])auth\\.md|lifecycle\\.md')).toEqual([]);
  });

  it('cite docs/kalshi-api.md, which exists', () => {
    expect(grep('docs/kalshi-api\\.md').length).toBeGreaterThan(10);
    expect(existsSync(join(root, 'docs', 'kalshi-api.md'))).toBe(true);
  });
});
