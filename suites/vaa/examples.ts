// The document's curl examples, replayed against the target. The target does not have the document's
// users, so each check first creates run-prefixed users standing in for `test`, `loc` and `testuser1`,
// keeping every documented value that is not an identifier (names, roles, the placeholder id, the
// password), and compares the answers with what the document shows: HTTP status, the envelope's literal
// `status` and `message`, `data` as an array or an object, the user's fields. Ids, field order, extra
// fields, header case and a charset parameter are free. MUST checks send JSON as application/json; one
// SHOULD check replays the commands as curl -d sends them (application/x-www-form-urlencoded).
import { loadFixtures, type Fixture } from '../../fixtures/index.ts';
import type { User } from '../../specs/types/vaa.ts';
import { defineChecks, type Check, type CheckContext, type CheckDoc } from '../harness/legacy.ts';
import { ANSWERS, CURL_FORM_TYPE, VaaDriver, answerOf, expectAnswer, expectUser, fail, standInIdentity, type Envelope } from './driver.ts';

const FIXTURES = new Map(loadFixtures('vaa').map((fixture) => [fixture.id, fixture]));

function fixture(id: string): Fixture {
  const found = FIXTURES.get(id);
  if (!found) throw new Error(`no fixture ${id} in fixtures/vaa`);
  return found;
}

function docOf(fixtureId: string): CheckDoc {
  const { doc } = fixture(fixtureId);
  return { source: 'document', section: doc.section, quote: doc.quote };
}

/** The identifiers a run uses in place of the document's `testuser1`, `1234` and `Customer B`. */
export interface StandIn {
  userId: string;
  /** For `testuser1@test.com`. */
  email: string;
  /** For `testuser1@Changed` (not an address any server must accept: a reserved-domain one instead). */
  changedEmail: string;
  /**
   * For customerId `1234`. Customers cannot be deleted through this API, so a run creates one for all
   * its examples (they run one after another): it carries the run prefix, as users do.
   */
  customerId: string;
  /** For customerName `Customer B`, which "should be unique": one per run, like the customer. */
  customerName: string;
}

export function newStandIn(context: CheckContext): StandIn {
  const { userId, email } = standInIdentity(context, 'testuser1');
  const run = context.config.namePrefix;
  return { userId, email, changedEmail: `${userId}@changed.example.com`, customerId: `${run}cust1234`, customerName: `Customer B ${run}` };
}

/** A documented request body with the document's identifiers replaced by the stand-in's. */
export function documentedBody(fixtureId: string, standIn: StandIn): Record<string, unknown> {
  const body = structuredClone(fixture(fixtureId).request.body) as Record<string, unknown>;
  body['userId'] = standIn.userId;
  if (body['email'] === 'testuser1@test.com') body['email'] = standIn.email;
  else if (body['email'] === 'testuser1@Changed') body['email'] = standIn.changedEmail;
  if (body['customerId'] === '1234') body['customerId'] = standIn.customerId;
  if (typeof body['customerName'] === 'string' && body['customerName'] !== '') body['customerName'] = standIn.customerName;
  return body;
}

const ADD_FILE = 'vaa/create-user/add-new-user-file';
const ADD_INLINE = 'vaa/create-user/add-new-user-inline';
const MODIFY_FILE = 'vaa/update-user/update-existing-user-file';
const MODIFY_INLINE = 'vaa/update-user/update-existing-user-inline';
const DEACTIVATE_INLINE = 'vaa/deactivate-user/deactivate-user-inline';
const REACTIVATE_INLINE = 'vaa/reactivate-user/reactivate-user-inline';
const DELETE_INLINE = 'vaa/delete-user/delete-existing-user-inline';

/** The user as the document's outputs show it after the add file / the modify file (ids aside). */
function afterAddFile(standIn: StandIn): Record<string, unknown> {
  return { email: standIn.email, userId: standIn.userId, firstName: 'TFirst', lastName: 'TLast', status: 'active', customerId: standIn.customerId };
}
function afterModifyFile(standIn: StandIn, status: 'active' | 'inactive' = 'active'): Record<string, unknown> {
  return { email: standIn.email, userId: standIn.userId, firstName: 'Firstname Changed', lastName: 'Last Name changed', status, customerId: standIn.customerId };
}

