// Tyk Dashboard (seed 003): /api/users, authenticated by a user's access key in `authorization`, and
// /admin/users, authenticated by the admin secret in `admin-auth`.
// Behaviour as specs/tyk.openapi.yaml reads the document, facts and real clients, including its quirks:
// the key every sample sends belongs to a Dashboard admin the list does not show, user
// 54c25e845d932847067402e2 exists with password `12345`, `users: read` may set one's own password only,
// a list without `p` answers `pages: 0`, Update User does not check e-mail uniqueness, and no answer
// carries `password`. With the `tyk-5.8` profile the same state is served as Dashboard 5.8
// (specs/tyk-5.8.openapi.yaml); profiles.ts holds every difference.
import type { ApiModule } from '../../module.ts';
import { authenticate, type Principal } from './access.ts';
import { adminHandlers } from './admin.ts';
import { userHandlers } from './handlers.ts';
import { DASHBOARD_5_8, DOCUMENT, type TykProfile } from './profiles.ts';
import { refusalReply } from './replies.ts';
import { seed } from './seed.ts';
import { createState, type TykState } from './users.ts';

function tykModule(profile: TykProfile): ApiModule<TykState, Principal> {
  return {
    id: 'tyk',
    rootPaths: ['/api/users', '/admin/users'],
    responseMediaType: 'application/json',
    // All of /admin, not only /admin/users: clients also call other admin endpoints (ps258 reads
    // /admin/organisations), and a Tyk client should get its 404 in the Tyk shape.
    ownsPath: (path) => path === '/api/users' || path.startsWith('/api/users/') || path === '/admin' || path.startsWith('/admin/'),
    toSpecPath: (path) => path,
    errorReply: (refusal) => refusalReply(profile, refusal),
    createState,
    seed,
    authenticate: (request, state, settings) => authenticate(profile, request, state, settings),
    describeCredentials: (settings) => [
      `authorization: ${settings.tyk.accessKey}  (a Dashboard admin's access key; raw or "Bearer <key>")`,
      `admin-auth: ${settings.tyk.adminSecret}  (the admin secret, for /admin/users)`,
    ],
    handlers: { ...userHandlers(profile), ...adminHandlers(profile) },
  };
}

export const tyk: ApiModule<TykState, Principal> = { ...tykModule(DOCUMENT), profiles: { 'tyk-5.8': tykModule(DASHBOARD_5_8) } };
