// Proof that `userapi certify --api checkmarx` gives verdicts that mean one thing, and is safe: the
// bundled mock is certified (plain and --strict) with no write refused and the inventory proof made;
// two differently-correct servers (every choice the document leaves open made the other way) are
// certified --strict; a server that breaks ONE documented behaviour is not, through the check that
// names it (the examples' deviations and the depth statements' subtler ones); a run without
// --limited-token is incomplete (exit 3); one broken create and one broken DELETE are exactly 2 root
// causes; servers that misbehave as real ones do are judged by their own record of what they received.
// Each run is the real CLI in a child process; at most two at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failedIds, proofRuns, startRewritingProxy, statusOf } from '../support/certify.ts';
import { BROKEN } from '../support/checkmarx-broken.ts';
import { HOSTILE, judge, sceneRewrites, secretsOf, type Scene } from '../support/checkmarx-hostile.ts';
import { ADMIN_PASSWORD, LIMITED, LIMITED_PASSWORD, LOGIN, handlers, isRunName, isUsers, openChoices, otherAnswers, otherChoices, passwordGrant, patched, sparseIds, usersOf } from '../support/checkmarx-targets.ts';
import { startRecordingTarget } from '../support/safety.ts';

/** Queued runs wait for a slot inside their test: the timeout covers the wait. */
const TEST_TIMEOUT_MS = 420_000;
const proof = proofRuns('checkmarx', { parallelRuns: 2, runTimeoutMs: 150_000 });
beforeAll(() => proof.start());
afterAll(() => proof.stop());

const PERMISSION_CHECKS = ['create', 'update', 'delete', 'migrate'].map((what) => `checkmarx/permissions/limited-user-${what}-is-403`);
const runUsersOf = async (target: string): Promise<unknown[]> => (await usersOf(target)).filter((user) => isRunName(user['userName']) || isRunName(user['email'])).map((user) => user['userName']);
const limitedTokenFor = async (target: string): Promise<string[]> => ['--limited-token', await passwordGrant(target, LIMITED, LIMITED_PASSWORD)];

