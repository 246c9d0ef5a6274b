// Proof that `userapi certify --api checkmarx` gives the right verdicts: the bundled mock is certified
// (strict too); a target that breaks ONE documented behaviour is not, and the check that names that
// behaviour is the one that fails; a target that makes every choice the document leaves open
// differently from the mock is still certified; --read-only writes nothing. Each run is the real CLI in
// a child process (test/support/certify.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { DEFAULT_SETTINGS, startMockServer } from '../../mock/server.ts';
import { checkmarx } from '../../mock/apis/checkmarx.ts';
import type { AnyApiModule, MockReply, MockRequest } from '../../mock/module.ts';
import { crashingOnMalformedJson, failedIds, mapJson, proofRuns, startRewritingProxy, statusOf, type BrokenTarget, type ProxiedRequest, type ProxiedResponse } from '../support/certify.ts';

const { username: ADMIN, password: ADMIN_PASSWORD, limitedUsername, limitedPassword } = DEFAULT_SETTINGS.checkmarx;
const LOGIN = ['--username', ADMIN, '--password', ADMIN_PASSWORD];
const CLIENT = { grant_type: 'password', scope: 'sast_rest_api access_control_api', client_id: 'resource_owner_client', client_secret: '014DF517-39D1-4453-B7B3-9930C563627C' };
const USERS = '/cxrestapi/auth/Users';
const RUN_TIMEOUT_MS = 90_000;
/** Each run is a Node process with three vitest workers: more at once only makes them all slower. */
const PARALLEL_RUNS = 3;
const TEST_TIMEOUT_MS = 180_000;

type Handler = (request: MockRequest, context: any) => MockReply | Promise<MockReply>;
const handlers = checkmarx.handlers as Record<string, Handler>;

/** The checkmarx module with some handlers (or its authentication, or its seed) replaced. */
function patched(replacements: Record<string, Handler>, extra: Partial<AnyApiModule> = {}): AnyApiModule {
  return { ...checkmarx, ...extra, handlers: { ...checkmarx.handlers, ...replacements } } as AnyApiModule;
}

const pathOf = (request: ProxiedRequest): string => (request.url.split('?')[0] ?? '').toLowerCase();
const isUsers = (request: ProxiedRequest): boolean => pathOf(request) === USERS.toLowerCase();
const isUsersWrite = (request: ProxiedRequest): boolean => request.method !== 'GET' && pathOf(request).startsWith(USERS.toLowerCase());

/** Applies `change` to every user object of a body (a user, or a list of users). */
function rewriteUsers(body: any, change: (user: Record<string, unknown>) => Record<string, unknown>): unknown {
  const isUser = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && 'userName' in value;
  if (Array.isArray(body)) return body.map((item: unknown) => (isUser(item) ? change(item) : item));
  return isUser(body) ? change(body) : body;
}


