// Proof that `userapi certify --api vaa` gives the right verdicts: the bundled mock is certified (strict
// too); a target that breaks ONE documented behaviour is not, and the check that names that behaviour
// is the one that fails; a target that makes every choice the document leaves open differently from
// the mock is still certified. Each run is the real CLI in a child process (test/support/certify.ts).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../mock/server.ts';
import { vaa } from '../../mock/apis/vaa.ts';
import type { AnyApiModule, MockReply, MockRequest } from '../../mock/module.ts';
import { crashingOnMalformedJson, failedIds, mapJson, proofRuns, startRewritingProxy, statusOf, type BrokenTarget, type ProxiedRequest, type ProxiedResponse } from '../support/certify.ts';

const TOKEN = DEFAULT_SETTINGS.vaa.token;
const LOGIN = ['--username', DEFAULT_SETTINGS.vaa.username, '--password', DEFAULT_SETTINGS.vaa.password];
const RUN_TIMEOUT_MS = 120_000;
/** Each run is a Node process with three vitest workers: more at once only makes them all slower. */
const PARALLEL_RUNS = 2;
const TEST_TIMEOUT_MS = 240_000;

type Handler = (request: MockRequest, context: any) => MockReply | Promise<MockReply>;
const handlers = vaa.handlers as Record<string, Handler>;
const success = (data: unknown): MockReply => ({ status: 200, body: { status: 201, message: 'Success', data } });

/** The vaa module with some handlers (or its authentication) replaced. */
function patched(replacements: Record<string, Handler>, authenticate?: AnyApiModule['authenticate']): AnyApiModule {
  return { ...vaa, ...(authenticate ? { authenticate } : {}), handlers: { ...vaa.handlers, ...replacements } } as AnyApiModule;
}

const pathOf = (request: ProxiedRequest): string => request.url.split('?')[0] ?? '';
const isUsersWrite = (request: ProxiedRequest): boolean => request.method !== 'GET' && pathOf(request).startsWith('/api/v2/users');