/** POST the add file (JSON), with its deletion registered; answers the created user. */
async function addFromFile(context: CheckContext, driver: VaaDriver, standIn: StandIn): Promise<User> {
  return driver.createStandIn(context, documentedBody(ADD_FILE, standIn) as { userId: string; email: string }, 'POST (add file, the story\'s first step)');
}

/** The document's story up to PUT Example 1: the user added from the add file, then modified with the modify file. */
async function addAndModify(context: CheckContext, driver: VaaDriver, standIn: StandIn): Promise<User> {
  const created = await addFromFile(context, driver, standIn);
  await expectAnswer(await driver.update(documentedBody(MODIFY_FILE, standIn)), 'updateUser', 'PUT (modify file, the story\'s second step)', ANSWERS.modified);
  return created;
}

async function expectStored(driver: VaaDriver, userId: string, expected: Record<string, unknown>, what: string): Promise<User> {
  const { user, exchange } = await driver.findUser(userId, what);
  if (!user) fail(`${what}: GET ?userId=${userId} finds no user`, expected, answerOf(exchange));
  expectUser(user, expected, what, exchange);
  return user;
}

async function expectGone(driver: VaaDriver, userId: string, what: string): Promise<void> {
  const { user, exchange } = await driver.findUser(userId, what);
  if (user) fail(`${what}: GET ?userId=${userId} still finds the user`, 'HTTP 400 {"status":400, "message":"User(s) not found.", "data":[]}', answerOf(exchange));
}

function firstUser(envelope: Envelope): unknown {
  const data = envelope.data as unknown[];
  return data[0];
}

function expectOneUser(envelope: Envelope, what: string): User {
  const data = envelope.data as unknown[];
  if (data.length !== 1) fail(`${what}: "data" holds ${data.length} users, the document shows the one added user`, '"data":[{...the added user}]', envelope);
  const user = data[0] as User;
  if (typeof user.id !== 'string' || user.id === '') fail(`${what}: the added user has no id`, 'a non-empty string id', user);
  return user;
}

const WRITE = ['write'] as Check['requires'];

