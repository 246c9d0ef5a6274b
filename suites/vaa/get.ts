// GET /api/v2/users: the list of all users (Example 1), the email and userId filters (Examples 2 and 3)
// and a filter matching nobody (Example 4). The target does not have the document's users, so each
// check creates run-prefixed stand-ins for `test` and `loc`; their emails and userIds extend each
// other, so a filter that matches by prefix or substring answers the wrong user. "All users" is
// checked with more users than any plausible page or limit.
import { inPool } from '../harness/pool.ts';
import { defineSection, type Check, type CheckContext, type Statement } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import { ANSWERS, expectAnswer, expectErrorEnvelope, expectSucceeded, findIn, usersOf } from './answers.ts';
import { VaaDriver, newIdentity, type Identity } from './driver.ts';
import { expectUser } from './story.ts';

const EXAMPLE_1 = '{ "status":200, "message":"Success", "data":[ { "email":"tset", "id":"IPM0N3CRFDHM4GQK15319464799176RQ299QFIJBA8B", "userId":"test", "firstName":"Bob", "lastName":"Smith", "status":"active", "customerId":null }, { "email":"test", "id":"RUKTJDOYFSGJ4JO11532442929347PUPJAMFGP8TYE6", "userId":"loc", "firstName":"", "lastName":"", "status":"active", "customerId":null } ] } RESP_CODE: ``200``';
const EXAMPLE_1_SECTION = 'GET > Example 1: Get All Users';

/** Each documented field of a user and the value Example 1 shows for it (its type is the field's). */
const FIELDS: Array<[slug: string, text: string]> = [
  ['email', '"email":"tset"'],
  ['id', '"id":"IPM0N3CRFDHM4GQK15319464799176RQ299QFIJBA8B"'],
  ['user-id', '"userId":"test"'],
  ['first-name', '"firstName":"Bob"'],
  ['last-name', '"lastName":"Smith"'],
  ['status', '"status":"active"'],
  ['customer-id', '"customerId":null'],
];
const FIELD_STATEMENTS = FIELDS.map(([slug]) => `vaa:get/user/${slug}`);

const statements: Statement[] = [
  { id: 'vaa:users/get-lists-all-users', section: '``/v2/users``', text: '| GET | ``/v2/users`` | Retrieves current list of all users. |', level: 'MUST' },
  { id: 'vaa:get/all-users/answer', section: EXAMPLE_1_SECTION, text: EXAMPLE_1, level: 'MUST' },
  ...FIELDS.map(([slug, text]): Statement => ({ id: `vaa:get/user/${slug}`, section: EXAMPLE_1_SECTION, text, level: 'MUST' })),
  {
    id: 'vaa:get/by-email/answer',
    section: 'GET > Example 2: Get Users with query parameter ``email``',
    text: 'GET https:///api/v2/users?email=tset ... { "status":200, "message":"Success", "data":[{"email":"tset", "id":"IPM0N3CRFDHM4GQK15319464799176RQ299QFIJBA8B", "userId":"test", "firstName":"Bob", "lastName":"Smith", "status":"active", "customerId":null }] } RESP_CODE: ``200``',
    level: 'MUST',
  },
  {
    id: 'vaa:get/by-user-id/answer',
    section: 'GET > Example 3: Get Users with query parameter ``userId``',
    text: 'GET https:///api/v2/users?userId=loc ... {"status":200, "message":"Success", "data":[{"email":"test", "id":"RUKTJDOYFSGJ4JO11532442929347PUPJAMFGP8TYE6", "userId":"loc", "firstName":"", "lastName":"", "status":"active", "customerId":null}] } RESP_CODE: ``200``',
    level: 'MUST',
  },
  {
    id: 'vaa:get/no-match/answer',
    section: 'GET > Example 4: Get Users with an invalid email',
    text: 'GET https:///api/v2/users?email=invalid@email.com ... { "status":400, "message":"User(s) not found.", "data":[] } RESP_CODE: ``400``',
    level: 'MUST',
  },
  { id: 'vaa:get/output-is-json', section: EXAMPLE_1_SECTION, text: 'Output (formatted): :: { "status":200, "message":"Success", "data":[', level: 'SHOULD' },
];

