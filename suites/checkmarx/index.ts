// What `userapi certify --api checkmarx` runs: every check in a stable order (the documented operations
// and what real clients send, the model-based properties, the refusals), how the given credentials
// become bearer tokens, a first harmless read, and the sweep that deletes every user carrying this run's
// prefix (and no other).
import type { ApiCertification, SweepResult } from '../harness/api.ts';
import type { Credentials, RunConfig } from '../harness/config.ts';
import type { HttpClient } from '../harness/http.ts';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { CheckmarxDriver, answerOf, login } from './driver.ts';
import { exampleChecks } from './examples.ts';
import { negativeChecks } from './negative.ts';
import { propertyChecks } from './properties.ts';

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

async function sweep(config: RunConfig, http: HttpClient): Promise<SweepResult> {
  const driver = new CheckmarxDriver(http, config);
  const result: SweepResult = { deleted: [], remaining: [] };
  const listed = await driver.list();
  if (listed.response.status !== 200 || !Array.isArray(listed.response.json)) {
    result.remaining.push(`could not list the users to find this run's (${config.namePrefix}*): ${answerOf(listed)}`);
    return result;
  }
  const prefix = config.namePrefix.toLowerCase();
  for (const user of listed.response.json as Array<{ id?: unknown; userName?: unknown }>) {
    if (typeof user.userName !== 'string' || !user.userName.toLowerCase().startsWith(prefix)) continue;
    if (typeof user.id !== 'number' && typeof user.id !== 'string') {
      result.remaining.push(`${user.userName}: listed without an id`);
      continue;
    }
    const deleted = await driver.remove(user.id);
    if (deleted.response.status === 204 || deleted.response.status === 200 || deleted.response.status === 404) result.deleted.push(user.userName);
    else result.remaining.push(`${user.userName}: DELETE answered ${answerOf(deleted)}`);
  }
  return result;
}

export const certification: ApiCertification = {
  checks: [...exampleChecks, ...propertyChecks, ...negativeChecks],
  prepareCredentials,
  preflight,
  sweep,
};
