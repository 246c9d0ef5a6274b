// What the target must refuse, and how: calls without a valid bearer token (401 on every operation),
// writes by a user without 'Manage Users' (403), ids no user has (404) or that are not integers, bodies
// that are not the documented JSON; and what no answer may contain (a 5xx, a password). Where the
// document lists the code for the situation it is a MUST; where it is silent the MUST is "a 4xx, never a
// 5xx, nothing changed" and the exact code a SHOULD. Error bodies are free (no source documents one).
import { randomBytes } from 'node:crypto';
import { defineChecks, type Check, type CheckContext, type CheckDoc } from '../harness/legacy.ts';
import type { Exchange, HttpRequest } from '../harness/http.ts';
import {
  CheckmarxDriver,
  MEDIA_TYPE,
  WRITE_OPERATIONS,
  answerOf,
  describeRequest,
  discover,
  emailOf,
  expectClientError,
  expectJson,
  expectStatus,
  expectUserValues,
  expectedFromBody,
  fail,
  passwordGrant,
  stableUser,
  strongPassword,
  tokenOf,
  unusedId,
  userPath,
  type Operation,
} from './driver.ts';
import { SECTIONS, documentDoc as doc, documentedUpdate, documentedUser, expectGone, fetchUser, fixtureBody, MIGRATE, storyUser } from './examples.ts';

const WRITE = ['write'] as Check['requires'];
const LIMITED = ['limited-token', 'write'] as Check['requires'];

const SLUG: Record<Operation, string> = {
  listUsers: 'list-users',
  getUser: 'get-user',
  createUser: 'create-user',
  updateUser: 'update-user',
  deleteUser: 'delete-user',
  migrateUser: 'migrate-user',
};

const SECTION_OF: Record<Operation, string> = {
  listUsers: SECTIONS.LIST_SECTION,
  getUser: SECTIONS.GET_SECTION,
  createUser: SECTIONS.CREATE_SECTION,
  updateUser: SECTIONS.UPDATE_SECTION,
  deleteUser: SECTIONS.DELETE_SECTION,
  migrateUser: SECTIONS.MIGRATE_SECTION,
};

// --- no valid bearer token: 401 ------------------------------------------------------------------