/** Users no page or limit plausibly holds: a list capped at 100 (or 128) misses some of them. */
export const MANY_USERS = 150;
/** Creates and deletes of the many users this many at a time (the HTTP client allows 8 connections). */
const AT_ONCE = 4;

/** Stand-ins for the document's `test` and `loc`: test's userId extends loc's, loc's email extends test's. */
async function documentUsers(context: CheckContext, driver: VaaDriver): Promise<{ test: Identity; loc: Identity }> {
  const loc = newIdentity(context, 'loc');
  const test = { userId: `${loc.userId}t`, email: `${loc.userId}t@example.com` };
  loc.email = `${test.email}.test`;
  await driver.createStandIn(context, { ...test, firstName: 'Bob', lastName: 'Smith' }, 'POST a stand-in for user "test"');
  await driver.createStandIn(context, { ...loc, firstName: '', lastName: '' }, 'POST a stand-in for user "loc"');
  return { test, loc };
}

const AS_TEST = { firstName: 'Bob', lastName: 'Smith', status: 'active', customerId: null };
const AS_LOC = { firstName: '', lastName: '', status: 'active', customerId: null };

const checks: Check[] = [
  // First: it takes longest, and runs beside the others.
  {
    id: 'vaa/list-users/lists-every-user',
    api: 'vaa',
    title: `GET /api/v2/users lists all users: ${MANY_USERS} users created by the run all appear, once each, with their fields (no page or limit)`,
    levels: { document: 'MUST' },
    statements: ['vaa:users/get-lists-all-users'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const identities = Array.from({ length: MANY_USERS }, () => newIdentity(context, 'many'));
      context.onCleanup(() => inPool(identities, AT_ONCE, (identity) => driver.remove(identity).catch(() => undefined)));
      await context.prerequisite(`POST ${MANY_USERS} users`, () =>
        inPool(identities, AT_ONCE, async (identity) => void expectSucceeded(await driver.create({ ...identity, firstName: 'Many', lastName: identity.userId.slice(-4) }), 'createUser', `POST ${identity.userId}`)),
      );
      const exchange = await driver.list();
      const users = usersOf((await expectAnswer(exchange, 'listUsers', 'GET /api/v2/users', ANSWERS.listed)).data);
      const missing = identities.filter((identity) => !findIn(users, identity.userId));
      const expected = `every user, among them the ${MANY_USERS} users ${identities[0]?.userId} ... ${identities.at(-1)?.userId}`;
      if (missing.length > 0) fail(`GET /api/v2/users lists ${users.length} users and misses ${missing.length} of the ${MANY_USERS} the run created (e.g. ${missing.slice(0, 3).map((identity) => identity.userId).join(', ')}): the list is cut short`, expected, `${users.length} users`, { kind: 'literal', operation: 'listUsers' });
      for (const identity of identities) {
        const listed = users.filter((user) => user['userId'] === identity.userId);
        if (listed.length !== 1) fail(`GET /api/v2/users lists ${identity.userId} ${listed.length} times`, 'each user once', `${users.length} users`, { kind: 'literal', operation: 'listUsers' });
        expectUser(listed[0], { ...identity, firstName: 'Many', lastName: identity.userId.slice(-4) }, `GET /api/v2/users, user ${identity.userId}`, { operation: 'listUsers' });
      }
    },
  },
  {
    id: 'vaa/list-users/get-all-users',
    api: 'vaa',
    title: 'GET /api/v2/users lists every user in the envelope, with the documented fields (Example 1)',
    levels: { document: 'MUST' },
    statements: ['vaa:users/get-lists-all-users', 'vaa:get/all-users/answer', ...FIELD_STATEMENTS],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const { test, loc } = await documentUsers(context, driver);
      const exchange = await driver.list();
      const users = usersOf((await expectAnswer(exchange, 'listUsers', 'GET /api/v2/users', ANSWERS.listed)).data);
      for (const [identity, fields] of [[test, AS_TEST], [loc, AS_LOC]] as const) {
        const listed = users.filter((user) => user['userId'] === identity.userId);
        if (listed.length !== 1) fail(`GET /api/v2/users: the user ${identity.userId} appears ${listed.length} times`, `the user ${identity.userId} once`, answerOf(exchange), { kind: 'literal', operation: 'listUsers' });
        expectUser(listed[0], { ...identity, ...fields }, `GET /api/v2/users, user ${identity.userId}`, { operation: 'listUsers', exchange });
      }
    },
  },
  {
    id: 'vaa/list-users/filter-by-email',
    api: 'vaa',
    title: 'GET ?email= answers exactly the users with that email, not one whose email merely starts with it (Example 2)',
    levels: { document: 'MUST' },
    statements: ['vaa:get/by-email/answer'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const { test } = await documentUsers(context, driver);
      const exchange = await driver.list({ email: test.email });
      const users = usersOf((await expectAnswer(exchange, 'listUsers', `GET ?email=${test.email}`, ANSWERS.listed)).data);
      const others = users.filter((user) => user['email'] !== test.email);
      if (others.length > 0) fail(`GET ?email=${test.email} also answers users with other emails (${others.slice(0, 3).map((user) => `${String(user['userId'])} <${String(user['email'])}>`).join(', ')}): the filter is not applied exactly`, `only users whose email is ${test.email}`, answerOf(exchange), { kind: 'literal', operation: 'listUsers' });
      if (users.length !== 1) fail(`GET ?email=${test.email} does not answer the user ${test.userId} (once)`, `[{"email":"${test.email}", "userId":"${test.userId}", ...}]`, answerOf(exchange), { kind: 'literal', operation: 'listUsers' });
      expectUser(users[0], { ...test, ...AS_TEST }, `GET ?email=${test.email}`, { operation: 'listUsers', exchange });
    },
  },
  {
    id: 'vaa/list-users/filter-by-user-id',
    api: 'vaa',
    title: 'GET ?userId= answers exactly that user, not one whose userId merely starts with it (Example 3)',
    levels: { document: 'MUST' },
    statements: ['vaa:get/by-user-id/answer'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const { loc } = await documentUsers(context, driver);
      const exchange = await driver.list({ userId: loc.userId });
      const users = usersOf((await expectAnswer(exchange, 'listUsers', `GET ?userId=${loc.userId}`, ANSWERS.listed)).data);
      if (users.length !== 1 || users[0]?.['userId'] !== loc.userId) fail(`GET ?userId=${loc.userId} answers ${users.length} users (${users.slice(0, 3).map((user) => String(user['userId'])).join(', ')}): the filter is not applied exactly`, `exactly the user ${loc.userId}`, answerOf(exchange), { kind: 'literal', operation: 'listUsers' });
      expectUser(users[0], { ...loc, ...AS_LOC }, `GET ?userId=${loc.userId}`, { operation: 'listUsers', exchange });
    },
  },
  {
    id: 'vaa/list-users/filter-matching-nothing',
    api: 'vaa',
    title: 'GET ?email= matching no user answers HTTP 400 "User(s) not found." (Example 4)',
    levels: { document: 'MUST' },
    statements: ['vaa:get/no-match/answer'],
    async run(context) {
      const email = `${context.uniqueName('invalid')}@email.com`;
      await expectAnswer(await VaaDriver.of(context).list({ email }), 'listUsers', `GET ?email=${email}`, ANSWERS.notFound);
    },
  },
  {
    id: 'vaa/list-users/user-id-matching-nothing',
    api: 'vaa',
    title: 'GET ?userId= of no user answers an error in the envelope and no user (the document shows this case for ?email= only)',
    levels: { document: 'MUST' },
    statements: ['vaa:get/no-match/answer', 'vaa:users/errors-in-envelope'],
    async run(context) {
      const userId = context.uniqueName('nobody');
      expectErrorEnvelope(await VaaDriver.of(context).list({ userId }), 'listUsers', `GET ?userId=${userId}`);
    },
  },
  {
    id: 'vaa/list-users/user-id-matching-nothing-answer',
    api: 'vaa',
    title: 'Observation: GET ?userId= of no user answers as Example 4 does for ?email=: HTTP 400 "User(s) not found."',
    levels: { document: 'INFO' },
    statements: ['vaa:get/no-match/answer'],
    async run(context) {
      const userId = context.uniqueName('nobody');
      await expectAnswer(await VaaDriver.of(context).list({ userId }), 'listUsers', `GET ?userId=${userId}`, ANSWERS.notFound);
    },
  },
  {
    id: 'vaa/list-users/read-only-list',
    api: 'vaa',
    title: 'GET /api/v2/users answers the users in the envelope, each with the documented fields and types',
    levels: { document: 'MUST' },
    statements: ['vaa:get/all-users/answer', ...FIELD_STATEMENTS],
    async run(context) {
      const exchange = await VaaDriver.of(context).list();
      // An empty unfiltered list is not shown; "User(s) not found." is the document's answer for no match.
      await expectAnswer(exchange, 'listUsers', 'GET /api/v2/users', exchange.response.status === 400 ? ANSWERS.notFound : ANSWERS.listed);
    },
  },
  {
    id: 'vaa/list-users/both-filters-combination',
    api: 'vaa',
    title: 'Observation: GET with both ?userId= and ?email= answers the users matching both (the document shows each filter alone)',
    levels: { document: 'INFO' },
    statements: ['vaa:get/by-user-id/answer', 'vaa:get/by-email/answer'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const { test, loc } = await documentUsers(context, driver);
      const matching = await driver.list({ userId: test.userId, email: test.email });
      const userIds = usersOf((await expectAnswer(matching, 'listUsers', "GET ?userId=A&email=(A's email)", ANSWERS.listed)).data).map((user) => user['userId']);
      if (userIds.length !== 1 || userIds[0] !== test.userId) fail(`GET ?userId=A&email=(A's email) answers ${JSON.stringify(userIds)}`, [test.userId], userIds, { kind: 'literal', operation: 'listUsers' });
      const crossed = await driver.list({ userId: test.userId, email: loc.email });
      if (crossed.response.status !== 400) fail(`GET ?userId=A&email=(B's email) answers HTTP ${crossed.response.status}: the filters do not combine as "both" (the document leaves this open)`, 'HTTP 400 "User(s) not found." (both filters apply)', answerOf(crossed), { kind: 'status', operation: 'listUsers' });
    },
  },
  {
    id: 'vaa/responses/json-media-type',
    api: 'vaa',
    title: 'Answers declare their JSON body as application/json (parameters such as charset are free)',
    levels: { document: 'SHOULD' },
    statements: ['vaa:get/output-is-json'],
    async run(context) {
      const driver = VaaDriver.of(context);
      for (const exchange of [await driver.list(), await driver.list({ userId: context.uniqueName('nobody') })]) {
        const type = (exchange.response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        if (!/^application\/([\w.-]+\+)?json$/.test(type)) fail(`GET ${exchange.request.url}: Content-Type is '${exchange.response.headers['content-type'] ?? '(none)'}'`, 'Content-Type: application/json', answerOf(exchange), { kind: 'schema', operation: 'listUsers' });
      }
    },
  },
];

export const section = defineSection({ title: 'GET', statements, checks });
