// What `userapi certify --api tyk` runs: every check in a stable order (the documented samples and
// what each operation does, the model-based properties, the refusals), the credentials as given (Tyk
// has no login: the access key comes with --token), a first harmless read, and the sweep that deletes
// every user whose address carries this run's prefix.
import type { ApiCertification, SweepResult } from '../harness/api.ts';
import type { Credentials, RunConfig } from '../harness/config.ts';
import type { HttpClient } from '../harness/http.ts';
import { TykDriver, answerOf } from './driver.ts';
import { exampleChecks } from './examples.ts';
import { negativeChecks } from './negative.ts';
import { propertyChecks } from './properties.ts';

async function prepareCredentials(config: RunConfig, _http: HttpClient): Promise<Credentials> {
  if (!config.credentials.token) throw new Error('tyk has no login endpoint: pass the access key of a user allowed to manage users with --token');
  return config.credentials;
}

async function preflight(config: RunConfig, http: HttpClient): Promise<void> {
  const exchange = await new TykDriver(http, config).list();
  const { status } = exchange.response;
  if (status === 401 || status === 403) throw new Error(`GET /api/users with the run's access key: ${answerOf(exchange)}`);
}

/** Every user listed (with or without paging) whose address starts with the run's prefix; nobody else. */
async function sweep(config: RunConfig, http: HttpClient): Promise<SweepResult> {
  const driver = new TykDriver(http, config);
  const result: SweepResult = { deleted: [], remaining: [] };
  const prefix = config.namePrefix.toLowerCase();
  const first = await driver.list();
  if (first.response.status !== 200 || !Array.isArray((first.response.json as { users?: unknown } | undefined)?.users)) {
    result.remaining.push(`could not list the users to find this run's (${config.namePrefix}*): ${answerOf(first)}`);
    return result;
  }
  const found = new Map<string, string>();
  for (const user of await driver.listQuietly()) {
    if (typeof user.id === 'string' && typeof user.email_address === 'string' && user.email_address.toLowerCase().startsWith(prefix)) found.set(user.id, user.email_address);
  }
  for (const [id, email] of found) {
    const deleted = await driver.remove(id);
    if (deleted.response.status === 200 || deleted.response.status === 404) result.deleted.push(email);
    else result.remaining.push(`${email} (${id}): DELETE answered ${answerOf(deleted)}`);
  }
  return result;
}

export const certification: ApiCertification = {
  checks: [...exampleChecks, ...propertyChecks, ...negativeChecks],
  prepareCredentials,
  preflight,
  sweep,
};
