// What the target must refuse, and how: a missing or wrong x-lxt-api-token on every operation, bodies
// that are not the documented JSON, users that do not exist; and what no answer may contain (a 5xx, a
// password in clear). The document shows only some of these answers: where it is silent the MUST is
// "a 4xx (or 401/403), never a 5xx, nothing changed" and the exact answer is a SHOULD.
import { defineChecks, type Check, type CheckContext } from '../harness/legacy.ts';
import type { Exchange, HttpRequest } from '../harness/http.ts';
import { ANSWERS, OPERATIONS, TOKEN_HEADER, VaaDriver, answerOf, envelopeProblem, expectAnswer, expectClientError, expectUser, fail, standInIdentity, type VaaOperation } from './driver.ts';

const WRITE = ['write'] as Check['requires'];

/** A token shaped like the vendor's (an RS256 JWT) that no server issued. */
function forgedToken(username: string | undefined): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ typ: 'JWT', alg: 'RS256' })}.${encode({ sub: username ?? 'lxt_api_user', iat: Math.floor(Date.now() / 1000) })}.${Buffer.from('not a signature of the server').toString('base64url')}`;
}

interface Unauthenticated {
  label: string;
  exchange: Exchange;
}

/** The request twice: without the token header, and with a forged token. */
async function sendUnauthenticated(context: CheckContext, driver: VaaDriver, request: HttpRequest): Promise<Unauthenticated[]> {
  const missing = await driver.sendRaw(request);
  const forged = await driver.sendRaw({ ...request, headers: { ...request.headers, [TOKEN_HEADER]: forgedToken(context.config.credentials.username) } });
  return [
    { label: 'without x-lxt-api-token', exchange: missing },
    { label: 'with a forged x-lxt-api-token', exchange: forged },
  ];
}

function expectRefused(answers: Unauthenticated[], what: string): void {
  for (const { label, exchange } of answers) {
    const { status } = exchange.response;
    if (status !== 401 && status !== 403) fail(`${what} ${label}: HTTP ${status}, expected a refusal (401 or 403)`, 'HTTP 401 or 403', answerOf(exchange));
  }
}

function requestFor(operation: VaaOperation, body: unknown): HttpRequest {
  const { method, path } = OPERATIONS[operation];
  return { method, path, ...(body !== undefined ? { json: body } : {}) };
}

/** A stand-in user that the check deletes afterwards. */
async function standInUser(context: CheckContext, driver: VaaDriver, extra: Record<string, unknown> = {}): Promise<{ userId: string; email: string; id: string }> {
  const identity = standInIdentity(context, 'testuser1');
  const created = await driver.createStandIn(context, { ...identity, firstName: 'TFirst', lastName: 'TLast', ...extra }, 'POST a user for the check');
  return { ...identity, id: created.id };
}

async function expectStoredUser(driver: VaaDriver, userId: string, expected: Record<string, unknown>, what: string): Promise<void> {
  const { user, exchange } = await driver.findUser(userId, what);
  if (!user) fail(`${what}: GET ?userId=${userId} finds no user`, expected, answerOf(exchange));
  expectUser(user, expected, what, exchange);
}

async function expectNoUser(driver: VaaDriver, userId: string, what: string): Promise<void> {
  const { user, exchange } = await driver.findUser(userId, what);
  if (user) fail(`${what}: the refused request created the user ${userId}`, 'no user with this userId (HTTP 400 "User(s) not found.")', answerOf(exchange));
}

const AUTH_DOC = { source: 'document', section: 'Header (required)', quote: '``x-lxt-api-token``: "token from login"' } as const;

function authCheck(operation: VaaOperation, title: string, run: (context: CheckContext, driver: VaaDriver) => Promise<void>, writes: boolean): Check {
  const slug = operation.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return {
    id: `vaa/auth/refused-on-${slug}`,
    api: 'vaa',
    family: 'negative',
    level: 'MUST',
    title,
    doc: AUTH_DOC,
    ...(writes ? { requires: WRITE } : {}),
    run: (context) => run(context, VaaDriver.of(context)),
  };
}

const authChecks: Check[] = [
  authCheck('listUsers', `${OPERATIONS.listUsers.method} ${OPERATIONS.listUsers.path} without a valid token is refused (401 or 403)`, async (context, driver) => {
    expectRefused(await sendUnauthenticated(context, driver, requestFor('listUsers', undefined)), 'GET /api/v2/users');
  }, false),
  authCheck('createUser', 'POST /api/v2/users without a valid token is refused (401 or 403) and adds no user', async (context, driver) => {
    const identity = standInIdentity(context, 'testuser1');
    context.onCleanup(() => driver.remove(identity));
    expectRefused(await sendUnauthenticated(context, driver, requestFor('createUser', { ...identity, firstName: 'TFirst' })), 'POST /api/v2/users');
    await expectNoUser(driver, identity.userId, 'GET ?userId= after the refused POSTs');
  }, true),
  authCheck('updateUser', 'PUT /api/v2/users without a valid token is refused (401 or 403) and changes nothing', async (context, driver) => {
    const user = await standInUser(context, driver);
    expectRefused(await sendUnauthenticated(context, driver, requestFor('updateUser', { userId: user.userId, email: user.email, firstName: 'Changed without a token' })), 'PUT /api/v2/users');
    await expectStoredUser(driver, user.userId, { firstName: 'TFirst' }, 'GET ?userId= after the refused PUTs');
  }, true),
  authCheck('deactivateUser', 'PUT /api/v2/users/deactivate without a valid token is refused (401 or 403) and changes nothing', async (context, driver) => {
    const user = await standInUser(context, driver);
    expectRefused(await sendUnauthenticated(context, driver, requestFor('deactivateUser', { userId: user.userId, email: user.email })), 'PUT /api/v2/users/deactivate');
    await expectStoredUser(driver, user.userId, { status: 'active' }, 'GET ?userId= after the refused deactivations');
  }, true),
  authCheck('reactivateUser', 'PUT /api/v2/users/reactivate without a valid token is refused (401 or 403) and changes nothing', async (context, driver) => {
    const user = await standInUser(context, driver);
    await expectAnswer(await driver.deactivate({ userId: user.userId, email: user.email }), 'deactivateUser', 'PUT /deactivate (with the token)', ANSWERS.modified);
    expectRefused(await sendUnauthenticated(context, driver, requestFor('reactivateUser', { userId: user.userId, email: user.email })), 'PUT /api/v2/users/reactivate');
    await expectStoredUser(driver, user.userId, { status: 'inactive' }, 'GET ?userId= after the refused reactivations');
  }, true),
  authCheck('deleteUser', 'DELETE /api/v2/users without a valid token is refused (401 or 403) and deletes nothing', async (context, driver) => {
    const user = await standInUser(context, driver);
    expectRefused(await sendUnauthenticated(context, driver, requestFor('deleteUser', { userId: user.userId, email: user.email })), 'DELETE /api/v2/users');
    await expectStoredUser(driver, user.userId, { userId: user.userId, id: user.id }, 'GET ?userId= after the refused DELETEs');
  }, true),
];

// --- invalid bodies ------------------------------------------------------------------------------

interface InvalidRequest {
  label: string;
  operation: VaaOperation;
  /** JSON to send, or `raw` text. */
  json?: unknown;
  raw?: string;
}

async function sendInvalid(driver: VaaDriver, invalid: InvalidRequest): Promise<Exchange> {
  const { method, path } = OPERATIONS[invalid.operation];
  const request: HttpRequest = { method, path, headers: { 'content-type': 'application/json' } };
  if (invalid.json !== undefined) request.json = invalid.json;
  if (invalid.raw !== undefined) request.body = invalid.raw;
  return driver.send(request);
}

function expectAllRefused(answers: Array<[InvalidRequest, Exchange]>): void {
  for (const [invalid, exchange] of answers) expectClientError(exchange, `${OPERATIONS[invalid.operation].method} ${OPERATIONS[invalid.operation].path} ${invalid.label}`);
}

/** Bodies that are wrong in one way each, built around a user that exists (so only the body is at fault). */
function invalidBodies(user: { userId: string; email: string }, fresh: { userId: string; email: string }): Record<'missingUserId' | 'missingEmail' | 'wrongTypes' | 'malformed' | 'empty', InvalidRequest[]> {
  const truncated = `{"userId":"${user.userId}", "email":"${user.email}", "firstName":`;
  return {
    missingUserId: [
      { label: 'without userId', operation: 'createUser', json: { email: fresh.email, firstName: 'TFirst', lastName: 'TLast' } },
      { label: 'without userId', operation: 'updateUser', json: { email: user.email, firstName: 'Changed without userId' } },
      { label: 'without userId', operation: 'deactivateUser', json: { email: user.email } },
      { label: 'without userId', operation: 'reactivateUser', json: { email: user.email } },
      { label: 'without userId', operation: 'deleteUser', json: { email: user.email } },
    ],
    missingEmail: [
      { label: 'without email', operation: 'createUser', json: { userId: fresh.userId, firstName: 'TFirst', lastName: 'TLast' } },
      { label: 'without email', operation: 'updateUser', json: { userId: user.userId, firstName: 'Changed without email' } },
    ],
    wrongTypes: [
      { label: 'with userId an array', operation: 'createUser', json: { userId: [fresh.userId], email: fresh.email } },
      { label: 'with email a number', operation: 'createUser', json: { userId: fresh.userId, email: 12345 } },
      { label: 'with userId an array', operation: 'updateUser', json: { userId: [user.userId], email: user.email } },
      { label: 'with email a number', operation: 'updateUser', json: { userId: user.userId, email: 12345 } },
    ],
    malformed: (['createUser', 'updateUser', 'deactivateUser', 'reactivateUser', 'deleteUser'] as const).map((operation) => ({ label: 'with malformed JSON', operation, raw: truncated })),
    empty: (['createUser', 'updateUser', 'deleteUser'] as const).map((operation) => ({ label: 'with an empty body', operation, raw: '' })),
  };
}

/** Runs one family of invalid bodies around a stand-in user, then checks nothing was created or changed. */
async function runInvalid(context: CheckContext, kinds: Array<keyof ReturnType<typeof invalidBodies>>): Promise<Array<[InvalidRequest, Exchange]>> {
  const driver = VaaDriver.of(context);
  const user = await standInUser(context, driver);
  const fresh = standInIdentity(context, 'fresh');
  // If a refusal is not one, the user it made must still go; a POST without userId is found by its email.
  context.onCleanup(() => driver.remove(fresh));
  context.onCleanup(async () => {
    const listed = (await driver.list({ email: fresh.email })).response.json as { data?: Array<{ userId?: unknown }> } | undefined;
    for (const found of Array.isArray(listed?.data) ? listed.data : []) if (typeof found.userId === 'string') await driver.remove({ userId: found.userId, email: fresh.email });
  });
  const bodies = invalidBodies(user, fresh);
  const answers: Array<[InvalidRequest, Exchange]> = [];
  for (const kind of kinds) for (const invalid of bodies[kind]) answers.push([invalid, await sendInvalid(driver, invalid)]);
  expectAllRefused(answers);
  await expectNoUser(driver, fresh.userId, 'GET ?userId= (the userId of the refused POSTs)');
  await expectStoredUser(driver, user.userId, { userId: user.userId, email: user.email, firstName: 'TFirst', status: 'active', id: user.id }, 'GET ?userId= (the user of the refused PUTs and DELETEs)');
  return answers;
}

const INPUT_DOC_POST = { source: 'document', section: 'POST > Example Input JSON', quote: '"userId":"testuser1", (required) "password":"password1", (optional) "email":"testuser1@test.com", (required)' } as const;

const invalidBodyChecks: Check[] = [
  {
    id: 'vaa/invalid-body/missing-user-id-refused',
    api: 'vaa',
    family: 'negative',
    level: 'MUST',
    title: 'A body without the required userId is refused with a 4xx on every operation, changing nothing',
    doc: INPUT_DOC_POST,
    requires: WRITE,
    run: async (context) => void (await runInvalid(context, ['missingUserId'])),
  },
  {
    id: 'vaa/invalid-body/missing-email-refused',
    api: 'vaa',
    family: 'negative',
    level: 'MUST',
    title: 'POST or PUT without the required email is refused with a 4xx, changing nothing',
    doc: { source: 'document', section: 'PUT > Example Input JSON', quote: '"userId":"testuser1", (required) "password":"password1", (optional) "email":"testuser1@test.com", (required)' },
    requires: WRITE,
    run: async (context) => void (await runInvalid(context, ['missingEmail'])),
  },
  {
    id: 'vaa/invalid-body/wrong-types-refused',
    api: 'vaa',
    family: 'negative',
    level: 'MUST',
    title: 'POST or PUT with userId or email not a string is refused with a 4xx, changing nothing',
    doc: INPUT_DOC_POST,
    requires: WRITE,
    run: async (context) => void (await runInvalid(context, ['wrongTypes'])),
  },
  {
    id: 'vaa/invalid-body/malformed-json-refused',
    api: 'vaa',
    family: 'negative',
    level: 'MUST',
    title: 'Malformed JSON is refused with a 4xx (never a 5xx) on every operation that takes a body',
    doc: { source: 'document', section: 'POST > Example Input JSON', quote: 'POST parameters should be in JSON only.' },
    requires: WRITE,
    run: async (context) => void (await runInvalid(context, ['malformed'])),
  },
  {
    id: 'vaa/invalid-body/empty-body-refused',
    api: 'vaa',
    family: 'negative',
    level: 'MUST',
    title: 'POST, PUT and DELETE without a body are refused with a 4xx (never a 5xx)',
    doc: { source: 'document', section: 'DELETE > Example Input JSON', quote: 'See POST and PUT section for example JSON. DELETE parameters should be in JSON only.' },
    requires: WRITE,
    run: async (context) => void (await runInvalid(context, ['empty'])),
  },
  {
    id: 'vaa/invalid-body/answers-400-in-envelope',
    api: 'vaa',
    family: 'negative',
    level: 'SHOULD',
    title: 'Invalid bodies are answered HTTP 400 in the envelope: {"status":400, "message":"...", "data":[]}',
    doc: { source: 'facts', section: 'VAA dashboard API v2 (seed 001)', quote: "Status codes listed by the same product's API appendix: 200, 400, 403, 404, 500" },
    requires: WRITE,
    async run(context) {
      const answers = await runInvalid(context, ['missingUserId', 'missingEmail', 'wrongTypes', 'malformed', 'empty']);
      for (const [invalid, exchange] of answers) {
        const what = `${OPERATIONS[invalid.operation].method} ${OPERATIONS[invalid.operation].path} ${invalid.label}`;
        if (exchange.response.status !== 400) fail(`${what}: HTTP ${exchange.response.status}, not 400`, 'HTTP 400 {"status":400, "message":"...", "data":[]}', answerOf(exchange));
        const problem = envelopeProblem(exchange);
        if (problem) fail(`${what}: ${problem}`, '{"status":400, "message":"...", "data":[]}', answerOf(exchange));
      }
    },
  },
];

// --- users that do not exist ---------------------------------------------------------------------

const PUT_FAMILY = ['updateUser', 'deactivateUser', 'reactivateUser'] as const;

/** PUT, deactivate and reactivate for a userId never created and for one just deleted. */
async function modifyMissingUsers(context: CheckContext): Promise<{ driver: VaaDriver; answers: Array<[string, VaaOperation, Exchange]>; userIds: string[] }> {
  const driver = VaaDriver.of(context);
  const never = standInIdentity(context, 'nobody');
  context.onCleanup(() => driver.remove(never));
  const deleted = await standInUser(context, driver);
  await expectAnswer(await driver.remove({ userId: deleted.userId, email: deleted.email }), 'deleteUser', 'DELETE the user', ANSWERS.deleted);
  const answers: Array<[string, VaaOperation, Exchange]> = [];
  for (const [label, identity] of [['never created', never], ['deleted', deleted]] as const) {
    for (const operation of PUT_FAMILY) {
      const body = { userId: identity.userId, email: identity.email, firstName: 'Firstname Changed' };
      answers.push([`${OPERATIONS[operation].method} ${OPERATIONS[operation].path} for a ${label} user`, operation, await driver.call(operation, body)]);
    }
  }
  return { driver, answers, userIds: [never.userId, deleted.userId] };
}

const PUT_DOC = { source: 'document', section: 'PUT', quote: 'Use PUT to modify an existing user. An error will be returned if the user does not exist in the system.' } as const;

const unknownUserChecks: Check[] = [
  {
    id: 'vaa/modify-unknown-user/refused',
    api: 'vaa',
    family: 'negative',
    level: 'MUST',
    title: 'PUT, deactivate and reactivate of a user that does not exist answer an error (4xx) and create no user',
    doc: PUT_DOC,
    requires: WRITE,
    async run(context) {
      const { driver, answers, userIds } = await modifyMissingUsers(context);
      for (const [what, , exchange] of answers) expectClientError(exchange, what);
      for (const userId of userIds) await expectNoUser(driver, userId, `GET ?userId=${userId} after PUTs for a missing user`);
    },
  },
  {
    id: 'vaa/modify-unknown-user/answers-404-invalid-user',
    api: 'vaa',
    family: 'negative',
    level: 'SHOULD',
    title: 'PUT, deactivate and reactivate of a user that does not exist answer HTTP 404 "Invalid user", as DELETE does',
    doc: PUT_DOC,
    requires: WRITE,
    async run(context) {
      const { answers } = await modifyMissingUsers(context);
      for (const [what, operation, exchange] of answers) await expectAnswer(exchange, operation, what, ANSWERS.invalidUser);
    },
  },
  {
    id: 'vaa/delete-user/unknown-user-is-404-invalid-user',
    api: 'vaa',
    family: 'negative',
    level: 'MUST',
    title: 'DELETE of a userId never created answers HTTP 404 {"status":404, "message":"Invalid user", "data":[]}',
    doc: { source: 'document', section: 'DELETE > Example 2: Delete existing user again', quote: '{"status":404, "message":"Invalid user", "data":[] } RESP_CODE: ``404``' },
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const never = standInIdentity(context, 'nobody');
      await expectAnswer(await driver.remove(never), 'deleteUser', 'DELETE a userId never created', ANSWERS.invalidUser);
    },
  },
  {
    id: 'vaa/list-users/user-id-matching-nothing',
    api: 'vaa',
    family: 'negative',
    level: 'MUST',
    title: 'GET ?userId= of no user answers HTTP 400 "User(s) not found.", as the email filter does',
    doc: { source: 'document', section: 'GET > Example 4: Get Users with an invalid email', quote: '{ "status":400, "message":"User(s) not found.", "data":[] } RESP_CODE: ``400``' },
    async run(context) {
      const driver = VaaDriver.of(context);
      const userId = context.uniqueName('nobody');
      await expectAnswer(await driver.list({ userId }), 'listUsers', `GET ?userId=${userId}`, ANSWERS.notFound);
    },
  },
];

// --- what no answer may contain ------------------------------------------------------------------

const answerChecks: Check[] = [
  {
    id: 'vaa/auth/refusal-in-envelope',
    api: 'vaa',
    family: 'negative',
    level: 'SHOULD',
    title: 'A refused token is answered in the envelope: {"status":<the HTTP status>, "message":"...", "data":[]}',
    doc: { source: 'facts', section: 'VAA dashboard API v2 (seed 001)', quote: 'No 401 is listed: a missing or bad token is probably 403.' },
    async run(context) {
      const driver = VaaDriver.of(context);
      const answers = await sendUnauthenticated(context, driver, requestFor('listUsers', undefined));
      expectRefused(answers, 'GET /api/v2/users');
      for (const { label, exchange } of answers) {
        const problem = envelopeProblem(exchange);
        if (problem) fail(`GET /api/v2/users ${label}: ${problem}`, `{"status":${exchange.response.status}, "message":"...", "data":[]}`, answerOf(exchange));
      }
    },
  },
  {
    id: 'vaa/auth/refusal-is-403',
    api: 'vaa',
    family: 'negative',
    level: 'INFO',
    title: 'Observation: a missing or forged token is refused with 403 (the vendor lists no 401)',
    doc: { source: 'facts', section: 'VAA dashboard API v2 (seed 001)', quote: 'No 401 is listed: a missing or bad token is probably 403.' },
    async run(context) {
      const driver = VaaDriver.of(context);
      for (const { label, exchange } of await sendUnauthenticated(context, driver, requestFor('listUsers', undefined))) {
        if (exchange.response.status !== 403) fail(`GET /api/v2/users ${label}: HTTP ${exchange.response.status}`, 'HTTP 403', answerOf(exchange));
      }
    },
  },
  {
    id: 'vaa/responses/json-media-type',
    api: 'vaa',
    family: 'negative',
    level: 'SHOULD',
    title: 'Answers declare their JSON body as application/json (parameters such as charset are free)',
    doc: { source: 'document', section: 'GET > Example 1: Get All Users', quote: 'Output (formatted):' },
    async run(context) {
      const driver = VaaDriver.of(context);
      for (const exchange of [await driver.list(), await driver.list({ userId: context.uniqueName('nobody') })]) {
        const type = (exchange.response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!/^application\/([\w.-]+\+)?json$/.test(type)) fail(`GET ${exchange.request.url}: Content-Type is '${exchange.response.headers['content-type'] ?? '(none)'}'`, 'Content-Type: application/json', answerOf(exchange));
      }
    },
  },
  {
    id: 'vaa/responses/no-password-in-clear',
    api: 'vaa',
    family: 'negative',
    level: 'SHOULD',
    title: 'No answer contains a password the client sent (POST, GET, PUT, deactivate, reactivate, DELETE)',
    doc: { source: 'document', section: 'POST > Example 1: Add new user', quote: '{"status":200, "message":"Success", "data":[{"email":"testuser1@test.com",' },
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const identity = standInIdentity(context, 'testuser1');
      const first = `Pw1-${context.uniqueName('secret')}`;
      const second = `Pw2-${context.uniqueName('secret')}`;
      context.onCleanup(() => driver.remove(identity));
      const exchanges: Exchange[] = [];
      const record = async (exchange: Promise<Exchange>): Promise<Exchange> => {
        const done = await exchange;
        exchanges.push(done);
        return done;
      };
      await expectAnswer(await record(driver.create({ ...identity, password: first, firstName: 'TFirst', lastName: 'TLast' })), 'createUser', 'POST with a password', ANSWERS.created);
      await record(driver.list({ userId: identity.userId }));
      await record(driver.list({ email: identity.email }));
      await record(driver.list());
      await expectAnswer(await record(driver.update({ ...identity, password: second })), 'updateUser', 'PUT with a new password', ANSWERS.modified);
      await record(driver.list({ userId: identity.userId }));
      await record(driver.deactivate({ ...identity, password: second }));
      await record(driver.reactivate({ ...identity, password: second }));
      await record(driver.remove({ ...identity, password: second }));
      for (const exchange of exchanges) {
        const leaked = [first, second].filter((password) => exchange.response.text.includes(password));
        if (leaked.length > 0) fail(`${exchange.request.method} ${exchange.request.url}: the answer contains the password sent (${leaked.length === 2 ? 'both' : 'one'} of them)`, 'no password in any answer', answerOf(exchange));
      }
    },
  },
];

export const negativeChecks: Check[] = defineChecks([...authChecks, ...invalidBodyChecks, ...unknownUserChecks, ...answerChecks]);
