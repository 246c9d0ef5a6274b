// The document's operations, replayed against the target. The target does not have the document's users
// or its role, team and provider ids, so each check creates the run-prefixed user it reads, updates or
// deletes, with the fixture's values (fixtures/checkmarx/*.json) and the ids the target itself uses, and
// compares what comes back with what the document states or shows: the status codes (list 200, create
// 201, get 200 (201 in the document), update 204 and delete 204 with no content, migration 201), the
// Location of a created user, the sample's keys and types, and what each operation does. Ids, field and
// list order, extra fields, header case and media-type parameters are free.
//
// MUST checks send what the document shows (`Content-Type: application/json;v=1.0`, `Accept:
// application/json;v=1.0`, `active` a boolean, `expirationDate` a date-time, no nulls); the SHOULD
// checks at the end send what real clients send (facts.md and fixtures/real-clients/cx_*.json).
import { loadFixtures, type Fixture } from '../../fixtures/index.ts';
import { defineChecks, type Check, type CheckContext, type CheckDoc } from '../harness/legacy.ts';
import type { Exchange } from '../harness/http.ts';
import {
  CheckmarxDriver,
  MEDIA_TYPE,
  USERS_PATH,
  answerOf,
  discover,
  emailOf,
  expectJson,
  expectNoBody,
  expectStatus,
  expectUserShape,
  expectUserValues,
  expectedFromBody,
  fail,
  stableUser,
  strongPassword,
  userPath,
  type Directory,
  type Owned,
} from './driver.ts';
import { sameInstant } from './model.ts';

const FIXTURES = new Map(loadFixtures('checkmarx').map((fixture) => [fixture.id, fixture]));

export const CREATE = 'checkmarx/create-user/create-new-user';
export const UPDATE = 'checkmarx/update-user/update-a-user';
export const DELETE = 'checkmarx/delete-user/delete-a-user';
export const MIGRATE = 'checkmarx/migrate-user/migrate-existing-user';

function fixture(id: string): Fixture {
  const found = FIXTURES.get(id);
  if (!found) throw new Error(`no fixture ${id} in fixtures/checkmarx`);
  return found;
}

const SECTION = 'Access Control (REST) API - Users';
const doc = (section: string, quote: string): CheckDoc => ({ source: 'document', section: `${SECTION} > ${section}`, quote });
const LIST_SECTION = 'Get All Users - GET /Users';
const CREATE_SECTION = 'Create New User - POST /Users';
const GET_SECTION = 'Get User by Id - GET /Users/{id}';
const UPDATE_SECTION = 'Update a User - PUT /Users/{id}';
const DELETE_SECTION = 'Delete a User – DELETE /Users/{id}';
const MIGRATE_SECTION = 'Migrate Existing User - POST /Users/migration (v2.0 - v9.2.0)';
export const SECTIONS = { LIST_SECTION, CREATE_SECTION, GET_SECTION, UPDATE_SECTION, DELETE_SECTION, MIGRATE_SECTION };
export { doc as documentDoc };

const WRITE = ['write'] as Check['requires'];

/**
 * A fixture's request body for a run-prefixed user: its identifiers replaced (name, email, password)
 * and its role, team, provider and locale ids mapped onto the target's own. `document` sends what the
 * document shows (no nulls, `active` a boolean, a date-time); `real-client` keeps the body as real
 * clients send it (nulls, "true"/"false", date-only dates).
 */