const BROKEN: BrokenTarget[] = [
  {
    name: 'POST /Users answers 200 instead of 201',
    intended: ['checkmarx/create-user/create-new-user'],
    proxy: { response: (response, request) => (request.method === 'POST' && isUsers(request) && response.status === 201 ? { ...response, status: 200 } : response) },
  },
  {
    name: 'POST /Users answers without a Location',
    intended: ['checkmarx/create-user/location-gets-new-user'],
    proxy: {
      response: (response, request) => {
        if (request.method !== 'POST' || !isUsers(request)) return response;
        const { location: _dropped, ...headers } = response.headers;
        return { ...response, headers };
      },
    },
  },
  {
    name: 'the Location names another user (the admin, id 1)',
    intended: ['checkmarx/create-user/location-gets-new-user', 'checkmarx/migrate-user/migrate-existing-user'],
    full: true,
    proxy: {
      response: (response, request) => {
        if (request.method !== 'POST' || response.headers['location'] === undefined) return response;
        return { ...response, headers: { ...response.headers, location: response.headers['location'].replace(/\d+$/, '1') } };
      },
    },
  },
  {
    name: 'PUT answers 200 with the user instead of 204',
    intended: ['checkmarx/update-user/update-a-user'],
    module: patched({
      updateUser: async (request, context) => {
        const reply = await handlers['updateUser']!(request, context);
        if (reply.status !== 204) return reply;
        const { passwordHash: _hash, creationDate: _date, ...user } = context.state.users.get(request.pathParameters['id']);
        return { status: 200, body: user };
      },
    }),
  },
  {
    name: 'PUT answers 204 but does not store the change',
    intended: ['checkmarx/update-user/persists-given-fields', 'checkmarx/properties/lifecycle-matches-model'],
    module: patched({
      updateUser: async (request, context) => {
        const before = context.state.users.get(request.pathParameters['id']);
        const reply = await handlers['updateUser']!(request, context);
        if (before) context.state.users.set(String(before.id), before);
        return reply;
      },
    }),
  },
  {
    name: 'DELETE answers 204 but keeps the user',
    intended: ['checkmarx/delete-user/deleted-user-is-gone'],
    module: patched({ deleteUser: (request, context) => (context.state.users.has(request.pathParameters['id']) ? { status: 204 } : handlers['deleteUser']!(request, context)) }),
  },
  {
    name: 'DELETE answers 200 instead of 204',
    intended: ['checkmarx/delete-user/delete-a-user'],
    proxy: { response: (response, request) => (request.method === 'DELETE' && response.status === 204 ? { ...response, status: 200 } : response) },
  },
  {
    name: 'GET of an id no user has answers 200',
    intended: ['checkmarx/unknown-user/get-is-404'],
    module: patched({
      getUser: async (request, context) => {
        const reply = await handlers['getUser']!(request, context);
        if (reply.status !== 404) return reply;
        const { passwordHash: _hash, creationDate: _date, ...admin } = context.state.users.get('1');
        return { status: 200, body: { ...admin, id: Number(request.pathParameters['id']), userName: 'ghost' } };
      },
    }),
  },
  {
    name: 'GET of an id no user has answers 500',
    intended: ['checkmarx/unknown-user/get-is-404'],
    module: patched({
      getUser: async (request, context) => {
        const reply = await handlers['getUser']!(request, context);
        return reply.status === 404 ? { status: 500, body: { messageCode: 500, messageDetails: 'Object reference not set to an instance of an object.' } } : reply;
      },
    }),
  },
  {
    name: 'ids are answered as strings',
    intended: ['checkmarx/get-user/get-user-by-id', 'checkmarx/list-users/get-all-users'],
    proxy: { response: (response) => mapJson(response, (body) => rewriteUsers(body, (user) => ({ ...user, id: String(user['id']) }))) },
  },
  {
    name: '"active" is answered as a string',
    intended: ['checkmarx/get-user/get-user-by-id', 'checkmarx/list-users/get-all-users'],
    proxy: { response: (response) => mapJson(response, (body) => rewriteUsers(body, (user) => ({ ...user, active: String(user['active']) }))) },
  },
  {
    name: 'DELETE does not check the token',
    intended: ['checkmarx/auth/delete-user-without-token-is-401'],
    module: patched({}, { authenticate: (request, state, settings) => (request.operationId === 'deleteUser' ? { principal: { name: 'anyone', permissions: ['manage-users'] } } : checkmarx.authenticate(request, state, settings)) }),
  },
  {
    name: 'a user without \'Manage Users\' may write',
    intended: ['checkmarx/permissions/limited-user-create-is-403', 'checkmarx/permissions/limited-user-update-is-403', 'checkmarx/permissions/limited-user-delete-is-403', 'checkmarx/permissions/limited-user-migrate-is-403'],
    module: patched({}, {
      authenticate: async (request, state, settings) => {
        const verdict = await checkmarx.authenticate(request, state, settings);
        return 'refusal' in verdict && verdict.refusal.status === 403 ? { principal: { name: 'limited', permissions: [] } } : verdict;
      },
    }),
  },
  {
    name: 'malformed JSON gets a 500',
    intended: ['checkmarx/invalid-body/malformed-json-refused'],
    proxy: crashingOnMalformedJson(isUsersWrite, { status: 500, headers: { 'content-type': 'application/json;v=1.0' }, body: Buffer.from('{"messageCode":500,"messageDetails":"Unexpected character encountered while parsing value"}') }),
  },
];

