// The GitHub Pages workflow, parsed: the job that runs npm ci and the build (third-party code) can
// only read; only the deploy job may write Pages; every action is pinned to a full commit SHA with
// its tag beside it; the hashes of the two downloads are published outside the site.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const text = readFileSync(join(root, '.github', 'workflows', 'pages.yml'), 'utf8');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(text) as { permissions?: Record<string, string>; jobs: Record<string, Job> };
const jobs = workflow.jobs;
const steps = Object.values(jobs).flatMap((job) => job.steps);

describe('.github/workflows/pages.yml', () => {
  it('grants nothing to the whole workflow: each job states its own permissions', () => {
    expect(workflow.permissions).toEqual({});
    for (const [name, job] of Object.entries(jobs))
      expect(job.permissions, `job ${name} has no permissions block`).toBeDefined();
  });

  it('the build job (npm ci, npm run build) can only read the repository', () => {
    const build = Object.entries(jobs).find(([, job]) =>
      job.steps.some((step) => step.run === 'npm run build'),
    );
    expect(build?.[0]).toBe('build');
    expect(build?.[1].permissions).toEqual({ contents: 'read' });
  });

  it('pages: write and id-token: write belong to the deploy job only, which runs no repository code', () => {
    const writers = Object.entries(jobs)
      .filter(([, job]) => job.permissions?.pages || job.permissions?.['id-token'])
      .map(([name]) => name);
    expect(writers).toEqual(['deploy']);
    expect(jobs.deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(jobs.deploy!.steps.map((step) => step.uses?.split('@')[0])).toEqual([
      'actions/deploy-pages',
    ]);
    expect(jobs.deploy!.steps.some((step) => step.run)).toBe(false);
  });

  it('every action is pinned to a full 40-hex commit SHA, with the tag in a comment on its line', () => {
    const uses = steps.filter((step) => step.uses).map((step) => step.uses!);
    expect(uses.length).toBeGreaterThanOrEqual(4);
    for (const use of uses) expect(use).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    const lines = text.split('\n').filter((line) => /^\s*(-\s+)?uses:/.test(line));
    expect(lines).toHaveLength(uses.length);
    for (const line of lines) expect(line).toMatch(/@[0-9a-f]{40} # v\d+(\.\d+)*$/);
  });

  it("publishes the single file's and the relay's SHA-256 in the run's summary and in a release's notes", () => {
    const hashes = jobs.build!.steps.find((step) => step.id === 'hashes');
    expect(hashes?.run).toContain('sha256sum dist/kalshi-keys.html');
    expect(hashes?.run).toContain('sha256sum dist/kalshi-relay.mjs');
    expect(hashes?.run).toContain('"$GITHUB_STEP_SUMMARY"');
    // Taken before the upload, from the very files uploaded.
    const names = jobs.build!.steps.map((step) => step.id ?? step.uses ?? step.run);
    expect(names.indexOf('hashes')).toBeLessThan(
      names.findIndex((n) => n?.startsWith('actions/upload-pages-artifact@')),
    );

    const release = jobs.release!;
    expect(release.permissions).toEqual({ contents: 'write' });
    expect(release.needs).toEqual(['build', 'deploy']);
    const publish = release.steps.find((step) => step.run?.includes('gh release create'));
    expect(publish?.env).toMatchObject({
      SINGLE_FILE_SHA256: '${{ needs.build.outputs.single-file-sha256 }}',
      RELAY_SHA256: '${{ needs.build.outputs.relay-sha256 }}',
    });
    expect(publish?.run).toMatch(/--notes "\$notes"/);
    expect(publish?.run).toContain('kalshi-keys.html  $SINGLE_FILE_SHA256');
    expect(publish?.run).toContain('kalshi-relay.mjs  $RELAY_SHA256');
  });

  it('says at the top that the page needs an origin of its own, and why', () => {
    const header = text.slice(0, text.indexOf('\nname:'));
    expect(header).toContain('kalshi-keys needs an origin of its own');
    expect(header).toMatch(/shares its origin\s+#\s+with every other Pages site of the account/);
  });
});
