// Get All Users - GET /Users: "Get details of all users." A 200 with a JSON array of users, each with
// the sample's keys and types; every user, the run's own included, however many there are (more than
// any plausible page or limit); each listed as GET /Users/{id} answers it.
import { inPool } from '../harness/pool.ts';
import { defineSection, type Check } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import { expectAnswer, expectSuccess, expectUserShape, expectUserValues, stableFields } from './assertions.ts';
import { CheckmarxDriver, deleteAfterwards } from './driver.ts';
import { ERROR_NOTE, INFO, MUST, WRITES, frameStatements, ref, sampleFieldRefs, sampleFieldStatements, statement } from './document.ts';
import { installationOf } from './installation.ts';
import { USERS_PATH, userPath } from './operations.ts';
import { listUsers } from './reads.ts';
import { createBody, createdUser, emailOf } from './users.ts';

/** More users than any plausible page or limit (100 is the common cap). */
const MANY = 101;
/** Creates at once: enough to keep the check short, few enough not to hammer a vendor's server. */
const LANES = 4;

const statements = [
  ...frameStatements('list-users', 'Get details of all users.', 'Usage: 1. GET /Users and get details of all users 2. DELETE /Users/{id} and delete a user', '/cxrestapi/auth/Users', 'GET'),
  statement('list-users', 'parameters-none', 'Parameters', 'Parameters None'),
  statement('list-users', 'status-200', 'Success Response:', 'Code: 200 Success'),
  statement('list-users', 'sample-array', 'Sample Response:', '[ { "id": 1, "userName": "admin", ... }, { "id": 10, "userName": "Marci", ... } }'),
  ...sampleFieldStatements('list-users', { expirationdate: '"expirationDate": null,' }),
  statement('list-users', 'notes-all-users', 'Notes:', 'Retrieves details of all users.'),
  statement(
    'list-users',
    'notes-ids-used-elsewhere',
    'Notes:',
    'Role Id (roleIds) is used in the Roles API, Team Id (teamIds) is used in the Teams API, Authentication Provider Id (authenticationProviderId) is used in the Authentication Providers API and Locale Id (localeId) is used in the System Locales API.',
    { untestable: 'it refers to the Roles, Teams, Authentication Providers and System Locales APIs, which this document does not describe; certify only reads the Teams and Authentication Providers lists (where a target has them) to give created users ids the target uses' },
  ),
  statement('list-users', 'notes-error', 'Notes:', ERROR_NOTE),
];