/** Ids from 100000 in steps of 7 (non-contiguous, far from the seed's 1 and 10). */
const sparseIds = patched(
  Object.fromEntries(
    ['createUser', 'migrateUser'].map((operation) => [
      operation,
      async (request: MockRequest, context: any): Promise<MockReply> => {
        const reply = await handlers[operation]!(request, context);
        if (reply.status === 201) context.state.counters.set('nextUserId', (context.state.counters.get('nextUserId') as number) + 6);
        return reply;
      },
    ]),
  ),
  {
    seed: async (state: any, seed, settings) => {
      await checkmarx.seed(state, seed, settings);
      state.counters.set('nextUserId', 100_000);
    },
  },
);

/** Every choice the document leaves open, made differently from the mock, in one target (in front of `sparseIds`). */
function openChoices(response: ProxiedResponse, request: ProxiedRequest): ProxiedResponse {
  let rewritten = response;
  // The token endpoint's refusals are OAuth 2.0's, not the API's: left alone.
  if (pathOf(request).endsWith('/connect/token')) return response;
  if (response.status === 400) rewritten = { ...rewritten, body: Buffer.alloc(0) };
  else if (response.status === 404) rewritten = { ...rewritten, body: Buffer.from(JSON.stringify({ error: 'NotFound', traceId: 'abc-123' })) };
  else if (response.status === 401 || response.status === 403) rewritten = { ...rewritten, body: Buffer.from(JSON.stringify({ message: 'Authorization has been denied for this request.' })) };
  else {
    rewritten = mapJson(rewritten, (body) => {
      const users = rewriteUsers(body, (user) => ({
        userType: 'Application',
        ...user,
        // Another formatting of the same instant, and a login date that changes with every answer.
        expirationDate: typeof user['expirationDate'] === 'string' ? new Date(user['expirationDate']).toISOString().replace(/\.(\d{3})Z$/, '.$10000+00:00') : user['expirationDate'],
        lastLoginDate: new Date().toISOString(),
        links: { self: `${USERS}/${String(user['id'])}` },
      }));
      return Array.isArray(users) && isUsers(request) ? [...users].reverse() : users;
    });
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rewritten.headers)) {
    if (['content-type', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name.toLowerCase())) continue;
    // A relative Location, and header names in upper case.
    const headerValue = name.toLowerCase() === 'location' ? new URL(value).pathname : value;
    headers[name.toUpperCase()] = headerValue;
  }
  if (rewritten.body.length > 0) headers['CONTENT-TYPE'] = 'application/json; charset=utf-8';
  headers['X-POWERED-BY'] = 'Another Implementation';
  return { ...rewritten, headers };
}


async function passwordGrant(target: string, username: string, password: string): Promise<string> {
  const answer = await request(`${target}/cxrestapi/auth/identity/connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...CLIENT, username, password }).toString(),
  });
  const body = (await answer.body.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token from ${target} for ${username}`);
  return body.access_token;
}

async function usersOf(target: string): Promise<Array<Record<string, unknown>>> {
  const token = await passwordGrant(target, ADMIN, ADMIN_PASSWORD);
  const answer = await request(`${target}${USERS}`, { headers: { authorization: `Bearer ${token}` } });
  return (await answer.body.json()) as Array<Record<string, unknown>>;
}

const proof = proofRuns('checkmarx', { parallelRuns: PARALLEL_RUNS, runTimeoutMs: RUN_TIMEOUT_MS });
beforeAll(() => proof.start());
afterAll(() => proof.stop());

