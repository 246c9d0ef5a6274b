// What `userapi certify --api vaa` runs: every check in a stable order (the model-based properties
// first, they take longest; then the documented examples and the refusals), how the given credentials
// become a token, a first harmless read, and the declarations the write guard and clean-up read.
import type { ApiCertification } from '../harness/api.ts';
import type { Credentials, RunConfig } from '../harness/config.ts';
import type { HttpClient } from '../harness/http.ts';
import { legacySections } from '../harness/legacy.ts';
import { VaaDriver, answerOf, login } from './driver.ts';
import { exampleChecks } from './examples.ts';
import { negativeChecks } from './negative.ts';
import { propertyChecks } from './properties.ts';
import { cleanup, inventory, writeRules } from './safety.ts';

async function prepareCredentials(config: RunConfig, http: HttpClient): Promise<Credentials> {
  const { token, username, password } = config.credentials;
  // A token given as such is used as is; the username and password then only serve a re-login.
  if (token !== undefined || username === undefined || password === undefined) return config.credentials;
  return { ...config.credentials, token: await login(http, username, password) };
}

async function preflight(config: RunConfig, http: HttpClient): Promise<void> {
  const exchange = await new VaaDriver(http, config).list();
  const { status } = exchange.response;
  if (status === 401 || status === 403) throw new Error(`GET /api/v2/users with the run's token: ${answerOf(exchange)}`);
}

export const certification: ApiCertification = {
  api: 'vaa',
  sections: legacySections('vaa', { properties: propertyChecks, examples: exampleChecks, negative: negativeChecks }),
  writeRules,
  inventory,
  cleanup,
  prepareCredentials,
  preflight,
  takes: { login: true, adminSecret: false },
  bundledMockCredentials: (settings) => ({ username: settings.vaa.username, password: settings.vaa.password }),
  residue: (config) => [`customers named with the run's prefix (${config.namePrefix}...): the vaa API has no way to delete a customer`],
};
