// Tyk targets that break ONE documented behaviour each (proxies in front of the bundled mock), and the
// check that must say so: the documented literals and shapes, what each operation stores, its refusals,
// and the depth the statements demand (a list capped at 100, a write that also changes a neighbour,
// names stored altered).
import { crashingOnMalformedJson, mapJson, type ProxiedRequest, type ProxiedResponse, type Rewrites } from './certify.ts';
import { pathOf } from './certify.ts';
import { ADMIN_SECRET, KEY, isCreate, ok, parsed, rewriteUsers, upstreamCall, upstreamUsers, userIdIn, type TykUserRecord } from './tyk-targets.ts';

const isUsersWrite = (request: ProxiedRequest): boolean => request.method !== 'GET' && pathOf(request).startsWith('/api/users');

/** Whether the caller's own key may read the user (so a faked success is not also a missing auth check). */
async function callerSees(upstream: string, request: ProxiedRequest, id: string): Promise<boolean> {
  const { request: send } = await import('undici');
  const answer = await send(`${upstream}/api/users/${id}`, { headers: { authorization: request.headers['authorization'] ?? '' } });
  await answer.body.dump();
  return answer.statusCode === 200;
}

/**
 * Answers `reply` instead of forwarding the request when `applies` (the caller may see the user in the
 * path): the operation answers success and does nothing.
 */
export function fakedSuccess(upstream: string, applies: (request: ProxiedRequest) => string | undefined, reply: ProxiedResponse): Rewrites {
  return {
    request: async (request) => {
      const id = applies(request);
      return id !== undefined && (await callerSees(upstream, request, id)) ? { ...request, method: 'GET', url: '/__faked__' } : request;
    },
    response: (response, request) => (request.url === '/__faked__' ? reply : response),
  };
}

/** After a successful `method` on /api/users/{id}<suffix>, the same call (as the admin) on every other user with that user's names. */
function alsoOnNamesakes(upstream: string, method: string, suffix: string, body: (request: ProxiedRequest) => unknown): Rewrites {
  const before = new Map<string, TykUserRecord>();
  return {
    request: async (request) => {
      const id = request.method === method ? userIdIn(request, suffix) : undefined;
      if (id) {
        const user = (await upstreamCall(upstream, 'GET', `/api/users/${id}`)).body as TykUserRecord | undefined;
        if (user?.id) before.set(id, user);
      }
      return request;
    },
    response: async (response, request) => {
      const id = request.method === method ? userIdIn(request, suffix) : undefined;
      const user = id ? before.get(id) : undefined;
      if (!user || response.status !== 200) return response;
      for (const other of await upstreamUsers(upstream)) {
        if (other.id !== user.id && other.first_name === user.first_name && other.last_name === user.last_name) await upstreamCall(upstream, method, `/api/users/${other.id}${suffix}`, body(request));
      }
      return response;
    },
  };
}

/** Names stored as a Latin-1 column of 64 characters would hold them: non-Latin-1 becomes "?", the rest is cut. */
function latin1Names(): Rewrites {
  const squeeze = (text: unknown): unknown => (typeof text === 'string' ? [...text].map((char) => (char.codePointAt(0)! > 0xff ? '?' : char)).join('').slice(0, 64) : text);
  return {
    request: (request) => {
      const body = parsed(request.body);
      if (!isUsersWrite(request) || typeof body !== 'object' || body === null) return request;
      return { ...request, body: Buffer.from(JSON.stringify({ ...body, first_name: squeeze(body.first_name), last_name: squeeze(body.last_name) })) };
    },
  };
}

/** Passwords seen in requests, by address and by user id, for the target that answers them in clear. */
function clearPasswords(): Rewrites {
  const seen = new Map<string, string>();
  return {
    response: (response, request) => {
      const body = parsed(request.body);
      const reset = userIdIn(request, '/actions/reset');
      if (isCreate(request) && typeof body?.password === 'string') seen.set(String(body.email_address).toLowerCase(), body.password);
      if (request.method === 'POST' && reset && response.status === 200 && typeof body?.new_password === 'string') seen.set(decodeURIComponent(reset), body.new_password);
      return mapJson(response, (answer) =>
        rewriteUsers(answer, (user) => {
          const clear = seen.get(user.id) ?? seen.get(String(user.email_address).toLowerCase());
          return clear === undefined ? user : { ...user, password: clear };
        }),
      );
    },
  };
}

