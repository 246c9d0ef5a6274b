// Create New User - POST /Users: "Create a new user." 201, no content, the Location of the created
// user; every documented field stored as given (non-ASCII text included) and read back; the new user
// and no other changed. The permission, 401 and 400 statements of this part are in permissions.ts,
// auth.ts and bad-requests.ts, with their checks.
import { defineSection, type Check } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import { expectAnswer, expectNoBody, expectRefusal, expectSuccess, expectUserValues } from './assertions.ts';
import { CheckmarxDriver, deleteAfterwards, deleteEveryUserNamed, passwordGrant, tokenOf } from './driver.ts';
import { COUNTRY_UNTESTABLE, frameStatements, INFO, MUST, parameterStatements, ref, SHOULD, statement, STORED_PARAMETERS, WRITES } from './document.ts';
import { expectNeighboursIntact, neighboursOf } from './neighbours.ts';
import { userPath } from './operations.ts';
import { fetchUser, listUsers } from './reads.ts';
import { installationOf } from './installation.ts';
import { createdUser, emailOf, expectedFromBody, migrationBody, newUser, strongPassword } from './users.ts';
import { unicodeRoundTrip } from './text-round-trip.ts';

/** createUserModel's lines; migrationUserModel repeats them after its creationDate. */
export const CREATE_PARAMETERS = [
  'createUserModel=[body]: Specifies the user details',
  'username=[string] - User name',
  'password=[string] - User password',
  'roleIds=[integer] - User related role(s) Id(s)',
  'teamIds=[integer] - User related team(s) Id(s)',
  'authenticationProviderId=[integer] - User authentication provider Id',
  'firstName=[string] -User first name',
  'lastName=[string] - User last name',
  'email=[string] - User email address',
  'phoneNumber=[string] - User phone number',
  'cellPhoneNumber=[string] - User cellular phone number',
  'jobTitle=[string] - User job title',
  'other=[string] - User other information',
  'country=[boolean] - User country',
  'active=[string] - User active/inactive state (true/false)',
  'expirationDate=[string] - User expiration date (date-time)',
  'allowedIpList=[string] - User allowed IPs',
  'localeId=[integer] - User Locale (Id)',
];

const statements = [
  ...frameStatements('create-user', 'Create a new user.', 'Usage: 1. GET /Users and get details of all users 2. POST /Users and create a new user', '/cxrestapi/auth/Users', 'POST'),
  ...parameterStatements('create-user', CREATE_PARAMETERS, { country: { untestable: COUNTRY_UNTESTABLE }, active: { level: 'SHOULD' } }),
  statement('create-user', 'status-201', 'Success Response:', 'Code: 201 Success'),
  statement('create-user', 'sample-no-content', 'Sample Response:', 'no content', { level: 'SHOULD' }),
  statement('create-user', 'notes-location', 'Notes:', 'Returns the location of the created user in the response header.'),
];

const storedRefs = STORED_PARAMETERS.map((name) => ref('create-user', `parameter-${name}`));

