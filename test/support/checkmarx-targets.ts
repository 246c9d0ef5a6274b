// The Checkmarx targets the certify proofs run against: the mock's module patched (a handler replaced)
// or a proxy rewriting its answers, the credentials to reach them, and two differently-correct servers
// that make every choice the document leaves open the other way from the mock.
import { randomInt } from 'node:crypto';
import { request } from 'undici';
import { DEFAULT_SETTINGS } from '../../mock/server.ts';
import { checkmarx } from '../../mock/apis/checkmarx/index.ts';
import type { AnyApiModule, MockReply, MockRequest } from '../../mock/module.ts';
import { mapJson, patchModule, pathOf, type Handler, type ProxiedRequest, type ProxiedResponse } from './certify.ts';

export const { username: ADMIN, password: ADMIN_PASSWORD, limitedUsername: LIMITED, limitedPassword: LIMITED_PASSWORD } = DEFAULT_SETTINGS.checkmarx;
export const LOGIN = ['--username', ADMIN, '--password', ADMIN_PASSWORD];
export const CLIENT_SECRET = '014DF517-39D1-4453-B7B3-9930C563627C';
const CLIENT = { grant_type: 'password', scope: 'sast_rest_api access_control_api', client_id: 'resource_owner_client', client_secret: CLIENT_SECRET };
export const USERS = '/cxrestapi/auth/Users';
/** The bundled mock's users before any run: the document's admin (1) and Marci (10). */
export const SEEDED = [{ id: 1, userName: ADMIN }, { id: 10, userName: LIMITED }];

export const handlers = checkmarx.handlers as Record<string, Handler>;

/** The checkmarx module with some handlers (or its authentication, or its seed) replaced. */
export function patched(replacements: Record<string, Handler>, extra: Partial<AnyApiModule> = {}): AnyApiModule {
  return patchModule(checkmarx, replacements, extra);
}

/** Checkmarx paths are case-insensitive: compared lower-cased. */
export const lowerPathOf = (proxied: ProxiedRequest): string => pathOf(proxied).toLowerCase();
export const isUsers = (proxied: ProxiedRequest): boolean => lowerPathOf(proxied) === USERS.toLowerCase();
export const isUsersWrite = (proxied: ProxiedRequest): boolean => proxied.method !== 'GET' && lowerPathOf(proxied).startsWith(USERS.toLowerCase());
export const userIdOf = (proxied: { url: string }): number | undefined => {
  const match = /\/cxrestapi\/auth\/users\/(\d+)$/i.exec(proxied.url.split('?')[0] ?? '');
  return match ? Number(match[1]) : undefined;
};
export const isRunName = (value: unknown): boolean => typeof value === 'string' && value.toLowerCase().startsWith('uac');

/** Applies `change` to every user object of a body (a user, or a list of users). */
export function rewriteUsers(body: any, change: (user: Record<string, unknown>) => Record<string, unknown>): unknown {
  const isUser = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && 'userName' in value;
  if (Array.isArray(body)) return body.map((item: unknown) => (isUser(item) ? change(item) : item));
  return isUser(body) ? change(body) : body;
}

export async function passwordGrant(target: string, username: string, password: string): Promise<string> {
  const answer = await request(`${target}/cxrestapi/auth/identity/connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...CLIENT, username, password }).toString(),
  });
  const body = (await answer.body.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token from ${target} for ${username}`);
  return body.access_token;
}

/** Every user the target holds, read as the admin (directly from the mock, not through a misbehaving proxy). */
export async function usersOf(target: string): Promise<Array<Record<string, unknown>>> {
  const token = await passwordGrant(target, ADMIN, ADMIN_PASSWORD);
  const answer = await request(`${target}${USERS}`, { headers: { authorization: `Bearer ${token}` } });
  return (await answer.body.json()) as Array<Record<string, unknown>>;
}

/** A create (or migration) whose 201 is then changed by `after`, which may move or edit the stored user. */
export function afterCreate(after: (id: number, context: any, reply: MockReply) => MockReply, base: Record<string, Handler> = handlers): Record<string, Handler> {
  return Object.fromEntries(
    ['createUser', 'migrateUser'].map((operation) => [
      operation,
      async (incoming: MockRequest, context: any): Promise<MockReply> => {
        const reply = await base[operation]!(incoming, context);
        if (reply.status !== 201) return reply;
        return after(Number(/(\d+)$/.exec(reply.headers?.['location'] ?? '')?.[1]), context, reply);
      },
    ]),
  );
}

// --- differently-correct target 1 ----------------------------------------------------------------

/** Ids from 100000 in steps of 7 (non-contiguous, far from the seed's 1 and 10). */
export const sparseIds = patched(
  afterCreate((_id, context, reply) => {
    context.state.counters.set('nextUserId', (context.state.counters.get('nextUserId') as number) + 6);
    return reply;
  }),
  {
    seed: async (state: any, seed, settings) => {
      await checkmarx.seed(state, seed, settings);
      state.counters.set('nextUserId', 100_000);
    },
  },
);

/** Every choice the document leaves open, made differently from the mock (in front of `sparseIds`). */
export function openChoices(response: ProxiedResponse, proxied: ProxiedRequest): ProxiedResponse {
  let rewritten = response;
  // The token endpoint's refusals are OAuth 2.0's, not the API's: left alone.
  if (lowerPathOf(proxied).endsWith('/connect/token')) return response;
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
      return Array.isArray(users) && isUsers(proxied) ? [...users].reverse() : users;
    });
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rewritten.headers)) {
    if (['content-type', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name.toLowerCase())) continue;
    // A relative Location, and header names in upper case.
    headers[name.toUpperCase()] = name.toLowerCase() === 'location' ? new URL(value).pathname : value;
  }
  if (rewritten.body.length > 0) headers['CONTENT-TYPE'] = 'application/json; charset=utf-8';
  headers['X-POWERED-BY'] = 'Another Implementation';
  return { ...rewritten, headers };
}