const checks: Check[] = [
  {
    id: 'checkmarx/list-users/lists-all-of-many-users',
    api: 'checkmarx',
    title: `With ${MANY} more users than before (more than any plausible page or limit), GET /Users lists every one of them once, with its values`,
    levels: MUST,
    statements: [ref('list-users', 'summary'), ref('list-users', 'notes-all-users')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const found = await installationOf(context);
      const before = await listUsers(driver, 'GET /Users (before)');
      const bodies = Array.from({ length: MANY }, (_, index) => createBody(context.uniqueName(`many${index}`), found));
      deleteAfterwards(context, ...bodies.map((body) => String(body['username'])));
      await context.prerequisite(`${MANY} × POST /Users`, () => inPool(bodies, LANES, async (body) => expectSuccess(await driver.create(body), 'createUser', `POST /Users ${String(body['username'])}`)));
      const { users, exchange } = await listUsers(driver, `GET /Users (after ${MANY} creates)`);
      const missing: string[] = [];
      for (const body of bodies) {
        const userName = String(body['username']);
        const listed = users.filter((user) => user['userName'] === userName);
        if (listed.length === 0) missing.push(userName);
        else if (listed.length > 1) fail(`GET /Users lists ${userName} ${listed.length} times`, `the user ${userName} once`, `${users.length} users listed`, { kind: 'other', operation: 'listUsers', exchanges: [exchange] });
        else expectUserValues(listed[0], { userName, email: emailOf(userName), firstName: body['firstName'], lastName: body['lastName'] }, 'listUsers', `GET /Users, user ${userName}`, exchange, 'other');
      }
      if (missing.length > 0) {
        fail(
          `GET /Users answered ${users.length} users (${before.users.length} before the run's ${MANY} creates): ${missing.length} of the ${MANY} created users are missing (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}), a cap or a page the document does not have`,
          `every user: at least ${before.users.length + MANY}`,
          `${users.length} users`,
          { kind: 'other', operation: 'listUsers', exchanges: [] },
        );
      }
    },
  },
  {
    id: 'checkmarx/list-users/get-all-users',
    api: 'checkmarx',
    title: 'GET /Users answers 200 with a JSON array; every listed user has the sample\'s keys with their types',
    levels: MUST,
    statements: [ref('list-users', 'url'), ref('list-users', 'parameters-none'), ref('list-users', 'status-200'), ref('list-users', 'sample-array'), ref('list-users', 'header-accept'), ...sampleFieldRefs('list-users')],
    async run(context) {
      const { users, exchange } = await listUsers(CheckmarxDriver.of(context), 'GET /Users');
      if (users.length !== (exchange.response.json as unknown[]).length) fail('GET /Users: the array holds items that are not user objects', '[{...user}, ...]', answerOf(exchange), { kind: 'schema', operation: 'listUsers', exchanges: [exchange] });
      for (const user of users) expectUserShape(user, 'listUsers', `GET /Users, user ${JSON.stringify(user['userName'] ?? user['id'])}`, exchange);
    },
  },
  {
    id: 'checkmarx/list-users/lists-created-user',
    api: 'checkmarx',
    title: 'A user created with POST /Users is listed by GET /Users once, as GET /Users/{id} answers it',
    levels: MUST,
    statements: [ref('list-users', 'summary'), ref('list-users', 'notes-all-users')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned } = await createdUser(context, driver);
      const { users, exchange } = await listUsers(driver, 'GET /Users');
      const listed = users.filter((user) => user['id'] === owned.id);
      if (listed.length !== 1) fail(`GET /Users: the created user (id ${owned.id}) is listed ${listed.length} times`, `the user ${owned.userName} once`, answerOf(exchange), { kind: 'other', operation: 'listUsers', exchanges: [exchange] });
      expectUserShape(listed[0], 'listUsers', `GET /Users, user ${owned.userName}`, exchange);
      expectUserValues(listed[0], stableFields(owned.user), 'listUsers', `GET /Users, user ${owned.userName} (as GET ${userPath(owned.id)} answered it)`, exchange, 'other');
    },
  },
  {
    id: 'checkmarx/real-clients/paths-case-insensitive',
    api: 'checkmarx',
    title: 'Observation (facts): paths match case-insensitively, /CxRestAPI/auth/Users and /cxrestapi/auth/users/{id} answer as documented',
    levels: INFO,
    statements: [ref('list-users', 'url'), ref('get-user', 'url')],
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const upper = USERS_PATH.replace('/cxrestapi/', '/CxRestAPI/');
      const listed = await driver.list({ path: upper });
      expectAnswer(listed, 'listUsers', 200, `GET ${upper}`);
      const users = listed.response.json;
      if (!Array.isArray(users)) fail(`GET ${upper}: the body is not an array`, '[{...user}, ...]', answerOf(listed), { kind: 'schema', operation: 'listUsers' });
      const first = users.find((user: { id?: unknown }) => Number.isSafeInteger(user?.id)) as { id: number } | undefined;
      if (!first) return;
      const lower = userPath(first.id).toLowerCase();
      const one = await driver.get(first.id, { path: lower });
      expectAnswer(one, 'getUser', [200, 201], `GET ${lower}`);
      expectUserValues(one.response.json, { id: first.id }, 'getUser', `GET ${lower}`, one, 'other');
    },
  },
];

export const section = defineSection({ title: 'Get All Users - GET /Users', statements, checks });
