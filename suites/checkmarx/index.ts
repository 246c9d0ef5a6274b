// What `userapi certify --api checkmarx` runs: every check in a stable order (the documented operations
// and what real clients send, the model-based properties, the refusals), how the given credentials
// become bearer tokens, a first harmless read, and the declarations the write guard and clean-up read.
import type { ApiCertification } from '../harness/api.ts';
import type { Credentials, RunConfig } from '../harness/config.ts';
import type { HttpClient } from '../harness/http.ts';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { CheckmarxDriver, answerOf, login } from './driver.ts';
import { exampleChecks } from './examples.ts';
import { negativeChecks } from './negative.ts';
import { propertyChecks } from './properties.ts';
import { cleanup, inventory, writeRules } from './safety.ts';
import { legacySections } from '../harness/legacy.ts';

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
  sections: legacySections('checkmarx', { properties: propertyChecks, examples: exampleChecks, negative: negativeChecks }),
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
