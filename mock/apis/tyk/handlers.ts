// The /api/users operations: parse, change the state, answer as the profile answers.
import type { NewUser, PasswordObject, UserPermissions, UserUpdate } from '../../../specs/types/tyk.ts';
import type { SearchFilters } from '../../../specs/types/tyk-5.8.ts';
import type { Handler, MockReply } from '../../module.ts';
import { hashPassword, verifyPassword } from '../../passwords.ts';
import type { Principal } from './access.ts';
import { PAGE_SIZE, type TykProfile } from './profiles.ts';
import { errorEnvelope, ok, USER_NOT_FOUND, userNotFound } from './replies.ts';
import { deleteUser, emailTaken, newAccessKey, newStoredUser, saveUser, timestamp, withFields, withoutResetPassword, withResetPasswordOf, type StoredUser, type TykState } from './users.ts';

type TykHandler = Handler<TykState, Principal>;

/** The page asked for (1-based), or undefined for "everyone" (no `p`, or `p` <= 0). */
function pageNumber(value: string | string[] | undefined): number | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  const page = Number(first);
  return Number.isInteger(page) && page >= 1 ? page : undefined;
}

/** A list answer: `users` (one page of them when `page` is given) out of `total`. */
function listReply(profile: TykProfile, users: readonly StoredUser[], total: number, page: number | undefined): MockReply {
  return { status: 200, body: { users: users.map(profile.present), pages: page === undefined ? profile.pagesOfEverything(total) : Math.ceil(total / PAGE_SIZE) } };
}

/** Whether a user as answered has every filter's value (quirk search-matches-substrings). */
function matches(presented: Record<string, unknown>, filters: Record<string, string | boolean>): boolean {
  return Object.entries(filters).every(([field, wanted]) => {
    const value = presented[field];
    if (typeof value === 'boolean') return typeof wanted === 'boolean' ? value === wanted : String(value) === wanted.toLowerCase();
    return typeof value === 'string' && typeof wanted === 'string' && value.toLowerCase().includes(wanted.toLowerCase());
  });
}

function search(profile: TykProfile, state: TykState, keep: (presented: Record<string, unknown>) => boolean, page: number | undefined): MockReply {
  const found = [...state.users.values()].filter((user) => keep(profile.present(user) as Record<string, unknown>));
  return listReply(profile, page === undefined ? found : found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), found.length, page);
}

const hasNoPermission = (permissions: UserPermissions | undefined): boolean => permissions !== undefined && Object.keys(permissions).length === 0;

export function userHandlers(profile: TykProfile): Record<string, TykHandler> {
  return {
    listUsers(request, { state }) {
      const page = pageNumber(request.query['p']);
      // Only the page asked for is read: a page costs the same however many users there are.
      const users = page === undefined ? state.users.slice(0, state.users.size) : state.users.slice((page - 1) * PAGE_SIZE, PAGE_SIZE);
      return listReply(profile, users, state.users.size, page);
    },

    getUser(request, { state }) {
      const user = state.users.get(request.pathParameters['USER_ID']!);
      return user ? { status: 200, body: profile.present(user) } : userNotFound();
    },

    getCurrentUser(_request, { state, principal }) {
      const user = principal.userId === undefined ? undefined : state.users.get(principal.userId);
      return user ? { status: 200, body: profile.present(user) } : errorEnvelope(404, 'Could not retrieve current user detail.');
    },

    searchUsers(request, { state }) {
      const text = String((Array.isArray(request.query['q']) ? request.query['q'][0] : request.query['q']) ?? '').toLowerCase();
      const fields = ['email_address', 'first_name', 'last_name'];
      return search(profile, state, (user) => fields.some((field) => String(user[field]).toLowerCase().includes(text)), pageNumber(request.query['p']));
    },

    searchUsersByFilters(request, { state }) {
      const { filters } = request.body as SearchFilters;
      return search(profile, state, (user) => matches(user, filters), pageNumber(request.query['p']));
    },

    async createUser(request, { state, principal }) {
      const body = request.body as NewUser;
      if (emailTaken(state, body.email_address)) return errorEnvelope(403, 'User email already exists for this org.');
      // "" is how the document shows a user without a password: sending it adds one without a password.
      const passwordHash = body.password ? await hashPassword(body.password) : null;
      const user = newStoredUser(body, principal.orgId, withoutResetPassword(body.user_permissions ?? {}), passwordHash, new Date());
      saveUser(state, user);
      return { status: 200, body: profile.created(user) };
    },

    updateUser(request, { state }) {
      const existing = state.users.get(request.pathParameters['USER_ID']!);
      if (!existing) return errorEnvelope(400, 'user does not exist.');
      const body = request.body as UserUpdate;
      if (profile.refusesEmptyPermissions && hasNoPermission(body.user_permissions)) {
        return errorEnvelope(403, 'To create a user specify at least one permission, or make them an admin.');
      }
      const permissions = body.user_permissions === undefined ? existing.user_permissions : withResetPasswordOf(body.user_permissions, existing.user_permissions);
      const updated = withFields(existing, body, permissions);
      saveUser(state, updated, existing);
      return ok('User updated', null);
    },

    deleteUser(request, { state }) {
      const user = state.users.get(request.pathParameters['USER_ID']!);
      if (!user) return userNotFound();
      deleteUser(state, user);
      return ok('User deleted', profile.doneMeta);
    },

    async setUserPassword(request, { state }) {
      const user = state.users.get(request.pathParameters['USER_ID']!);
      if (!user) return userNotFound();
      const body = request.body as PasswordObject;
      if (user.passwordHash !== null) {
        if (body.current_password === undefined) {
          const { sentence } = profile.bodyRefusals['setUserPassword']!;
          return errorEnvelope(profile.missingCurrentPasswordStatus, `${sentence}: current_password is required to change an existing password.`);
        }
        if (!(await verifyPassword(body.current_password, user.passwordHash))) return errorEnvelope(403, "current_password does not match the user's password.");
      }
      // The sample's `user_permissions` is ignored (quirk set-password-sample-sends-user-permissions).
      saveUser(state, { ...user, passwordHash: await hashPassword(body.new_password), password_updated: timestamp(new Date()) }, user);
      return ok('User password updated', profile.doneMeta);
    },

    resetUserSession(request, { state }) {
      // The body's `userId` is optional and ignored: the path names the user (quirk key-reset-body-typographic-quotes).
      const user = state.users.get(request.pathParameters['USER_ID']!);
      if (!user) return userNotFound();
      saveUser(state, { ...user, access_key: newAccessKey() }, user);
      return ok('User session renewed', null);
    },

    revokeUser(request, { state }) {
      const user = state.users.get(request.pathParameters['USER_ID']!);
      if (!user) return errorEnvelope(400, USER_NOT_FOUND);
      // Quirk revoke-withdraws-the-key: no key works until Reset User Session gives a new one.
      saveUser(state, { ...user, access_key: '' }, user);
      return ok('User revoked', null);
    },
  };
}
