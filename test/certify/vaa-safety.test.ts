// Proof that certify is safe on a vaa server that misbehaves the way real servers do (issue 8): lookups
// that answer the wrong users, ids reused after a delete by a server that acts on a body's id, a DELETE
// that keeps the user, a create that answers another user's id, a server that reflects every request in
// its answers, a DELETE that takes another user with it. Judged by the target's own record and state:
// no write names a user that existed before the run; the inventory proof says exactly which of them
// are missing or changed; the clean-up report agrees with what the target still holds; no secret is in
// any byte of any output.
import { describe, expect, it } from 'vitest';
import { vaa } from '../../mock/apis/vaa.ts';
import type { AnyApiModule, MockRequest } from '../../mock/module.ts';
import { DEFAULT_SETTINGS } from '../../mock/server.ts';
import { mapJson, type ProxiedRequest, type Rewrites } from '../support/certify.ts';
import { leaksIn, outputsOf, startRecordingTarget } from '../support/safety.ts';
import { addPreExistingUsers, notingTokens, passwordsSent, usersOf, writesTo, type TargetUser } from '../support/vaa-safety.ts';
import { pathOf, type Handler } from '../support/certify.ts';
import { handlers, patched, success, vaaProofRuns, vaaState } from '../support/vaa-targets.ts';

const { username, password } = DEFAULT_SETTINGS.vaa;
const TEST_TIMEOUT_MS = 240_000;
const INVENTORY_FIELDS = ['userId', 'id', 'email', 'firstName', 'lastName', 'status', 'customerId', 'customerName', 'roles'];

const isListing = (request: ProxiedRequest): boolean => request.method === 'GET' && pathOf(request) === '/api/v2/users';

/** Lookups answered from the whole list: `pick` chooses what a filtered GET answers instead of the match. */
function wrongLookups(pick: (users: Array<Record<string, unknown>>, asked: URLSearchParams) => Array<Record<string, unknown>>): Rewrites {
  return {
    request: (request) => (isListing(request) && request.url.includes('?') ? { ...request, url: pathOf(request), headers: { ...request.headers, 'x-asked': request.url.split('?')[1] ?? '' } } : request),
    response: (response, request) => {
      const asked = request.headers['x-asked'];
      if (asked === undefined || response.status !== 200) return response;
      return mapJson(response, (body) => {
        const picked = pick(body.data ?? [], new URLSearchParams(asked));
        return picked.length > 0 ? { ...body, data: picked } : { status: 400, message: 'User(s) not found.', data: [] };
      });
    },
  };
}

/** PUT, deactivate, reactivate and DELETE act on the user whose `id` the body gives, when it gives one. */
function actingOnBodyIds(replacements: Record<string, Handler> = {}): AnyApiModule {
  const byId = (operation: string): Handler => (request: MockRequest, context) => {
    const id = (request.body as { id?: unknown }).id;
    const owner = vaaState(context).find((user) => user.id === id);
    return (replacements[operation] ?? handlers[operation]!)(owner ? { ...request, body: { ...(request.body as object), userId: owner.userId } } : request, context);
  };
  return patched({ ...replacements, updateUser: byId('updateUser'), deactivateUser: byId('deactivateUser'), reactivateUser: byId('reactivateUser'), deleteUser: byId('deleteUser') });
}

/** New users get the lowest free id "U1", "U2", ...: a deleted user's id is soon another user's. */
const reusingIds: Handler = async (request, context) => {
  const reply = await handlers['createUser']!(request, context);
  if (reply.status !== 200) return reply;
  const taken = new Set(vaaState(context).map((user) => user.id));
  let next = 1;
  while (taken.has(`U${next}`)) next += 1;
  const userId = (request.body as { userId: string }).userId;
  context.state.users.set(userId, { ...context.state.users.get(userId), id: `U${next}` });
  return { ...reply, body: { ...(reply.body as object), data: [{ ...(reply.body as { data: object[] }).data[0], id: `U${next}` }] } };
};

interface SafetyTarget {
  name: string;
  module?: AnyApiModule;
  rewrites?: Rewrites;
  /** Lookups answer right, so a read tells whether a user is gone: the clean-up report must match the target exactly. */
  exactCleanup: boolean;
}

