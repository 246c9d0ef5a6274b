// What `userapi certify --api vaa` runs: every check in a stable order (the documented examples, the
// model-based properties, the refusals), how the given credentials become a token, a first harmless
// read, and the sweep that deletes every user carrying this run's prefix.
import type { ApiCertification, SweepResult } from '../harness/api.ts';
import type { Credentials, RunConfig } from '../harness/config.ts';
import type { HttpClient } from '../harness/http.ts';
import { VaaDriver, answerOf, login } from './driver.ts';
import { exampleChecks } from './examples.ts';
import { negativeChecks } from './negative.ts';
import { propertyChecks } from './properties.ts';

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

async function sweep(config: RunConfig, http: HttpClient): Promise<SweepResult> {
  const driver = new VaaDriver(http, config);
  const result: SweepResult = { deleted: [], remaining: [] };
  const listed = await driver.list();
  if (listed.response.status === 400) return result; // "User(s) not found.": nobody at all
  const users = (listed.response.json as { data?: unknown } | undefined)?.data;
  if (listed.response.status !== 200 || !Array.isArray(users)) {
    result.remaining.push(`could not list the users to find this run's (${config.namePrefix}*): ${answerOf(listed)}`);
    return result;
  }
  for (const user of users as Array<{ userId?: unknown; email?: unknown }>) {
    if (typeof user.userId !== 'string' || !user.userId.startsWith(config.namePrefix)) continue;
    const email = typeof user.email === 'string' ? user.email : `${user.userId}@example.com`;
    const deleted = await driver.remove({ userId: user.userId, email });
    if (deleted.response.status === 200 || deleted.response.status === 404) result.deleted.push(user.userId);
    else result.remaining.push(`${user.userId}: DELETE answered ${answerOf(deleted)}`);
  }
  return result;
}

export const certification: ApiCertification = {
  checks: [...exampleChecks, ...propertyChecks, ...negativeChecks],
  prepareCredentials,
  preflight,
  sweep,
};