export function fixtureBody(fixtureId: string, userName: string, found: Directory, mode: 'document' | 'real-client', emailVariant = 0): Record<string, unknown> {
  const body = structuredClone(fixture(fixtureId).request.body) as Record<string, unknown>;
  if ('username' in body) body['username'] = userName;
  if ('email' in body) body['email'] = emailOf(userName, emailVariant);
  if (typeof body['password'] === 'string') body['password'] = strongPassword();
  mapIds(body, 'roleIds', found.roles);
  // The update gives the user other teams than the create did, where the target has more than one set.
  if (Array.isArray(body['teamIds'])) {
    if (found.teamSets.length === 0) delete body['teamIds'];
    else body['teamIds'] = found.teamSets[(fixtureId === UPDATE ? 1 : 0) % found.teamSets.length];
  }
  mapId(body, 'authenticationProviderId', found.providerId);
  mapId(body, 'localeId', found.localeId);
  if (mode === 'document') {
    for (const [key, value] of Object.entries(body)) if (value === null) delete body[key];
    if (body['active'] === 'true' || body['active'] === 'false') body['active'] = body['active'] === 'true';
    if (typeof body['expirationDate'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body['expirationDate'])) body['expirationDate'] = `${body['expirationDate']}T00:00:00Z`;
    // "creationDate=[integer]" in the document, a date string from real clients: left to their own checks.
    delete body['creationDate'];
  }
  return body;
}

/** The document's ids 1, 2, ... become the target's first, second, ... id of that kind. */
function mapIds(body: Record<string, unknown>, key: string, pool: number[]): void {
  const value = body[key];
  if (!Array.isArray(value)) return;
  if (pool.length === 0) {
    delete body[key];
    return;
  }
  const ranks = [...new Set(value as number[])].sort((a, b) => a - b);
  body[key] = [...new Set(ranks.map((_, rank) => pool[rank]).filter((id): id is number => id !== undefined))];
}

function mapId(body: Record<string, unknown>, key: string, id: number | undefined): void {
  if (!(key in body) || body[key] === null) return;
  if (id === undefined) delete body[key];
  else body[key] = id;
}

/** The documented create body for a new run-prefixed user. */
export async function documentedUser(context: CheckContext, hint: string): Promise<Record<string, unknown>> {
  return fixtureBody(CREATE, context.uniqueName(hint), await discover(context.config), 'document');
}

/** A user created with the documented create body, its deletion registered. */
export async function storyUser(context: CheckContext, driver: CheckmarxDriver, hint = 'bob'): Promise<{ owned: Owned & { id: number }; body: Record<string, unknown> }> {
  const body = await documentedUser(context, hint);
  const owned = await driver.createOwned(context, body, 'POST /Users (the documented create, as a precondition)');
  return { owned: owned as Owned & { id: number }, body };
}

/** The documented update body for the user `userName` (its email changed to a second reserved-domain address). */
export async function documentedUpdate(context: CheckContext, userName: string): Promise<Record<string, unknown>> {
  return fixtureBody(UPDATE, userName, await discover(context.config), 'document', 1);
}

/** The user with this id as GET /Users/{id} answers it (200, or the document's 201). */
export async function fetchUser(driver: CheckmarxDriver, id: number | string, what: string): Promise<{ user: Record<string, unknown>; exchange: Exchange }> {
  const exchange = await driver.get(id);
  expectStatus(exchange, [200, 201], what);
  const user = expectJson(exchange, what);
  if (typeof user !== 'object' || user === null || Array.isArray(user)) fail(`${what}: the body is not a user object`, '{"id": ..., "userName": ..., ...}', answerOf(exchange));
  return { user: user as Record<string, unknown>, exchange };
}

/** After DELETE: GET answers 404 (or, on a server that gives ids again, a user that is not this one). */
export async function expectGone(driver: CheckmarxDriver, id: number, userName: string, what: string): Promise<void> {
  const exchange = await driver.get(id);
  const user = exchange.response.json as { userName?: unknown } | undefined;
  if (exchange.response.status === 404) return;
  if ((exchange.response.status === 200 || exchange.response.status === 201) && user?.userName !== userName) return;
  fail(`${what}: GET ${userPath(id)} answers HTTP ${exchange.response.status}${user?.userName === userName ? ' with the deleted user' : ''}`, 'HTTP 404 (User not found)', answerOf(exchange));
}