describe.concurrent('userapi certify --api checkmarx', () => {
  for (const strict of [false, true]) {
    it(`certifies the bundled mock${strict ? ' --strict' : ''}: every testable statement verified, no write refused, the inventory proof made`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const run = await proof.certify(strict ? ['--strict'] : []);
      console.log(`bundled mock${strict ? ' --strict' : ''}: ${(run.durationMs / 1000).toFixed(1)} s wall (${run.report?.counts.total} checks, ${run.report?.counts.requests} requests)`);
      expect(failedIds(run, true), run.stdout + run.stderr).toEqual([]);
      expect(run.exitCode).toBe(0);
      const report = run.report!;
      expect(report.verdict).toBe('certified');
      expect(report.counts.skipped).toBe(0);
      expect(report.safety).toMatchObject({ proof: 'made', preExistingUsers: 2, unchanged: 2, changed: [], missing: [], refusedWrites: 0 });
      expect(report.cleanup.leftBehind).toEqual([]);
      expect(report.statements.verified).toBe(report.statements.testable);
      expect(statusOf(run, 'checkmarx/permissions/limited-user-create-is-403')).toBe('passed');
    });
  }

  it('certifies --strict a server that makes every open choice one way: ids from 100000 in steps of 7, a relative Location, upper-case header names, charset without v=1.0, extra fields, a reversed list, other or no error bodies', { timeout: TEST_TIMEOUT_MS }, async () => {
    const upstream = await proof.mockWith(sparseIds);
    const target = proof.track(await startRewritingProxy(upstream.url, { response: openChoices }));
    const run = await proof.certify(['--target', target.url, ...LOGIN, ...(await limitedTokenFor(upstream.url)), '--strict']);
    expect(failedIds(run, true), run.stdout + run.stderr).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.report?.counts.skipped).toBe(0);
    // The INFO observations see the differences without deciding anything.
    expect(statusOf(run, 'checkmarx/responses/versioned-media-type')).toBe('failed');
    expect(statusOf(run, 'checkmarx/responses/error-body-shape')).toBe('failed');
    expect(await runUsersOf(upstream.url)).toEqual([]);
  });

  it('certifies --strict a server that makes them the other way: random 9-digit ids, GET by id 201, an absolute Location spelt /CxRestAPI/auth/users/{id}/, "" defaults, null keeping a value, password required, long text and emoji refused, two users allowed one name, sorted keys, a list by name, text/plain errors, 404 for /Users/abc', { timeout: TEST_TIMEOUT_MS }, async () => {
    const upstream = await proof.mockWith(otherChoices);
    const target = proof.track(await startRewritingProxy(upstream.url, { response: otherAnswers }));
    const run = await proof.certify(['--target', target.url, ...LOGIN, ...(await limitedTokenFor(upstream.url)), '--strict']);
    expect(failedIds(run, true), run.stdout + run.stderr).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.report?.counts.skipped).toBe(0);
    for (const observation of ['get-user/answers-200', 'create-user/duplicate-username-refused', 'unknown-user/non-integer-id-is-400', 'auth/refusals-have-no-body']) expect(statusOf(run, `checkmarx/${observation}`), observation).toBe('failed');
    expect(await runUsersOf(upstream.url)).toEqual([]);
  });

  it('--read-only writes nothing (by the target\'s record) and is incomplete', { timeout: TEST_TIMEOUT_MS }, async () => {
    const target = proof.track(await startRecordingTarget(proof.plainMock.url));
    const run = await proof.certify(['--target', target.url, ...LOGIN, '--read-only', '--strict']);
    expect(failedIds(run, true), run.stdout + run.stderr).toEqual([]);
    expect(run.exitCode).toBe(3);
    expect(run.report?.verdict).toBe('incomplete');
    expect(target.received.filter((request) => request.method !== 'GET' && !request.url.includes('/connect/token')).map((request) => `${request.method} ${request.url}`)).toEqual([]);
  });

  it('a run against a server without --limited-token is incomplete (exit 3), naming the 4 checks and the flag; the server keeps its users', { timeout: TEST_TIMEOUT_MS }, async () => {
    const upstream = await proof.mockWith(patched({}));
    const scene: Scene = { received: [], issued: [], intruders: [] };
    const target = proof.track(await startRecordingTarget(upstream.url, sceneRewrites(scene, { name: 'plain' })));
    scene.received = target.received;
    const before = await usersOf(upstream.url);
    const run = await proof.certify(['--target', target.url, ...LOGIN]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(3);
    expect(run.report?.verdict).toBe('incomplete');
    expect(run.report?.notRun).toEqual([{ reason: expect.stringContaining('--limited-token'), checks: PERMISSION_CHECKS }]);
    await judge(run, upstream.url, scene, before, { name: 'plain' }, secretsOf(scene, [{ label: 'admin password', value: ADMIN_PASSWORD }]));
  });

  for (const broken of BROKEN) {
    const how = broken.full ? 'full run' : `--only ${broken.intended.join(',')}`;
    it(`refuses a server where ${broken.name}: ${broken.intended.join(' and ')} failed (${how})`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const target = await proof.targetFor(broken);
      const limited = broken.intended.some((id) => id.includes('/permissions/')) || broken.full ? await limitedTokenFor(target) : [];
      const run = await proof.certify(['--target', target, ...LOGIN, ...limited, ...(broken.full ? [] : ['--only', broken.intended.join(',')])]);
      expect(run.exitCode, run.stdout + run.stderr).toBe(1);
      for (const id of broken.intended) expect(statusOf(run, id), `${id}: ${failedIds(run, true).join('; ')}`).toBe('failed');
    });
  }

  it('reports exactly 2 root causes for a server with one broken create (200, not 201) and one DELETE that deletes nothing', { timeout: TEST_TIMEOUT_MS }, async () => {
    const upstream = await proof.mockWith(patched({ deleteUser: (request, context) => (context.state.users.has(request.pathParameters['id']) ? { status: 204 } : handlers['deleteUser']!(request, context)) }));
    const target = proof.track(await startRewritingProxy(upstream.url, { response: (response, request) => (request.method === 'POST' && isUsers(request) && response.status === 201 ? { ...response, status: 200 } : response) }));
    const run = await proof.certify(['--target', target.url, ...LOGIN, ...(await limitedTokenFor(upstream.url))]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.report!.rootCauses.map((cause) => cause.key).sort(), JSON.stringify(run.report!.rootCauses, null, 1)).toEqual(['createUser', 'deleteUser']);
  });

  for (const hostile of HOSTILE) {
    it(`stays safe against a server where ${hostile.name}`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const scene: Scene = { received: [], issued: [], intruders: [] };
      const upstream = await proof.mockWith(hostile.module ? hostile.module(scene) : patched({}));
      const target = proof.track(await startRecordingTarget(upstream.url, sceneRewrites(scene, hostile)));
      scene.received = target.received;
      const before = await usersOf(upstream.url);
      const limited = await passwordGrant(upstream.url, LIMITED, LIMITED_PASSWORD);
      const run = await proof.certify(['--target', target.url, ...LOGIN, '--limited-token', limited]);
      expect(run.report, run.stdout + run.stderr).toBeDefined();
      const { safety, cleanup } = run.report!;
      console.log(`${hostile.name}: ${safety.refusedWrites} writes refused, ${cleanup.deleted.length} deletions confirmed, ${cleanup.leftBehind.length} left behind (${target.received.length} requests received)`);
      await judge(run, upstream.url, scene, before, hostile, secretsOf(scene, [{ label: 'admin password', value: ADMIN_PASSWORD }, { label: 'limited token', value: limited }]));
    });
  }
});
