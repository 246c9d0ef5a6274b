// The /admin/users operations, authenticated by the admin secret: create, get and update a user (facts,
// quirk admin-users-from-facts) and grant or withdraw `ResetPassword`, the permission only they change.
import type { NewUser, UserUpdate } from '../../../specs/types/tyk.ts';
import type { Handler, MockReply } from '../../module.ts';
import type { Principal } from './access.ts';
import type { TykProfile } from './profiles.ts';
import { errorEnvelope, ok } from './replies.ts';
import { emailTaken, newStoredUser, saveUser, withFields, withoutResetPassword, type StoredUser, type TykState } from './users.ts';

type TykHandler = Handler<TykState, Principal>;

export function adminHandlers(profile: TykProfile): Record<string, TykHandler> {
  /** `Message` the user's access key and `Meta` the user, as the admin create and update answer. */
  const withKey = (user: StoredUser): MockReply => ({ status: 200, body: { Status: 'OK', Message: user.access_key, Meta: profile.present(user) } });

  const setResetPassword = (state: TykState, userId: string, allowed: boolean): MockReply => {
    const user = state.users.get(userId);
    if (!user) return errorEnvelope(404, profile.adminActionUserNotFound);
    const permissions = withoutResetPassword(user.user_permissions);
    const updated: StoredUser = { ...user, user_permissions: allowed ? { ...permissions, ResetPassword: 'admin' } : permissions };
    saveUser(state, updated, user);
    return ok('User updated', profile.present(updated));
  };

  return {
    createAdminUser(request, { state, principal }) {
      const body = request.body as NewUser;
      if (emailTaken(state, body.email_address)) return errorEnvelope(403, 'User email already exists for this Org');
      // No password until Set User Password sets one (facts): the body's `password` is not used.
      const user = newStoredUser(body, principal.orgId, body.user_permissions ?? {}, null, new Date());
      saveUser(state, user);
      return withKey(user);
    },

    getAdminUser(request, { state }) {
      const user = state.users.get(request.pathParameters['USER_ID']!);
      return user ? { status: 200, body: profile.present(user) } : errorEnvelope(404, 'Could not retrieve user detail');
    },

    updateAdminUser(request, { state }) {
      const existing = state.users.get(request.pathParameters['USER_ID']!);
      if (!existing) return errorEnvelope(404, 'User not found');
      const body = request.body as UserUpdate;
      // Permissions as sent, ResetPassword included: the admin API is the one that may grant it.
      const updated = withFields(existing, body, body.user_permissions ?? existing.user_permissions);
      saveUser(state, updated, existing);
      return withKey(updated);
    },

    allowResetPasswords: (request, { state }) => setResetPassword(state, request.pathParameters['USER_ID']!, true),
    disallowResetPasswords: (request, { state }) => setResetPassword(state, request.pathParameters['USER_ID']!, false),
  };
}
