// Proof that each vaa check catches what it claims: a target that breaks ONE documented behaviour is
// refused, through the check that names the statement it breaks. The first group breaks what the
// examples show; the second breaks statements in ways the examples do not show (a list cut short, two
// creates at once, a write that reaches a neighbour, a field no later GET returns, text stored altered).
import { describe, expect, it } from 'vitest';
import { vaa } from '../../mock/apis/vaa.ts';
import { DEFAULT_SETTINGS } from '../../mock/server.ts';
import { crashingOnMalformedJson, failedIds, mapJson, statusOf, type BrokenTarget, type ProxiedRequest, type ProxiedResponse, type Rewrites } from '../support/certify.ts';
import { pathOf, type Handler } from '../support/certify.ts';
import { handlers, isUsersWrite, numberFor, patched, queryOf, rewriteUsers, success, vaaProofRuns, vaaState } from '../support/vaa-targets.ts';

const TOKEN = DEFAULT_SETTINGS.vaa.token;
const TEST_TIMEOUT_MS = 180_000;
const isUsersPath = (request: { url: string }): boolean => (request.url.split('?')[0] ?? '') === '/api/v2/users';
const userIdOf = (request: { body: unknown }): string => (request.body as { userId: string }).userId;

/** Names stored as a careless server stores them: `alter` applied to firstName and lastName on POST and PUT. */
function storingNames(alter: (text: string) => string): Record<string, Handler> {
  const altered = (original: Handler): Handler => (request, context) => {
    const body = { ...(request.body as Record<string, unknown>) };
    for (const field of ['firstName', 'lastName']) if (typeof body[field] === 'string') body[field] = alter(body[field] as string);
    return original({ ...request, body }, context);
  };
  return { createUser: altered(handlers['createUser']!), updateUser: altered(handlers['updateUser']!) };
}

/** Creates of one userId within `windowMs` of its first success all answer that success. */
function racingCreates(windowMs: number): Rewrites {
  const firstSuccess = new Map<string, { answer: ProxiedResponse; at: number }>();
  const userIdIn = (request: ProxiedRequest): string | undefined => {
    try {
      return (JSON.parse(request.body.toString('utf8')) as { userId?: string }).userId;
    } catch {
      return undefined;
    }
  };
  return {
    response: (response, request) => {
      const userId = request.method === 'POST' && isUsersPath(request) ? userIdIn(request) : undefined;
      if (userId === undefined) return response;
      if (response.status === 200) firstSuccess.set(userId, { answer: response, at: Date.now() });
      const first = firstSuccess.get(userId);
      return response.status === 400 && first && Date.now() - first.at < windowMs ? first.answer : response;
    },
  };
}

