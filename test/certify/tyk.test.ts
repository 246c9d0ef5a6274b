// Proof that `userapi certify --api tyk` (profile document) gives the right verdicts: the bundled mock is
// certified, strict included, with no refused write and the inventory proof made; two targets that make
// every choice the document leaves open the other way (and differently from each other) are certified
// --strict; a target that breaks ONE documented behaviour (a literal, an effect, a refusal, or the depth
// the statements demand) is refused through the check that names it; one broken create message and one
// broken DELETE are exactly two root causes; a run without the admin secret is incomplete (exit 3).
// Each run is the real CLI in a child process (test/support/certify.ts); every target is a proxy in
// front of the bundled mock (test/support/tyk-targets.ts, tyk-broken.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { failedIds, mapJson, proofRuns, startRewritingProxy, statusOf, type CertifyRun, type Rewrites } from '../support/certify.ts';
import { brokenTargets, fakedSuccess } from '../support/tyk-broken.ts';
import { CREDENTIALS, KEY, isCreate, ok, openChoicesA, openChoicesB, startTykMock, userIdIn } from '../support/tyk-targets.ts';

const TEST_TIMEOUT_MS = 240_000;
/** The property checks' sequences (default 20): fewer where the run's point is elsewhere than in them. */
const FEWER_RUNS = ['--runs', '10'];
const FEWEST_RUNS = ['--runs', '3'];

const proof = proofRuns('tyk', { parallelRuns: 2, runTimeoutMs: 120_000 });
afterAll(() => proof.stop());

/**
 * A mock of its own for one run (runs at once must not see each other's users: the inventory proof would
 * count them as pre-existing), and `rewrites` in front of it.
 */
async function targetOver(rewrites: (upstream: string) => Rewrites): Promise<string> {
  const mock = proof.track(await startTykMock());
  return proof.track(await startRewritingProxy(mock.url, rewrites(mock.url))).url;
}

/** Certified: exit 0, nothing deciding failed or skipped, no refused write, the inventory proof made and held, nothing left behind. */
function expectCertified(run: CertifyRun): void {
  expect(failedIds(run, true), run.stdout + run.stderr).toEqual([]);
  expect(run.exitCode).toBe(0);
  expect(run.report?.verdict).toBe('certified');
  expect(run.report?.counts.skipped).toBe(0);
  expect(run.report?.safety).toMatchObject({ proof: 'made', refusedWrites: 0, changed: [], missing: [] });
  expect(run.report?.cleanup.leftBehind).toEqual([]);
}

/** The INFO observations a target's choices make fail (each a choice the document leaves open). */
function failedInfo(run: CertifyRun): string[] {
  return (run.report?.checks ?? []).filter((check) => check.level === 'INFO' && check.status === 'failed').map((check) => check.id).sort();
}

