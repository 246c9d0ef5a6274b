// Proof that `userapi certify --api tyk --profile tyk-5.8` judges Tyk Dashboard 5.8 by the facts: the
// bundled mock serving that profile is certified, strict included; a Dashboard-5.8-like target that makes
// every choice the facts leave open the other way is certified --strict; one that breaks what the facts
// state (a `password` in users, a wrong message or `Meta`, a wrong status, a second winner of concurrent
// duplicates, a search answering everyone) is refused through the check that names it.
import { afterAll, describe, expect, it } from 'vitest';
import { failedIds, proofRuns, startRewritingProxy, statusOf, type CertifyRun } from '../support/certify.ts';
import { DASHBOARD_58_BROKEN, dashboard58Like } from '../support/tyk-dashboard58.ts';
import { CREDENTIALS, startTykMock } from '../support/tyk-targets.ts';

const TEST_TIMEOUT_MS = 240_000;
const PROFILE = ['--profile', 'tyk-5.8'];
const proof = proofRuns('tyk', { parallelRuns: 2, runTimeoutMs: 120_000 });
afterAll(() => proof.stop());

async function dashboard58Target(rewrites: Parameters<typeof startRewritingProxy>[1]): Promise<string> {
  const mock = proof.track(await startTykMock({ profile: 'tyk-5.8' }));
  return proof.track(await startRewritingProxy(mock.url, rewrites)).url;
}

function expectCertified(run: CertifyRun): void {
  expect(failedIds(run, true), run.stdout + run.stderr).toEqual([]);
  expect(run.exitCode).toBe(0);
  expect(run.report?.verdict).toBe('certified');
  expect(run.report?.profile).toBe('tyk-5.8');
  expect(run.report?.counts.skipped).toBe(0);
  expect(run.report?.safety).toMatchObject({ proof: 'made', refusedWrites: 0, changed: [], missing: [] });
  expect(run.report?.cleanup.leftBehind).toEqual([]);
  expect(run.report?.statements).toMatchObject({ catalogue: 'tyk-5.8', failed: 0, notRun: 0 });
}

describe.concurrent('userapi certify --api tyk --profile tyk-5.8', () => {
  for (const strict of [false, true]) {
    it(`certifies the bundled mock serving tyk-5.8${strict ? ', strict' : ''} (and prints its wall time)`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const run = await proof.certify([...PROFILE, ...(strict ? ['--strict'] : [])]);
      console.log(`tyk bundled mock, tyk-5.8${strict ? ', strict' : ''}: ${(run.durationMs / 1000).toFixed(1)} s wall (${run.report?.counts.total} checks, ${run.report?.counts.requests} requests)`);
      expectCertified(run);
    });
  }

  it('certifies --strict a Dashboard-5.8-like target making the open choices the other way: UUID ids and keys, paging by default, reversed lists and keys, the facts\' exact messages, charset, header case', { timeout: TEST_TIMEOUT_MS }, async () => {
    const run = await proof.certify(['--target', await dashboard58Target(dashboard58Like()), ...CREDENTIALS, ...PROFILE, '--strict', '--runs', '10']);
    expectCertified(run);
  });

  for (const broken of DASHBOARD_58_BROKEN) {
    it(`refuses a Dashboard-5.8-like target where ${broken.name}: ${broken.intended.join(' and ')} failed`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const run = await proof.certify(['--target', await dashboard58Target(broken.proxy()), ...CREDENTIALS, ...PROFILE, '--only', broken.intended.join(','), ...(broken.strict ? ['--strict'] : [])]);
      expect(run.exitCode, run.stdout + run.stderr).toBe(1);
      for (const id of broken.intended) expect(statusOf(run, id), `${id}: ${failedIds(run).join('; ')}`).toBe('failed');
    });
  }
});
