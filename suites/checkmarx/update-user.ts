// Update a User - PUT /Users/{id}: "Update user details according to User Id." 204 with no content;
// every field given stored and read back (by id and in the list); the fields not given kept; the user
// named and no other changed; 404 for an id no user has.
import { defineSection, type Check } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import { expectAnswer, expectNoBody, expectSuccess, expectUserValues, stableFields } from './assertions.ts';
import { CheckmarxDriver } from './driver.ts';
import { COUNTRY_UNTESTABLE, ERROR_NOTE, frameStatements, INFO, MUST, parameterStatements, ref, SHOULD, statement, WRITES } from './document.ts';
import { installationOf } from './installation.ts';
import { expectNeighboursIntact, neighboursOf } from './neighbours.ts';
import { userPath } from './operations.ts';
import { fetchUser, listUsers } from './reads.ts';
import { createdUser, deletedUser, expectedFromBody, newUser, updateBody } from './users.ts';

const PARAMETERS = [
  'id=[integer] - Unique Id of the User',
  'updateUserModel=[body]: Specifies the user details to update',
  'roleIds=[integer] - User related role(s) Id(s)',
  'teamIds=[integer] - User related team(s) Id(s)',
  'firstName=[string] - User first name',
  'lastName=[string] – User last name',
  'email=[string] - User email address',
  'phoneNumber=[string] - User phone number',
  'cellPhoneNumber=[string] - User cellular phone number',
  'jobTitle=[string] - User job title',
  'other=[string] - User other information',
  'country=[boolean] - User country',
  'active=[string] – User active/inactive state (true/false)',
  'expirationDate=[string] – User expiration date (date-time)',
  'allowedIpList=[string] - User allowed IPs',
  'localeId=[integer] - User locale',
];
const STORED = ['roleids', 'teamids', 'firstname', 'lastname', 'email', 'phonenumber', 'cellphonenumber', 'jobtitle', 'other', 'expirationdate', 'allowediplist', 'localeid'];

const statements = [
  ...frameStatements('update-user', 'Update user details according to User Id.', 'Usage: 1. GET /Users/{id} and get details of a user 2. PUT /Users/{id} and update user details', '/cxrestapi/auth/Users/{id}', 'PUT'),
  // "Specifies the user details to update": the details not given are not updated (implied).
  ...parameterStatements('update-user', PARAMETERS, { country: { untestable: COUNTRY_UNTESTABLE }, active: { level: 'SHOULD' }, updateusermodel: { level: 'SHOULD' } }),
  statement('update-user', 'status-204', 'Success Response:', 'Code: 204 Success'),
  statement('update-user', 'status-404', 'Error Response:', 'Code: 404 Not Found'),
  statement('update-user', 'sample-no-content', 'Sample Response:', 'no content'),
  statement('update-user', 'notes-updates', 'Notes:', 'Updates the user details according to the defined parameters.'),
  statement('update-user', 'notes-no-content', 'Notes:', 'Once the request is successful, it does not return any content.'),
  statement('update-user', 'notes-error', 'Notes:', ERROR_NOTE),
];