describe.concurrent('userapi certify --api tyk (profile document)', () => {
  for (const strict of [false, true]) {
    it(`certifies the bundled mock${strict ? ', strict' : ''} (and prints its wall time)`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const run = await proof.certify(strict ? ['--strict'] : []);
      console.log(`tyk bundled mock, document${strict ? ', strict' : ''}: ${(run.durationMs / 1000).toFixed(1)} s wall (${run.report?.counts.total} checks, ${run.report?.counts.requests} requests)`);
      expectCertified(run);
      expect(run.report?.profile).toBe('document');
      expect(run.report?.safety.preExistingUsers).toBeGreaterThan(0);
    });
  }

  it('certifies target A --strict: UUID ids and keys, 401/403 swapped, reversed lists, pages without p, the new id in Meta, 5.x fields and no password, own error messages, set password needing write, charset, header case', { timeout: TEST_TIMEOUT_MS }, async () => {
    const run = await proof.certify(['--target', await targetOver(openChoicesA), ...CREDENTIALS, '--strict', ...FEWER_RUNS]);
    expectCertified(run);
    expect(failedInfo(run)).toEqual(
      expect.arrayContaining(['tyk/auth/refusal-is-401-not-authorised', 'tyk/envelope/meta-literals', 'tyk/permissions/read-user-may-set-password', 'tyk/responses/password-field-present', 'tyk/unknown-user/facts-messages']),
    );
  });

  it('certifies target B --strict: numeric ids, 403/404/422/409 for the undocumented cases, raw key only, paging by default, sorted lists, reversed keys, the user in Meta, an Update that replaces, Reset User Session needing its body', { timeout: TEST_TIMEOUT_MS }, async () => {
    const run = await proof.certify(['--target', await targetOver(openChoicesB), ...CREDENTIALS, '--strict', ...FEWER_RUNS]);
    expectCertified(run);
    expect(failedInfo(run)).toEqual(
      expect.arrayContaining([
        'tyk/auth/bearer-accepted',
        'tyk/auth/refusal-is-401-not-authorised',
        'tyk/create-user/duplicate-email-answer',
        'tyk/envelope/meta-literals',
        'tyk/invalid-body/answers-400-in-envelope',
        'tyk/list-users/paging-with-p',
        'tyk/reset-user-session/without-body',
        'tyk/unknown-user/facts-statuses',
        'tyk/update-user/keeps-omitted-fields',
      ]),
    );
  });

  it('reports exactly two root causes for a target with one broken create message and one DELETE that deletes nothing (full run)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const target = await targetOver((upstream) => {
      const deletes = fakedSuccess(upstream, (request) => (request.method === 'DELETE' ? userIdIn(request) : undefined), ok('User deleted', ''));
      return {
        request: (request) => deletes.request!(request),
        response: async (response, request) => {
          const answer = await deletes.response!(response, request);
          return isCreate(request) ? mapJson(answer, (body) => (body.Message === 'User created' ? { ...body, Message: 'User Created' } : body)) : answer;
        },
      };
    });
    const run = await proof.certify(['--target', target, ...CREDENTIALS, ...FEWEST_RUNS]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.report?.rootCauses.map((cause) => cause.key).sort()).toEqual(['createUser', 'deleteUser']);
    expect(run.report?.counts.errored).toBe(0);
    expect(run.report?.safety).toMatchObject({ proof: 'made', refusedWrites: 0, changed: [], missing: [] });
  });

  it('ends a run without --admin-secret as incomplete (exit 3), naming the flag that runs the admin checks', { timeout: TEST_TIMEOUT_MS }, async () => {
    const run = await proof.certify(['--target', await targetOver(() => ({})), '--token', KEY, ...FEWEST_RUNS]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(3);
    expect(run.report?.verdict).toBe('incomplete');
    expect(run.report?.notRun.map((group) => group.reason).join('\n')).toContain('--admin-secret');
    expect(run.report?.notRun.flatMap((group) => group.checks)).toContain('tyk/allow-reset-passwords/allow-reset-password');
    expect(failedIds(run, true)).toEqual([]);
  });

  for (const broken of brokenTargets()) {
    const how = broken.full ? `full run${broken.strict ? ', strict' : ''}` : `--only ${broken.intended.join(',')}${broken.strict ? ' --strict' : ''}`;
    it(`refuses a target where ${broken.name}: ${broken.intended.join(' and ')} failed (${how})`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const target = await targetOver(broken.proxy);
      const run = await proof.certify(['--target', target, ...CREDENTIALS, '--seed', '7', ...(broken.full ? FEWEST_RUNS : ['--only', broken.intended.join(',')]), ...(broken.strict ? ['--strict'] : [])]);
      expect(run.exitCode, run.stdout + run.stderr).toBe(1);
      for (const id of broken.intended) expect(statusOf(run, id), `${id}: ${failedIds(run).join('; ')}`).toBe('failed');
      if (broken.full) expect(run.report?.counts.total).toBeGreaterThan(50);
    });
  }
});