/** A reset key stops nothing: requests with the old key are sent with the new one. */
function oldKeysKeepWorking(upstream: string): Rewrites {
  const aliases = new Map<string, string>();
  const keyOf = async (id: string): Promise<string | undefined> => (await upstreamCall(upstream, 'GET', `/api/users/${id}`)).body?.access_key;
  const pending = new Map<string, string>();
  return {
    request: async (request) => {
      const id = request.method === 'PUT' ? userIdIn(request, '/actions/key/reset') : undefined;
      if (id) pending.set(id, (await keyOf(id)) ?? '');
      const key = request.headers['authorization'];
      return key !== undefined && aliases.has(key) ? { ...request, headers: { ...request.headers, authorization: aliases.get(key) as string } } : request;
    },
    response: async (response, request) => {
      const id = request.method === 'PUT' ? userIdIn(request, '/actions/key/reset') : undefined;
      const old = id ? pending.get(id) : undefined;
      const fresh = id && response.status === 200 ? await keyOf(id) : undefined;
      if (old && fresh) {
        aliases.set(old, fresh);
        for (const [alias, target] of aliases) if (target === old) aliases.set(alias, fresh);
      }
      return response;
    },
  };
}

/** A target that breaks ONE documented behaviour: a proxy in front of `upstream` (a fresh mock), and the check(s) that must fail. */
export interface TykBroken {
  name: string;
  intended: string[];
  proxy: (upstream: string) => Rewrites;
  /** Run every check (no --only), to show the failure is found without being pointed at. */
  full?: boolean;
  strict?: boolean;
}

