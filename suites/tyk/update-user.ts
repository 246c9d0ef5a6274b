// Users > Update User: PUT /api/users/{USER_ID} with a User Object changes that user (and no other) and
// answers "User updated"; the users permission must be write. Dashboard 5.8 takes any of the fields and
// keeps the others.
import { defineSection, type Check } from '../harness/check.ts';
import { fixtureOf } from '../../fixtures/index.ts';
import { errorProblem, errorShown, expectAnswer, expectRefusal, failOn, type Blame } from './answers.ts';
import { LIMITED, WRITE, both, dashboard58, documented, levels } from './catalogue.ts';
import { TykDriver, addSubject, limitedKey, standIn, userBody } from './driver.ts';
import { withoutAbsentPermissions } from './get-user.ts';
import { userMismatches, type ExpectedUser, type TykUser } from './values.ts';

const SAMPLE = 'Update User > Sample Response';

const statements = [
  documented('update-user/needs-write', 'Update User', 'You need to have the users Permission object set to write to use Update User.'),
  documented('update-user/request', 'Update User', 'Resource URL /api/users/{USER_ID} | Method PUT | Type None | Body User Object | Param None'),
  documented('update-user/sample-request', 'Update User > Sample Request', '{ "first_name": "Jason", "last_name": "File", "email_address": "[email protected]", "active": true, "user_permissions": { "IsAdmin": "admin" } }'),
  documented('update-user/status-ok', SAMPLE, '"Status": "OK",'),
  documented('update-user/message', SAMPLE, '"Message": "User updated",'),
  documented('update-user/meta', SAMPLE, '"Meta": null', 'INFO'),
  dashboard58('update-user/request', 'update user', '`PUT /api/users/{userId}`, body any of `first_name`, `last_name`, `email_address`, `active`, `user_permissions`'),
  dashboard58('update-user/answer', 'update user', '200 `{"Status":"OK","Message":"User updated","Meta":null}`'),
  dashboard58('update-user/not-found', 'update user', '400 `user does not exist.`'),
  dashboard58('update-user/refused', 'update user', '401'),
  dashboard58('update-user/no-permission', 'update user', '403 `To create a user specify at least one permission, or make them an admin.`'),
];

const UPDATE: Blame = { operation: 'updateUser' };
const NO_PERMISSION = 'To create a user specify at least one permission, or make them an admin.';

/** GET answers the user with `expected` (what Update User was sent): the update's effect, so updateUser's fault. */
async function expectStored(driver: TykDriver, id: string, expected: ExpectedUser, what: string): Promise<TykUser> {
  const { user, exchange } = await driver.fetch(id, what, UPDATE);
  const mismatches = userMismatches(user, withoutAbsentPermissions(user, { ...expected, id }));
  if (mismatches.length > 0) failOn(exchange, `${what}: ${mismatches.join('; ')}`, expected, 'not-stored', UPDATE);
  return user;
}

/** What a user looked like: the fields a write to somebody else must leave alone. */
function fieldsOf(user: TykUser): ExpectedUser {
  return { id: user.id, email_address: user.email_address, first_name: user.first_name as string, last_name: user.last_name as string, active: user.active as boolean, access_key: user.access_key as string, user_permissions: user.user_permissions ?? {} };
}