const DOCUMENTED: BrokenTarget[] = [
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
    module: patched({ listUsers: (request, context) => handlers['listUsers']!({ ...request, query: Object.fromEntries(Object.entries(request.query).filter(([name]) => name !== 'email')) }, context) }),
  },
  {
    name: 'PUT answers the change but does not store it',
    intended: ['vaa/update-user/persists-given-fields'],
    module: patched({
      updateUser: async (request, context) => {
        const before = context.state.users.get(userIdOf(request));
        const reply = await handlers['updateUser']!(request, context);
        if (before) context.state.users.set(before.userId, before);
        return reply;
      },
    }),
  },
  {
    name: 'PUT clears the fields it is not sent',
    intended: ['vaa/update-user/keeps-omitted-fields'],
    strict: true,
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
    module: patched({ deleteUser: (request, context) => (context.state.users.has(userIdOf(request)) ? success([]) : handlers['deleteUser']!(request, context)) }),
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
        if (response.status !== 200 || !isUsersPath(request)) return response;
        if (request.method === 'POST') return mapJson(response, (body) => ({ ...body, data: body.data[0] }));
        if (request.method === 'PUT') return mapJson(response, (body) => ({ ...body, data: [body.data] }));
        return response;
      },
    },
  },
  {
    name: 'userId answered as a number',
    intended: ['vaa/create-user/add-new-user'],
    proxy: { response: (response) => mapJson(response, (body) => rewriteUsers(body, (user) => ({ ...user, userId: numberFor(String(user['userId'])) }))) },
  },
  {
    name: 'a duplicate POST replaces the user',
    intended: ['vaa/create-user/add-existing-user'],
    module: patched({
      createUser: (request, context) => {
        context.state.users.delete(userIdOf(request));
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

const UNSHOWN: BrokenTarget[] = [
  {
    name: 'GET lists at most 100 users',
    intended: ['vaa/list-users/lists-every-user'],
    proxy: { response: (response, request) => (request.method === 'GET' && isUsersPath(request) && [...queryOf(request)].length === 0 ? mapJson(response, (body) => ({ ...body, data: Array.isArray(body.data) ? body.data.slice(0, 100) : body.data })) : response) },
  },
  {
    // The mock runs one write at a time, so the race is played by a proxy: a duplicate that arrives
    // while the first create is still fresh (as if both had checked before either inserted) succeeds too.
    name: 'two POSTs of one new userId arriving together both succeed (the existence check and the insert are not atomic)',
    intended: ['vaa/create-user/concurrent-duplicates'],
    proxy: racingCreates(200),
  },
  {
    name: 'deactivate also deactivates every other user with the same email',
    intended: ['vaa/deactivate-user/neighbours-unchanged'],
    module: patched({
      deactivateUser: async (request, context) => {
        const reply = await handlers['deactivateUser']!(request, context);
        const target = context.state.users.get(userIdOf(request));
        for (const user of vaaState(context)) if (target && user.email === target.email) context.state.users.set(user.userId, { ...user, status: 'inactive' });
        return reply;
      },
    }),
  },
  {
    name: 'DELETE also deletes the users whose userId starts with the one named',
    intended: ['vaa/delete-user/neighbours-unchanged'],
    module: patched({
      deleteUser: async (request, context) => {
        const reply = await handlers['deleteUser']!(request, context);
        if (reply.status === 200) for (const user of vaaState(context)) if (user.userId.startsWith(userIdOf(request))) context.state.users.delete(user.userId);
        return reply;
      },
    }),
  },
  {
    name: 'GET never returns customerName',
    intended: ['vaa/customer/name-returned-by-get'],
    proxy: { response: (response, request) => (request.method === 'GET' ? mapJson(response, (body) => rewriteUsers(body, ({ customerName: _dropped, ...user }) => user)) : response) },
  },
  {
    name: 'names stored with every non-ASCII character replaced by "?"',
    intended: ['vaa/properties/edge-case-data-round-trips'],
    module: patched(storingNames((text) => text.replace(/[^\u0000-\u007f]/g, '?'))),
  },
  {
    name: 'names silently cut to 40 characters',
    intended: ['vaa/properties/edge-case-data-round-trips'],
    module: patched(storingNames((text) => text.slice(0, 40))),
  },
  {
    name: 'PUT of an unknown user creates it',
    intended: ['vaa/modify-unknown-user/refused'],
    module: patched({ updateUser: (request, context) => (context.state.users.has(userIdOf(request)) ? handlers['updateUser']!(request, context) : handlers['createUser']!(request, context)) }),
  },
  {
    name: 'PUT of an unknown user answers 400 in a bare {"error": ...} body',
    intended: ['vaa/modify-unknown-user/refused'],
    module: patched({ updateUser: (request, context) => (context.state.users.has(userIdOf(request)) ? handlers['updateUser']!(request, context) : { status: 400, body: { error: 'no such user' } }) }),
  },
];

const proof = vaaProofRuns({ parallelRuns: 2, runTimeoutMs: 120_000 });

describe.concurrent('userapi certify --api vaa refuses a target that breaks one statement', () => {
  for (const [group, targets] of [['what the examples show', DOCUMENTED], ['in a way the examples do not show', UNSHOWN]] as const) {
    for (const broken of targets) {
      it(`(${group}) ${broken.name}: ${broken.intended.join(' and ')} failed`, { timeout: TEST_TIMEOUT_MS }, async () => {
        const target = await proof.targetFor(broken);
        const run = await proof.certify(['--target', target, '--token', TOKEN, '--only', broken.intended.join(','), '--seed', '1', ...(broken.strict ? ['--strict'] : [])]);
        expect(run.exitCode, run.stdout + run.stderr).toBe(1);
        for (const id of broken.intended) expect(statusOf(run, id), `${id}: ${failedIds(run).join('; ')}`).toBe('failed');
        // The failing check names the statement the target breaks, and the report says which one failed.
        const failedStatements = run.report?.statements.list.filter((statement) => statement.status === 'failed').map((statement) => statement.id) ?? [];
        expect(failedStatements.length).toBeGreaterThan(0);
      });
    }
  }
});
