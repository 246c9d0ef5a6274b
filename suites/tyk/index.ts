// What `userapi certify --api tyk` runs: the document's sections in its order (the slow model-based
// checks first, to overlap the rest), then Dashboard 5.8's own operations (its profiles are its specs':
// the source document, and Tyk Dashboard 5.8 from the facts); the credentials as given (Tyk has no login: the
// access key comes with --token); a first harmless read; and the declarations the write guard, the
// clean-up and the inventory proof read.
import type { ApiCertification } from '../harness/api.ts';
import type { Credentials, RunConfig } from '../harness/config.ts';
import { answerOf } from '../harness/expect.ts';
import type { HttpClient } from '../harness/http.ts';
import { TykDriver } from './driver.ts';
import { section as addUser } from './add-user.ts';
import { section as adminUsers } from './admin-users.ts';
import { section as currentUser } from './current-user.ts';
import { section as deleteUser } from './delete-user.ts';
import { section as getUser } from './get-user.ts';
import { section as invalidBodies } from './invalid-bodies.ts';
import { section as listUsers } from './list-users.ts';
import { section as properties } from './properties.ts';
import { section as resetPasswords } from './reset-passwords.ts';
import { section as resetUserSession } from './reset-user-session.ts';
import { section as responses } from './responses.ts';
import { section as revokeUser } from './revoke-user.ts';
import { section as searchUsers } from './search-users.ts';
import { section as setUserPassword } from './set-user-password.ts';
import { section as unknownUsers } from './unknown-users.ts';
import { section as updateUser } from './update-user.ts';
import { section as users } from './users.ts';
import { cleanup, inventory, writeRules } from './safety.ts';

async function prepareCredentials(config: RunConfig, _http: HttpClient): Promise<Credentials> {
  if (!config.credentials.token) throw new Error('tyk has no login endpoint: pass the access key of a user allowed to manage users with --token');
  return config.credentials;
}

async function preflight(config: RunConfig, http: HttpClient): Promise<void> {
  const exchange = await new TykDriver(http, config).list();
  const { status } = exchange.response;
  if (status === 401 || status === 403) throw new Error(`GET /api/users with the run's access key: ${answerOf(exchange)}`);
}

export const certification: ApiCertification = {
  api: 'tyk',
  sections: [properties, users, listUsers, getUser, addUser, setUserPassword, resetPasswords, updateUser, resetUserSession, deleteUser, responses, invalidBodies, unknownUsers, revokeUser, currentUser, searchUsers, adminUsers],
  writeRules,
  inventory,
  cleanup,
  prepareCredentials,
  preflight,
  takes: { login: false, adminSecret: true },
  bundledMockCredentials: (settings) => ({ token: settings.tyk.accessKey, adminSecret: settings.tyk.adminSecret }),
  // Without --limited-token, a run that may write creates a users: read user and uses its key.
  provides: (requirement, config) => requirement === 'limited-token' && !config.readOnly,
};
