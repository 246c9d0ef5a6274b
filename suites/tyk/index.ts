// What `userapi certify --api tyk` runs: every check in a stable order (the documented samples and
// what each operation does, the model-based properties, the refusals), the credentials as given (Tyk
// has no login: the access key comes with --token), a first harmless read, and the declarations the
// write guard and clean-up read.
import type { ApiCertification } from '../harness/api.ts';
import type { Credentials, RunConfig } from '../harness/config.ts';
import type { HttpClient } from '../harness/http.ts';
import { TykDriver, answerOf } from './driver.ts';
import { exampleChecks } from './examples.ts';
import { negativeChecks } from './negative.ts';
import { propertyChecks } from './properties.ts';
import { cleanup, inventory, writeRules } from './safety.ts';
import { legacySections } from '../harness/legacy.ts';

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
  sections: legacySections('tyk', { properties: propertyChecks, examples: exampleChecks, negative: negativeChecks }),
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
