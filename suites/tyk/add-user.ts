// Users > Add User: POST /api/users with a User Object adds the user ("User created", Dashboard 5.8: "User
// and session have been created" with the new id in `Meta`); the users permission must be write. An
// address the organisation already has is refused (facts: 403), also when two creates arrive together.
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import { fixtureOf } from '../../fixtures/index.ts';
import type { Exchange } from '../harness/http.ts';
import { errorProblem, errorShown, expectAnswer, expectNoServerError, expectRefusal, failOn, isClientError, isDashboard58, metaProblem } from './answers.ts';
import { LIMITED, WRITE, both, dashboard58, documented, levels } from './catalogue.ts';
import { TykDriver, addSubject, limitedKey, standIn, userBody } from './driver.ts';
import { newPassword, sameEmail, userMismatches, type ExpectedUser, type TykUser } from './values.ts';

const NOTE = 'Add User > Note';
const SAMPLE = 'Add User > Sample Response';

const statements = [
  documented('add-user/without-password', NOTE, 'You can add a user via the API without a password by leaving out the password field. You then use Set User Password request to add a password.'),
  documented('add-user/needs-write', NOTE, 'You need to have the users Permission object set to write to use Add User.'),
  documented('add-user/keep-password-record', NOTE, 'If you do set a password, you need to keep a record of it, to enable the password to be reset in the future.'),
  documented('add-user/request', 'Add User', 'Resource URL /api/users | Method POST | Type None | Body User Object | Param None'),
  documented('add-user/sample-request', 'Add User > Sample Request', '{ "first_name": "Jason", "last_name": "Jasonson", "email_address": "[email protected]", "active": true, "password": "thisisatest", "user_permissions": { "IsAdmin": "admin" } }'),
  documented('add-user/status-ok', SAMPLE, '"Status": "OK",'),
  documented('add-user/message', SAMPLE, '"Message": "User created",'),
  documented('add-user/meta', SAMPLE, '"Meta": ""', 'INFO'),
  dashboard58('add-user/request', 'add user', '`POST /api/users`, body User (required: `first_name`, `last_name`, `email_address`, `user_permissions`)'),
  dashboard58('add-user/answer', 'add user', '200 `{"Status":"OK","Message":"User and session have been created","Meta":"<new user id>"}`'),
  dashboard58('add-user/invalid', 'add user', '400 `User object validation failed.`'),
  dashboard58('add-user/refused', 'add user', '401'),
  dashboard58('add-user/duplicate', 'add user', '403 `User email already exists for this org.`'),
];

const DUPLICATE = 'User email already exists for this org.';

/** The Add User sample's body with a run-prefixed address and a password of the check's own. */
function sampleBody(context: CheckContext, hint: string): Record<string, unknown> & { email_address: string } {
  const sample = structuredClone(fixtureOf('tyk', 'tyk/create-user/add-user').request.body) as Record<string, unknown>;
  return { ...sample, email_address: standIn(context, hint), password: newPassword() };
}

/** The original user, and the answer to adding a second one with its address. */
async function addDuplicate(context: CheckContext): Promise<{ driver: TykDriver; original: TykUser; exchange: Exchange }> {
  const driver = TykDriver.of(context);
  const original = await addSubject(context, driver);
  context.onCleanup(() => driver.deleteAllWithEmail(original.email_address));
  const exchange = await driver.create(userBody(context, 'second', { first_name: 'Second', last_name: 'Holder', email_address: original.email_address }));
  expectNoServerError(exchange, 'POST /api/users with an address another user has');
  return { driver, original, exchange };
}

