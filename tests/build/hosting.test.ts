// What a host needs beside the page: public/_headers (Netlify, Cloudflare Pages) with every header
// the README's "Hosting it" lists, the GitHub Pages workflow, and the relay users download from the
// hosted page with its published SHA-256. Reads dist/, which `npm test` builds first.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');

function built(file: string): string {
  const path = join(dist, file);
  if (!existsSync(path)) throw new Error(`dist/${file} is missing: run \`npm run build\` first.`);
  return readFileSync(path, 'utf8');
}

/** The header lines of the README's "Hosting it" code block. */
function readmeHeaders(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Hosting it'));
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter((line) => /^[\w-]+: /.test(line));
}

describe('hosting', () => {
  it('dist/_headers sets, for every path, each header the README lists', () => {
    const listed = readmeHeaders();
    expect(listed.length).toBeGreaterThanOrEqual(6);
    const file = built('_headers');
    expect(file).toMatch(/^\/\*$/m);
    const lines = file.split('\n').map((line) => line.trim());
    for (const header of listed) expect(lines, header).toContain(header);
  });

  it('the GitHub Pages workflow parses as YAML, runs npm ci and npm run build, and deploys dist/', () => {
    const workflow = parse(
      readFileSync(join(root, '.github', 'workflows', 'pages.yml'), 'utf8'),
    ) as {
      jobs: Record<
        string,
        { steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }
      >;
    };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const runs = steps.map((step) => step.run).filter(Boolean);
    expect(runs).toEqual(expect.arrayContaining(['npm ci', 'npm run build']));
    expect(runs.indexOf('npm ci')).toBeLessThan(runs.indexOf('npm run build'));
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with?.path).toBe('dist');
    expect(steps.some((step) => step.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
    // Permissions per job and pinned actions: tests/build/workflow.test.ts.
  });

  it('dist/ carries kalshi-relay.mjs byte for byte, and the page publishes its SHA-256', () => {
    const source = readFileSync(join(root, 'relay', 'kalshi-relay.mjs'));
    const copy = readFileSync(join(dist, 'kalshi-relay.mjs'));
    expect(copy.equals(source)).toBe(true);
    const digest = createHash('sha256').update(source).digest('hex');
    const scripts = readdirSync(join(dist, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dist, 'assets', f), 'utf8'));
    expect(scripts.some((code) => code.includes(digest))).toBe(true);
    // The service worker precaches it, so the download works offline too.
    expect(built('sw.js')).toContain('"./kalshi-relay.mjs"');
  });
});