const TARGETS: SafetyTarget[] = [
  { name: 'every lookup (?userId=, ?email=) answers every user', exactCleanup: false, rewrites: wrongLookups((users) => users) },
  { name: 'every lookup answers the first user', exactCleanup: false, rewrites: wrongLookups((users) => users.slice(0, 1)) },
  {
    name: 'every lookup answers a neighbour of the user asked for',
    exactCleanup: false,
    rewrites: wrongLookups((users, asked) => {
      const index = users.findIndex((user) => user['userId'] === asked.get('userId') || user['email'] === asked.get('email'));
      return users.length === 0 ? [] : [users[(index + 1) % users.length] as Record<string, unknown>];
    }),
  },
  { name: 'ids are reused after a delete, and PUT and DELETE act on the body\'s id', exactCleanup: true, module: actingOnBodyIds({ createUser: reusingIds }) },
  { name: 'DELETE answers success and keeps the user', exactCleanup: true, module: patched({ deleteUser: (request, context) => (context.state.users.has((request.body as { userId: string }).userId) ? success([]) : handlers['deleteUser']!(request, context)) }) },
  {
    name: 'a create answers another user\'s id (the document\'s "test"), and PUT and DELETE act on the body\'s id',
    exactCleanup: true,
    module: actingOnBodyIds(),
    rewrites: { response: (response, request) => (request.method === 'POST' && pathOf(request) === '/api/v2/users' && response.status === 200 ? mapJson(response, (body) => ({ ...body, data: body.data.map((user: object) => ({ ...user, id: 'IPM0N3CRFDHM4GQK15319464799176RQ299QFIJBA8B' })) })) : response) },
  },
  {
    name: 'every answer reflects the request: its headers and body, also percent-encoded, and error messages quote the headers',
    exactCleanup: true,
    rewrites: {
      response: (response, request) =>
        mapJson(response, (body) => {
          const echo = { method: request.method, url: request.url, headers: request.headers, body: request.body.toString('utf8'), encoded: encodeURIComponent(request.body.toString('utf8')) };
          return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, ...(response.status >= 400 ? { message: `${String(body.message)} (request headers: ${JSON.stringify(request.headers)})` } : {}), echo } : body;
        }),
    },
  },
  {
    name: 'a DELETE also deletes the user stored before the one named',
    exactCleanup: true,
    module: patched({
      deleteUser: async (request, context) => {
        const users = vaaState(context);
        const index = users.findIndex((user) => user.userId === (request.body as { userId: string }).userId);
        const reply = await handlers['deleteUser']!(request, context);
        if (reply.status === 200 && index > 0) context.state.users.delete(users[index - 1]?.userId);
        return reply;
      },
    }),
  },
];

function differences(before: TargetUser, after: TargetUser): string[] {
  return INVENTORY_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

const proof = vaaProofRuns({ parallelRuns: 2, runTimeoutMs: 180_000 });

describe.concurrent('certify --api vaa is safe on a misbehaving server', () => {
  for (const target of TARGETS) {
    it(target.name, { timeout: TEST_TIMEOUT_MS }, async () => {
      const upstream = await proof.mockWith(target.module ?? vaa);
      const before = await addPreExistingUsers(upstream.url);
      const tokens = new Set<string>();
      const recorder = proof.track(await startRecordingTarget(upstream.url, notingTokens(target.rewrites ?? {}, tokens)));
      const run = await proof.certify(['--target', recorder.url, '--username', username, '--password', password, '--runs', '3']);
      const report = run.report;
      expect(report, run.stdout + run.stderr).toBeDefined();
      if (!report) return;

      // No write the target received names a user that existed before the run.
      expect(writesTo(recorder.received, before).map((write) => `${write.method} ${write.url} ${write.body}`)).toEqual([]);

      // The inventory proof says exactly what happened to them.
      const after = await usersOf(upstream.url);
      const now = new Map(after.map((user) => [user.userId, user]));
      const missing = before.filter((user) => !now.has(user.userId)).map((user) => user.userId);
      const changed = before.filter((user) => now.has(user.userId) && differences(user, now.get(user.userId) as TargetUser).length > 0).map((user) => user.userId);
      expect(report.safety).toMatchObject({ proof: 'made', preExistingUsers: before.length, unchanged: before.length - missing.length - changed.length });
      expect([...report.safety.missing].sort()).toEqual(missing.sort());
      expect(report.safety.changed.map((entry) => entry.id).sort()).toEqual(changed.sort());
      if (missing.length + changed.length > 0) {
        expect(report.verdict).toBe('not-certified');
        expect(report.reasons[0]).toMatch(/^SAFETY: /);
      }

      // The clean-up report agrees with what the target still holds.
      const remaining = after.map((user) => user.userId).filter((userId) => userId.includes(report.settings.namePrefix));
      const deleted = report.cleanup.deleted.map((user) => user.names['userId']);
      const leftBehind = report.cleanup.leftBehind.map((user) => user.names['userId']);
      expect(remaining.filter((userId) => deleted.includes(userId))).toEqual([]);
      expect(remaining.filter((userId) => !leftBehind.includes(userId))).toEqual([]);
      if (target.exactCleanup) expect([...leftBehind].sort()).toEqual([...remaining].sort());
      console.log(`${target.name}: ${report.verdict}; writes refused by the guard: ${report.safety.refusedWrites}; pre-existing missing ${JSON.stringify(missing)}, changed ${JSON.stringify(changed)}; clean-up ${deleted.length} deleted, ${leftBehind.length} left behind, ${remaining.length} still on the target`);

      // No secret in any byte of any output, in any encoding.
      const secrets = [{ label: 'the login password', value: password }, ...[...tokens].map((value) => ({ label: 'an obtained token', value })), ...passwordsSent(recorder.received).map((value) => ({ label: 'a created user\'s password', value }))];
      expect(tokens.size).toBeGreaterThan(0);
      expect(secrets.length).toBeGreaterThan(3);
      expect(leaksIn(outputsOf(run), secrets, [username])).toEqual([]);
    });
  }
});