export function brokenTargets(): TykBroken[] {
  const always = (rewrites: Rewrites) => (): Rewrites => rewrites;
  return [
    { name: 'Add User says "User Created"', intended: ['tyk/create-user/add-user'], proxy: always({ response: (response, request) => (isCreate(request) ? mapJson(response, (body) => (body.Message === 'User created' ? { ...body, Message: 'User Created' } : body)) : response) }) },
    { name: 'every success says "Status": "ok"', intended: ['tyk/create-user/add-user', 'tyk/update-user/update-user'], proxy: always({ response: (response) => mapJson(response, (body) => (body?.Status === 'OK' ? { ...body, Status: 'ok' } : body)) }) },
    { name: 'Add User answers HTTP 201', intended: ['tyk/create-user/add-user'], proxy: always({ response: (response, request) => (isCreate(request) && response.status === 200 ? { ...response, status: 201 } : response) }) },
    { name: 'Update User answers success but stores nothing', intended: ['tyk/update-user/persists-given-fields'], proxy: ((url: string) => fakedSuccess(url, (request) => (request.method === 'PUT' ? userIdIn(request) : undefined), ok('User updated', null))) },
    { name: 'Delete User answers success but keeps the user', intended: ['tyk/delete-user/delete-user'], proxy: ((url: string) => fakedSuccess(url, (request) => (request.method === 'DELETE' ? userIdIn(request) : undefined), ok('User deleted', ''))) },
    { name: 'Reset User Session issues a new key but the old one keeps working', intended: ['tyk/key-reset/old-key-revoked'], proxy: oldKeysKeepWorking },
    { name: 'Reset User Session answers success but keeps the key', intended: ['tyk/key-reset/new-key-issued'], proxy: ((url: string) => fakedSuccess(url, (request) => (request.method === 'PUT' ? userIdIn(request, '/actions/key/reset') : undefined), ok('User session renewed', null))) },
    { name: 'Update User does not check the access key', intended: ['tyk/auth/refused-on-update-user'], full: true, proxy: always({ request: (request) => (request.method === 'PUT' && userIdIn(request) ? { ...request, headers: { ...request.headers, authorization: KEY } } : request) }) },
    {
      name: 'a users: read caller may add users',
      intended: ['tyk/permissions/read-user-cannot-create'],
      proxy: ((url: string) => ({
        // A key of a listed user (a valid one) is taken as the admin's; a wrong key is still refused.
        request: async (request) => (isCreate(request) && (await upstreamUsers(url)).some((user) => user.access_key === request.headers['authorization']) ? { ...request, headers: { ...request.headers, authorization: KEY } } : request),
      })),
    },
    {
      name: 'a users: read caller may set another user\'s password (an admin\'s too)',
      intended: ['tyk/permissions/read-user-cannot-set-others-password'],
      strict: true,
      // The mock's refusal of a listed user's key is retried with the admin's key.
      proxy: (url: string) => ({
        request: async (request) => (request.method === 'POST' && userIdIn(request, '/actions/reset') && (await upstreamUsers(url)).some((user) => user.access_key === request.headers['authorization']) ? { ...request, headers: { ...request.headers, authorization: KEY } } : request),
      }),
    },
    { name: 'Set User Password answers success to a wrong current_password (and sets nothing)', intended: ['tyk/set-user-password/wrong-current-refused'], proxy: always({ response: (response, request) => (request.method === 'POST' && userIdIn(request, '/actions/reset') && typeof parsed(request.body)?.current_password === 'string' && response.status >= 400 && response.status < 500 ? ok('User password updated', '') : response) }) },
    { name: 'allow_reset_passwords does not need admin-auth', intended: ['tyk/admin-auth/refused-on-allow-reset-passwords'], proxy: always({ request: (request) => (pathOf(request).endsWith('/actions/allow_reset_passwords') ? { ...request, headers: { ...request.headers, 'admin-auth': ADMIN_SECRET } } : request) }) },
    { name: 'List Users answers "users" as an object keyed by id', intended: ['tyk/list-users/read-only-list'], proxy: always({ response: (response, request) => (request.method === 'GET' && pathOf(request) === '/api/users' ? mapJson(response, (body) => (Array.isArray(body.users) ? { ...body, users: Object.fromEntries(body.users.map((user: TykUserRecord) => [user.id, user])) } : body)) : response) }) },
    { name: '"active" is answered as a string', intended: ['tyk/get-user/get-user'], proxy: always({ response: (response) => mapJson(response, (body) => rewriteUsers(body, (user) => ({ ...user, active: String(user['active']) }))) }) },
    { name: 'malformed JSON gets a 500', intended: ['tyk/invalid-body/malformed-json-refused'], proxy: always(crashingOnMalformedJson(isUsersWrite, { status: 500, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"Status":"Error","Message":"runtime error: invalid memory address","Meta":null}') })) },
    { name: 'users are answered with their password in clear', intended: ['tyk/responses/no-password-in-clear'], strict: true, proxy: () => clearPasswords() },
    // Depth: what the samples never show.
    { name: 'List Users silently stops at 100 users', intended: ['tyk/list-users/all-users-listed'], proxy: always({ response: (response, request) => (request.method === 'GET' && pathOf(request) === '/api/users' ? mapJson(response, (body) => (Array.isArray(body.users) ? { ...body, users: body.users.slice(0, 100) } : body)) : response) }) },
    { name: 'Update User also changes every user with the same names', intended: ['tyk/update-user/only-named-user-changed'], proxy: ((url: string) => alsoOnNamesakes(url, 'PUT', '', (request) => ({ ...parsed(request.body), email_address: undefined }))) },
    { name: 'Delete User also deletes every user with the same names', intended: ['tyk/delete-user/only-named-user-changed'], proxy: ((url: string) => alsoOnNamesakes(url, 'DELETE', '', () => undefined)) },
    { name: 'Reset User Session also renews the keys of every user with the same names', intended: ['tyk/reset-user-session/only-named-user-changed'], proxy: ((url: string) => alsoOnNamesakes(url, 'PUT', '/actions/key/reset', () => ({}))) },
    { name: 'names are stored as Latin-1 in 64 characters ("?" for the rest, cut short)', intended: ['tyk/properties/edge-case-data-round-trips'], proxy: () => latin1Names() },
  ];
}
