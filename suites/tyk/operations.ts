// The Tyk Dashboard users operations by their spec operationId (the document's nine, and the five more
// Dashboard 5.8 has), where each lives, and which operation every exchange a check sent was: a failure
// names the operation whose answer was wrong (the root-cause key) without every assertion being told.
import type { Exchange } from '../harness/http.ts';

export const USERS_PATH = '/api/users';

export type TykOperation =
  | 'listUsers'
  | 'getUser'
  | 'createUser'
  | 'updateUser'
  | 'deleteUser'
  | 'setUserPassword'
  | 'resetUserSession'
  | 'allowResetPasswords'
  | 'disallowResetPasswords'
  // Dashboard 5.8 (facts)
  | 'revokeUser'
  | 'getCurrentUser'
  | 'searchUsers'
  | 'searchUsersByFilters'
  | 'createAdminUser'
  | 'getAdminUser'
  | 'updateAdminUser';

/** The operations authenticated by `admin-auth` instead of a user's access key. */
export const ADMIN_OPERATIONS: ReadonlySet<TykOperation> = new Set(['allowResetPasswords', 'disallowResetPasswords', 'createAdminUser', 'getAdminUser', 'updateAdminUser']);

/** Method and path of each operation (`id` percent-encoded into it). */
export function route(operation: TykOperation, id = ''): { method: string; path: string } {
  const user = `${USERS_PATH}/${encodeURIComponent(id)}`;
  const admin = `/admin/users/${encodeURIComponent(id)}`;
  const routes: Record<TykOperation, [string, string]> = {
    listUsers: ['GET', USERS_PATH],
    createUser: ['POST', USERS_PATH],
    getUser: ['GET', user],
    updateUser: ['PUT', user],
    deleteUser: ['DELETE', user],
    setUserPassword: ['POST', `${user}/actions/reset`],
    resetUserSession: ['PUT', `${user}/actions/key/reset`],
    allowResetPasswords: ['PUT', `${admin}/actions/allow_reset_passwords`],
    disallowResetPasswords: ['PUT', `${admin}/actions/disallow_reset_passwords`],
    revokeUser: ['PUT', `${user}/actions/revoke`],
    getCurrentUser: ['GET', `${USERS_PATH}/me`],
    searchUsers: ['GET', `${USERS_PATH}/search`],
    searchUsersByFilters: ['POST', `${USERS_PATH}/search`],
    createAdminUser: ['POST', '/admin/users'],
    getAdminUser: ['GET', admin],
    updateAdminUser: ['PUT', admin],
  };
  const [method, path] = routes[operation];
  return { method, path };
}

export function describeCall(operation: TykOperation, id?: string): string {
  const { method, path } = route(operation, id);
  return `${method} ${path}`;
}

const operations = new WeakMap<Exchange, TykOperation>();

export function recordOperation(exchange: Exchange, operation: TykOperation): Exchange {
  operations.set(exchange, operation);
  return exchange;
}

/** The operation an exchange was sent as (undefined for one the driver did not send). */
export function operationOf(exchange: Exchange): TykOperation | undefined {
  return operations.get(exchange);
}