export const exampleChecks: Check[] = defineChecks([
  // --- GET -----------------------------------------------------------------------------------------
  {
    id: 'vaa/list-users/get-all-users',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'GET /api/v2/users lists every user in the envelope, with the documented fields (Example 1)',
    doc: { source: 'document', section: 'GET > Example 1: Get All Users', quote: '{ "status":200, "message":"Success", "data":[ { "email":"tset",' },
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const test = standInIdentity(context, 'test');
      const loc = standInIdentity(context, 'loc');
      await driver.createStandIn(context, { ...test, firstName: 'Bob', lastName: 'Smith' }, 'POST a stand-in for user "test"');
      await driver.createStandIn(context, { ...loc, firstName: '', lastName: '' }, 'POST a stand-in for user "loc"');
      const exchange = await driver.list();
      const envelope = await expectAnswer(exchange, 'listUsers', 'GET /api/v2/users', ANSWERS.listed);
      const users = envelope.data as User[];
      for (const [standIn, names] of [[test, { firstName: 'Bob', lastName: 'Smith' }], [loc, { firstName: '', lastName: '' }]] as const) {
        const listed = users.filter((user) => user.userId === standIn.userId);
        if (listed.length !== 1) fail(`GET /api/v2/users: the user ${standIn.userId} appears ${listed.length} times`, `the user ${standIn.userId} once`, answerOf(exchange));
        expectUser(listed[0], { ...standIn, ...names, status: 'active', customerId: null }, `GET /api/v2/users, user ${standIn.userId}`, exchange);
      }
    },
  },
  {
    id: 'vaa/list-users/filter-by-email',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'GET ?email= answers only the users with that email (Example 2)',
    doc: docOf('vaa/list-users/get-users-by-email'),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const test = standInIdentity(context, 'test');
      const loc = standInIdentity(context, 'loc');
      await driver.createStandIn(context, { ...test, firstName: 'Bob', lastName: 'Smith' }, 'POST a stand-in for user "test"');
      await driver.createStandIn(context, { ...loc, firstName: '', lastName: '' }, 'POST a stand-in for user "loc"');
      const exchange = await driver.list({ email: test.email });
      const envelope = await expectAnswer(exchange, 'listUsers', `GET ?email=${test.email}`, ANSWERS.listed);
      const users = envelope.data as User[];
      const others = users.filter((user) => user.email !== test.email);
      if (others.length > 0) fail(`GET ?email=${test.email} also answers users with other emails (${others.slice(0, 3).map((user) => user.userId).join(', ')}): the filter is not applied`, `only users whose email is ${test.email}`, answerOf(exchange));
      const listed = users.filter((user) => user.userId === test.userId);
      if (listed.length !== 1) fail(`GET ?email=${test.email} does not answer the user ${test.userId} (once)`, `[{"email":"${test.email}", "userId":"${test.userId}", ...}]`, answerOf(exchange));
      expectUser(listed[0], { ...test, firstName: 'Bob', lastName: 'Smith', status: 'active', customerId: null }, `GET ?email=${test.email}`, exchange);
    },
  },
  {
    id: 'vaa/list-users/filter-by-user-id',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'GET ?userId= answers exactly that user (Example 3)',
    doc: docOf('vaa/list-users/get-users-by-user-id'),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const test = standInIdentity(context, 'test');
      const loc = standInIdentity(context, 'loc');
      await driver.createStandIn(context, { ...test, firstName: 'Bob', lastName: 'Smith' }, 'POST a stand-in for user "test"');
      await driver.createStandIn(context, { ...loc, firstName: '', lastName: '' }, 'POST a stand-in for user "loc"');
      const exchange = await driver.list({ userId: loc.userId });
      const envelope = await expectAnswer(exchange, 'listUsers', `GET ?userId=${loc.userId}`, ANSWERS.listed);
      const users = envelope.data as User[];
      if (users.length !== 1 || users[0]?.userId !== loc.userId) fail(`GET ?userId=${loc.userId} answers ${users.length} users (${users.slice(0, 3).map((user) => user.userId).join(', ')}): the filter is not applied`, `exactly the user ${loc.userId}`, answerOf(exchange));
      expectUser(users[0], { ...loc, firstName: '', lastName: '', status: 'active', customerId: null }, `GET ?userId=${loc.userId}`, exchange);
    },
  },
  {
    id: 'vaa/list-users/filter-matching-nothing',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'GET ?email= matching no user answers HTTP 400 "User(s) not found." (Example 4)',
    doc: docOf('vaa/list-users/get-users-by-invalid-email'),
    async run(context) {
      const driver = VaaDriver.of(context);
      const email = `${context.uniqueName('invalid')}@email.com`;
      await expectAnswer(await driver.list({ email }), 'listUsers', `GET ?email=${email}`, ANSWERS.notFound);
    },
  },
  {
    id: 'vaa/list-users/read-only-list',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'GET /api/v2/users answers the users in the envelope, each with the documented fields and types',
    doc: { source: 'document', section: 'GET > Example 1: Get All Users', quote: '"userId":"test", "firstName":"Bob", "lastName":"Smith", "status":"active", "customerId":null }' },
    async run(context) {
      const driver = VaaDriver.of(context);
      const exchange = await driver.list();
      // An empty unfiltered list is not shown; "User(s) not found." is the document's answer for no match.
      await expectAnswer(exchange, 'listUsers', 'GET /api/v2/users', exchange.response.status === 400 ? ANSWERS.notFound : ANSWERS.listed);
    },
  },
  {
    id: 'vaa/list-users/both-filters-combination',
    api: 'vaa',
    family: 'examples',
    level: 'INFO',
    title: 'Observation: GET with both ?userId= and ?email= answers the users matching both (the document shows each filter alone)',
    doc: { source: 'document', section: 'GET > Example 3: Get Users with query parameter ``userId``', quote: 'Get Users with query parameter ``userId``' },
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const test = standInIdentity(context, 'test');
      const loc = standInIdentity(context, 'loc');
      await driver.createStandIn(context, { ...test, firstName: 'Bob', lastName: 'Smith' }, 'POST a stand-in for user "test"');
      await driver.createStandIn(context, { ...loc, firstName: '', lastName: '' }, 'POST a stand-in for user "loc"');
      const matching = await driver.list({ userId: test.userId, email: test.email });
      const envelope = await expectAnswer(matching, 'listUsers', 'GET ?userId=A&email=(A\'s email)', ANSWERS.listed);
      const userIds = (envelope.data as User[]).map((user) => user.userId);
      if (userIds.length !== 1 || userIds[0] !== test.userId) fail(`GET ?userId=A&email=(A's email) answers ${JSON.stringify(userIds)}`, [test.userId], userIds);
      const crossed = await driver.list({ userId: test.userId, email: loc.email });
      const crossedUserIds = crossed.response.status === 400 ? [] : ((crossed.response.json as Envelope | undefined)?.data as User[] | undefined)?.map((user) => user.userId);
      if (crossed.response.status !== 400) fail(`GET ?userId=A&email=(B's email) answers HTTP ${crossed.response.status} with ${JSON.stringify(crossedUserIds)}: the filters do not combine as "both" (the document leaves this open)`, 'HTTP 400 "User(s) not found." (both filters apply)', answerOf(crossed));
    },
  },

  // --- POST ----------------------------------------------------------------------------------------
  {
    id: 'vaa/create-user/add-new-user',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'POST the add file: HTTP 200, "data" an array holding the added user, which GET then lists (Example 1, file)',
    doc: docOf(ADD_FILE),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const body = documentedBody(ADD_FILE, standIn);
      context.onCleanup(() => driver.remove({ userId: standIn.userId, email: standIn.email }));
      const exchange = await driver.create(body);
      const added = expectOneUser(await expectAnswer(exchange, 'createUser', 'POST (add file)', ANSWERS.created), 'POST (add file)');
      const { customerId: _customerId, ...shown } = afterAddFile(standIn);
      expectUser(added, shown, 'POST (add file)', exchange);
      // post-output-customer-id-null: the captured output shows null although "1234" was sent.
      if (added.customerId !== null && added.customerId !== standIn.customerId) fail(`POST (add file): customerId is ${JSON.stringify(added.customerId)}`, `"${standIn.customerId}" (sent), or null as the captured output shows`, answerOf(exchange));
      await expectStored(driver, standIn.userId, { ...afterAddFile(standIn), id: added.id }, 'GET ?userId= after POST');
    },
  },
  {
    id: 'vaa/create-user/add-new-user-inline',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'POST the inline body: the user is added as sent, without a customer (Example 1, inline)',
    doc: docOf(ADD_INLINE),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      context.onCleanup(() => driver.remove({ userId: standIn.userId, email: standIn.email }));
      const exchange = await driver.create(documentedBody(ADD_INLINE, standIn));
      const added = expectOneUser(await expectAnswer(exchange, 'createUser', 'POST (inline)', ANSWERS.created), 'POST (inline)');
      // post-inline-first-name-typo: a server stores the firstName it is sent ("TFisrt").
      const expected = { email: standIn.email, userId: standIn.userId, firstName: 'TFisrt', lastName: 'TLast', status: 'active', customerId: null };
      expectUser(added, expected, 'POST (inline)', exchange);
      await expectStored(driver, standIn.userId, { ...expected, id: added.id }, 'GET ?userId= after POST');
    },
  },
  {
    id: 'vaa/create-user/add-existing-user',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'POST an existing userId again: HTTP 400 "User already exists.", and the user is unchanged (Example 2)',
    doc: docOf('vaa/create-user/add-existing-user'),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addFromFile(context, driver, standIn);
      await expectAnswer(await driver.create(documentedBody(ADD_FILE, standIn)), 'createUser', 'POST (add file) again', ANSWERS.exists);
      // The same userId with other values must not replace the user either.
      const different = { ...documentedBody(ADD_INLINE, standIn), firstName: 'Overwritten', lastName: 'Overwritten' };
      await expectAnswer(await driver.create(different), 'createUser', 'POST the same userId with other names', ANSWERS.exists);
      await expectStored(driver, standIn.userId, { ...afterAddFile(standIn), id: created.id }, 'GET ?userId= after the refused POSTs');
    },
  },

  // --- PUT -----------------------------------------------------------------------------------------
  {
    id: 'vaa/update-user/update-existing-user',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'PUT the modify file: HTTP 200, body status 201, "data" the modified user object (Example 1, file)',
    doc: docOf(MODIFY_FILE),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addFromFile(context, driver, standIn);
      const exchange = await driver.update(documentedBody(MODIFY_FILE, standIn));
      const envelope = await expectAnswer(exchange, 'updateUser', 'PUT (modify file)', ANSWERS.modified);
      // placeholder-id: the request's "id" is a placeholder; the user keeps its own id.
      expectUser(envelope.data, { ...afterModifyFile(standIn), id: created.id }, 'PUT (modify file)', exchange);
    },
  },
  {
    id: 'vaa/update-user/update-existing-user-inline',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'PUT the inline body: HTTP 200, body status 201, "data" the user with what the body sets (Example 1, inline)',
    doc: docOf(MODIFY_INLINE),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addFromFile(context, driver, standIn);
      const exchange = await driver.update(documentedBody(MODIFY_INLINE, standIn));
      const envelope = await expectAnswer(exchange, 'updateUser', 'PUT (inline)', ANSWERS.modified);
      // put-inline-output-is-file-variant: only what the inline body determines is compared.
      expectUser(envelope.data, { email: standIn.changedEmail, userId: standIn.userId, lastName: 'Last Name changed', status: 'active', customerId: standIn.customerId, id: created.id }, 'PUT (inline)', exchange);
    },
  },
  {
    id: 'vaa/update-user/persists-given-fields',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'After PUT, GET answers the user with the fields the PUT sent',
    doc: { source: 'document', section: 'PUT', quote: 'Use PUT to modify an existing user.' },
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addAndModify(context, driver, standIn);
      await expectStored(driver, standIn.userId, { ...afterModifyFile(standIn), id: created.id }, 'GET ?userId= after PUT (modify file)');
      await expectAnswer(await driver.update(documentedBody(MODIFY_INLINE, standIn)), 'updateUser', 'PUT (inline)', ANSWERS.modified);
      await expectStored(driver, standIn.userId, { email: standIn.changedEmail, lastName: 'Last Name changed', customerId: standIn.customerId, id: created.id }, 'GET ?userId= after PUT (inline)');
    },
  },
  {
    id: 'vaa/update-user/keeps-omitted-fields',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'PUT without the optional fields keeps their stored values',
    doc: { source: 'document', section: 'PUT > Example Input JSON', quote: '"firstName":"Firstname Changed", (optional) "lastName":"Last Name changed", (optional) "customerId":"1234", (optional)' },
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addFromFile(context, driver, standIn);
      // The documented inline body has no firstName.
      const inline = await driver.update(documentedBody(MODIFY_INLINE, standIn));
      const inlineAnswer = await expectAnswer(inline, 'updateUser', 'PUT (inline, no firstName)', ANSWERS.modified);
      expectUser(inlineAnswer.data, { firstName: 'TFirst' }, 'PUT (inline, no firstName): the answer', inline);
      await expectStored(driver, standIn.userId, { firstName: 'TFirst', id: created.id }, 'GET ?userId= after PUT without firstName');
      // Only the two required fields.
      const minimal = await driver.update({ userId: standIn.userId, email: standIn.email });
      const minimalAnswer = await expectAnswer(minimal, 'updateUser', 'PUT {userId, email}', ANSWERS.modified);
      const kept = { email: standIn.email, firstName: 'TFirst', lastName: 'Last Name changed', customerId: standIn.customerId, status: 'active' };
      expectUser(minimalAnswer.data, kept, 'PUT {userId, email}: the answer', minimal);
      await expectStored(driver, standIn.userId, { ...kept, id: created.id }, 'GET ?userId= after PUT {userId, email}');
    },
  },
  {
    id: 'vaa/deactivate-user/deactivate-user',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'PUT /deactivate (modify file): HTTP 200, body status 201, the user now "inactive" (Example 2, file)',
    doc: docOf('vaa/deactivate-user/deactivate-user-file'),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addAndModify(context, driver, standIn);
      const exchange = await driver.deactivate(documentedBody(MODIFY_FILE, standIn));
      const envelope = await expectAnswer(exchange, 'deactivateUser', 'PUT /deactivate (modify file)', ANSWERS.modified);
      expectUser(envelope.data, { ...afterModifyFile(standIn, 'inactive'), id: created.id }, 'PUT /deactivate (modify file)', exchange);
      await expectStored(driver, standIn.userId, { ...afterModifyFile(standIn, 'inactive'), id: created.id }, 'GET ?userId= after /deactivate');
    },
  },
  {
    id: 'vaa/deactivate-user/deactivate-user-inline',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'PUT /deactivate (inline body): HTTP 200, body status 201, the user now "inactive" (Example 2, inline)',
    doc: docOf(DEACTIVATE_INLINE),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addAndModify(context, driver, standIn);
      const exchange = await driver.deactivate(documentedBody(DEACTIVATE_INLINE, standIn));
      const envelope = await expectAnswer(exchange, 'deactivateUser', 'PUT /deactivate (inline)', ANSWERS.modified);
      expectUser(envelope.data, { userId: standIn.userId, status: 'inactive', id: created.id }, 'PUT /deactivate (inline)', exchange);
      await expectStored(driver, standIn.userId, { status: 'inactive', id: created.id }, 'GET ?userId= after /deactivate');
    },
  },
  {
    id: 'vaa/reactivate-user/reactivate-user',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'PUT /reactivate (modify file): HTTP 200, body status 201, the user "active" again (Example 2: Reactivate, file)',
    doc: docOf('vaa/reactivate-user/reactivate-user-file'),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addAndModify(context, driver, standIn);
      await expectAnswer(await driver.deactivate(documentedBody(MODIFY_FILE, standIn)), 'deactivateUser', 'PUT /deactivate (modify file)', ANSWERS.modified);
      const exchange = await driver.reactivate(documentedBody(MODIFY_FILE, standIn));
      const envelope = await expectAnswer(exchange, 'reactivateUser', 'PUT /reactivate (modify file)', ANSWERS.modified);
      expectUser(envelope.data, { ...afterModifyFile(standIn, 'active'), id: created.id }, 'PUT /reactivate (modify file)', exchange);
      await expectStored(driver, standIn.userId, { ...afterModifyFile(standIn, 'active'), id: created.id }, 'GET ?userId= after /reactivate');
    },
  },
  {
    id: 'vaa/reactivate-user/reactivate-user-inline',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'PUT /reactivate (inline body): HTTP 200, body status 201, the user "active" again (Example 2: Reactivate, inline)',
    doc: docOf(REACTIVATE_INLINE),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addAndModify(context, driver, standIn);
      await expectAnswer(await driver.deactivate(documentedBody(DEACTIVATE_INLINE, standIn)), 'deactivateUser', 'PUT /deactivate (inline)', ANSWERS.modified);
      const exchange = await driver.reactivate(documentedBody(REACTIVATE_INLINE, standIn));
      const envelope = await expectAnswer(exchange, 'reactivateUser', 'PUT /reactivate (inline)', ANSWERS.modified);
      expectUser(envelope.data, { userId: standIn.userId, status: 'active', id: created.id }, 'PUT /reactivate (inline)', exchange);
      await expectStored(driver, standIn.userId, { status: 'active', id: created.id }, 'GET ?userId= after /reactivate');
    },
  },
  {
    id: 'vaa/activation/changes-status-only',
    api: 'vaa',
    family: 'examples',
    level: 'SHOULD',
    title: 'Deactivate and reactivate change only "status": the inline body\'s other email is not applied',
    doc: { source: 'document', section: 'PUT > Example 2: Deactivate user', quote: '"userId":"testuser1", "firstName":"Firstname Changed", "lastName":"Last Name changed", "status":"inactive", "customerId":"1234"}' },
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addAndModify(context, driver, standIn);
      for (const [operation, fixtureId, status] of [['deactivate', DEACTIVATE_INLINE, 'inactive'], ['reactivate', REACTIVATE_INLINE, 'active']] as const) {
        const exchange = operation === 'deactivate' ? await driver.deactivate(documentedBody(fixtureId, standIn)) : await driver.reactivate(documentedBody(fixtureId, standIn));
        const envelope = await expectAnswer(exchange, operation === 'deactivate' ? 'deactivateUser' : 'reactivateUser', `PUT /${operation} (inline)`, ANSWERS.modified);
        expectUser(envelope.data, { ...afterModifyFile(standIn, status), id: created.id }, `PUT /${operation} (inline, email ${standIn.changedEmail}): the answer`, exchange);
        await expectStored(driver, standIn.userId, { ...afterModifyFile(standIn, status), id: created.id }, `GET ?userId= after /${operation} (inline)`);
      }
    },
  },

  // --- DELETE --------------------------------------------------------------------------------------
  {
    id: 'vaa/delete-user/delete-existing-user',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'DELETE with the add file: HTTP 200 {"status":201, "message":"Success", "data":[]}, and the user is gone (Example 1, file)',
    doc: docOf('vaa/delete-user/delete-existing-user-file'),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      await addFromFile(context, driver, standIn);
      await expectAnswer(await driver.remove(documentedBody(ADD_FILE, standIn)), 'deleteUser', 'DELETE (add file)', ANSWERS.deleted);
      await expectGone(driver, standIn.userId, 'GET ?userId= after DELETE');
    },
  },
  {
    id: 'vaa/delete-user/delete-existing-user-inline',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'DELETE with the inline modify body (placeholder id, other email): the user is found by userId and deleted (Example 1, inline)',
    doc: docOf(DELETE_INLINE),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      await addAndModify(context, driver, standIn);
      await expectAnswer(await driver.remove(documentedBody(DELETE_INLINE, standIn)), 'deleteUser', 'DELETE (inline)', ANSWERS.deleted);
      await expectGone(driver, standIn.userId, 'GET ?userId= after DELETE');
    },
  },
  {
    id: 'vaa/delete-user/again-is-404-invalid-user',
    api: 'vaa',
    family: 'examples',
    level: 'MUST',
    title: 'DELETE of a user already deleted: HTTP 404 {"status":404, "message":"Invalid user", "data":[]} (Example 2)',
    doc: docOf('vaa/delete-user/delete-existing-user-again-file'),
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      await addFromFile(context, driver, standIn);
      await expectAnswer(await driver.remove(documentedBody(ADD_FILE, standIn)), 'deleteUser', 'DELETE (add file)', ANSWERS.deleted);
      await expectAnswer(await driver.remove(documentedBody(ADD_FILE, standIn)), 'deleteUser', 'DELETE (add file) again', ANSWERS.invalidUser);
      await expectAnswer(await driver.remove(documentedBody(DELETE_INLINE, standIn)), 'deleteUser', 'DELETE (inline) again', ANSWERS.invalidUser);
    },
  },

  // --- the commands as curl sends them -------------------------------------------------------------
  {
    id: 'vaa/curl/form-content-type-accepted',
    api: 'vaa',
    family: 'examples',
    level: 'SHOULD',
    title: 'The documented commands as sent (curl -d: Content-Type application/x-www-form-urlencoded, a JSON body) succeed',
    doc: { source: 'document', section: 'POST > Example Input JSON', quote: 'POST parameters should be in JSON only.' },
    requires: WRITE,
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      context.onCleanup(() => driver.remove({ userId: standIn.userId, email: standIn.email }));
      const steps: Array<[string, () => ReturnType<VaaDriver['create']>, Parameters<typeof expectAnswer>[1], Parameters<typeof expectAnswer>[3]]> = [
        ['POST -d@test_data/v2users.add.user1', () => driver.create(documentedBody(ADD_FILE, standIn), CURL_FORM_TYPE), 'createUser', ANSWERS.created],
        ['PUT -d@test_data/v2users.modify.user1', () => driver.update(documentedBody(MODIFY_FILE, standIn), CURL_FORM_TYPE), 'updateUser', ANSWERS.modified],
        ['PUT /deactivate -d@test_data/v2users.modify.user1', () => driver.deactivate(documentedBody(MODIFY_FILE, standIn), CURL_FORM_TYPE), 'deactivateUser', ANSWERS.modified],
        ['PUT /reactivate -d@test_data/v2users.modify.user1', () => driver.reactivate(documentedBody(MODIFY_FILE, standIn), CURL_FORM_TYPE), 'reactivateUser', ANSWERS.modified],
        ['DELETE -d@test_data/v2users.add.user1', () => driver.remove(documentedBody(ADD_FILE, standIn), CURL_FORM_TYPE), 'deleteUser', ANSWERS.deleted],
        ['DELETE -d@test_data/v2users.add.user1 again', () => driver.remove(documentedBody(ADD_FILE, standIn), CURL_FORM_TYPE), 'deleteUser', ANSWERS.invalidUser],
      ];
      for (const [what, send, operationId, shape] of steps) {
        const envelope = await expectAnswer(await send(), operationId, `${what} (as curl sends it)`, shape);
        if (what.startsWith('PUT -d')) expectUser(envelope.data, afterModifyFile(standIn), `${what} (as curl sends it)`);
        if (what.startsWith('POST')) expectUser(firstUser(envelope), { userId: standIn.userId, email: standIn.email, firstName: 'TFirst' }, `${what} (as curl sends it)`);
      }
    },
  },
]);