/** A token shaped like IdentityServer's (an RS256 JWT) that no server issued. */
function forgedToken(): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ sub: '1', iat: now, exp: now + 3600, scope: ['sast_rest_api', 'access_control_api'] })}.${randomBytes(32).toString('base64url')}`;
}

const INVALID_CREDENTIALS: Array<{ label: string; authorization: string | undefined }> = [
  { label: 'without an Authorization header', authorization: undefined },
  { label: 'with a made-up bearer token', authorization: `Bearer ${randomBytes(20).toString('hex')}` },
  { label: 'with a forged JWT', authorization: `Bearer ${forgedToken()}` },
];

/** The request once per invalid credential, each expected to be refused with 401. */
async function expectUnauthorized(driver: CheckmarxDriver, request: HttpRequest): Promise<void> {
  for (const { label, authorization } of INVALID_CREDENTIALS) {
    const headers = { ...request.headers, ...(authorization !== undefined ? { authorization } : {}) };
    const exchange = await driver.sendRaw({ ...request, headers });
    if (exchange.response.status !== 401) {
      fail(`${describeRequest(exchange)} ${label}: HTTP ${exchange.response.status}, the document gives 401 Unauthorized`, 'HTTP 401', answerOf(exchange));
    }
  }
}

/** No user with this name exists (a refused create must not have created it). */
async function expectNoUserNamed(driver: CheckmarxDriver, userName: string, what: string): Promise<void> {
  const { users, exchange } = await driver.listUsers(`GET /Users (${what})`);
  if (users.some((user) => user['userName'] === userName)) fail(`${what}: the user ${userName} was created anyway`, `no user named ${userName}`, answerOf(exchange));
}

async function expectStillStored(driver: CheckmarxDriver, id: number, expected: Record<string, unknown>, what: string): Promise<void> {
  const { user, exchange } = await fetchUser(driver, id, `GET ${userPath(id)} (${what})`);
  expectUserValues(user, expected, `GET ${userPath(id)} (${what})`, exchange);
}

const AUTH_DOC = (operation: Operation): CheckDoc => doc(`${SECTION_OF[operation]} > Error Response`, 'Code: 401 Unauthorized');

function authCheck(operation: Operation, title: string, run: (context: CheckContext, driver: CheckmarxDriver) => Promise<void>): Check {
  return {
    id: `checkmarx/auth/${SLUG[operation]}-without-token-is-401`,
    api: 'checkmarx',
    family: 'negative',
    level: 'MUST',
    title,
    doc: AUTH_DOC(operation),
    ...(WRITE_OPERATIONS.includes(operation) ? { requires: WRITE } : {}),
    run: (context) => run(context, CheckmarxDriver.of(context)),
  };
}

/** Some user's id, to read: one the check created when it may write, else a listed one. */
async function someUserId(context: CheckContext, driver: CheckmarxDriver): Promise<number> {
  const { users } = await driver.listUsers('GET /Users (to find a user to read)');
  const user = stableUser(users, context.config);
  if (user) return user['id'] as number;
  if (context.config.readOnly) context.skip('the target lists no user with an integer id to read');
  return (await storyUser(context, driver)).owned.id;
}

const authChecks: Check[] = [
  authCheck('listUsers', 'GET /Users without a valid bearer token (none, made up, forged) answers 401', async (_context, driver) => {
    await expectUnauthorized(driver, driver.request('listUsers', {}));
  }),
  authCheck('getUser', 'GET /Users/{id} without a valid bearer token answers 401', async (context, driver) => {
    await expectUnauthorized(driver, driver.request('getUser', { id: await someUserId(context, driver) }));
  }),
  authCheck('createUser', 'POST /Users without a valid bearer token answers 401 and creates nobody', async (context, driver) => {
    const body = await documentedUser(context, 'anon');
    driver.own(context, String(body['username']));
    await expectUnauthorized(driver, driver.request('createUser', { body }));
    await expectNoUserNamed(driver, String(body['username']), 'after the refused POSTs');
  }),
  authCheck('updateUser', 'PUT /Users/{id} without a valid bearer token answers 401 and changes nothing', async (context, driver) => {
    const { owned, body } = await storyUser(context, driver);
    await expectUnauthorized(driver, driver.request('updateUser', { id: owned.id, body: { firstName: 'Changed', lastName: 'Without a token' } }));
    await expectStillStored(driver, owned.id, { firstName: body['firstName'], lastName: body['lastName'] }, 'after the refused PUTs');
  }),
  authCheck('deleteUser', 'DELETE /Users/{id} without a valid bearer token answers 401 and deletes nothing', async (context, driver) => {
    const { owned } = await storyUser(context, driver);
    await expectUnauthorized(driver, driver.request('deleteUser', { id: owned.id }));
    await expectStillStored(driver, owned.id, { id: owned.id, userName: owned.userName }, 'after the refused DELETEs');
  }),
  authCheck('migrateUser', 'POST /Users/migration without a valid bearer token answers 401 and creates nobody', async (context, driver) => {
    const body = fixtureBody(MIGRATE, context.uniqueName('anon'), await discover(context.config), 'document');
    driver.own(context, String(body['username']));
    await expectUnauthorized(driver, driver.request('migrateUser', { body }));
    await expectNoUserNamed(driver, String(body['username']), 'after the refused migrations');
  }),
  {
    id: 'checkmarx/auth/lower-case-bearer-accepted',
    api: 'checkmarx',
    family: 'negative',
    level: 'SHOULD',
    title: 'The Authorization scheme is case-insensitive: "bearer <token>" is accepted like "Bearer <token>" (RFC 6750, RFC 7235)',
    doc: doc(`${SECTIONS.LIST_SECTION} > Media Type (header)`, 'Authorization: Bearer <access token value>'),
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      expectStatus(await driver.list(), 200, 'GET /Users with "Bearer <token>"');
      const exchange = await driver.sendRaw({ ...driver.request('listUsers', {}), headers: { accept: MEDIA_TYPE, authorization: `bearer ${driver.token ?? ''}` } });
      expectStatus(exchange, 200, 'GET /Users with "bearer <token>" (lower-case scheme)');
    },
  },
  {
    id: 'checkmarx/auth/refusals-have-no-body',
    api: 'checkmarx',
    family: 'negative',
    level: 'INFO',
    title: 'Observation: a 401 comes without a body, as on CxSAST',
    doc: { source: 'facts', section: 'Checkmarx Access Control', quote: 'No public source documents an error body for the Users endpoints; 401/403 come with no body.' },
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const exchange = await driver.sendRaw(driver.request('listUsers', {}));
      expectStatus(exchange, 401, 'GET /Users without a token');
      if (exchange.response.text.trim() !== '') fail('GET /Users without a token: the 401 has a body', 'HTTP 401 with no body', answerOf(exchange));
    },
  },
];

// --- no 'Manage Users': 403 ----------------------------------------------------------------------

const PERMISSION_QUOTE = 'The ‘Manage Users’ permission is required to execute this API.';

function permissionCheck(operation: Operation, title: string, run: (context: CheckContext, driver: CheckmarxDriver, limited: CheckmarxDriver) => Promise<void>): Check {
  return {
    id: `checkmarx/permissions/limited-user-${SLUG[operation].replace(/-user$/, '')}-is-403`,
    api: 'checkmarx',
    family: 'negative',
    level: 'MUST',
    title,
    doc: doc(SECTION_OF[operation], PERMISSION_QUOTE),
    requires: LIMITED,
    run: async (context) => {
      const driver = CheckmarxDriver.of(context);
      const limited = driver.as(context.config.credentials.limitedToken as string);
      // A token the target does not take at all is the run's mistake, not the target's.
      const probe = await limited.list();
      if (probe.response.status === 401) context.skip(`the --limited-token is not a valid token here (GET /Users answers 401): pass the token of a user without 'Manage Users'`);
      await run(context, driver, limited);
    },
  };
}

function expectForbidden(exchange: Exchange, what: string): void {
  if (exchange.response.status !== 403) fail(`${what} with a token lacking 'Manage Users': HTTP ${exchange.response.status}, the document gives 403 Forbidden`, 'HTTP 403', answerOf(exchange));
}

const permissionChecks: Check[] = [
  permissionCheck('createUser', 'POST /Users by a user without \'Manage Users\' answers 403 and creates nobody', async (context, driver, limited) => {
    const body = await documentedUser(context, 'limited');
    driver.own(context, String(body['username']));
    expectForbidden(await limited.create(body), 'POST /Users');
    await expectNoUserNamed(driver, String(body['username']), 'after the refused POST');
  }),
  permissionCheck('updateUser', 'PUT /Users/{id} by a user without \'Manage Users\' answers 403 and changes nothing', async (context, driver, limited) => {
    const { owned, body } = await storyUser(context, driver);
    expectForbidden(await limited.update(owned.id, await documentedUpdate(context, owned.userName)), `PUT ${userPath(owned.id)}`);
    await expectStillStored(driver, owned.id, { firstName: body['firstName'], email: body['email'] }, 'after the refused PUT');
  }),
  permissionCheck('deleteUser', 'DELETE /Users/{id} by a user without \'Manage Users\' answers 403 and deletes nothing', async (context, driver, limited) => {
    const { owned } = await storyUser(context, driver);
    expectForbidden(await limited.remove(owned.id), `DELETE ${userPath(owned.id)}`);
    await expectStillStored(driver, owned.id, { id: owned.id, userName: owned.userName }, 'after the refused DELETE');
  }),
  permissionCheck('migrateUser', 'POST /Users/migration by a user without \'Manage Users\' answers 403 and creates nobody', async (context, driver, limited) => {
    const body = fixtureBody(MIGRATE, context.uniqueName('limited'), await discover(context.config), 'document');
    driver.own(context, String(body['username']));
    expectForbidden(await limited.migrate(body), 'POST /Users/migration');
    await expectNoUserNamed(driver, String(body['username']), 'after the refused migration');
  }),
];

// --- ids no user has -----------------------------------------------------------------------------

async function freeId(driver: CheckmarxDriver): Promise<number> {
  const { users } = await driver.listUsers('GET /Users (to pick an id no user has)');
  return unusedId(users);
}

/** A write that should have found nobody may have created someone: undo it (only for the id it named). */
function undoStrayWrite(context: CheckContext, driver: CheckmarxDriver, id: number): void {
  context.onCleanup(async () => {
    const stray = await driver.get(id);
    if (stray.response.status === 200 || stray.response.status === 201) await driver.remove(id);
  });
}

/** GET, and when the run may write PUT and DELETE, of /Users/<id>. */
async function sendToId(context: CheckContext, driver: CheckmarxDriver, id: string): Promise<Exchange[]> {
  const exchanges = [await driver.get(id)];
  if (!context.config.readOnly) {
    exchanges.push(await driver.update(id, { firstName: 'Nobody' }));
    exchanges.push(await driver.remove(id));
  }
  return exchanges;
}

const unknownIdChecks: Check[] = [
  {
    id: 'checkmarx/unknown-user/get-is-404',
    api: 'checkmarx',
    family: 'negative',
    level: 'MUST',
    title: 'GET /Users/{id} with an id no user has answers 404',
    doc: doc(`${SECTIONS.GET_SECTION} > Error Response`, 'Code: 404 Not Found'),
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const id = await freeId(driver);
      expectStatus(await driver.get(id), 404, `GET ${userPath(id)} (no user has this id)`);
    },
  },
  {
    id: 'checkmarx/unknown-user/update-is-404',
    api: 'checkmarx',
    family: 'negative',
    level: 'MUST',
    title: 'PUT /Users/{id} with an id no user has answers 404',
    doc: doc(`${SECTIONS.UPDATE_SECTION} > Error Response`, 'Code: 404 Not Found'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const id = await freeId(driver);
      undoStrayWrite(context, driver, id);
      expectStatus(await driver.update(id, await documentedUpdate(context, context.uniqueName('nobody'))), 404, `PUT ${userPath(id)} (no user has this id)`);
    },
  },
  {
    id: 'checkmarx/unknown-user/delete-is-404',
    api: 'checkmarx',
    family: 'negative',
    level: 'MUST',
    title: 'DELETE /Users/{id} with an id no user has answers 404',
    doc: doc(`${SECTIONS.DELETE_SECTION} > Error Response`, 'Code: 404 User not found'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const id = await freeId(driver);
      expectStatus(await driver.remove(id), 404, `DELETE ${userPath(id)} (no user has this id)`);
    },
  },
  {
    id: 'checkmarx/unknown-user/deleted-id-is-404',
    api: 'checkmarx',
    family: 'negative',
    level: 'MUST',
    title: 'PUT and DELETE /Users/{id} of a deleted user answer 404',
    doc: doc(`${SECTIONS.DELETE_SECTION} > Error Response`, 'Code: 404 User not found'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned } = await storyUser(context, driver);
      const deleted = await driver.remove(owned.id);
      if (deleted.response.status < 200 || deleted.response.status >= 300) fail(`DELETE ${userPath(owned.id)}: HTTP ${deleted.response.status}, the user was not deleted`, 'HTTP 204', answerOf(deleted));
      await expectGone(driver, owned.id, owned.userName, `after DELETE ${userPath(owned.id)}`);
      const current = await driver.get(owned.id);
      // A server that gives ids again may have given this one to someone else: not ours to write to.
      if (current.response.status !== 404) return;
      expectStatus(await driver.update(owned.id, { firstName: 'Deleted' }), 404, `PUT ${userPath(owned.id)} (deleted)`);
      expectStatus(await driver.remove(owned.id), 404, `DELETE ${userPath(owned.id)} again`);
    },
  },
  {
    id: 'checkmarx/unknown-user/non-integer-id-refused',
    api: 'checkmarx',
    family: 'negative',
    level: 'MUST',
    title: 'GET, PUT and DELETE /Users/abc (an id that is not an integer) are refused with a 4xx, never a 5xx',
    doc: doc(`${SECTIONS.GET_SECTION} > Parameters`, 'id=[integer] – Unique Id of the User'),
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      for (const exchange of await sendToId(context, driver, 'abc')) expectClientError(exchange, describeRequest(exchange));
    },
  },
  {
    id: 'checkmarx/unknown-user/non-integer-id-is-400',
    api: 'checkmarx',
    family: 'negative',
    level: 'SHOULD',
    title: 'GET, PUT and DELETE /Users/abc answer 400 Bad Request (the id is invalid), not 404',
    doc: doc(`${SECTIONS.GET_SECTION} > Error Response`, 'Code: 400 Bad Request'),
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      for (const exchange of await sendToId(context, driver, 'abc')) expectStatus(exchange, 400, describeRequest(exchange));
    },
  },
];

// --- bodies that are not the documented JSON ------------------------------------------------------

interface InvalidRequest {
  kind: 'malformed' | 'wrong-type' | 'missing-username';
  label: string;
  send: () => Promise<Exchange>;
}

/**
 * Requests wrong in one way each, around a user that exists (so only the body is at fault). Values no
 * JSON binder turns into the documented type: text for integers and lists, objects for text and
 * booleans.
 */
async function invalidRequests(context: CheckContext, driver: CheckmarxDriver, user: { id: number; userName: string }): Promise<InvalidRequest[]> {
  const fresh = async (hint: string): Promise<Record<string, unknown>> => {
    const body = await documentedUser(context, hint);
    driver.own(context, String(body['username']));
    return body;
  };
  const noName = async (via: 'createUser' | 'migrateUser'): Promise<Exchange> => {
    const { username: _left, ...body } = await fresh('noname');
    const exchange = await driver.call(via, { body });
    undoNamelessCreate(context, driver, exchange, String(body['email']));
    return exchange;
  };
  const wrongTypes: Array<[string, unknown]> = [
    ['roleIds', 'admin'],
    ['teamIds', ['first']],
    ['authenticationProviderId', 'Application'],
    ['localeId', 'en-US'],
    ['firstName', { first: 'Bob' }],
    ['active', { value: true }],
    ['email', ['x@example.com']],
  ];
  const truncated = (body: Record<string, unknown>): string => JSON.stringify(body).slice(0, -12);
  return [
    { kind: 'malformed', label: 'POST /Users with truncated JSON', send: async () => driver.call('createUser', { raw: truncated(await fresh('broken')) }) },
    { kind: 'malformed', label: `PUT ${userPath(user.id)} with truncated JSON`, send: () => driver.call('updateUser', { id: user.id, raw: '{"firstName": "Broken", "lastName": ' }) },
    { kind: 'malformed', label: 'POST /Users/migration with text that is not JSON', send: async () => driver.call('migrateUser', { raw: `username=${String((await fresh('broken'))['username'])}&firstName=Broken` }) },
    ...wrongTypes.map(([field, value]): InvalidRequest => ({
      kind: 'wrong-type',
      label: `POST /Users with "${field}": ${JSON.stringify(value)}`,
      send: async () => driver.create({ ...(await fresh('wrongtype')), [field]: value }),
    })),
    { kind: 'wrong-type', label: `PUT ${userPath(user.id)} with "roleIds": "admin"`, send: () => driver.update(user.id, { roleIds: 'admin', firstName: 'Wrong' }) },
    { kind: 'wrong-type', label: `PUT ${userPath(user.id)} with "localeId": "en-US"`, send: () => driver.update(user.id, { localeId: 'en-US', firstName: 'Wrong' }) },
    { kind: 'wrong-type', label: `PUT ${userPath(user.id)} with "active": {"value": true}`, send: () => driver.update(user.id, { active: { value: true }, firstName: 'Wrong' }) },
    { kind: 'missing-username', label: 'POST /Users without username', send: () => noName('createUser') },
    { kind: 'missing-username', label: 'POST /Users/migration without username', send: () => noName('migrateUser') },
  ];
}

/** A create without a username that was accepted anyway: delete what its Location names, if it has our address. */
function undoNamelessCreate(context: CheckContext, driver: CheckmarxDriver, exchange: Exchange, email: string): void {
  const location = exchange.response.headers['location'];
  if (exchange.response.status >= 300 || location === undefined) return;
  const id = /(\d+)\/?$/.exec(location)?.[1];
  if (id === undefined) return;
  context.onCleanup(async () => {
    const stray = await driver.get(id);
    if ((stray.response.json as { email?: unknown } | undefined)?.email === email) await driver.remove(id);
  });
}

async function runInvalid(context: CheckContext, kinds: ReadonlyArray<InvalidRequest['kind']>, expect: (exchange: Exchange, label: string) => void): Promise<void> {
  const driver = CheckmarxDriver.of(context);
  const { owned, body } = await storyUser(context, driver);
  for (const invalid of await invalidRequests(context, driver, owned)) {
    if (!kinds.includes(invalid.kind)) continue;
    expect(await invalid.send(), invalid.label);
  }
  const { username: _name, password: _password, ...kept } = body;
  await expectStillStored(driver, owned.id, expectedFromBody(kept), 'after the refused requests');
}

const INVALID_DOC = doc(`${SECTIONS.CREATE_SECTION} > Error Response`, 'Code: 400 Bad Request');

const invalidBodyChecks: Check[] = [
  {
    id: 'checkmarx/invalid-body/malformed-json-refused',
    api: 'checkmarx',
    family: 'negative',
    level: 'MUST',
    title: 'POST /Users, PUT /Users/{id} and POST /Users/migration with a body that is not JSON are refused with a 4xx (never a 5xx) and change nothing',
    doc: INVALID_DOC,
    requires: WRITE,
    run: (context) => runInvalid(context, ['malformed'], (exchange, label) => expectClientError(exchange, label)),
  },
  {
    id: 'checkmarx/invalid-body/wrong-types-refused',
    api: 'checkmarx',
    family: 'negative',
    level: 'MUST',
    title: 'Fields of the wrong type (text for integer ids and lists, objects for text and booleans) are refused with a 4xx and change nothing',
    doc: doc(`${SECTIONS.CREATE_SECTION} > Parameters`, 'roleIds=[integer] - User related role(s) Id(s)'),
    requires: WRITE,
    run: (context) => runInvalid(context, ['wrong-type'], (exchange, label) => expectClientError(exchange, label)),
  },
  {
    id: 'checkmarx/invalid-body/missing-username-refused',
    api: 'checkmarx',
    family: 'negative',
    level: 'MUST',
    title: 'POST /Users and POST /Users/migration without a username are refused with a 4xx',
    doc: doc(`${SECTIONS.CREATE_SECTION} > Parameters`, 'username=[string] - User name'),
    requires: WRITE,
    run: (context) => runInvalid(context, ['missing-username'], (exchange, label) => expectClientError(exchange, label)),
  },
  {
    id: 'checkmarx/invalid-body/refusals-are-400',
    api: 'checkmarx',
    family: 'negative',
    level: 'SHOULD',
    title: 'Malformed JSON, wrong types and a missing username are answered 400 Bad Request',
    doc: INVALID_DOC,
    requires: WRITE,
    run: (context) => runInvalid(context, ['malformed', 'wrong-type', 'missing-username'], (exchange, label) => expectStatus(exchange, 400, label)),
  },
  {
    id: 'checkmarx/create-user/duplicate-username-refused',
    api: 'checkmarx',
    family: 'negative',
    level: 'SHOULD',
    title: 'POST /Users with the userName of an existing user (same provider) is refused with a 4xx and leaves that user alone',
    doc: { source: 'facts', section: 'Checkmarx Access Control', quote: 'the same `userName` may exist under two authentication providers' },
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned, body } = await storyUser(context, driver);
      const again = { ...body, password: strongPassword(), firstName: 'Second', email: emailOf(owned.userName, 2) };
      const exchange = await driver.create(again);
      expectClientError(exchange, `POST /Users with the existing userName ${owned.userName}`);
      const { users, exchange: listed } = await driver.listUsers('GET /Users after the refused duplicate');
      const named = users.filter((user) => user['userName'] === owned.userName);
      if (named.length !== 1 || named[0]?.['id'] !== owned.id) fail(`GET /Users: ${named.length} users are named ${owned.userName} after the refused duplicate`, `only the user ${owned.id}`, answerOf(listed));
      await expectStillStored(driver, owned.id, { firstName: body['firstName'], email: body['email'] }, 'after the refused duplicate');
    },
  },
];

// --- what answers carry ---------------------------------------------------------------------------

function mediaTypeOf(exchange: Exchange): { type: string; parameters: Map<string, string> } {
  const [type = '', ...parameters] = (exchange.response.headers['content-type'] ?? '').split(';');
  return {
    type: type.trim().toLowerCase(),
    parameters: new Map(parameters.map((parameter) => {
      const [name = '', value = ''] = parameter.split('=');
      return [name.trim().toLowerCase(), value.trim().replace(/^"|"$/g, '')];
    })),
  };
}

async function successAnswers(context: CheckContext, driver: CheckmarxDriver): Promise<Exchange[]> {
  const listed = await driver.list();
  expectStatus(listed, 200, 'GET /Users');
  const id = await someUserId(context, driver);
  const one = await driver.get(id);
  expectStatus(one, [200, 201], `GET ${userPath(id)}`);
  return [listed, one];
}

const answerChecks: Check[] = [
  {
    id: 'checkmarx/responses/json-media-type',
    api: 'checkmarx',
    family: 'negative',
    level: 'SHOULD',
    title: 'GET /Users and GET /Users/{id} declare their JSON as application/json (parameters such as charset or v are free)',
    doc: doc(`${SECTIONS.LIST_SECTION} > Media Type (header)`, 'Accept: application/json;v=1.0'),
    async run(context) {
      for (const exchange of await successAnswers(context, CheckmarxDriver.of(context))) {
        const { type } = mediaTypeOf(exchange);
        if (!/^application\/([\w.-]+\+)?json$/.test(type)) fail(`${describeRequest(exchange)}: Content-Type is '${exchange.response.headers['content-type'] ?? '(none)'}'`, 'Content-Type: application/json;v=1.0 (or application/json)', answerOf(exchange));
      }
    },
  },
  {
    id: 'checkmarx/responses/versioned-media-type',
    api: 'checkmarx',
    family: 'negative',
    level: 'INFO',
    title: 'Observation: answers name the API version the document asks for (Content-Type: application/json;v=1.0)',
    doc: doc(`${SECTIONS.GET_SECTION} > Media Type (header)`, 'Accept: application/json;v=1.0'),
    async run(context) {
      for (const exchange of await successAnswers(context, CheckmarxDriver.of(context))) {
        if (mediaTypeOf(exchange).parameters.get('v') !== '1.0') fail(`${describeRequest(exchange)}: Content-Type is '${exchange.response.headers['content-type'] ?? '(none)'}'`, 'Content-Type: application/json;v=1.0', answerOf(exchange));
      }
    },
  },
  {
    id: 'checkmarx/responses/error-body-shape',
    api: 'checkmarx',
    family: 'negative',
    level: 'INFO',
    title: 'Observation: a 404 carries CxSAST\'s REST error model {"messageCode": <integer>, "messageDetails": "<text>"}',
    doc: doc(`${SECTIONS.GET_SECTION} > Notes`, 'If the request fails, it returns an error response.'),
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const id = await freeId(driver);
      const exchange = await driver.get(id);
      expectStatus(exchange, 404, `GET ${userPath(id)}`);
      const body = exchange.response.json as { messageCode?: unknown; messageDetails?: unknown } | undefined;
      if (!Number.isInteger(body?.messageCode) || typeof body?.messageDetails !== 'string') fail(`GET ${userPath(id)}: the 404's body is not {messageCode, messageDetails}`, '{"messageCode": 404, "messageDetails": "..."}', answerOf(exchange));
    },
  },
  {
    id: 'checkmarx/responses/no-password-in-clear',
    api: 'checkmarx',
    family: 'negative',
    level: 'SHOULD',
    title: 'No answer contains a password the client sent (POST, migration, GET, list, PUT)',
    doc: doc(`${SECTIONS.GET_SECTION} > Sample Response`, '"userName": "admin",'),
    requires: WRITE,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const body = await documentedUser(context, 'secret');
      const owned = driver.own(context, String(body['username']));
      const created = await driver.create(body);
      expectStatus(created, 201, 'POST /Users with a password');
      owned.id = (await driver.locate(created, owned.userName, 'POST /Users with a password')).id;
      const migration = fixtureBody(MIGRATE, context.uniqueName('secret'), await discover(context.config), 'document');
      const migrated = driver.own(context, String(migration['username']));
      const migratedAnswer = await driver.migrate(migration);
      if (migratedAnswer.response.status === 201) migrated.id = (await driver.locate(migratedAnswer, migrated.userName, 'POST /Users/migration with a password')).id;
      await driver.list();
      // Not in updateUserModel, but the SDK sends it (as null): a server might take it.
      const newPassword = strongPassword();
      await driver.update(owned.id, { ...(await documentedUpdate(context, owned.userName)), password: newPassword });
      await driver.get(owned.id);
      const secrets = [body['password'], migration['password'], newPassword].filter((value): value is string => typeof value === 'string');
      for (const exchange of context.http.exchanges) {
        if (secrets.some((secret) => exchange.response.text.includes(secret))) fail(`${describeRequest(exchange)}: the answer contains a password the client sent`, 'no password in any answer', answerOf(exchange));
      }
    },
  },
];

