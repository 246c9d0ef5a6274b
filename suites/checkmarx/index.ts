// What `userapi certify --api checkmarx` runs: the document's parts in run order (the long property
// checks first, to overlap the rest), how the given credentials become bearer tokens, a first harmless
// read, and the declarations the write guard, the clean-up and the inventory proof read (safety.ts).
import type { ApiCertification } from '../harness/api.ts';
import type { Credentials, RunConfig } from '../harness/config.ts';
import type { HttpClient } from '../harness/http.ts';
import { answerOf } from '../harness/expect.ts';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { section as auth } from './auth.ts';
import { section as badRequests } from './bad-requests.ts';
import { section as createUser } from './create-user.ts';
import { section as deleteUser } from './delete-user.ts';
import { CheckmarxDriver, login } from './driver.ts';
import { section as getUser } from './get-user.ts';
import { section as listUsers } from './list-users.ts';
import { section as mediaTypes } from './media-types.ts';
import { section as migrateUser } from './migrate-user.ts';
import { section as permissions } from './permissions.ts';
import { section as properties } from './properties.ts';
import { cleanup, inventory, writeRules } from './safety.ts';
import { section as updateUser } from './update-user.ts';

async function prepareCredentials(config: RunConfig, http: HttpClient): Promise<Credentials> {
  const { token, username, password } = config.credentials;
  let credentials = config.credentials;
  // A token given as such is used as is; the username and password then only serve to renew it.
  if (token === undefined && username !== undefined && password !== undefined) credentials = { ...credentials, token: await login(http, username, password) };
  if (credentials.limitedToken === undefined && config.bundledMock) {
    const { limitedUsername, limitedPassword } = DEFAULT_SETTINGS.checkmarx;
    credentials = { ...credentials, limitedToken: await login(http, limitedUsername, limitedPassword) };
  }
  return credentials;
}

async function preflight(config: RunConfig, http: HttpClient): Promise<void> {
  if (config.credentials.token === undefined) throw new Error('no bearer token: pass --token, or --username and --password for the password grant');
  const exchange = await new CheckmarxDriver(http, config).list();
  const { status } = exchange.response;
  if (status === 401 || status === 403) throw new Error(`GET /cxrestapi/auth/Users with the run's token: ${answerOf(exchange)}`);
}

export const certification: ApiCertification = {
  api: 'checkmarx',
  // The slow parts first (the property sequences, the list of many users), then the document's order.
  sections: [properties, listUsers, createUser, getUser, updateUser, deleteUser, migrateUser, auth, permissions, badRequests, mediaTypes],
  writeRules,
  inventory,
  cleanup,
  prepareCredentials,
  preflight,
  takes: { login: true, adminSecret: false },
  bundledMockCredentials: (settings) => ({ username: settings.checkmarx.username, password: settings.checkmarx.password }),
  // The bundled mock's seeded limited user stands in for --limited-token.
  provides: (requirement, config) => requirement === 'limited-token' && config.bundledMock,
};