// --- differently-correct target 2 ----------------------------------------------------------------

const TEXTS = ['firstName', 'lastName', 'email', 'phoneNumber', 'cellPhoneNumber', 'jobTitle', 'other', 'country'];
/** What target 2 refuses as a name: more than 100 characters, characters outside the BMP (emoji), control characters. */
const refusedText = (value: unknown): boolean => typeof value === 'string' && (value.length > 100 || /[\u{10000}-\u{10FFFF}]|[\u0000-\u001f]/u.test(value));
const badRequest = (message: string): MockReply => ({ status: 400, body: { message } });

/** Refuses what target 2 does not take, before the mock's own handler. */
function stricter(operation: string): Handler {
  return async (incoming, context) => {
    const body = (incoming.body ?? {}) as Record<string, unknown>;
    const refused = TEXTS.find((field) => refusedText(body[field]));
    if (refused) return badRequest(`${refused} is not a valid name`);
    if (operation !== 'updateUser' && typeof body['password'] !== 'string') return badRequest('password is required');
    if (operation === 'updateUser') {
      // null keeps what a user has (the mock clears it): the document does not say.
      const kept = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null));
      return handlers[operation]!({ ...incoming, body: kept }, context);
    }
    // Two users may share a name (facts: under two providers; here under one): the mock's duplicate check is side-stepped.
    const taken = [...context.state.users.values()].find((user: any) => typeof body['username'] === 'string' && user.userName.toLowerCase() === body['username'].toLowerCase());
    if (!taken) return handlers[operation]!(incoming, context);
    const reply = await handlers[operation]!({ ...incoming, body: { ...body, username: `${String(body['username'])}~dup` } }, context);
    const id = /(\d+)$/.exec(reply.headers?.['location'] ?? '')?.[1];
    if (reply.status === 201 && id !== undefined) context.state.users.set(id, { ...context.state.users.get(id), userName: body['username'] });
    return reply;
  };
}

/** Moves a created user to a random 9-digit id, its texts not given "" rather than null; the Location in another spelling. */
function moveToRandomId(id: number, context: any, reply: MockReply): MockReply {
  const stored = context.state.users.get(String(id));
  let next = randomInt(100_000_000, 999_999_999);
  while (context.state.users.has(String(next))) next = randomInt(100_000_000, 999_999_999);
  context.state.users.delete(String(id));
  const emptied = Object.fromEntries(Object.entries(stored).map(([key, value]) => [key, value === null && TEXTS.includes(key) ? '' : value]));
  context.state.users.set(String(next), { ...emptied, id: next });
  return { ...reply, headers: { ...reply.headers, location: (reply.headers?.['location'] ?? '').replace(/\/cxrestapi\/auth\/Users\/\d+$/, `/CxRestAPI/auth/users/${next}/`) } };
}

/**
 * Random 9-digit ids (not growing), "" rather than null for texts not given, password required, long
 * text and emoji refused, null keeping a value on update, two users allowed one name, GET by id
 * answering the document's 201.
 */
export const otherChoices = patched({
  ...afterCreate(moveToRandomId, { createUser: stricter('createUser'), migrateUser: stricter('migrateUser') }),
  updateUser: stricter('updateUser'),
  getUser: async (incoming, context) => {
    const reply = await handlers['getUser']!(incoming, context);
    return reply.status === 200 ? { ...reply, status: 201 } : reply;
  },
});

const sortedKeys = (value: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));

/**
 * What target 2's answers look like (in front of `otherChoices`): keys in alphabetical order with extra
 * fields, lists ordered by userName (descending), dates without an offset, plain-text 400/404 bodies, a
 * JSON 401/403 body, 404 (not 400) for an id that is not an integer, `application/json;charset=UTF-8`.
 */
export function otherAnswers(response: ProxiedResponse, proxied: ProxiedRequest): ProxiedResponse {
  if (lowerPathOf(proxied).endsWith('/connect/token')) return response;
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
  const text = (status: number, message: string): ProxiedResponse => ({ status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(message) });
  if (response.status === 400 && proxied.method === 'GET' && /\/users\/[^/]+$/i.test(lowerPathOf(proxied)) && userIdOf(proxied) === undefined) return text(404, 'No such user');
  if (response.status === 400) return text(400, 'The request is invalid.');
  if (response.status === 404) return text(404, 'User not found');
  if (response.status === 401 || response.status === 403) return { status: response.status, headers: { ...headers, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ error: response.status === 401 ? 'invalid_token' : 'insufficient_scope' })) };
  if (response.body.length === 0) return { ...response, headers };
  const rewritten = mapJson(response, (body) => {
    const users = rewriteUsers(body, (user) =>
      sortedKeys({
        ...user,
        expirationDate: typeof user['expirationDate'] === 'string' ? new Date(user['expirationDate']).toISOString().slice(0, 19) : user['expirationDate'],
        fullName: `${String(user['firstName'])} ${String(user['lastName'])}`,
        isExternal: false,
      }),
    );
    return Array.isArray(users) ? [...users].sort((a, b) => String(b.userName).localeCompare(String(a.userName))) : users;
  });
  return { ...rewritten, headers: { ...headers, 'content-type': 'application/json;charset=UTF-8' } };
}