/** A user some other check or person created, for read-only checks: the first listed user with an integer id. */
async function anyListedUser(context: CheckContext, driver: CheckmarxDriver): Promise<Record<string, unknown>> {
  const { users } = await driver.listUsers('GET /Users (to find a user to read)');
  const user = stableUser(users, context.config);
  if (!user) context.skip('the target lists no user with an integer id to read');
  return user;
}

export const exampleChecks: Check[] = defineChecks([
  // --- GET /Users ----------------------------------------------------------------------------------
  {
    id: 'checkmarx/list-users/get-all-users',
    api: 'checkmarx',
    family: 'examples',
    level: 'MUST',
    title: 'GET /Users answers 200 with a JSON array; every listed user has the sample\'s keys with their types',
    doc: doc(`${LIST_SECTION} > Success Response`, 'Code: 200 Success'),
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { users, exchange } = await driver.listUsers('GET /Users');
      const all = exchange.response.json as unknown[];
      if (users.length !== all.length) fail('GET /Users: the array holds items that are not user objects', '[{...user}, ...]', answerOf(exchange));
      for (const user of users) expectUserShape(user, `GET /Users, user ${JSON.stringify(user['userName'] ?? user['id'])}`, exchange);
    },
  },
  {
    id: 'checkmarx/list-users/lists-created-user',
    api: 'checkmarx',
    family: 'examples',
    level: 'MUST',
    title: 'A user created with POST /Users is listed by GET /Users once, with the values it was created with',
    doc: doc(LIST_SECTION, 'Get details of all users.'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned, body } = await storyUser(context, driver);
      const { users, exchange } = await driver.listUsers('GET /Users');
      const listed = users.filter((user) => user['id'] === owned.id);
      if (listed.length !== 1) fail(`GET /Users: the created user (id ${owned.id}) is listed ${listed.length} times`, `the user ${owned.userName} once`, answerOf(exchange));
      expectUserShape(listed[0], `GET /Users, user ${owned.userName}`, exchange);
      expectUserValues(listed[0], expectedFromBody(body), `GET /Users, user ${owned.userName}`, exchange);
    },
  },

  // --- POST /Users ---------------------------------------------------------------------------------
  {
    id: 'checkmarx/create-user/create-new-user',
    api: 'checkmarx',
    family: 'examples',
    level: 'MUST',
    title: 'POST /Users with the documented fields answers 201',
    doc: doc(`${CREATE_SECTION} > Success Response`, 'Code: 201 Success'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = await documentedUser(context, 'bob');
      driver.own(context, String(body['username']));
      expectStatus(await driver.create(body), 201, 'POST /Users');
    },
  },
  {
    id: 'checkmarx/create-user/location-gets-new-user',
    api: 'checkmarx',
    family: 'examples',
    level: 'MUST',
    title: 'The answer to POST /Users has a Location (absolute or relative) that leads to the created user',
    doc: doc(`${CREATE_SECTION} > Notes`, 'Returns the location of the created user in the response header.'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = await documentedUser(context, 'bob');
      const owned = driver.own(context, String(body['username']));
      const exchange = await driver.create(body);
      if (exchange.response.status < 200 || exchange.response.status >= 300) fail(`POST /Users: HTTP ${exchange.response.status}, the user was not created`, 'HTTP 201 with a Location', answerOf(exchange));
      owned.id = (await driver.locate(exchange, owned.userName, 'POST /Users')).id;
    },
  },
  {
    id: 'checkmarx/create-user/created-user-has-given-values',
    api: 'checkmarx',
    family: 'examples',
    level: 'MUST',
    title: 'GET /Users/{id} answers a created user with every value POST /Users gave it',
    doc: doc(CREATE_SECTION, 'Create a new user.'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned, body } = await storyUser(context, driver);
      const { user, exchange } = await fetchUser(driver, owned.id, `GET ${userPath(owned.id)}`);
      expectUserValues(user, { id: owned.id, ...expectedFromBody(body) }, `GET ${userPath(owned.id)}`, exchange);
    },
  },
  {
    id: 'checkmarx/create-user/answers-no-content',
    api: 'checkmarx',
    family: 'examples',
    level: 'SHOULD',
    title: 'The 201 of POST /Users has no body ("Sample Response: no content")',
    doc: doc(`${CREATE_SECTION} > Sample Response`, 'no content'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = await documentedUser(context, 'bob');
      driver.own(context, String(body['username']));
      const exchange = await driver.create(body);
      expectStatus(exchange, 201, 'POST /Users');
      expectNoBody(exchange, 'POST /Users');
    },
  },

  // --- GET /Users/{id} -----------------------------------------------------------------------------
  {
    id: 'checkmarx/get-user/get-user-by-id',
    api: 'checkmarx',
    family: 'examples',
    level: 'MUST',
    title: 'GET /Users/{id} answers 200 (the document: 201) with the user: the sample\'s keys and types, its id and values',
    doc: doc(`${GET_SECTION} > Success Response`, 'Code: 201 Success'),
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      if (context.config.readOnly) {
        const listed = await anyListedUser(context, driver);
        const { user, exchange } = await fetchUser(driver, listed['id'] as number, `GET ${userPath(String(listed['id']))}`);
        expectUserShape(user, `GET ${userPath(String(listed['id']))}`, exchange);
        const { lastLoginDate: _changes, ...stable } = listed;
        expectUserValues(user, stable, `GET ${userPath(String(listed['id']))} (as GET /Users lists the user)`, exchange);
        return;
      }
      const { owned, body } = await storyUser(context, driver);
      const { user, exchange } = await fetchUser(driver, owned.id, `GET ${userPath(owned.id)}`);
      expectUserShape(user, `GET ${userPath(owned.id)}`, exchange);
      expectUserValues(user, { id: owned.id, ...expectedFromBody(body) }, `GET ${userPath(owned.id)}`, exchange);
    },
  },
  {
    id: 'checkmarx/get-user/answers-200',
    api: 'checkmarx',
    family: 'examples',
    level: 'SHOULD',
    title: 'GET /Users/{id} answers 200, not the document\'s 201 (a typo: the python SDK accepts only 200)',
    doc: { source: 'facts', section: 'Checkmarx Access Control', quote: 'GET `/Users/{id}` answers 200 (the document\'s "201" is a typo: the SDK accepts only 200).' },
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const listed = await anyListedUser(context, driver);
      expectStatus(await driver.get(listed['id'] as number), 200, `GET ${userPath(String(listed['id']))}`);
    },
  },

  // --- PUT /Users/{id} -----------------------------------------------------------------------------
  {
    id: 'checkmarx/update-user/update-a-user',
    api: 'checkmarx',
    family: 'examples',
    level: 'MUST',
    title: 'PUT /Users/{id} with the documented fields answers 204 with no content',
    doc: doc(`${UPDATE_SECTION} > Notes`, 'Once the request is successful, it does not return any content.'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned } = await storyUser(context, driver);
      const exchange = await driver.update(owned.id, await documentedUpdate(context, owned.userName));
      expectStatus(exchange, 204, `PUT ${userPath(owned.id)}`, 'HTTP 204 with no body');
      expectNoBody(exchange, `PUT ${userPath(owned.id)}`);
    },
  },
  {
    id: 'checkmarx/update-user/persists-given-fields',
    api: 'checkmarx',
    family: 'examples',
    level: 'MUST',
    title: 'After PUT /Users/{id}, GET /Users/{id} answers every value the update gave',
    doc: doc(UPDATE_SECTION, 'Update user details according to User Id.'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned } = await storyUser(context, driver);
      const update = await documentedUpdate(context, owned.userName);
      const put = await driver.update(owned.id, update);
      if (put.response.status < 200 || put.response.status >= 300) fail(`PUT ${userPath(owned.id)}: HTTP ${put.response.status}, the update was refused`, 'HTTP 204', answerOf(put));
      const { user, exchange } = await fetchUser(driver, owned.id, `GET ${userPath(owned.id)} after the update`);
      expectUserValues(user, { id: owned.id, userName: owned.userName, ...expectedFromBody(update) }, `GET ${userPath(owned.id)} after the update`, exchange);
    },
  },
  {
    id: 'checkmarx/update-user/keeps-omitted-fields',
    api: 'checkmarx',
    family: 'examples',
    level: 'SHOULD',
    title: 'PUT /Users/{id} with only firstName changes firstName and keeps every other field',
    doc: doc(`${UPDATE_SECTION} > Parameters`, 'updateUserModel=[body]: Specifies the user details to update'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned, body } = await storyUser(context, driver);
      const put = await driver.update(owned.id, { firstName: 'Bobby' });
      if (put.response.status < 200 || put.response.status >= 300) fail(`PUT ${userPath(owned.id)} {"firstName":"Bobby"}: HTTP ${put.response.status}, the partial update was refused`, 'HTTP 204', answerOf(put));
      const { user, exchange } = await fetchUser(driver, owned.id, `GET ${userPath(owned.id)} after updating firstName only`);
      expectUserValues(user, { ...expectedFromBody(body), firstName: 'Bobby' }, `GET ${userPath(owned.id)} after updating firstName only`, exchange);
    },
  },

  // --- DELETE /Users/{id} --------------------------------------------------------------------------
  {
    id: 'checkmarx/delete-user/delete-a-user',
    api: 'checkmarx',
    family: 'examples',
    level: 'MUST',
    title: 'DELETE /Users/{id} (with the document\'s headers) answers 204 with no content',
    doc: doc(`${DELETE_SECTION} > Notes`, 'Once the request is successful, it does not return any content.'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned } = await storyUser(context, driver);
      const exchange = await driver.remove(owned.id, { headers: { 'content-type': fixture(DELETE).request.headers['content-type'] ?? MEDIA_TYPE } });
      expectStatus(exchange, 204, `DELETE ${userPath(owned.id)}`, 'HTTP 204 with no body');
      expectNoBody(exchange, `DELETE ${userPath(owned.id)}`);
    },
  },
  {
    id: 'checkmarx/delete-user/deleted-user-is-gone',
    api: 'checkmarx',
    family: 'examples',
    level: 'MUST',
    title: 'After DELETE /Users/{id}, GET /Users/{id} answers 404 and GET /Users no longer lists the user',
    doc: doc(DELETE_SECTION, 'Delete a user according to User Id.'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned } = await storyUser(context, driver);
      const deleted = await driver.remove(owned.id);
      if (deleted.response.status < 200 || deleted.response.status >= 300) fail(`DELETE ${userPath(owned.id)}: HTTP ${deleted.response.status}, the user was not deleted`, 'HTTP 204', answerOf(deleted));
      await expectGone(driver, owned.id, owned.userName, `after DELETE ${userPath(owned.id)}`);
      const { users, exchange } = await driver.listUsers('GET /Users after the delete');
      if (users.some((user) => user['userName'] === owned.userName)) fail(`GET /Users after DELETE ${userPath(owned.id)} still lists ${owned.userName}`, 'no deleted user', answerOf(exchange));
    },
  },

  // --- POST /Users/migration -----------------------------------------------------------------------
  {
    id: 'checkmarx/migrate-user/migrate-existing-user',
    api: 'checkmarx',
    family: 'examples',
    level: 'MUST',
    title: 'POST /Users/migration answers 201 with a Location that leads to the new user',
    doc: doc(`${MIGRATE_SECTION} > Notes`, 'Returns the location of the newly created user in the response header.'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = fixtureBody(MIGRATE, context.uniqueName('carol'), await discover(context.config), 'document');
      const owned = driver.own(context, String(body['username']));
      const exchange = await driver.migrate(body);
      expectStatus(exchange, 201, 'POST /Users/migration');
      owned.id = (await driver.locate(exchange, owned.userName, 'POST /Users/migration')).id;
    },
  },
  {
    id: 'checkmarx/migrate-user/migrated-user-has-given-values',
    api: 'checkmarx',
    family: 'examples',
    level: 'MUST',
    title: 'GET /Users/{id} answers a migrated user with every value POST /Users/migration gave it',
    doc: doc(MIGRATE_SECTION, 'Migrate an existing user.'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = fixtureBody(MIGRATE, context.uniqueName('carol'), await discover(context.config), 'document');
      const owned = await driver.createOwned(context, body, 'POST /Users/migration', 'migrateUser');
      const { user, exchange } = await fetchUser(driver, owned.id as number, `GET ${userPath(owned.id as number)}`);
      expectUserShape(user, `GET ${userPath(owned.id as number)}`, exchange);
      expectUserValues(user, { id: owned.id, ...expectedFromBody(body) }, `GET ${userPath(owned.id as number)}`, exchange);
    },
  },
  {
    id: 'checkmarx/migrate-user/integer-creation-date-accepted',
    api: 'checkmarx',
    family: 'examples',
    level: 'INFO',
    title: 'Observation: POST /Users/migration takes creationDate as the document types it, an integer (a Unix timestamp)',
    doc: doc(`${MIGRATE_SECTION} > Parameters`, 'creationDate=[integer] – creation date'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = { creationDate: 1577836800, ...fixtureBody(MIGRATE, context.uniqueName('carol'), await discover(context.config), 'document') };
      await driver.createOwned(context, body, 'POST /Users/migration with "creationDate": 1577836800', 'migrateUser');
    },
  },

  // --- what real clients send (SHOULD) -------------------------------------------------------------
  {
    id: 'checkmarx/real-clients/string-active-accepted',
    api: 'checkmarx',
    family: 'examples',
    level: 'SHOULD',
    title: 'POST and PUT take "active" as the strings "true"/"false" (the parameter list, the python SDK) and answer it as a boolean',
    doc: doc(`${CREATE_SECTION} > Parameters`, 'active=[string] - User active/inactive state (true/false)'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = { ...(await documentedUser(context, 'bob')), active: 'false' };
      const owned = await driver.createOwned(context, body, 'POST /Users with "active": "false"');
      const id = owned.id as number;
      const created = await fetchUser(driver, id, `GET ${userPath(id)}`);
      expectUserValues(created.user, { active: false }, `GET ${userPath(id)} after creating with "active": "false"`, created.exchange);
      const put = await driver.update(id, { active: 'true' });
      expectStatus(put, 204, `PUT ${userPath(id)} {"active": "true"}`);
      const updated = await fetchUser(driver, id, `GET ${userPath(id)}`);
      expectUserValues(updated.user, { active: true }, `GET ${userPath(id)} after updating with "active": "true"`, updated.exchange);
    },
  },
  {
    id: 'checkmarx/real-clients/null-optional-fields-accepted',
    api: 'checkmarx',
    family: 'examples',
    level: 'SHOULD',
    title: 'POST and PUT take null for the fields a client leaves out, as the python SDK sends them',
    doc: { source: 'real-clients', section: 'cx_sdk_tests.jsonl', quote: '"username": "pytest_tmp_user3", "password": "Password01!", "roleIds": null' },
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const found = await discover(context.config);
      const body = { ...fixtureBody(CREATE, context.uniqueName('bob'), found, 'document'), phoneNumber: null, cellPhoneNumber: null, jobTitle: null, other: null, country: null, allowedIpList: null, roleIds: null, creationDate: null };
      const owned = await driver.createOwned(context, body, 'POST /Users with nulls (the python SDK\'s create)');
      const id = owned.id as number;
      // The SDK's update: every field, the ones it does not change as null (also username and password).
      const update = { ...fixtureBody(UPDATE, owned.userName, found, 'document', 1), username: null, password: null, authenticationProviderId: null, phoneNumber: null, cellPhoneNumber: null, jobTitle: null, other: null, allowedIpList: null, creationDate: null };
      const put = await driver.update(id, update);
      expectStatus(put, 204, `PUT ${userPath(id)} with nulls (the python SDK's update)`);
      const { user, exchange } = await fetchUser(driver, id, `GET ${userPath(id)}`);
      expectUserShape(user, `GET ${userPath(id)} after the updates with nulls`, exchange);
      expectUserValues(user, { id, userName: owned.userName, ...expectedFromBody(update) }, `GET ${userPath(id)} after the update with nulls`, exchange);
    },
  },
  {
    id: 'checkmarx/real-clients/plain-json-content-type-accepted',
    api: 'checkmarx',
    family: 'examples',
    level: 'SHOULD',
    title: 'POST and PUT take bodies sent as plain application/json (without ;v=1.0), as the python SDK sends them',
    doc: { source: 'real-clients', section: 'cx_sdk_head.jsonl', quote: '"Content-Type": "application/json"' },
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = await documentedUser(context, 'bob');
      const owned = driver.own(context, String(body['username']));
      const created = await driver.create(body, { contentType: 'application/json', accept: '*/*' });
      expectStatus(created, 201, 'POST /Users (Content-Type: application/json)');
      owned.id = (await driver.locate(created, owned.userName, 'POST /Users (Content-Type: application/json)')).id;
      const update = await documentedUpdate(context, owned.userName);
      expectStatus(await driver.update(owned.id, update, { contentType: 'application/json', accept: '*/*' }), 204, `PUT ${userPath(owned.id)} (Content-Type: application/json)`);
      const { user, exchange } = await fetchUser(driver, owned.id, `GET ${userPath(owned.id)}`);
      expectUserValues(user, expectedFromBody(update), `GET ${userPath(owned.id)} after the update sent as application/json`, exchange);
    },
  },
  {
    id: 'checkmarx/real-clients/json-without-content-type-accepted',
    api: 'checkmarx',
    family: 'examples',
    level: 'SHOULD',
    title: 'POST /Users, PUT /Users/{id} and POST /Users/migration take JSON sent without a Content-Type (python SDK 1.8.1)',
    doc: { source: 'real-clients', section: 'cx_sdk_181.jsonl', quote: 'JSON bodies sent WITHOUT a Content-Type' },
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = await documentedUser(context, 'bob');
      const owned = driver.own(context, String(body['username']));
      const created = await driver.create(body, { contentType: null, accept: '*/*' });
      expectStatus(created, 201, 'POST /Users without a Content-Type');
      owned.id = (await driver.locate(created, owned.userName, 'POST /Users without a Content-Type')).id;
      const update = await documentedUpdate(context, owned.userName);
      expectStatus(await driver.update(owned.id, update, { contentType: null, accept: '*/*' }), 204, `PUT ${userPath(owned.id)} without a Content-Type`);
      const { user, exchange } = await fetchUser(driver, owned.id, `GET ${userPath(owned.id)}`);
      expectUserValues(user, expectedFromBody(update), `GET ${userPath(owned.id)} after the update sent without a Content-Type`, exchange);
      const migration = fixtureBody(MIGRATE, context.uniqueName('carol'), await discover(context.config), 'document');
      driver.own(context, String(migration['username']));
      expectStatus(await driver.migrate(migration, { contentType: null, accept: '*/*' }), 201, 'POST /Users/migration without a Content-Type');
    },
  },
  {
    id: 'checkmarx/real-clients/date-only-expiration-accepted',
    api: 'checkmarx',
    family: 'examples',
    level: 'SHOULD',
    title: 'expirationDate is taken as real clients send it ("2030-01-01", "2099-07-30 12:00:00") and answered as that date',
    doc: { source: 'real-clients', section: 'cx_sdk_tests.jsonl', quote: '"expirationDate": "2099-07-30 12:00:00"' },
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = { ...(await documentedUser(context, 'bob')), expirationDate: '2030-01-01' };
      const owned = await driver.createOwned(context, body, 'POST /Users with "expirationDate": "2030-01-01"');
      const id = owned.id as number;
      const created = await fetchUser(driver, id, `GET ${userPath(id)}`);
      const dateOnly = created.user['expirationDate'];
      if (typeof dateOnly !== 'string' || !dateOnly.startsWith('2030-01-01')) fail(`GET ${userPath(id)}: expirationDate is ${JSON.stringify(dateOnly)} after sending "2030-01-01"`, '"2030-01-01T00:00:00..." (that date)', answerOf(created.exchange));
      expectStatus(await driver.update(id, { expirationDate: '2099-07-30 12:00:00' }), 204, `PUT ${userPath(id)} {"expirationDate": "2099-07-30 12:00:00"}`);
      const updated = await fetchUser(driver, id, `GET ${userPath(id)}`);
      if (!sameInstant(updated.user['expirationDate'], '2099-07-30T12:00:00Z')) fail(`GET ${userPath(id)}: expirationDate is ${JSON.stringify(updated.user['expirationDate'])} after sending "2099-07-30 12:00:00"`, '2099-07-30T12:00:00 (UTC)', answerOf(updated.exchange));
    },
  },
  {
    id: 'checkmarx/real-clients/migration-date-string-accepted',
    api: 'checkmarx',
    family: 'examples',
    level: 'SHOULD',
    title: 'POST /Users/migration takes creationDate as the date string the python SDK sends ("2020-01-01")',
    doc: { source: 'real-clients', section: 'cx_sdk_181.jsonl', quote: '"creationDate": "2020-01-01", "username": "carol"' },
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = { creationDate: '2020-01-01', ...fixtureBody(MIGRATE, context.uniqueName('carol'), await discover(context.config), 'document') };
      await driver.createOwned(context, body, 'POST /Users/migration with "creationDate": "2020-01-01"', 'migrateUser');
    },
  },
  {
    id: 'checkmarx/real-clients/accept-any-accepted',
    api: 'checkmarx',
    family: 'examples',
    level: 'SHOULD',
    title: 'GET /Users and GET /Users/{id} with Accept: */* (what real clients send) answer 200 with JSON',
    doc: { source: 'real-clients', section: 'cx_sdk_181.jsonl', quote: '"Accept": "*/*"' },
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const listed = await driver.list({ accept: '*/*' });
      expectStatus(listed, 200, 'GET /Users with Accept: */*');
      const users = expectJson(listed, 'GET /Users with Accept: */*');
      if (!Array.isArray(users)) fail('GET /Users with Accept: */*: the body is not an array', '[{...user}, ...]', answerOf(listed));
      const first = stableUser(users, context.config) as { id: number } | undefined;
      if (!first) return;
      const one = await driver.get(first.id, { accept: '*/*' });
      expectStatus(one, [200, 201], `GET ${userPath(first.id)} with Accept: */*`);
      expectJson(one, `GET ${userPath(first.id)} with Accept: */*`);
    },
  },
  {
    id: 'checkmarx/real-clients/paths-case-insensitive',
    api: 'checkmarx',
    family: 'examples',
    level: 'SHOULD',
    title: 'Paths match case-insensitively: /CxRestAPI/auth/Users and /cxrestapi/auth/users/{id} answer as documented',
    doc: { source: 'facts', section: 'Checkmarx Access Control', quote: 'Paths are matched case-insensitively: real clients call both `/cxrestapi/auth/Users` and `/CxRestAPI/auth/Users`.' },
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const upper = USERS_PATH.replace('/cxrestapi/', '/CxRestAPI/');
      const listed = await driver.list({ path: upper });
      expectStatus(listed, 200, `GET ${upper}`);
      const users = expectJson(listed, `GET ${upper}`);
      if (!Array.isArray(users)) fail(`GET ${upper}: the body is not an array`, '[{...user}, ...]', answerOf(listed));
      const first = stableUser(users, context.config) as { id: number } | undefined;
      if (!first) return;
      const lower = userPath(first.id).toLowerCase();
      const one = await driver.get(first.id, { path: lower });
      expectStatus(one, [200, 201], `GET ${lower}`);
      expectUserValues(one.response.json, { id: first.id }, `GET ${lower}`, one);
    },
  },
]);