describe.concurrent('userapi certify --api checkmarx', () => {
  it('certifies the bundled mock, strict included, with the 403 checks run as Marci (and prints its wall time)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const run = await proof.certify(['--strict']);
    console.log(`bundled mock, full strict run: ${(run.durationMs / 1000).toFixed(1)} s wall (${run.report?.counts.total} checks, ${run.report?.counts.requests} requests)`);
    expect(failedIds(run, true), run.stdout + run.stderr).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.report?.verdict).toBe('certified');
    expect(run.report?.counts.skipped).toBe(0);
    expect(statusOf(run, 'checkmarx/permissions/limited-user-create-is-403')).toBe('passed');
    expect(run.report?.cleanup.leftBehind).toEqual([]);
  });

  it('certifies a target that makes every open choice differently (ids from 100000 in steps of 7, relative Location, charset without v=1.0, extra fields, reversed list, other or no error bodies, upper-case header names): full suite, strict', { timeout: TEST_TIMEOUT_MS }, async () => {
    const upstream = await proof.mockWith(sparseIds);
    const proxy = proof.track(await startRewritingProxy(upstream.url, { response: openChoices }));
    const limited = await passwordGrant(upstream.url, limitedUsername, limitedPassword);
    const run = await proof.certify(['--target', proxy.url, ...LOGIN, '--limited-token', limited, '--strict']);
    expect(failedIds(run, true), run.stdout + run.stderr).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.report?.counts.skipped).toBe(0);
    // The INFO observations see the differences without deciding anything.
    expect(statusOf(run, 'checkmarx/responses/versioned-media-type')).toBe('failed');
    expect(statusOf(run, 'checkmarx/responses/error-body-shape')).toBe('failed');
    expect((await usersOf(upstream.url)).filter((user) => String(user['userName']).startsWith('uac'))).toEqual([]);
  });

  it('runs only checks that write nothing with --read-only, and writes nothing', { timeout: TEST_TIMEOUT_MS }, async () => {
    // A mock of its own: the proxies of the other tests write to the plain one.
    const target = proof.track(await startMockServer({ apis: ['checkmarx'], port: 0, strict: false }));
    const before = await usersOf(target.url);
    const run = await proof.certify(['--target', target.url, ...LOGIN, '--read-only', '--strict']);
    expect(failedIds(run, true), run.stdout + run.stderr).toEqual([]);
    expect(run.exitCode).toBe(0);
    const ran = (run.report?.checks ?? []).filter((check) => check.status === 'passed').map((check) => check.id);
    expect(ran).toContain('checkmarx/get-user/get-user-by-id');
    expect(statusOf(run, 'checkmarx/create-user/create-new-user')).toBe('skipped');
    const after = await usersOf(target.url);
    expect(after.map((user) => [user['id'], user['userName'], user['firstName']])).toEqual(before.map((user) => [user['id'], user['userName'], user['firstName']]));
  });

  for (const broken of BROKEN) {
    const how = broken.full ? 'full run' : `--only ${broken.intended.join(',')}`;
    it(`refuses a target where ${broken.name}: ${broken.intended.join(' and ')} failed (${how})`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const target = await proof.targetFor(broken);
      const limited = broken.intended.some((id) => id.includes('/permissions/')) || broken.full ? ['--limited-token', await passwordGrant(target, limitedUsername, limitedPassword)] : [];
      const before = broken.full ? await usersOf(target) : [];
      const run = await proof.certify(['--target', target, ...LOGIN, ...limited, ...(broken.full ? [] : ['--only', broken.intended.join(',')])]);
      expect(run.exitCode, run.stdout + run.stderr).toBe(1);
      for (const id of broken.intended) expect(statusOf(run, id), `${id}: ${failedIds(run, true).join('; ')}`).toBe('failed');
      if (broken.full) {
        expect(run.report?.counts.total).toBeGreaterThan(50);
        // Whatever the target got wrong, the run touched only its own users.
        const after = await usersOf(target);
        const stable = (users: Array<Record<string, unknown>>): unknown[] => users.filter((user) => !String(user['userName']).startsWith('uac')).map(({ lastLoginDate: _changes, ...user }) => user);
        expect(stable(after)).toEqual(stable(before));
      }
    });
  }
});
