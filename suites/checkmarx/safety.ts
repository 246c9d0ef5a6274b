// What certify's write guard, clean-up and inventory proof need to know of the Checkmarx API: users are
// written by integer id in the path (`/Users/{id}`) and created with a `username` and `email`; answers
// show them with `userName`; a create answers the new id only in its Location; paths ignore case.
import type { Cleanup, Inventory, UserListing } from '../harness/api.ts';
import type { RunConfig } from '../harness/config.ts';
import type { UserRecord, WriteRules } from '../harness/guard.ts';
import type { Exchange, HttpClient } from '../harness/http.ts';
import type { LedgerEntry } from '../harness/ledger.ts';
import { answerOf } from '../harness/expect.ts';
import { MEDIA_TYPE, MIGRATION_PATH, TOKEN_PATH, USERS_PATH, idOfLocation, userPath } from './operations.ts';

/** Names a write may carry: requests say `username` (the SDK also `userName`), answers `userName`. */
const NAMES = ['username', 'userName', 'email'];

function usersOf(exchange: Exchange): Array<Record<string, unknown>> {
  const body = exchange.response.json;
  const list = Array.isArray(body) ? body : typeof body === 'object' && body !== null ? [body] : [];
  return list.filter((user): user is Record<string, unknown> => typeof user === 'object' && user !== null && 'id' in user);
}

export const writeRules: WriteRules = {
  caseInsensitivePaths: true,
  rules: [
    { method: 'POST', path: TOKEN_PATH, kind: 'no-user' },
    { method: 'POST', path: USERS_PATH, kind: 'create', nameFields: NAMES },
    { method: 'POST', path: MIGRATION_PATH, kind: 'create', nameFields: NAMES },
    { method: 'PUT', path: `${USERS_PATH}/{id}`, kind: 'change', idParameters: ['id'], nameFields: NAMES },
    { method: 'DELETE', path: `${USERS_PATH}/{id}`, kind: 'change', idParameters: ['id'], nameFields: NAMES },
  ],
  usersIn(exchange: Exchange): UserRecord[] {
    if (exchange.response.status < 200 || exchange.response.status >= 300) return [];
    return usersOf(exchange).map((user) => ({
      ...(typeof user['id'] === 'number' || typeof user['id'] === 'string' ? { id: String(user['id']) } : {}),
      names: Object.fromEntries(['userName', 'email'].filter((field) => typeof user[field] === 'string').map((field) => [field === 'userName' ? 'username' : field, user[field] as string])),
    }));
  },
  createdId(exchange) {
    const location = exchange.response.headers['location'];
    const id = location === undefined ? undefined : idOfLocation(location, exchange.request.url);
    return id === undefined ? undefined : String(id);
  },
  confirmingRead: (_entry, id) => ({ method: 'GET', path: userPath(id), headers: { accept: MEDIA_TYPE } }),
  authorize: (request, credentials) => (credentials.token === undefined ? request : { ...request, headers: { ...request.headers, authorization: `Bearer ${credentials.token}` } }),
};

/** Whether a user an answer shows is the run's user `entry` (by its user name or address). */
function isEntry(user: Record<string, unknown>, entry: LedgerEntry): boolean {
  const names = Object.values(entry.names).map((name) => name.toLowerCase());
  return [user['userName'], user['email']].some((value) => typeof value === 'string' && names.includes(value.toLowerCase()));
}

export const cleanup: Cleanup = {
  deleteRequest: (entry) => (entry.id === undefined ? undefined : { method: 'DELETE', path: userPath(entry.id), headers: { accept: MEDIA_TYPE } }),
  // An entry whose id an answer showed to be somebody else's (given again after its delete) is looked for in the list.
  readRequest: (entry) => ({ method: 'GET', path: entry.id === undefined ? USERS_PATH : userPath(entry.id), headers: { accept: MEDIA_TYPE } }),
  isGone(entry, exchange) {
    if (exchange.response.status === 404) return true;
    if (exchange.response.status !== 200 && exchange.response.status !== 201) return undefined;
    const shown = usersOf(exchange);
    // A list (asked for, or answered instead of one user): gone when it does not show the user. One
    // user: the id now answering somebody else (ids given again) means the run's user is gone from it.
    if (Array.isArray(exchange.response.json)) return !shown.some((user) => isEntry(user, entry));
    const user = shown[0];
    return user === undefined ? undefined : !isEntry(user, entry);
  },
};

export const inventory: Inventory = {
  async list(config: RunConfig, http: HttpClient): Promise<UserListing> {
    const exchange = await http.send(writeRules.authorize({ method: 'GET', path: USERS_PATH, headers: { accept: MEDIA_TYPE } }, config.credentials));
    if (exchange.response.status !== 200 || !Array.isArray(exchange.response.json)) return { unavailable: `GET ${USERS_PATH} answered ${answerOf(exchange)}`, exchanges: [exchange] };
    return { users: usersOf(exchange), exchanges: [exchange] };
  },
  idOf: (user) => (typeof user['id'] === 'number' || typeof user['id'] === 'string' ? String(user['id']) : undefined),
  // lastLoginDate is left out: certify's own login as the run's user changes it.
  fields: ['id', 'userName', 'firstName', 'lastName', 'email', 'phoneNumber', 'cellPhoneNumber', 'jobTitle', 'other', 'country', 'active', 'expirationDate', 'allowedIpList', 'roleIds', 'teamIds', 'authenticationProviderId', 'localeId'],
};
