// Proof that `userapi certify --api tyk` gives the right verdicts: the bundled mock is certified (strict
// too); a target that breaks ONE documented behaviour is not, and the check that names that behaviour is
// the one that fails; a target that makes every choice the document leaves open differently from the mock
// is still certified, strict included; a target answering Dashboard 5.x's `Meta` (the new id) on create
// fails only that SHOULD. Each run is the real CLI in a child process (test/support/certify.ts).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../mock/server.ts';
import { tyk } from '../../mock/apis/tyk/index.ts';
import type { AnyApiModule, MockReply, MockRequest } from '../../mock/module.ts';
import { crashingOnMalformedJson, failedIds, mapJson, proofRuns, startRewritingProxy, statusOf, type BrokenTarget, type ProxiedRequest, type ProxiedResponse } from '../support/certify.ts';

const KEY = DEFAULT_SETTINGS.tyk.accessKey;
const CREDENTIALS = ['--token', KEY, '--admin-secret', DEFAULT_SETTINGS.tyk.adminSecret];
const RUN_TIMEOUT_MS = 120_000;
/** Each run is a Node process with up to three vitest workers; most of a short run is start-up. */
const PARALLEL_RUNS = 3;
const TEST_TIMEOUT_MS = 240_000;

type Handler = (request: MockRequest, context: any) => MockReply | Promise<MockReply>;
const handlers = tyk.handlers as Record<string, Handler>;
const ok = (message: string, meta: unknown): MockReply => ({ status: 200, body: { Status: 'OK', Message: message, Meta: meta } });

/** The tyk module with some handlers (or its authentication) replaced. */
function patched(replacements: Record<string, Handler>, authenticate?: AnyApiModule['authenticate']): AnyApiModule {
  return { ...tyk, ...(authenticate ? { authenticate } : {}), handlers: { ...tyk.handlers, ...replacements } } as AnyApiModule;
}

const asAdmin = { principal: { via: 'access-key', orgId: '54b53d3aeba6db5c35000002' } };
const idOf = (request: MockRequest): string => request.pathParameters['USER_ID'] as string;
const pathOf = (request: ProxiedRequest): string => request.url.split('?')[0] ?? '';
const isUsersWrite = (request: ProxiedRequest): boolean => request.method !== 'GET' && pathOf(request).startsWith('/api/users');

function parsed(body: Buffer): any {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Applies `change` to every user object anywhere in a body (the list's, Get User's, the admin calls' Meta). */
function rewriteUsers(value: any, change: (user: Record<string, any>) => Record<string, any>): any {
  if (Array.isArray(value)) return value.map((item) => rewriteUsers(item, change));
  if (typeof value !== 'object' || value === null) return value;
  const walked = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteUsers(item, change)]));
  return 'access_key' in walked && 'email_address' in walked ? change(walked) : walked;
}


/** Passwords seen in requests, by address and by user id, for the target that answers them in clear. */
const clearPasswords = new Map<string, string>();

