// POST /api/v2/users: "Use POST to add a new user. An error will be returned if this user already exists
// in the system." Example 1 (the add file, and the inline command) and Example 2 (adding it again),
// replayed with stand-ins; the duplicate rule also with creates that arrive together; and no answer
// may give back a password it was sent.
import type { User } from '../../specs/types/vaa.ts';
import { defineSection, type Check, type Statement } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import type { Exchange } from '../harness/http.ts';
import { ANSWERS, expectAnswer, expectSucceeded, type Envelope } from './answers.ts';
import { VaaDriver, newIdentity } from './driver.ts';
import { ADD_FILE, ADD_INLINE, addFromFile, afterAddFile, documentedBody, expectStored, expectUser, newStandIn } from './story.ts';

const EXAMPLE_1 = 'POST > Example 1: Add new user';
const POST_OUTPUT = '{"status":200, "message":"Success", "data":[{"email":"testuser1@test.com", "id":"4e37d6c336d2adbf52bbc5dda8[...]", "userId":"testuser1", "firstName":"TFirst", "lastName":"TLast", "status":"active", "customerId":null }] } RESP_CODE: ``200``';

const statements: Statement[] = [
  { id: 'vaa:users/post-adds-user', section: '``/v2/users``', text: '| POST | ``/v2/users`` | Adds a new user. |', level: 'MUST' },
  { id: 'vaa:post/adds-user', section: 'POST', text: 'Use POST to add a new user.', level: 'MUST' },
  { id: 'vaa:post/exists-error', section: 'POST', text: 'An error will be returned if this user already exists in the system.', level: 'MUST' },
  { id: 'vaa:post/example-1/answer', section: EXAMPLE_1, text: `-d@test_data/v2users.add.user1 -X POST https:///api/v2/users ... ${POST_OUTPUT}`, level: 'MUST' },
  {
    id: 'vaa:post/example-1/inline',
    section: EXAMPLE_1,
    text: `-d '{"userId":"testuser1", "password":"password1", "email":"testuser1@test.com", "firstName":"TFisrt", "lastName":"TLast", "roles": [{"name":"layerx_role1", "product":"Global SIP"}] }' -X POST https:///api/v2/users`,
    level: 'MUST',
  },
  { id: 'vaa:post/example-1/no-password', section: EXAMPLE_1, text: POST_OUTPUT, level: 'SHOULD' },
  { id: 'vaa:post/example-2/answer', section: 'POST > Example 2: Add an existing user', text: '-d@test_data/v2users.add.user1 -X POST https:///api/v2/users ... {"status":400, "message":"User already exists.", "data":[] } RESP_CODE: ``400``', level: 'MUST' },
];

/** Creates sent together for one new userId: exactly one may succeed. */
const TWINS = 5;

function expectOneUser(envelope: Envelope, what: string, exchange: Exchange): User {
  const data = envelope.data as unknown[];
  if (data.length !== 1) fail(`${what}: "data" holds ${data.length} users, the document shows the one added user`, '"data":[{...the added user}]', answerOf(exchange), { kind: 'literal', operation: 'createUser' });
  const user = data[0] as User;
  if (typeof user.id !== 'string' || user.id === '') fail(`${what}: the added user has no id`, 'a non-empty string id', answerOf(exchange), { kind: 'schema', operation: 'createUser' });
  return user;
}