const BROKEN: BrokenTarget[] = [
  {
    name: 'PUT answers HTTP 201 instead of 200',
    intended: ['vaa/update-user/update-existing-user'],
    proxy: { response: (response, request) => (request.method === 'PUT' && pathOf(request) === '/api/v2/users' && response.status === 200 ? { ...response, status: 201 } : response) },
  },
  {
    name: 'PUT answers body status 200 instead of 201',
    intended: ['vaa/update-user/update-existing-user'],
    proxy: { response: (response, request) => (request.method === 'PUT' && pathOf(request) === '/api/v2/users' ? mapJson(response, (body) => (body.status === 201 ? { ...body, status: 200 } : body)) : response) },
  },
  {
    name: 'a duplicate POST says "User exists"',
    intended: ['vaa/create-user/add-existing-user'],
    proxy: { response: (response) => mapJson(response, (body) => (body.message === 'User already exists.' ? { ...body, message: 'User exists' } : body)) },
  },
  {
    name: 'GET ignores the email filter',
    intended: ['vaa/list-users/filter-by-email'],
    module: patched({
      listUsers: (request, context) => {
        const { email: _ignored, ...query } = request.query;
        return handlers['listUsers']!({ ...request, query }, context);
      },
    }),
  },
  {
    name: 'PUT answers the change but does not store it',
    intended: ['vaa/update-user/persists-given-fields'],
    module: patched({
      updateUser: async (request, context) => {
        const before = context.state.users.get((request.body as { userId: string }).userId);
        const reply = await handlers['updateUser']!(request, context);
        if (before) context.state.users.set(before.userId, before);
        return reply;
      },
    }),
  },
  {
    name: 'PUT clears the fields it is not sent',
    intended: ['vaa/update-user/keeps-omitted-fields'],
    module: patched({ updateUser: (request, context) => handlers['updateUser']!({ ...request, body: { firstName: '', lastName: '', customerId: '', ...(request.body as object) } }, context) }),
  },
  {
    name: 'deactivate does not change the status',
    intended: ['vaa/deactivate-user/deactivate-user'],
    module: patched({ deactivateUser: (request, context) => handlers['reactivateUser']!(request, context) }),
  },
  {
    name: 'DELETE answers success but keeps the user',
    intended: ['vaa/delete-user/delete-existing-user'],
    module: patched({
      deleteUser: (request, context) => (context.state.users.has((request.body as { userId: string }).userId) ? success([]) : handlers['deleteUser']!(request, context)),
    }),
  },
  {
    name: 'a second DELETE answers 200',
    intended: ['vaa/delete-user/again-is-404-invalid-user'],
    module: patched({
      deleteUser: async (request, context) => {
        const reply = await handlers['deleteUser']!(request, context);
        return reply.status === 404 ? success([]) : reply;
      },
    }),
  },
  {
    name: 'deactivate does not check the token',
    intended: ['vaa/auth/refused-on-deactivate-user'],
    module: patched({}, (request, state, settings) => (request.operationId === 'deactivateUser' ? { principal: { username: 'anyone' } } : vaa.authenticate(request, state, settings))),
  },
  {
    name: '"data" swapped: an object on POST, an array on PUT',
    intended: ['vaa/create-user/add-new-user', 'vaa/update-user/update-existing-user'],
    proxy: {
      response: (response, request) => {
        if (response.status !== 200 || pathOf(request) !== '/api/v2/users') return response;
        if (request.method === 'POST') return mapJson(response, (body) => ({ ...body, data: body.data[0] }));
        if (request.method === 'PUT') return mapJson(response, (body) => ({ ...body, data: [body.data] }));
        return response;
      },
    },
  },
  {
    name: 'userId answered as a number',
    intended: ['vaa/create-user/add-new-user'],
    proxy: { response: (response) => mapJson(response, (body) => rewriteUsers(body, (user) => ({ ...user, userId: numberFor(String(user.userId)) }))) },
  },
  {
    name: 'a duplicate POST replaces the user',
    intended: ['vaa/create-user/add-existing-user'],
    module: patched({
      createUser: (request, context) => {
        context.state.users.delete((request.body as { userId: string }).userId);
        return handlers['createUser']!(request, context);
      },
    }),
  },
  {
    name: 'malformed JSON gets a 500',
    intended: ['vaa/invalid-body/malformed-json-refused'],
    proxy: crashingOnMalformedJson(isUsersWrite, { status: 500, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"status":500,"message":"Internal LayerX Error","data":[]}') }),
  },
  {
    name: 'the password is echoed in POST and PUT answers',
    intended: ['vaa/responses/no-password-in-clear'],
    strict: true,
    full: true,
    proxy: {
      response: (response, request) => {
        if (!isUsersWrite(request) || response.status !== 200) return response;
        let password: unknown;
        try {
          password = (JSON.parse(request.body.toString('utf8')) as { password?: unknown }).password;
        } catch {
          return response;
        }
        return typeof password === 'string' ? mapJson(response, (body) => rewriteUsers(body, (user) => ({ ...user, password }))) : response;
      },
    },
  },
];

/** Applies `change` to every user object in an envelope's `data` (an array of users or one user). */
function rewriteUsers(body: any, change: (user: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (typeof body !== 'object' || body === null || !('data' in body)) return body;
  const isUser = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && 'userId' in value;
  const data = Array.isArray(body.data) ? body.data.map((item: unknown) => (isUser(item) ? change(item) : item)) : isUser(body.data) ? change(body.data) : body.data;
  return { ...body, data };
}

function numberFor(text: string): number {
  return Number.parseInt(createHash('sha256').update(text).digest('hex').slice(0, 8), 16);
}

function uuidFor(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Every choice the document leaves open, made differently from the mock, in one target. */
function openChoices(response: ProxiedResponse): ProxiedResponse {
  let { status } = response;
  let rewritten = response;
  if (status === 403) {
    status = 401;
    rewritten = mapJson(response, (body) => (body.status === 403 ? { ...body, status: 401 } : body));
  }
  rewritten = mapJson(rewritten, (body) => {
    const withUsers = rewriteUsers(body, (user) => ({ ...user, id: uuidFor(String(user.id)), customerName: user.customerName ?? null, lastLogin: '2024-01-01T00:00:00Z', profile: { source: 'proxy' } }));
    const reordered = Array.isArray((withUsers as any)?.data) ? { ...(withUsers as object), data: [...(withUsers as any).data].reverse() } : withUsers;
    // Extra fields everywhere, and the envelope's keys in another order.
    return typeof reordered === 'object' && reordered !== null && !Array.isArray(reordered) ? { requestId: 'r-1', ...Object.fromEntries(Object.entries(reordered).reverse()) } : reordered;
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rewritten.headers)) {
    if (['content-type', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name.toLowerCase())) continue;
    headers[name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`)] = value;
  }
  if (rewritten.body.length > 0) headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['X-Powered-By'] = 'Another Implementation';
  return { ...rewritten, status, headers };
}


const proof = proofRuns('vaa', { parallelRuns: PARALLEL_RUNS, runTimeoutMs: RUN_TIMEOUT_MS });
beforeAll(() => proof.start());
afterAll(() => proof.stop());

describe.concurrent('userapi certify --api vaa', () => {
  it('certifies the bundled mock, strict included (and prints its wall time)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const run = await proof.certify(['--strict']);
    console.log(`bundled mock, full strict run: ${(run.durationMs / 1000).toFixed(1)} s wall (${run.report?.counts.total} checks, ${run.report?.counts.requests} requests)`);
    expect(failedIds(run), run.stdout + run.stderr).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.report?.verdict).toBe('certified');
    expect(run.report?.counts.skipped).toBe(0);
    expect(run.report?.cleanup.leftBehind).toEqual([]);
  });

  it('certifies a target that makes every open choice differently (UUID ids, 401, reversed lists, extra fields, charset, header case, customerName): full suite, strict', { timeout: TEST_TIMEOUT_MS }, async () => {
    const proxy = proof.track(await startRewritingProxy(proof.plainMock.url, { response: openChoices }));
    const run = await proof.certify(['--target', proxy.url, ...LOGIN, '--strict']);
    // The INFO observation vaa/auth/refusal-is-403 notes the 401; it never decides the verdict.
    expect(failedIds(run, true), run.stdout + run.stderr).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.report?.counts.skipped).toBe(0);
  });

  for (const broken of BROKEN) {
    const how = broken.full ? `full run${broken.strict ? ', strict' : ''}` : `--only ${broken.intended.join(',')}`;
    it(`refuses a target where ${broken.name}: ${broken.intended.join(' and ')} failed (${how})`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const target = await proof.targetFor(broken);
      const run = await proof.certify(['--target', target, '--token', TOKEN, ...(broken.full ? [] : ['--only', broken.intended.join(',')]), ...(broken.strict ? ['--strict'] : [])]);
      expect(run.exitCode, run.stdout + run.stderr).toBe(1);
      for (const id of broken.intended) expect(statusOf(run, id), `${id}: ${failedIds(run).join('; ')}`).toBe('failed');
      if (broken.full) expect(run.report?.counts.total).toBeGreaterThan(40);
    });
  }
});