// --- the token endpoint (facts.md) ---------------------------------------------------------------

const tokenChecks: Check[] = [
  {
    id: 'checkmarx/token/password-grant-answers-bearer-token',
    api: 'checkmarx',
    family: 'negative',
    level: 'SHOULD',
    title: 'The password grant answers {"access_token", "token_type": "Bearer", "expires_in"} and the token works',
    doc: { source: 'facts', section: 'Checkmarx Access Control', quote: 'Answer: `{"access_token","expires_in":86400, "token_type":"Bearer"}` (clients build the header from `token_type`).' },
    requires: ['login-credentials'],
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { username, password } = context.config.credentials;
      const exchange = await driver.sendRaw(passwordGrant(username as string, password as string));
      expectStatus(exchange, 200, 'POST /cxrestapi/auth/identity/connect/token (password grant)');
      const body = expectJson(exchange, 'the token answer') as { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
      if (typeof body.access_token !== 'string' || body.access_token === '' || typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer' || !Number.isInteger(body.expires_in)) {
        fail('the token answer is not {"access_token": "<token>", "token_type": "Bearer", "expires_in": <seconds>}', '{"access_token": "...", "expires_in": 86400, "token_type": "Bearer"}', answerOf(exchange));
      }
      const token = tokenOf(exchange) as string;
      expectStatus(await driver.sendRaw({ ...driver.request('listUsers', {}), headers: { accept: MEDIA_TYPE, authorization: `${body.token_type} ${token}` } }), 200, 'GET /Users with the new token');
    },
  },
  {
    id: 'checkmarx/token/bad-credentials-invalid-grant',
    api: 'checkmarx',
    family: 'negative',
    level: 'SHOULD',
    title: 'The password grant with credentials nobody has answers 400 {"error": "invalid_grant"} and no token',
    doc: { source: 'facts', section: 'Checkmarx Access Control', quote: 'Bad credentials: 400 `{"error":"invalid_grant","error_description":"invalid_username_or_password"}`' },
    requires: ['login-credentials'],
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      // An unknown user, never a wrong password for a real one: that could lock a real account out.
      const exchange = await driver.sendRaw(passwordGrant(context.uniqueName('nobody'), strongPassword()));
      expectStatus(exchange, 400, 'POST /cxrestapi/auth/identity/connect/token with unknown credentials');
      const body = exchange.response.json as { error?: unknown; access_token?: unknown } | undefined;
      if (body?.error !== 'invalid_grant' || body.access_token !== undefined) fail('the refusal is not {"error": "invalid_grant"}', '{"error":"invalid_grant","error_description":"invalid_username_or_password"}', answerOf(exchange));
    },
  },
];

export const negativeChecks: Check[] = defineChecks([...authChecks, ...permissionChecks, ...unknownIdChecks, ...invalidBodyChecks, ...answerChecks, ...tokenChecks]);
