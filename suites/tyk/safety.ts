// What certify's write guard, clean-up and inventory proof need to know of the Tyk Dashboard API: users
// are written by id in the path (`/api/users/{id}`, `/admin/users/{id}/...`) and created with an
// `email_address`; answers show them bare (GET), in `users` (lists) or in `Meta` (admin endpoints); an
// Add User answers the new id in `Meta` on current Dashboards and nothing on the document's.
import type { Cleanup, Inventory, UserListing } from '../harness/api.ts';
import type { RunConfig } from '../harness/config.ts';
import type { UserRecord, WriteRules } from '../harness/guard.ts';
import type { Exchange, HttpClient, HttpRequest } from '../harness/http.ts';
import { answerOf } from '../harness/expect.ts';
import { USERS_PATH } from './operations.ts';

const NAMES = ['email_address'];
const byId = `${USERS_PATH}/{id}`;

function usersOf(exchange: Exchange): Array<Record<string, unknown>> {
  const body = exchange.response.json as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null) return [];
  const candidates = Array.isArray(body['users']) ? body['users'] : typeof body['Meta'] === 'object' && body['Meta'] !== null ? [body['Meta']] : [body];
  return candidates.filter((user): user is Record<string, unknown> => typeof user === 'object' && user !== null && typeof (user as { id?: unknown }).id === 'string');
}

const read = (id: string): HttpRequest => ({ method: 'GET', path: `${USERS_PATH}/${encodeURIComponent(id)}` });

export const writeRules: WriteRules = {
  rules: [
    { method: 'POST', path: USERS_PATH, kind: 'create', nameFields: NAMES },
    { method: 'POST', path: '/admin/users', kind: 'create', nameFields: NAMES },
    // A search with a body reads; it changes nobody.
    { method: 'POST', path: `${USERS_PATH}/search`, kind: 'no-user' },
    { method: 'PUT', path: byId, kind: 'change', idParameters: ['id'], nameFields: NAMES },
    { method: 'DELETE', path: byId, kind: 'change', idParameters: ['id'] },
    { method: 'POST', path: `${byId}/actions/reset`, kind: 'change', idParameters: ['id'] },
    { method: 'PUT', path: `${byId}/actions/key/reset`, kind: 'change', idParameters: ['id'] },
    { method: 'PUT', path: `${byId}/actions/revoke`, kind: 'change', idParameters: ['id'] },
    { method: 'PUT', path: '/admin/users/{id}', kind: 'change', idParameters: ['id'], nameFields: NAMES },
    { method: 'PUT', path: '/admin/users/{id}/actions/allow_reset_passwords', kind: 'change', idParameters: ['id'] },
    { method: 'PUT', path: '/admin/users/{id}/actions/disallow_reset_passwords', kind: 'change', idParameters: ['id'] },
  ],
  usersIn(exchange: Exchange): UserRecord[] {
    if (exchange.response.status < 200 || exchange.response.status >= 300) return [];
    return usersOf(exchange).map((user) => ({ id: user['id'] as string, names: typeof user['email_address'] === 'string' ? { email_address: user['email_address'] } : ({} as Record<string, string>) }));
  },
  createdId(exchange) {
    const meta = (exchange.response.json as { Meta?: unknown } | undefined)?.Meta;
    if (typeof meta === 'string' && meta !== '') return meta;
    const id = typeof meta === 'object' && meta !== null ? (meta as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : undefined;
  },
  confirmingRead: (_entry, id) => read(id),
  authorize: (request, credentials) => {
    const headers: Record<string, string> = { ...request.headers };
    if (credentials.token !== undefined) headers['authorization'] = credentials.token;
    if (credentials.adminSecret !== undefined && request.path.startsWith('/admin/')) headers['admin-auth'] = credentials.adminSecret;
    return { ...request, headers };
  },
};

export const cleanup: Cleanup = {
  deleteRequest: (entry) => (entry.id === undefined ? undefined : { method: 'DELETE', path: `${USERS_PATH}/${encodeURIComponent(entry.id)}` }),
  readRequest: (entry) => (entry.id === undefined ? undefined : read(entry.id)),
  isGone(entry, exchange) {
    if (exchange.response.status === 404) return true;
    if (exchange.response.status !== 200) return undefined;
    const user = usersOf(exchange)[0];
    return user !== undefined && String(user['email_address']).toLowerCase() !== entry.names['email_address']?.toLowerCase() ? true : false;
  },
};

export const inventory: Inventory = {
  /** Every page: without `p` current Dashboards answer everyone; one that pages says so in `pages`. */
  async list(config: RunConfig, http: HttpClient): Promise<UserListing> {
    const first = await http.send(writeRules.authorize({ method: 'GET', path: USERS_PATH }, config.credentials));
    const exchanges = [first];
    const body = first.response.json as { users?: unknown; pages?: unknown } | undefined;
    if (first.response.status !== 200 || !(Array.isArray(body?.users) || body?.users === null)) return { unavailable: `GET ${USERS_PATH} answered ${answerOf(first)}`, exchanges };
    const users = new Map(usersOf(first).map((user) => [user['id'] as string, user]));
    const pages = typeof body?.pages === 'number' ? Math.min(body.pages, 1_000) : 0;
    for (let page = 2; page <= pages; page += 1) {
      const exchange = await http.send(writeRules.authorize({ method: 'GET', path: USERS_PATH, query: { p: String(page) } }, config.credentials));
      exchanges.push(exchange);
      if (exchange.response.status !== 200) return { unavailable: `GET ${USERS_PATH}?p=${page} answered ${answerOf(exchange)}`, exchanges };
      for (const user of usersOf(exchange)) users.set(user['id'] as string, user);
    }
    return { users: [...users.values()], exchanges };
  },
  idOf: (user) => (typeof user['id'] === 'string' ? user['id'] : undefined),
  // A key reset or a password set on somebody else's user shows here: access_key and password are compared (and redacted).
  fields: ['id', 'org_id', 'first_name', 'last_name', 'email_address', 'active', 'user_permissions', 'access_key', 'password', 'api_model', 'group_id'],
};