const checks: Check[] = [
  {
    id: 'tyk/create-user/add-user',
    api: 'tyk',
    levels: both('MUST'),
    title: 'POST /api/users with the sample User Object answers HTTP 200 {"Status": "OK", "Message": "User created"} (5.8: "User and session have been created"), and the user is then there with the values sent, an id and an access_key (Add User sample)',
    statements: ['tyk:add-user/request', 'tyk:add-user/sample-request', 'tyk:add-user/status-ok', 'tyk:add-user/message', 'tyk-5.8:add-user/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const body = sampleBody(context, 'jasonjasonson');
      context.onCleanup(() => driver.deleteAllWithEmail(body.email_address));
      const exchange = await driver.create(body);
      const user = await driver.findCreated(expectAnswer(exchange, driver.answers.created, 'POST /api/users (the Add User sample)'), body.email_address, 'POST /api/users (the Add User sample)');
      const { password: _password, ...fields } = body;
      const mismatches = userMismatches(user, fields as ExpectedUser);
      if (mismatches.length > 0) failOn(exchange, `the added user: ${mismatches.join('; ')}`, fields, 'not-stored');
      if (user.id === '' || user.access_key === '') failOn(exchange, 'the added user has an empty id or access_key', 'a non-empty id and access_key', 'not-stored');
    },
  },
  {
    id: 'tyk/create-user/meta-is-new-id',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'Add User answers the new user\'s id in "Meta", and GET /api/users/{that id} answers the user just added',
    statements: ['tyk-5.8:add-user/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const body = userBody(context, 'metaid');
      context.onCleanup(() => driver.deleteAllWithEmail(body.email_address));
      const exchange = await driver.create(body);
      expectAnswer(exchange, driver.answers.created, 'POST /api/users');
      const problem = metaProblem(exchange, driver.answers.created);
      if (problem) failOn(exchange, `POST /api/users: ${problem}`, '"Meta": "<the new user\'s id>"', 'literal');
      const id = (exchange.response.json as { Meta: string }).Meta;
      const { user, exchange: read } = await driver.fetch(id, `GET /api/users/${id} (the id in "Meta")`, { operation: 'createUser' });
      if (!sameEmail(user.email_address, body.email_address)) failOn(read, `GET /api/users/${id} (the id Add User answered) is ${user.email_address}, not the user just added`, `the user ${body.email_address}`, 'other', { operation: 'createUser' });
    },
  },
  {
    id: 'tyk/create-user/duplicate-email-refused',
    api: 'tyk',
    levels: levels('INFO', 'MUST'),
    title: 'Add User with an address the organisation already has is refused (4xx) and leaves one user with it, unchanged (document: an observation, it does not say)',
    statements: ['tyk:add-user/request', 'tyk-5.8:add-user/duplicate'],
    requires: WRITE,
    async run(context) {
      const { driver, original, exchange } = await addDuplicate(context);
      if (!isClientError(exchange)) failOn(exchange, `POST /api/users with ${original.email_address} again: HTTP ${exchange.response.status}`, `a 4xx refusal (${errorShown(403, DUPLICATE)})`, 'not-refused');
      const { users, exchange: listed } = await driver.findByEmail(original.email_address, 'GET /api/users after the duplicate');
      if (users.length !== 1) failOn(listed, `GET /api/users: ${users.length} users have ${original.email_address}`, 'exactly the original user', 'other', { operation: 'createUser' });
      const { user, exchange: read } = await driver.fetch(original.id, 'GET the original user after the duplicate', { operation: 'createUser' });
      const mismatches = userMismatches(user, { ...(original as ExpectedUser) });
      if (mismatches.length > 0) failOn(read, `the original user changed: ${mismatches.join('; ')}`, original, 'neighbour-changed', { operation: 'createUser' });
    },
  },
  {
    id: 'tyk/create-user/duplicate-email-answer',
    api: 'tyk',
    levels: levels('INFO', 'MUST'),
    title: `A duplicate address gets HTTP 403 "${DUPLICATE}" in the error envelope (document: an observation of the facts' answer)`,
    statements: ['tyk:add-user/request', 'tyk-5.8:add-user/duplicate'],
    requires: WRITE,
    async run(context) {
      const { exchange } = await addDuplicate(context);
      const problem = errorProblem(exchange, 403, DUPLICATE);
      if (problem) failOn(exchange, `POST /api/users with an existing address: ${problem}`, errorShown(403, DUPLICATE), 'literal');
    },
  },
  {
    id: 'tyk/create-user/concurrent-duplicates-one-wins',
    api: 'tyk',
    levels: levels('INFO', 'MUST'),
    title: 'Five Add Users of one new address sent at once: exactly one succeeds, the others are refused, and one user has the address (document: an observation)',
    statements: ['tyk:add-user/request', 'tyk-5.8:add-user/duplicate'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const body = userBody(context, 'race');
      context.onCleanup(() => driver.deleteAllWithEmail(body.email_address));
      const answers = await Promise.all(Array.from({ length: 5 }, () => driver.create(body)));
      for (const exchange of answers) expectNoServerError(exchange, 'POST /api/users (five at once)');
      const won = answers.filter((exchange) => exchange.response.status >= 200 && exchange.response.status < 300);
      const { users, exchange: listed } = await driver.findByEmail(body.email_address, 'GET /api/users after the five');
      if (won.length !== 1 || users.length !== 1) {
        failOn(won[1] ?? listed, `five Add Users of ${body.email_address} at once: ${won.length} succeeded, ${users.length} users have the address`, 'exactly one success (the others refused) and one user with the address', 'not-refused', { operation: 'createUser' });
      }
      if (isDashboard58(driver.profile)) {
        for (const exchange of answers.filter((answer) => !won.includes(answer))) {
          const problem = errorProblem(exchange, 403, DUPLICATE);
          if (problem) failOn(exchange, `a refused one of the five: ${problem}`, errorShown(403, DUPLICATE), 'literal');
        }
      }
    },
  },
  {
    id: 'tyk/permissions/read-user-cannot-create',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Add User with the key of a users: read caller is refused (401 or 403) and adds no user',
    statements: ['tyk:add-user/needs-write'],
    requires: LIMITED,
    async run(context) {
      const driver = TykDriver.of(context);
      const { key } = await limitedKey(context, driver);
      const body = userBody(context, 'byreader', { first_name: 'Added', last_name: 'By Reader' });
      context.onCleanup(() => driver.deleteAllWithEmail(body.email_address));
      expectRefusal(await driver.create(body, { key }), 'POST /api/users with a users: read key');
      const { users, exchange } = await driver.findByEmail(body.email_address, 'GET /api/users after the refused POST');
      if (users.length > 0) failOn(exchange, `GET /api/users: the refused Add User added ${body.email_address}`, `no user with ${body.email_address}`, 'not-refused', { operation: 'createUser' });
    },
  },
];

export const section = defineSection({ title: 'Add User', statements, checks });
