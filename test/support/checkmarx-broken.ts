// Checkmarx targets that each break ONE documented behaviour, and the check(s) that must say so: the
// examples' own deviations (statuses, Location, types, tokens) and, for each statement family the
// depth checks cover, a violation the examples do not show (a capped list, a write that reaches a
// neighbour, a field dropped or read back stale, text re-encoded or cut short).
import { checkmarx } from '../../mock/apis/checkmarx/index.ts';
import { crashingOnMalformedJson, mapJson, type BrokenTarget } from './certify.ts';
import { afterCreate, handlers, isUsers, isUsersWrite, patched, rewriteUsers } from './checkmarx-targets.ts';

const strip = ({ passwordHash: _hash, creationDate: _date, ...user }: any): Record<string, unknown> => user;
const isRunUser = (user: any): boolean => typeof user?.userName === 'string' && user.userName.startsWith('uac');

/** The run's user whose id is nearest to `id` (a write that also reaches the user next to it). */
function nextRunUser(context: any, id: number): any {
  return [...context.state.users.values()].filter((user: any) => isRunUser(user) && user.id !== id).sort((a: any, b: any) => Math.abs(a.id - id) - Math.abs(b.id - id))[0];
}

export const BROKEN: BrokenTarget[] = [
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
    name: 'PUT answers 200 with the user instead of 204',
    intended: ['checkmarx/update-user/update-a-user'],
    module: patched({
      updateUser: async (request, context) => {
        const reply = await handlers['updateUser']!(request, context);
        return reply.status === 204 ? { status: 200, body: strip(context.state.users.get(request.pathParameters['id'])) } : reply;
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
        return reply.status === 404 ? { status: 200, body: { ...strip(context.state.users.get('1')), id: Number(request.pathParameters['id']), userName: 'ghost' } } : reply;
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

  // --- depth: violations the examples do not show ---------------------------------------------------
  {
    name: 'GET /Users answers at most 100 users (a silent cap)',
    intended: ['checkmarx/list-users/lists-all-of-many-users'],
    module: patched({ listUsers: async (request, context) => {
      const reply = await handlers['listUsers']!(request, context);
      return { ...reply, body: (reply.body as unknown[]).slice(0, 100) };
    } }),
  },
  {
    name: 'PUT also writes the change to the user whose id is next to it',
    intended: ['checkmarx/update-user/changes-only-the-named-user'],
    module: patched({
      updateUser: async (request, context) => {
        const reply = await handlers['updateUser']!(request, context);
        const next = nextRunUser(context, Number(request.pathParameters['id']));
        if (reply.status === 204 && next) await handlers['updateUser']!({ ...request, pathParameters: { id: String(next.id) } }, context);
        return reply;
      },
    }),
  },
  {
    name: 'DELETE also deletes the user whose id is next to it',
    intended: ['checkmarx/delete-user/deletes-only-the-named-user'],
    module: patched({
      deleteUser: async (request, context) => {
        const next = nextRunUser(context, Number(request.pathParameters['id']));
        const reply = await handlers['deleteUser']!(request, context);
        if (reply.status === 204 && next) context.state.users.delete(String(next.id));
        return reply;
      },
    }),
  },
  {
    name: 'POST /Users drops jobTitle and other (stores null)',
    intended: ['checkmarx/create-user/created-user-has-given-values'],
    module: patched({ createUser: (request, context) => handlers['createUser']!({ ...request, body: { ...(request.body as object), jobTitle: null, other: null } }, context) }),
  },
  {
    name: 'GET /Users answers users as they were created (a stale copy); GET /Users/{id} is right',
    intended: ['checkmarx/update-user/persists-given-fields'],
    module: (() => {
      const created = new Map<number, unknown>();
      return patched({
        ...afterCreate((id, context, reply) => (created.set(id, strip(context.state.users.get(String(id)))), reply)),
        listUsers: async (request, context) => {
          const reply = await handlers['listUsers']!(request, context);
          return { ...reply, body: (reply.body as Array<{ id: number }>).map((user) => created.get(user.id) ?? user) };
        },
      });
    })(),
  },
  {
    name: 'text is stored as Latin-1 (other letters become "?")',
    intended: ['checkmarx/create-user/unicode-text-round-trips'],
    proxy: { request: (request) => (isUsersWrite(request) ? { ...request, body: Buffer.from(request.body.toString('utf8').replace(/[^\u0000-\u00ff]/gu, '?')) } : request) },
  },
  {
    name: 'text is cut to 64 characters without a word',
    intended: ['checkmarx/create-user/unicode-text-round-trips'],
    proxy: {
      request: (request) => {
        if (!isUsersWrite(request) || request.body.length === 0) return request;
        try {
          const body = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
          return { ...request, body: Buffer.from(JSON.stringify(Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? value.slice(0, 64) : value])))) };
        } catch {
          return request;
        }
      },
    },
  },
  {
    name: 'POST /Users resets the jobTitle of the user created before it',
    intended: ['checkmarx/create-user/leaves-other-users-alone'],
    module: patched({
      createUser: async (request, context) => {
        const previous = [...context.state.users.values()].filter(isRunUser).sort((a: any, b: any) => b.id - a.id)[0];
        const reply = await handlers['createUser']!(request, context);
        if (reply.status === 201 && previous) context.state.users.set(String(previous.id), { ...previous, jobTitle: null });
        return reply;
      },
    }),
  },
];