const checks: Check[] = [
  {
    id: 'vaa/create-user/add-new-user',
    api: 'vaa',
    title: 'POST the add file: HTTP 200, "data" an array holding the added user, which GET then lists (Example 1, file)',
    levels: { document: 'MUST' },
    statements: ['vaa:users/post-adds-user', 'vaa:post/adds-user', 'vaa:post/example-1/answer', 'vaa:post/input/user-id', 'vaa:post/input/email', 'vaa:post/input/password', 'vaa:post/input/roles', 'vaa:post/input/customer-id', 'vaa:post/customer-id/supported'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      VaaDriver.deleteAfter(context, [standIn.userId]);
      const exchange = await driver.create(documentedBody(ADD_FILE, standIn));
      const added = expectOneUser(await expectAnswer(exchange, 'createUser', 'POST (add file)', ANSWERS.created), 'POST (add file)', exchange);
      const { customerId: _customerId, ...shown } = afterAddFile(standIn);
      expectUser(added, shown, 'POST (add file)', { operation: 'createUser', exchange });
      // post-output-customer-id-null: the captured output shows null although "1234" was sent.
      if (added.customerId !== null && added.customerId !== standIn.customerId) fail(`POST (add file): customerId is ${JSON.stringify(added.customerId)}`, `"${standIn.customerId}" (sent), or null as the captured output shows`, answerOf(exchange), { kind: 'literal', operation: 'createUser' });
      await expectStored(driver, standIn.userId, { ...afterAddFile(standIn), id: added.id }, 'GET ?userId= after POST', 'createUser');
    },
  },
  {
    id: 'vaa/create-user/add-new-user-inline',
    api: 'vaa',
    title: 'POST the inline body: the user is added as sent, without a customer (Example 1, inline)',
    levels: { document: 'MUST' },
    statements: ['vaa:post/example-1/inline', 'vaa:post/input/first-name', 'vaa:post/input/last-name'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      VaaDriver.deleteAfter(context, [standIn.userId]);
      const exchange = await driver.create(documentedBody(ADD_INLINE, standIn));
      const added = expectOneUser(await expectAnswer(exchange, 'createUser', 'POST (inline)', ANSWERS.created), 'POST (inline)', exchange);
      // post-inline-first-name-typo: a server stores the firstName it is sent ("TFisrt").
      const expected = { email: standIn.email, userId: standIn.userId, firstName: 'TFisrt', lastName: 'TLast', status: 'active', customerId: null };
      expectUser(added, expected, 'POST (inline)', { operation: 'createUser', exchange });
      await expectStored(driver, standIn.userId, { ...expected, id: added.id }, 'GET ?userId= after POST', 'createUser');
    },
  },
  {
    id: 'vaa/create-user/add-existing-user',
    api: 'vaa',
    title: 'POST an existing userId again: HTTP 400 "User already exists.", and the user is unchanged (Example 2)',
    levels: { document: 'MUST' },
    statements: ['vaa:post/exists-error', 'vaa:post/example-2/answer'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addFromFile(context, driver, standIn);
      await expectAnswer(await driver.create(documentedBody(ADD_FILE, standIn)), 'createUser', 'POST (add file) again', ANSWERS.exists);
      // The same userId with other values must not replace the user either.
      const different = { ...documentedBody(ADD_INLINE, standIn), firstName: 'Overwritten', lastName: 'Overwritten' };
      await expectAnswer(await driver.create(different), 'createUser', 'POST the same userId with other names', ANSWERS.exists);
      await expectStored(driver, standIn.userId, { ...afterAddFile(standIn), id: created.id }, 'GET ?userId= after the refused POSTs', 'createUser');
    },
  },
  {
    id: 'vaa/create-user/concurrent-duplicates',
    api: 'vaa',
    title: `${TWINS} POSTs of one new userId sent together: exactly one adds the user, the others answer "User already exists.", and GET shows one user, the winner's`,
    levels: { document: 'MUST' },
    statements: ['vaa:post/exists-error', 'vaa:post/example-2/answer'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const identity = newIdentity(context, 'twin');
      VaaDriver.deleteAfter(context, [identity.userId]);
      const bodies = Array.from({ length: TWINS }, (_, index) => ({ ...identity, firstName: `Twin${index + 1}`, lastName: 'Concurrent' }));
      const answers = await Promise.all(bodies.map((body) => driver.create(body)));
      const winners = answers.flatMap((exchange, index) => (exchange.response.status >= 200 && exchange.response.status < 300 ? [index] : []));
      if (winners.length !== 1) {
        fail(`${TWINS} POSTs of ${identity.userId} sent together: ${winners.length} succeeded`, 'exactly one success; "User already exists." for the others', answers.map(answerOf).join('\n'), { kind: 'literal', operation: 'createUser', exchanges: answers });
      }
      const winner = winners[0] as number;
      expectSucceeded(answers[winner] as Exchange, 'createUser', `POST ${identity.userId} (the one that succeeded)`);
      for (const [index, exchange] of answers.entries()) if (index !== winner) await expectAnswer(exchange, 'createUser', `POST ${identity.userId} (sent together with ${TWINS - 1} others)`, ANSWERS.exists);
      await expectStored(driver, identity.userId, { ...identity, firstName: bodies[winner]?.firstName }, `GET ?userId= after the ${TWINS} POSTs (the successful one's user)`, 'createUser');
    },
  },
  {
    id: 'vaa/responses/no-password-in-clear',
    api: 'vaa',
    title: 'No answer contains a password the client sent (POST, GET, PUT, deactivate, reactivate, DELETE)',
    levels: { document: 'SHOULD' },
    statements: ['vaa:post/example-1/no-password', 'vaa:post/input/password'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const identity = newIdentity(context, 'testuser1');
      const first = `Pw1-${context.uniqueName('secret')}`;
      const second = `Pw2-${context.uniqueName('secret')}`;
      VaaDriver.deleteAfter(context, [identity.userId]);
      const exchanges: Exchange[] = [];
      const record = async (exchange: Promise<Exchange>): Promise<Exchange> => {
        const done = await exchange;
        exchanges.push(done);
        return done;
      };
      await context.prerequisite('POST a user with a password', async () => void expectSucceeded(await record(driver.create({ ...identity, password: first, firstName: 'TFirst', lastName: 'TLast' })), 'createUser', 'POST with a password'));
      await record(driver.list({ userId: identity.userId }));
      await record(driver.list({ email: identity.email }));
      await record(driver.list());
      await context.prerequisite('PUT a new password', async () => void expectSucceeded(await record(driver.update({ ...identity, password: second })), 'updateUser', 'PUT with a new password'));
      await record(driver.list({ userId: identity.userId }));
      await record(driver.deactivate({ ...identity, password: second }));
      await record(driver.reactivate({ ...identity, password: second }));
      await record(driver.remove({ ...identity, password: second }));
      for (const exchange of exchanges) {
        const leaked = [first, second].filter((password) => exchange.response.text.includes(password));
        const operation = exchange.request.method === 'POST' ? 'createUser' : exchange.request.method === 'GET' ? 'listUsers' : exchange.request.method === 'DELETE' ? 'deleteUser' : exchange.request.url.includes('/deactivate') ? 'deactivateUser' : exchange.request.url.includes('/reactivate') ? 'reactivateUser' : 'updateUser';
        if (leaked.length > 0) fail(`${exchange.request.method} ${exchange.request.url}: the answer contains the password sent (${leaked.length === 2 ? 'both' : 'one'} of them)`, 'no password in any answer', answerOf(exchange), { kind: 'literal', operation, exchanges: [exchange] });
      }
    },
  },
];

export const section = defineSection({ title: 'POST', statements, checks });