const checks: Check[] = [
  {
    id: 'checkmarx/update-user/update-a-user',
    api: 'checkmarx',
    title: 'PUT /Users/{id} with the documented fields answers 204 with no content',
    levels: MUST,
    statements: [ref('update-user', 'url'), ref('update-user', 'status-204'), ref('update-user', 'sample-no-content'), ref('update-user', 'notes-no-content'), ref('update-user', 'header-content-type')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned } = await createdUser(context, driver);
      const exchange = await driver.update(owned.id, updateBody(owned.userName, await installationOf(context)));
      expectAnswer(exchange, 'updateUser', 204, `PUT ${userPath(owned.id)}`, 'HTTP 204 with no body');
      expectNoBody(exchange, 'updateUser', `PUT ${userPath(owned.id)}`);
    },
  },
  {
    id: 'checkmarx/update-user/persists-given-fields',
    api: 'checkmarx',
    title: 'After PUT /Users/{id}, GET /Users/{id} and GET /Users answer every value the update gave (every documented field)',
    levels: MUST,
    statements: [ref('update-user', 'summary'), ref('update-user', 'notes-updates'), ...STORED.map((name) => ref('update-user', `parameter-${name}`))],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned } = await createdUser(context, driver);
      const update = updateBody(owned.userName, await installationOf(context));
      const path = userPath(owned.id);
      expectSuccess(await driver.update(owned.id, update), 'updateUser', `PUT ${path}`);
      const expected = { id: owned.id, userName: owned.userName, ...expectedFromBody(update) };
      const { user, exchange } = await fetchUser(driver, owned.id, `GET ${path} after the update`);
      expectUserValues(user, expected, 'updateUser', `GET ${path} after the update`, exchange);
      // GET /Users/{id} showed the update: a list that does not is the list's fault (a stale copy).
      const { users, exchange: listed } = await listUsers(driver, 'GET /Users after the update');
      expectUserValues(users.find((candidate) => candidate['id'] === owned.id) ?? null, expected, 'listUsers', `GET /Users, user ${owned.userName}, after the update`, listed, 'other');
    },
  },
  {
    id: 'checkmarx/update-user/keeps-omitted-fields',
    api: 'checkmarx',
    title: 'PUT /Users/{id} with only firstName changes firstName and keeps every other field as it was',
    levels: SHOULD,
    statements: [ref('update-user', 'parameter-updateusermodel')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned } = await createdUser(context, driver);
      const path = userPath(owned.id);
      expectSuccess(await driver.update(owned.id, { firstName: 'Bobby' }), 'updateUser', `PUT ${path} {"firstName":"Bobby"}`);
      const { user, exchange } = await fetchUser(driver, owned.id, `GET ${path} after updating firstName only`);
      expectUserValues(user, { ...stableFields(owned.user), firstName: 'Bobby' }, 'updateUser', `GET ${path} after updating firstName only`, exchange);
    },
  },
  {
    id: 'checkmarx/update-user/changes-only-the-named-user',
    api: 'checkmarx',
    title: 'PUT /Users/{id} changes that user and no other (a user created just before it, a user that existed before the run)',
    levels: MUST,
    statements: [ref('update-user', 'summary'), ref('update-user', 'parameter-id')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const neighbours = await neighboursOf(context, driver);
      const { owned } = await createdUser(context, driver);
      expectSuccess(await driver.update(owned.id, updateBody(owned.userName, await installationOf(context))), 'updateUser', `PUT ${userPath(owned.id)}`);
      await expectNeighboursIntact(driver, neighbours, 'updateUser', `PUT ${userPath(owned.id)}`);
    },
  },
  {
    id: 'checkmarx/unknown-user/update-is-404',
    api: 'checkmarx',
    title: 'PUT /Users/{id} with an id no user has (the run\'s user, deleted) answers 404 and creates nobody',
    levels: MUST,
    statements: [ref('update-user', 'status-404'), ref('update-user', 'notes-error')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const gone = await deletedUser(context, driver);
      const path = userPath(gone.id);
      expectAnswer(await driver.update(gone.id, updateBody(gone.userName, await installationOf(context))), 'updateUser', 404, `PUT ${path} (no user has this id)`);
      expectAnswer(await driver.get(gone.id), 'updateUser', 404, `GET ${path} after the refused PUT`, 'HTTP 404: the PUT created nobody');
    },
  },
  {
    id: 'checkmarx/real-clients/null-optional-fields-accepted',
    api: 'checkmarx',
    title: 'Observation (real clients): POST and PUT take null for the fields a client leaves out, as the python SDK sends them',
    levels: INFO,
    statements: [ref('create-user', 'parameter-createusermodel'), ref('update-user', 'parameter-updateusermodel')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const found = await installationOf(context);
      const nulls = { phoneNumber: null, cellPhoneNumber: null, jobTitle: null, other: null, allowedIpList: null };
      const body = { ...(await newUser(context)), ...nulls, country: null, roleIds: null, creationDate: null };
      const owned = await driver.createOwned(context, body, 'POST /Users with nulls (the python SDK\'s create)');
      // The SDK's update: every field, the ones it does not change as null (also password; its
      // "username": null is left out: the write guard sends no write naming a user that is not the run's).
      const update = { ...updateBody(owned.userName, found), ...nulls, password: null, authenticationProviderId: null, creationDate: null };
      expectAnswer(await driver.update(owned.id, update), 'updateUser', 204, `PUT ${userPath(owned.id)} with nulls (the python SDK's update)`);
      const { user, exchange } = await fetchUser(driver, owned.id, `GET ${userPath(owned.id)}`);
      expectUserValues(user, { id: owned.id, userName: owned.userName, ...expectedFromBody(update) }, 'updateUser', `GET ${userPath(owned.id)} after the update with nulls`, exchange);
    },
  },
  {
    id: 'checkmarx/real-clients/date-only-expiration-accepted',
    api: 'checkmarx',
    title: 'Observation (real clients): expirationDate is taken as real clients send it ("2030-01-01", "2099-07-30 12:00:00") and answered as that date',
    levels: INFO,
    statements: [ref('create-user', 'parameter-expirationdate'), ref('update-user', 'parameter-expirationdate')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const owned = await driver.createOwned(context, { ...(await newUser(context)), expirationDate: '2030-01-01' }, 'POST /Users with "expirationDate": "2030-01-01"');
      const path = userPath(owned.id);
      const dateOnly = owned.user['expirationDate'];
      if (typeof dateOnly !== 'string' || !dateOnly.startsWith('2030-01-01')) fail(`GET ${path}: expirationDate is ${JSON.stringify(dateOnly)} after sending "2030-01-01"`, '"2030-01-01T00:00:00..." (that date)', answerOf(owned.exchange), { kind: 'not-stored', operation: 'createUser' });
      expectAnswer(await driver.update(owned.id, { expirationDate: '2099-07-30 12:00:00' }), 'updateUser', 204, `PUT ${path} {"expirationDate": "2099-07-30 12:00:00"}`);
      const { user, exchange } = await fetchUser(driver, owned.id, `GET ${path}`);
      expectUserValues(user, { expirationDate: '2099-07-30T12:00:00Z' }, 'updateUser', `GET ${path} after sending "2099-07-30 12:00:00"`, exchange);
    },
  },
];

export const section = defineSection({ title: 'Update a User - PUT /Users/{id}', statements, checks });
