// What certify's write guard, clean-up and inventory proof need to know of the vaa API: which requests
// write and whom they name (users are named by `userId` and `email` in the body, never in the path),
// how answers show users, how to list them all, and how to delete one of the run's and see it gone.
import type { Cleanup, Inventory, UserListing } from '../harness/api.ts';
import type { RunConfig } from '../harness/config.ts';
import type { UserRecord, WriteRules } from '../harness/guard.ts';
import type { Exchange, HttpClient, HttpRequest } from '../harness/http.ts';
import type { LedgerEntry } from '../harness/ledger.ts';
import { answerOf } from '../harness/expect.ts';
import { envelopeProblem } from './answers.ts';
import { DEACTIVATE_PATH, LOGIN_PATH, REACTIVATE_PATH, TOKEN_HEADER, USERS_PATH } from './driver.ts';

/**
 * Users are named by these; `customerId` names a customer a write may create or rename, so it must be the
 * run's too. Only `userId` identifies a user: several of the run's users may share an e-mail or a customer.
 */
const NAMES = ['userId', 'email', 'customerId'];
const IDENTITY = ['userId'];

function usersOf(exchange: Exchange): Array<Record<string, unknown>> {
  const data = (exchange.response.json as { data?: unknown } | undefined)?.data;
  const list = Array.isArray(data) ? data : typeof data === 'object' && data !== null ? [data] : [];
  return list.filter((user): user is Record<string, unknown> => typeof user === 'object' && user !== null);
}

export const writeRules: WriteRules = {
  rules: [
    { method: 'POST', path: LOGIN_PATH, kind: 'no-user' },
    { method: 'POST', path: USERS_PATH, kind: 'create', nameFields: NAMES, identityFields: IDENTITY, idFields: ['id'] },
    // `id` is a placeholder in every documented body; a server that reads it must find the run's user there.
    { method: 'PUT', path: USERS_PATH, kind: 'change', nameFields: NAMES, identityFields: IDENTITY, idFields: ['id'] },
    { method: 'PUT', path: DEACTIVATE_PATH, kind: 'change', nameFields: NAMES, identityFields: IDENTITY, idFields: ['id'] },
    { method: 'PUT', path: REACTIVATE_PATH, kind: 'change', nameFields: NAMES, identityFields: IDENTITY, idFields: ['id'] },
    { method: 'DELETE', path: USERS_PATH, kind: 'change', nameFields: NAMES, identityFields: IDENTITY, idFields: ['id'] },
  ],
  usersIn(exchange: Exchange): UserRecord[] {
    if (exchange.response.status < 200 || exchange.response.status >= 300) return [];
    return usersOf(exchange).map((user) => ({
      ...(typeof user['id'] === 'string' ? { id: user['id'] } : {}),
      names: Object.fromEntries(['userId', 'email'].filter((field) => typeof user[field] === 'string').map((field) => [field, user[field] as string])),
    }));
  },
  createdId: (exchange) => {
    const id = usersOf(exchange)[0]?.['id'];
    return typeof id === 'string' ? id : undefined;
  },
  confirmingRead: (entry) => readOf(entry),
  authorize: (request, credentials) => (credentials.token === undefined ? request : { ...request, headers: { ...request.headers, [TOKEN_HEADER]: credentials.token } }),
};

function readOf(entry: LedgerEntry): HttpRequest | undefined {
  const userId = entry.names['userId'];
  return userId === undefined ? undefined : { method: 'GET', path: USERS_PATH, query: { userId } };
}

export const cleanup: Cleanup = {
  deleteRequest(entry) {
    const { userId, email } = entry.names;
    if (userId === undefined) return undefined;
    // The body needs an email, but DELETE finds the user by userId (the document's inline DELETE sends
    // another email than the user's): the ledger knows users by userId only, so one made of it will do.
    return { method: 'DELETE', path: USERS_PATH, json: { userId, email: email ?? `${userId}@example.com` } };
  },
  readRequest: readOf,
  isGone(entry, exchange) {
    const { status } = exchange.response;
    // GET matching nobody is HTTP 400 "User(s) not found." (the document's GET Example 4); a 404 error
    // in the envelope to a filter on the run's own userId means the same. A refusal (401, 403) tells nothing.
    if ((status === 400 || status === 404 || status === 410) && envelopeProblem(exchange) === undefined) return true;
    if (status !== 200) return undefined;
    const users = usersOf(exchange);
    if (users.some((user) => user['userId'] === entry.names['userId'])) return false;
    // Other users only: the filter was not applied, and an answer that is not every user cannot tell.
    return users.length === 0 ? true : undefined;
  },
};

export const inventory: Inventory = {
  async list(config: RunConfig, http: HttpClient): Promise<UserListing> {
    const exchange = await http.send(writeRules.authorize({ method: 'GET', path: USERS_PATH }, config.credentials));
    const message = (exchange.response.json as { message?: unknown } | undefined)?.message;
    if (exchange.response.status === 400 && message === 'User(s) not found.') return { users: [], exchanges: [exchange] };
    if (exchange.response.status !== 200) return { unavailable: `GET ${USERS_PATH} answered ${answerOf(exchange)}`, exchanges: [exchange] };
    return { users: usersOf(exchange), exchanges: [exchange] };
  },
  idOf: (user) => (typeof user['userId'] === 'string' ? user['userId'] : undefined),
  fields: ['userId', 'id', 'email', 'firstName', 'lastName', 'status', 'customerId', 'customerName', 'roles'],
};