const checks: Check[] = [
  {
    id: 'tyk/update-user/update-user',
    api: 'tyk',
    levels: both('MUST'),
    title: 'PUT /api/users/{USER_ID} with the sample User Object answers HTTP 200 {"Status": "OK", "Message": "User updated"} and the user then has last_name "File" (Update User sample)',
    statements: ['tyk:update-user/request', 'tyk:update-user/sample-request', 'tyk:update-user/status-ok', 'tyk:update-user/message', 'tyk-5.8:update-user/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const email = standIn(context, 'jasonfile');
      const added = structuredClone(fixtureOf('tyk', 'tyk/create-user/add-user').request.body) as Record<string, unknown>;
      const user = await driver.addUser(context, { ...added, email_address: email, password: undefined }, 'POST the Add User sample (the user the Update sample changes)');
      const body = { ...(structuredClone(fixtureOf('tyk', 'tyk/update-user/update-user').request.body) as Record<string, unknown>), email_address: email };
      expectAnswer(await driver.update(user.id, body), driver.answers.updated, `PUT /api/users/${user.id} (the Update User sample)`);
      await expectStored(driver, user.id, body as ExpectedUser, `GET /api/users/${user.id} after the update`);
    },
  },
  {
    id: 'tyk/update-user/persists-given-fields',
    api: 'tyk',
    levels: both('MUST'),
    title: 'After Update User, GET answers the user with every field the update sent (names, address, active, user_permissions)',
    statements: ['tyk:update-user/request', 'tyk-5.8:update-user/request'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, userBody(context, 'persist', { first_name: 'Jason', last_name: 'Jasonson' }), 'POST a user');
      const changes = { first_name: 'Firstname Changed', last_name: 'Last Name changed', email_address: standIn(context, 'persisted'), active: false, user_permissions: { users: 'read', user_groups: 'read' } };
      expectAnswer(await driver.update(user.id, changes), driver.answers.updated, `PUT /api/users/${user.id} (every field changed)`);
      await expectStored(driver, user.id, changes, `GET /api/users/${user.id} after the update`);
    },
  },
  {
    id: 'tyk/update-user/keeps-omitted-fields',
    api: 'tyk',
    levels: levels('INFO', 'MUST'),
    title: 'Update User with some fields keeps the others (partial updates, as the Go SDK sends them; document: an observation)',
    statements: ['tyk:update-user/request', 'tyk-5.8:update-user/request'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const original = userBody(context, 'partial', { first_name: 'Jason', last_name: 'Jasonson', user_permissions: { users: 'read', user_groups: 'read' } });
      const user = await driver.addUser(context, original, 'POST a user');
      expectAnswer(await driver.update(user.id, { first_name: 'Bobby' }), driver.answers.updated, 'PUT {"first_name"} only');
      await expectStored(driver, user.id, { ...(original as ExpectedUser), first_name: 'Bobby' }, 'GET after PUT {"first_name"}');
      expectAnswer(await driver.update(user.id, { last_name: 'File' }), driver.answers.updated, 'PUT {"last_name"} only');
      await expectStored(driver, user.id, { ...(original as ExpectedUser), first_name: 'Bobby', last_name: 'File' }, 'GET after PUT {"last_name"}');
    },
  },
  {
    id: 'tyk/update-user/only-named-user-changed',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Update User changes the user in the path only: a neighbour (same names, same permissions) is left exactly as it was',
    statements: ['tyk:update-user/request', 'tyk-5.8:update-user/request'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const subject = await driver.addUser(context, userBody(context, 'subject', { first_name: 'Twin', last_name: 'Sibling' }), 'POST the user to update');
      const neighbour = await driver.addUser(context, userBody(context, 'neighbour', { first_name: 'Twin', last_name: 'Sibling' }), 'POST its neighbour');
      const changes = { first_name: 'Changed', last_name: 'Alone', email_address: subject.email_address, active: false, user_permissions: { users: 'read', analytics: 'read' } };
      expectAnswer(await driver.update(subject.id, changes), driver.answers.updated, `PUT /api/users/${subject.id}`);
      await expectStored(driver, subject.id, changes, `GET /api/users/${subject.id} after the update`);
      const { user: after, exchange } = await driver.fetch(neighbour.id, `GET the neighbour ${neighbour.id} after the update`, UPDATE);
      const mismatches = userMismatches(after, fieldsOf(neighbour));
      const extra = Object.keys(after.user_permissions ?? {}).filter((object) => !(object in (neighbour.user_permissions ?? {})));
      if (mismatches.length > 0 || extra.length > 0) failOn(exchange, `the neighbour changed: ${[...mismatches, ...extra.map((object) => `user_permissions.${object} appeared`)].join('; ')}`, fieldsOf(neighbour), 'neighbour-changed', UPDATE);
    },
  },
  {
    id: 'tyk/update-user/no-permission-answer',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: `Update User with "user_permissions": {} is either taken or refused with HTTP 403 "${NO_PERMISSION}"`,
    statements: ['tyk-5.8:update-user/no-permission'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addSubject(context, driver);
      const exchange = await driver.update(user.id, { user_permissions: {} });
      if (exchange.response.status === 200) return;
      const problem = errorProblem(exchange, 403, NO_PERMISSION);
      if (problem) failOn(exchange, `PUT /api/users/${user.id} {"user_permissions": {}}: ${problem}`, `HTTP 200, or ${errorShown(403, NO_PERMISSION)}`, 'status');
    },
  },
  {
    id: 'tyk/permissions/read-user-cannot-update',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Update User with the key of a users: read caller is refused (401 or 403) and changes nothing',
    statements: ['tyk:update-user/needs-write'],
    requires: LIMITED,
    async run(context) {
      const driver = TykDriver.of(context);
      const { key } = await limitedKey(context, driver);
      const user = await addSubject(context, driver);
      expectRefusal(await driver.update(user.id, { first_name: 'Changed by a reader', user_permissions: { users: 'write' } }, { key }), `PUT /api/users/${user.id} with a users: read key`);
      await expectStored(driver, user.id, fieldsOf(user), 'GET after the refused PUT');
    },
  },
];

export const section = defineSection({ title: 'Update User', statements, checks });
