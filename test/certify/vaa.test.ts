// Proof that `userapi certify --api vaa` gives the verdicts the VAA document supports: the bundled mock
// is certified (plain and strict) with no write refused and the inventory proof made; two targets that
// make every choice the document leaves open differently from the mock (and from each other) are
// certified under --strict; a target with one broken create message and one DELETE that deletes
// nothing reports exactly those two root causes. Each run is the real CLI in a child process.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, startMockServer } from '../../mock/server.ts';
import { failedIds, mapJson, startRewritingProxy, statusOf, type CertifyRun } from '../support/certify.ts';
import { pathOf } from '../support/certify.ts';
import { handlers, openChoicesA, openChoicesB, patched, success, vaaProofRuns } from '../support/vaa-targets.ts';

const LOGIN = ['--username', DEFAULT_SETTINGS.vaa.username, '--password', DEFAULT_SETTINGS.vaa.password];
const TEST_TIMEOUT_MS = 240_000;

const proof = vaaProofRuns({ parallelRuns: 2, runTimeoutMs: 150_000 });

function expectCertified(run: CertifyRun): void {
  expect(failedIds(run, true), run.stdout + run.stderr).toEqual([]);
  expect(run.exitCode).toBe(0);
  expect(run.report?.verdict).toBe('certified');
  expect(run.report?.counts.skipped).toBe(0);
  expect(run.report?.counts.errored).toBe(0);
  expect(run.report?.safety.refusedWrites).toBe(0);
  expect(run.report?.cleanup.leftBehind).toEqual([]);
}

describe.concurrent('userapi certify --api vaa', () => {
  for (const strict of [false, true]) {
    it(`certifies the bundled mock under the document profile${strict ? ', --strict' : ''}: no write refused, the inventory proof made, nothing left behind`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const run = await proof.certify(strict ? ['--strict'] : []);
      console.log(`bundled mock${strict ? ', strict' : ''}: ${(run.durationMs / 1000).toFixed(1)} s wall (${run.report?.counts.total} checks, ${run.report?.counts.requests} requests)`);
      expectCertified(run);
      expect(run.report).toMatchObject({ profile: 'document', settings: { strict } });
      expect(run.report?.safety).toMatchObject({ proof: 'made', preExistingUsers: 2, unchanged: 2, changed: [], missing: [] });
      expect(run.report?.cleanup.deleted.length).toBeGreaterThan(150);
      expect(run.report?.statements.verified).toBe(run.report?.statements.testable);
    });
  }

  // The INFO observations of the choices each target made the other way: they never decide the verdict.
  const targets = [
    { name: 'A', build: openChoicesA, seed: 'documents' as const, observations: ['vaa/auth/refusal-is-403', 'vaa/list-users/user-id-matching-nothing-answer', 'vaa/modify-unknown-user/answers-404-invalid-user', 'vaa/invalid-body/answers-400-in-envelope', 'vaa/list-users/both-filters-combination'] },
    { name: 'B', build: openChoicesB, seed: 'empty' as const, observations: ['vaa/auth/refusal-is-403', 'vaa/list-users/user-id-matching-nothing-answer', 'vaa/modify-unknown-user/answers-404-invalid-user', 'vaa/list-users/both-filters-combination'] },
  ];
  for (const target of targets) {
    it(`certifies differently-correct target ${target.name} under --strict (every open choice made the other way)`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const { module, rewrites } = target.build();
      const mock = proof.track(await startMockServer({ apis: ['vaa'], port: 0, strict: false, seed: target.seed, modules: { vaa: module } }));
      const proxy = proof.track(await startRewritingProxy(mock.url, rewrites));
      const run = await proof.certify(['--target', proxy.url, ...LOGIN, '--strict']);
      expectCertified(run);
      for (const id of target.observations) expect(statusOf(run, id), `${id} notes the choice`).toBe('failed');
    });
  }

  it('reports exactly 2 root causes for a create message with one word capitalised differently and a DELETE that deletes nothing', { timeout: TEST_TIMEOUT_MS }, async () => {
    const keepsUsers = await proof.mockWith(patched({ deleteUser: (request, context) => (context.state.users.has((request.body as { userId: string }).userId) ? success([]) : handlers['deleteUser']!(request, context)) }));
    const proxy = proof.track(
      await startRewritingProxy(keepsUsers.url, {
        response: (response, request) => (request.method === 'POST' && pathOf(request) === '/api/v2/users' && response.status === 200 ? mapJson(response, (body) => ({ ...body, message: 'success' })) : response),
      }),
    );
    const run = await proof.certify(['--target', proxy.url, ...LOGIN, '--strict']);
    expect(run.exitCode, run.stdout).toBe(1);
    expect(run.report?.rootCauses.map((cause) => cause.key).sort(), JSON.stringify(run.report?.rootCauses, null, 1)).toEqual(['createUser', 'deleteUser']);
    expect(run.report?.counts.errored).toBe(0);
    expect(run.report?.counts.blocked).toBeGreaterThan(0);
    expect(statusOf(run, 'vaa/create-user/add-new-user')).toBe('failed');
    expect(statusOf(run, 'vaa/delete-user/delete-existing-user')).toBe('failed');
    expect(run.stdout).toContain('2 root causes');
  });
});