const checks: Check[] = [
  {
    id: 'checkmarx/create-user/create-new-user',
    api: 'checkmarx',
    title: 'POST /Users with the documented fields answers 201',
    levels: MUST,
    statements: [ref('create-user', 'url'), ref('create-user', 'status-201'), ref('create-user', 'parameter-createusermodel'), ref('create-user', 'header-content-type')],
    requires: WRITES,
    async run(context) {
      const body = await newUser(context);
      deleteAfterwards(context, String(body['username']));
      expectAnswer(await CheckmarxDriver.of(context).create(body), 'createUser', 201, 'POST /Users');
    },
  },
  {
    id: 'checkmarx/create-user/location-gets-new-user',
    api: 'checkmarx',
    title: 'The answer to POST /Users has a Location (absolute or relative) that leads to the created user',
    levels: MUST,
    statements: [ref('create-user', 'notes-location')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = await newUser(context);
      deleteAfterwards(context, String(body['username']));
      const exchange = await driver.create(body);
      expectSuccess(exchange, 'createUser', 'POST /Users');
      await driver.locate(exchange, String(body['username']), 'POST /Users');
    },
  },
  {
    id: 'checkmarx/create-user/created-user-has-given-values',
    api: 'checkmarx',
    title: 'GET /Users/{id} answers a created user with every value POST /Users gave it (every documented field)',
    levels: MUST,
    statements: [ref('create-user', 'summary'), ...storedRefs],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = await newUser(context);
      const owned = await driver.createOwned(context, body, 'POST /Users');
      const { user, exchange } = await fetchUser(driver, owned.id, `GET ${userPath(owned.id)}`);
      expectUserValues(user, { id: owned.id, ...expectedFromBody(body) }, 'createUser', `GET ${userPath(owned.id)} after POST /Users`, exchange);
    },
  },
  {
    id: 'checkmarx/create-user/answers-no-content',
    api: 'checkmarx',
    title: 'The 201 of POST /Users has no body ("Sample Response: no content")',
    levels: SHOULD,
    statements: [ref('create-user', 'sample-no-content')],
    requires: WRITES,
    async run(context) {
      const body = await newUser(context);
      deleteAfterwards(context, String(body['username']));
      const exchange = await CheckmarxDriver.of(context).create(body);
      expectAnswer(exchange, 'createUser', 201, 'POST /Users');
      expectNoBody(exchange, 'createUser', 'POST /Users');
    },
  },
  {
    id: 'checkmarx/create-user/leaves-other-users-alone',
    api: 'checkmarx',
    title: 'POST /Users creates a new user and changes no other (a user created just before, a user that existed before the run)',
    levels: MUST,
    statements: [ref('create-user', 'summary')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const neighbours = await neighboursOf(context, driver);
      const body = await newUser(context);
      await driver.createOwned(context, body, 'POST /Users');
      await expectNeighboursIntact(driver, neighbours, 'createUser', `POST /Users ${String(body['username'])}`);
    },
  },
  {
    id: 'checkmarx/create-user/unicode-text-round-trips',
    api: 'checkmarx',
    title: 'Non-ASCII text is stored exactly by POST /Users and PUT /Users/{id}; long text and emoji are stored exactly or refused with a 4xx that changes nothing, never altered',
    levels: MUST,
    statements: [...['firstname', 'lastname', 'jobtitle', 'other'].flatMap((name) => [ref('create-user', `parameter-${name}`), ref('update-user', `parameter-${name}`)])],
    requires: WRITES,
    run: unicodeRoundTrip,
  },
  {
    id: 'checkmarx/create-user/password-logs-in',
    api: 'checkmarx',
    title: 'Observation (facts: the token endpoint): users created by POST /Users and POST /Users/migration obtain a token with the password they were given',
    levels: INFO,
    statements: [ref('create-user', 'parameter-password'), ref('migrate-user', 'parameter-password')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const created = await newUser(context, 'login');
      const migrated = migrationBody(context.uniqueName('login'), await installationOf(context));
      await driver.createOwned(context, created, 'POST /Users');
      await driver.createOwned(context, migrated, 'POST /Users/migration', 'migrateUser');
      for (const body of [created, migrated]) {
        const exchange = await driver.sendRaw(passwordGrant(String(body['username']), String(body['password'])));
        const token = tokenOf(exchange);
        if (token !== undefined) context.registerSecret(token, '$CREATED_USER_TOKEN');
        expectAnswer(exchange, 'requestToken', 200, `POST /cxrestapi/auth/identity/connect/token as ${String(body['username'])}`);
        if (token === undefined) fail('the token answer has no access_token', '{"access_token": "...", ...}', answerOf(exchange), { kind: 'literal', operation: 'requestToken' });
      }
    },
  },
  {
    id: 'checkmarx/create-user/duplicate-username-refused',
    api: 'checkmarx',
    title: 'Observation (facts): POST /Users with the userName of an existing user is refused with a 4xx and leaves that user alone; of three concurrent creates of one new name, exactly one succeeds',
    levels: INFO,
    statements: [ref('create-user', 'parameter-username')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned, body } = await createdUser(context, driver);
      deleteEveryUserNamed(context, owned.userName);
      const exchange = await driver.create({ ...body, password: strongPassword(), firstName: 'Second', email: emailOf(owned.userName, 2) });
      expectRefusal(exchange, 'createUser', `POST /Users with the existing userName ${owned.userName}`);
      const { users, exchange: listed } = await listUsers(driver, 'GET /Users after the refused duplicate');
      const named = users.filter((user) => user['userName'] === owned.userName);
      if (named.length !== 1 || named[0]?.['id'] !== owned.id) fail(`GET /Users: ${named.length} users are named ${owned.userName} after the refused duplicate`, `only the user ${owned.id}`, answerOf(listed), { kind: 'not-refused', operation: 'createUser' });
      const name = context.uniqueName('race');
      deleteEveryUserNamed(context, name);
      const answers = await Promise.all([1, 2, 3].map((variant) => driver.create({ ...body, username: name, email: emailOf(name, variant), password: strongPassword() })));
      const created = answers.filter((answer) => answer.response.status >= 200 && answer.response.status < 300);
      if (created.length !== 1) fail(`three concurrent POST /Users of ${name}: ${created.length} succeeded`, 'exactly one 201, the others refused', answers.map((answer) => answerOf(answer)).join('\n'), { kind: 'not-refused', operation: 'createUser', exchanges: answers });
    },
  },
  {
    id: 'checkmarx/real-clients/string-active-accepted',
    api: 'checkmarx',
    title: 'POST, PUT and POST /Users/migration take "active" as the strings "true"/"false" (the parameter lists, the python SDK) and answer it as a boolean',
    levels: SHOULD,
    statements: [ref('create-user', 'parameter-active'), ref('update-user', 'parameter-active'), ref('migrate-user', 'parameter-active')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const owned = await driver.createOwned(context, { ...(await newUser(context)), active: 'false' }, 'POST /Users with "active": "false"');
      expectUserValues(owned.user, { active: false }, 'createUser', `GET ${userPath(owned.id)} after creating with "active": "false"`, owned.exchange);
      expectAnswer(await driver.update(owned.id, { active: 'true' }), 'updateUser', 204, `PUT ${userPath(owned.id)} {"active": "true"}`);
      const updated = await fetchUser(driver, owned.id, `GET ${userPath(owned.id)}`);
      expectUserValues(updated.user, { active: true }, 'updateUser', `GET ${userPath(owned.id)} after updating with "active": "true"`, updated.exchange);
      const migration = { ...migrationBody(context.uniqueName('carol'), await installationOf(context)), active: 'false' };
      const migrated = await driver.createOwned(context, migration, 'POST /Users/migration with "active": "false"', 'migrateUser');
      expectUserValues(migrated.user, { active: false }, 'migrateUser', `GET ${userPath(migrated.id)} after migrating with "active": "false"`, migrated.exchange);
    },
  },
];

export const section = defineSection({ title: 'Create New User - POST /Users', statements, checks });
