// specs/COVERAGE.md is generated; these tests fail when it is stale (`userapi coverage --check`) and when
// the table loses an operation or a fixture of a spec.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PROFILE, SPECS } from '../../specs/apis.ts';
import { COVERAGE_PATH, coverageIsCurrent, renderCoverage, run } from '../../specs/coverage.ts';
import { loadSpecDocument } from '../../specs/load.ts';
import { loadFixtures } from '../../fixtures/index.ts';

describe('specs/COVERAGE.md', async () => {
  const rendered = await renderCoverage();

  it("is up to date (run 'node bin/userapi.ts coverage' after changing a spec, a fixture, a statement or a check)", () => {
    expect(readFileSync(COVERAGE_PATH, 'utf8')).toBe(rendered);
  });

  it('is deterministic', async () => {
    expect(await renderCoverage()).toBe(rendered);
  });

  it.each(SPECS.map((spec) => [spec.name, spec] as const))('names every operation, fixture and quirk of %s', (name, { api, profile }) => {
    const section = rendered.slice(rendered.indexOf(`## ${name}:`)).split(/\n## /)[0] ?? '';
    const document = loadSpecDocument(api, profile) as unknown as { paths: Record<string, Record<string, { operationId?: string }>>; 'x-doc-quirks'?: Array<{ id: string }> };
    const operationIds = Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => operation?.operationId).filter(Boolean));
    expect(operationIds.length).toBeGreaterThan(0);
    for (const operationId of operationIds) expect(section).toContain(`\`${operationId}\``);
    if (profile === DEFAULT_PROFILE) for (const fixture of loadFixtures(api)) expect(section).toContain(`\`${fixture.id}\``);
    for (const quirk of document['x-doc-quirks'] ?? []) expect(section).toContain(`\`${quirk.id}\``);
  });

  it('the --check logic tells a stale or missing file from a current one', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'userapi-coverage-'));
    try {
      const file = join(directory, 'COVERAGE.md');
      expect(await coverageIsCurrent(file)).toBe(false);
      writeFileSync(file, rendered.replace('| `', '| `stale-'));
      expect(await coverageIsCurrent(file)).toBe(false);
      writeFileSync(file, rendered);
      expect(await coverageIsCurrent(file)).toBe(true);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('userapi coverage rejects an unknown option with exit code 2', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['--no-such-option'])).toBe(2);
    vi.restoreAllMocks();
  });
});
