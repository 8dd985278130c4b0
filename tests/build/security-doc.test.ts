// docs/security.md names, for each threat, the test that proves what stops it: each named file must
// exist and hold the named test, so the threat model cannot point at a test that was renamed away.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const doc = readFileSync(join(root, 'docs', 'security.md'), 'utf8');

/** The table's rows: number, threat, and the "Proved by" cell. */
const rows = doc
  .split('\n')
  .filter((line) => /^\| \d+ \|/.test(line))
  .map((line) => {
    const cells = line.split(' | ');
    return { row: cells[0]!.replace('|', '').trim(), proof: cells.at(-1)!.replace(/\|\s*$/, '') };
  });

/**
 * The `tests/x.spec.ts` › `name` references of a cell (the name is optional), item by item (items
 * are separated by ";"); an item that starts with "pending:" names a test still to be written.
 */
const references = (cell: string) =>
  cell.split(';').flatMap((item) =>
    [...item.matchAll(/`(tests\/[^`]+)`(?:\s*›\s*`([^`]+)`)?/g)].map((m) => ({
      file: m[1]!,
      name: m[2],
      pending: item.trim().startsWith('pending:'),
    })),
  );

describe('docs/security.md', () => {
  it('has a row for each of the fifteen threats, numbered in order', () => {
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
  });

  it.each(rows.map((r) => [r.row, r.proof] as const))(
    'row %s names at least one test that exists, or says what is pending',
    (_row, proof) => {
      const refs = references(proof);
      expect(refs.some((r) => !r.pending) || /^pending: /.test(proof)).toBe(true);
      for (const { file, name, pending } of refs) {
        // A pending test is one still to be written: its file may not hold it yet.
        if (pending) continue;
        const path = join(root, file);
        expect(existsSync(path), `${file} does not exist`).toBe(true);
        if (name)
          expect(readFileSync(path, 'utf8'), `${file} has no test "${name}"`).toContain(name);
      }
    },
  );
});