const BROKEN: BrokenTarget[] = [
  {
    name: 'Add User says "User Created"',
    intended: ['tyk/create-user/add-user'],
    proxy: { response: (response, request) => (request.method === 'POST' && pathOf(request) === '/api/users' ? mapJson(response, (body) => (body.Message === 'User created' ? { ...body, Message: 'User Created' } : body)) : response) },
  },
  {
    name: 'every success says "Status": "ok"',
    intended: ['tyk/create-user/add-user', 'tyk/update-user/update-user'],
    proxy: { response: (response) => mapJson(response, (body) => (body?.Status === 'OK' ? { ...body, Status: 'ok' } : body)) },
  },
  {
    name: 'Add User answers HTTP 201',
    intended: ['tyk/create-user/add-user'],
    proxy: { response: (response, request) => (request.method === 'POST' && pathOf(request) === '/api/users' && response.status === 200 ? { ...response, status: 201 } : response) },
  },
  {
    name: 'Update User answers success but stores nothing',
    intended: ['tyk/update-user/persists-given-fields'],
    module: patched({
      updateUser: async (request, context) => {
        const before = context.state.users.get(idOf(request));
        const reply = await handlers['updateUser']!(request, context);
        if (before) context.state.users.set(before.id, before);
        return reply;
      },
    }),
  },
  {
    name: 'Delete User answers success but keeps the user',
    intended: ['tyk/delete-user/delete-user'],
    module: patched({ deleteUser: (request, context) => (context.state.users.has(idOf(request)) ? ok('User deleted', '') : handlers['deleteUser']!(request, context)) }),
  },
  {
    name: 'Reset User Session issues a new key but the old one keeps working',
    intended: ['tyk/key-reset/old-key-revoked'],
    module: patched({
      resetUserSession: async (request, context) => {
        const before = context.state.users.get(idOf(request));
        const reply = await handlers['resetUserSession']!(request, context);
        if (before) context.state.accessKeys.set(before.access_key, { userId: before.id });
        return reply;
      },
    }),
  },
  {
    name: 'Reset User Session answers success but keeps the key',
    intended: ['tyk/key-reset/new-key-issued'],
    module: patched({ resetUserSession: (request, context) => (context.state.users.has(idOf(request)) ? ok('User session renewed', null) : handlers['resetUserSession']!(request, context)) }),
  },
  {
    name: 'Update User does not check the access key',
    intended: ['tyk/auth/refused-on-update-user'],
    full: true,
    module: patched({}, (request, state, settings) => (request.operationId === 'updateUser' ? asAdmin : tyk.authenticate(request, state, settings))),
  },
  {
    name: 'a users: read caller may add users',
    intended: ['tyk/permissions/read-user-cannot-create'],
    module: patched({}, async (request, state, settings) => {
      const decided = await tyk.authenticate(request, state, settings);
      return request.operationId === 'createUser' && 'refusal' in decided && decided.refusal.status === 403 ? asAdmin : decided;
    }),
  },
  {
    name: 'Set User Password ignores a wrong current_password',
    intended: ['tyk/set-user-password/wrong-current-refused'],
    module: patched({
      setUserPassword: (request, context) => {
        const user = context.state.users.get(idOf(request));
        if (user && (request.body as { current_password?: unknown }).current_password !== undefined) context.state.users.set(user.id, { ...user, passwordHash: null });
        return handlers['setUserPassword']!(request, context);
      },
    }),
  },
  {
    name: 'allow_reset_passwords does not need admin-auth',
    intended: ['tyk/admin-auth/refused-on-allow-reset-passwords'],
    module: patched({}, (request, state, settings) => (request.operationId === 'allowResetPasswords' ? { principal: { via: 'admin-secret', orgId: '54b53d3aeba6db5c35000002' } } : tyk.authenticate(request, state, settings))),
  },
  {
    name: 'List Users answers "users" as an object keyed by id',
    intended: ['tyk/list-users/list-users'],
    proxy: { response: (response, request) => (request.method === 'GET' && pathOf(request) === '/api/users' ? mapJson(response, (body) => (Array.isArray(body.users) ? { ...body, users: Object.fromEntries(body.users.map((user: any) => [user.id, user])) } : body)) : response) },
  },
  {
    name: '"active" is answered as a string',
    intended: ['tyk/get-user/get-user'],
    proxy: { response: (response) => mapJson(response, (body) => rewriteUsers(body, (user) => ({ ...user, active: String(user['active']) }))) },
  },
  {
    name: 'malformed JSON gets a 500',
    intended: ['tyk/invalid-body/malformed-json-refused'],
    proxy: crashingOnMalformedJson(isUsersWrite, { status: 500, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"Status":"Error","Message":"runtime error: invalid memory address","Meta":null}') }),
  },
  {
    name: 'users are answered with their password in clear',
    intended: ['tyk/responses/no-password-in-clear'],
    strict: true,
    proxy: {
      response: (response, request) => {
        const body = parsed(request.body);
        const path = pathOf(request);
        if (request.method === 'POST' && path === '/api/users' && typeof body?.password === 'string') clearPasswords.set(String(body.email_address).toLowerCase(), body.password);
        const reset = /^\/api\/users\/([^/]+)\/actions\/reset$/.exec(path);
        if (request.method === 'POST' && reset && response.status === 200 && typeof body?.new_password === 'string') clearPasswords.set(decodeURIComponent(reset[1] as string), body.new_password);
        return mapJson(response, (answer) => rewriteUsers(answer, (user) => {
          const clear = clearPasswords.get(user['id']) ?? clearPasswords.get(String(user['email_address']).toLowerCase());
          return clear === undefined ? user : { ...user, password: clear };
        }));
      },
    },
  },
];

function uuidFor(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Every choice the document leaves open, made differently from the mock: UUID ids and keys (translated
 * both ways), 401 and 403 swapped, lists in reverse order, `pages` counted without `p`, extra fields in
 * users and envelopes, no `password` in users, error messages in other words, a charset parameter,
 * capitalised header names.
 */
function openChoicesProxy(): { request: (request: ProxiedRequest) => ProxiedRequest; response: (response: ProxiedResponse, request: ProxiedRequest) => ProxiedResponse } {
  const toOpen = new Map<string, string>();
  const toMock = new Map<string, string>();
  const open = (value: string): string => {
    let mapped = toOpen.get(value);
    if (!mapped) {
      mapped = uuidFor(value);
      toOpen.set(value, mapped);
      toMock.set(mapped, value);
    }
    return mapped;
  };
  const back = (value: string): string => toMock.get(value) ?? value;
  return {
    request: (request) => {
      const [path, query] = request.url.split('?');
      const url = `${(path ?? '').split('/').map((segment) => back(decodeURIComponent(segment))).join('/')}${query === undefined ? '' : `?${query}`}`;
      const headers = { ...request.headers };
      const authorization = headers['authorization'];
      if (authorization !== undefined) {
        const bearer = /^bearer\s+/i.exec(authorization)?.[0] ?? '';
        headers['authorization'] = `${bearer}${back(authorization.slice(bearer.length))}`;
      }
      return { ...request, url, headers };
    },
    response: (response, request) => {
      let { status } = response;
      if (status === 401) status = 403;
      else if (status === 403) status = 401;
      const listing = request.method === 'GET' && pathOf(request) === '/api/users' && !/[?&]p=/.test(request.url);
      let rewritten = mapJson(response, (body) => {
        const users = rewriteUsers(body, (user) => {
          const { password: _omitted, ...rest } = user;
          return { ...rest, id: open(user['id']), access_key: open(user['access_key']), group_id: '', created_at: '2024-01-01T00:00:00Z', last_login_date: '2024-06-01T00:00:00Z', password_max_days: 0 };
        });
        if (Array.isArray(users?.users)) return { ...users, users: [...users.users].reverse(), ...(listing ? { pages: Math.ceil(users.users.length / 10) } : {}) };
        if (typeof users !== 'object' || users === null) return users;
        // Error messages in the implementation's own words: only the documented success messages are literal.
        const message = users.Status === 'Error' ? { Message: `request refused (${status})` } : {};
        return { RequestId: 'r-1', ...users, ...message };
      });
      rewritten = { ...rewritten, status };
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(rewritten.headers)) {
        if (['content-type', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name.toLowerCase())) continue;
        headers[name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`)] = value;
      }
      if (rewritten.body.length > 0) headers['Content-Type'] = 'application/json; charset=utf-8';
      headers['X-Powered-By'] = 'Another Dashboard';
      return { ...rewritten, headers };
    },
  };
}

/** A module that asks for users write on Set User Password (the document says read: an open reading). */
const setPasswordNeedsWrite = patched({}, (request, state, settings) => {
  if (request.operationId !== 'setUserPassword') return tyk.authenticate(request, state, settings);
  const operation = { ...request.operation, extensions: { ...request.operation.extensions, 'x-tyk-permission': { via: 'user_permissions', object: 'users', level: 'write' } } };
  return tyk.authenticate({ ...request, operation }, state, settings);
});

/** Dashboard 5.x's answer to Add User: the new user's id in `Meta`. */
function metaIsNewId(upstream: string) {
  return async (response: ProxiedResponse, request: ProxiedRequest): Promise<ProxiedResponse> => {
    if (request.method !== 'POST' || pathOf(request) !== '/api/users' || response.status !== 200) return response;
    const email = String(parsed(request.body)?.email_address ?? '').toLowerCase();
    const listed = await fetch(`${upstream}/api/users`, { headers: { authorization: request.headers['authorization'] ?? '' } }).then((answer) => answer.json() as Promise<{ users: Array<{ id: string; email_address: string }> }>);
    const user = listed.users.find((candidate) => candidate.email_address.toLowerCase() === email);
    return mapJson(response, (body) => ({ ...body, Meta: user?.id ?? body.Meta }));
  };
}


const proof = proofRuns('tyk', { parallelRuns: PARALLEL_RUNS, runTimeoutMs: RUN_TIMEOUT_MS });
beforeAll(() => proof.start());
afterAll(() => proof.stop());

describe.concurrent('userapi certify --api tyk', () => {
  it('certifies the bundled mock, strict included (and prints its wall time)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const run = await proof.certify(['--strict']);
    console.log(`bundled mock, full strict run: ${(run.durationMs / 1000).toFixed(1)} s wall (${run.report?.counts.total} checks, ${run.report?.counts.requests} requests)`);
    expect(failedIds(run), run.stdout + run.stderr).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.report?.verdict).toBe('certified');
    expect(run.report?.counts.skipped).toBe(0);
    expect(run.report?.cleanup.leftBehind).toEqual([]);
  });

  it('certifies a target that makes every open choice differently (UUID ids and keys, 401/403 swapped, reversed lists, pages without p, extra fields, no password, other error messages, set password needing write, charset, header case): full suite, strict', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await proof.mockWith(setPasswordNeedsWrite);
    const proxy = proof.track(await startRewritingProxy(server.url, openChoicesProxy()));
    const run = await proof.certify(['--target', proxy.url, ...CREDENTIALS, '--strict']);
    // INFO observations (the facts' messages, password present, users: read setting a password) never decide.
    expect(failedIds(run, true), run.stdout + run.stderr).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.report?.counts.skipped).toBe(0);
    expect(run.report?.cleanup.leftBehind).toEqual([]);
    expect(statusOf(run, 'tyk/permissions/read-user-may-set-password')).toBe('failed');
    expect(statusOf(run, 'tyk/responses/password-field-present')).toBe('failed');
  });

  it('certifies a target answering Add User with the new id in "Meta" (Dashboard 5.x) without --strict, failing only the SHOULD on Meta\'s literals: full suite', { timeout: TEST_TIMEOUT_MS }, async () => {
    const proxy = proof.track(await startRewritingProxy(proof.plainMock.url, { response: metaIsNewId(proof.plainMock.url) }));
    const run = await proof.certify(['--target', proxy.url, ...CREDENTIALS]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    // Every check that adds a user finds it (by the id in Meta, or by its address); only the literal differs.
    expect(failedIds(run)).toEqual([expect.stringContaining('tyk/envelope/meta-literals (failed: Add User: "Meta" is "')]);
    expect(run.report?.counts.skipped).toBe(0);
  });

  for (const broken of BROKEN) {
    const how = broken.full ? `full run${broken.strict ? ', strict' : ''}` : `--only ${broken.intended.join(',')}${broken.strict ? ' --strict' : ''}`;
    it(`refuses a target where ${broken.name}: ${broken.intended.join(' and ')} failed (${how})`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const target = await proof.targetFor(broken);
      const run = await proof.certify(['--target', target, ...CREDENTIALS, ...(broken.full ? [] : ['--only', broken.intended.join(',')]), ...(broken.strict ? ['--strict'] : [])]);
      expect(run.exitCode, run.stdout + run.stderr).toBe(1);
      for (const id of broken.intended) expect(statusOf(run, id), `${id}: ${failedIds(run).join('; ')}`).toBe('failed');
      if (broken.full) expect(run.report?.counts.total).toBeGreaterThan(50);
    });
  }
});
