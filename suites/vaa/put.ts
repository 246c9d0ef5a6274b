// PUT /api/v2/users: "Use PUT to modify an existing user. An error will be returned if the user does
// not exist in the system." Example 1 (the modify file, and the inline command) replayed on a stand-in
// added from the add file; what PUT sends is read back, what it omits is kept, nothing but the named
// user changes, and a user that does not exist gets an error (which one the document does not show).
import { defineSection, type Check, type CheckContext, type Statement } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import type { Exchange } from '../harness/http.ts';
import { ANSWERS, expectAnswer, expectErrorEnvelope, type VaaOperation } from './answers.ts';
import { OPERATIONS, VaaDriver, newIdentity } from './driver.ts';
import { createNeighbourhood, expectNeighboursIntact } from './neighbours.ts';
import { MODIFY_FILE, MODIFY_INLINE, addFromFile, afterModifyFile, documentedBody, expectStored, expectUser, newStandIn } from './story.ts';

const EXAMPLE_1 = 'PUT > Example 1: Update existing user';

const statements: Statement[] = [
  { id: 'vaa:users/put-modifies-user', section: '``/v2/users``', text: '| PUT | ``/v2/users`` | Modifies an existing user. |', level: 'MUST' },
  { id: 'vaa:put/modifies-user', section: 'PUT', text: 'Use PUT to modify an existing user.', level: 'MUST' },
  { id: 'vaa:put/unknown-user-error', section: 'PUT', text: 'An error will be returned if the user does not exist in the system.', level: 'MUST' },
  { id: 'vaa:put/paths', section: 'PUT', text: '/v2/users /v2/users/deactivate /v2/users/reactivate', level: 'MUST' },
  {
    id: 'vaa:put/example-1/answer',
    section: EXAMPLE_1,
    text: '-d@test_data/v2users.modify.user1 -X PUT https:///api/v2/users ... {"status":201, "message":"Success", "data":{"email":"testuser1@test.com", "id":"4e37d6c336d2adbf52bbc5d[...]", "userId":"testuser1", "firstName":"Firstname Changed", "lastName":"Last Name changed", "status":"active", "customerId":"1234" } } RESP_CODE: ``200``',
    level: 'MUST',
  },
  {
    id: 'vaa:put/example-1/inline',
    section: EXAMPLE_1,
    text: `-d '{"id":"xxxxxxxxxxxxxxxxx", "userId":"testuser1", "password":"password1", "email":"testuser1@Changed", "lastName":"Last Name changed", "customerId":"1234", "roles":[{"name":"layerx_role1", "product":"Global SIP"}]}' -X PUT https:///api/v2/users`,
    level: 'MUST',
  },
];

const PUT_FAMILY = ['updateUser', 'deactivateUser', 'reactivateUser'] as const;

/** PUT, deactivate and reactivate for a userId never created and for one just deleted. */
async function modifyMissingUsers(context: CheckContext): Promise<{ driver: VaaDriver; answers: Array<[string, VaaOperation, Exchange]>; userIds: string[] }> {
  const driver = VaaDriver.of(context);
  const never = newIdentity(context, 'nobody');
  VaaDriver.deleteAfter(context, [never.userId]);
  const deleted = newIdentity(context, 'deleted');
  await driver.createStandIn(context, { ...deleted, firstName: 'TFirst' }, 'POST a user to delete');
  await driver.deleteFirst(context, deleted, 'DELETE the user (the check needs it gone)');
  const answers: Array<[string, VaaOperation, Exchange]> = [];
  for (const [label, identity] of [['never created', never], ['deleted', deleted]] as const) {
    for (const operation of PUT_FAMILY) {
      const body = { ...identity, firstName: 'Firstname Changed' };
      answers.push([`${OPERATIONS[operation].method} ${OPERATIONS[operation].path} for a ${label} user`, operation, await driver.call(operation, body)]);
    }
  }
  return { driver, answers, userIds: [never.userId, deleted.userId] };
}

const checks: Check[] = [
  {
    id: 'vaa/update-user/update-existing-user',
    api: 'vaa',
    title: 'PUT the modify file: HTTP 200, body status 201, "data" the modified user object (Example 1, file)',
    levels: { document: 'MUST' },
    statements: ['vaa:users/put-modifies-user', 'vaa:put/modifies-user', 'vaa:put/paths', 'vaa:put/example-1/answer', 'vaa:put/input/id'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addFromFile(context, driver, standIn);
      // The body's "id" is the user's own (the document's is a placeholder): the user keeps it.
      const exchange = await driver.update(documentedBody(MODIFY_FILE, standIn));
      const envelope = await expectAnswer(exchange, 'updateUser', 'PUT (modify file)', ANSWERS.modified);
      expectUser(envelope.data, { ...afterModifyFile(standIn), id: created.id }, 'PUT (modify file)', { operation: 'updateUser', exchange });
    },
  },
  {
    id: 'vaa/update-user/update-existing-user-inline',
    api: 'vaa',
    title: 'PUT the inline body (no firstName): HTTP 200, body status 201, "data" the user with what the body sets (Example 1, inline)',
    levels: { document: 'MUST' },
    statements: ['vaa:put/example-1/inline', 'vaa:put/input/optional-fields'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addFromFile(context, driver, standIn);
      const exchange = await driver.update(documentedBody(MODIFY_INLINE, standIn));
      const envelope = await expectAnswer(exchange, 'updateUser', 'PUT (inline)', ANSWERS.modified);
      // put-inline-output-is-file-variant: only what the inline body determines is compared.
      expectUser(envelope.data, { email: standIn.changedEmail, userId: standIn.userId, lastName: 'Last Name changed', status: 'active', customerId: standIn.customerId, id: created.id }, 'PUT (inline)', { operation: 'updateUser', exchange });
    },
  },
  {
    id: 'vaa/update-user/persists-given-fields',
    api: 'vaa',
    title: 'After PUT, GET answers the user with the fields the PUT sent (the modify file, then the inline body)',
    levels: { document: 'MUST' },
    statements: ['vaa:put/modifies-user', 'vaa:put/example-1/answer'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addFromFile(context, driver, standIn);
      await expectAnswer(await driver.update(documentedBody(MODIFY_FILE, standIn)), 'updateUser', 'PUT (modify file)', ANSWERS.modified);
      await expectStored(driver, standIn.userId, { ...afterModifyFile(standIn), id: created.id }, 'GET ?userId= after PUT (modify file)', 'updateUser');
      await expectAnswer(await driver.update(documentedBody(MODIFY_INLINE, standIn)), 'updateUser', 'PUT (inline)', ANSWERS.modified);
      await expectStored(driver, standIn.userId, { email: standIn.changedEmail, lastName: 'Last Name changed', customerId: standIn.customerId, id: created.id }, 'GET ?userId= after PUT (inline)', 'updateUser');
    },
  },
  {
    id: 'vaa/update-user/keeps-omitted-fields',
    api: 'vaa',
    title: 'PUT without the optional fields keeps their stored values',
    levels: { document: 'SHOULD' },
    statements: ['vaa:put/input/optional-fields'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      const created = await addFromFile(context, driver, standIn);
      // The documented inline body has no firstName.
      const inline = await driver.update(documentedBody(MODIFY_INLINE, standIn));
      const inlineAnswer = await expectAnswer(inline, 'updateUser', 'PUT (inline, no firstName)', ANSWERS.modified);
      expectUser(inlineAnswer.data, { firstName: 'TFirst' }, 'PUT (inline, no firstName): the answer', { operation: 'updateUser', exchange: inline });
      await expectStored(driver, standIn.userId, { firstName: 'TFirst', id: created.id }, 'GET ?userId= after PUT without firstName', 'updateUser');
      // Only the two required fields.
      const minimal = await driver.update({ userId: standIn.userId, email: standIn.email });
      const minimalAnswer = await expectAnswer(minimal, 'updateUser', 'PUT {userId, email}', ANSWERS.modified);
      const kept = { email: standIn.email, firstName: 'TFirst', lastName: 'Last Name changed', customerId: standIn.customerId, status: 'active' };
      expectUser(minimalAnswer.data, kept, 'PUT {userId, email}: the answer', { operation: 'updateUser', exchange: minimal });
      await expectStored(driver, standIn.userId, { ...kept, id: created.id }, 'GET ?userId= after PUT {userId, email}', 'updateUser');
    },
  },
  {
    id: 'vaa/update-user/neighbours-unchanged',
    api: 'vaa',
    title: 'PUT changes exactly the named user: users sharing its email or customer, or whose userId extends it, are unchanged',
    levels: { document: 'MUST' },
    statements: ['vaa:put/modifies-user'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const { target, neighbours } = await createNeighbourhood(context, driver);
      const exchange = await driver.update({ ...target, firstName: 'Changed', lastName: 'Changed' });
      await expectAnswer(exchange, 'updateUser', `PUT ${target.userId}`, ANSWERS.modified);
      await expectStored(driver, target.userId, { ...target, firstName: 'Changed', lastName: 'Changed' }, `GET ?userId=${target.userId} after PUT`, 'updateUser');
      await expectNeighboursIntact(driver, neighbours, `PUT ${target.userId}`, 'updateUser');
    },
  },
  {
    id: 'vaa/modify-unknown-user/refused',
    api: 'vaa',
    title: 'PUT, deactivate and reactivate of a user that does not exist answer an error (a 4xx in the envelope) and create no user',
    levels: { document: 'MUST' },
    statements: ['vaa:put/unknown-user-error', 'vaa:users/errors-in-envelope'],
    requires: ['write'],
    async run(context) {
      const { driver, answers, userIds } = await modifyMissingUsers(context);
      for (const [what, operation, exchange] of answers) expectErrorEnvelope(exchange, operation, what);
      for (const userId of userIds) {
        const { user, exchange } = await driver.findUser(userId, `GET ?userId=${userId} after PUTs for a missing user`);
        if (user) fail(`a PUT for the missing user ${userId} created it`, 'no such user', answerOf(exchange), { kind: 'not-refused', operation: 'updateUser' });
      }
    },
  },
  {
    id: 'vaa/modify-unknown-user/answers-404-invalid-user',
    api: 'vaa',
    title: 'Observation: PUT, deactivate and reactivate of a user that does not exist answer HTTP 404 "Invalid user", as DELETE does (the spec\'s reading; the document shows no such answer)',
    levels: { document: 'INFO' },
    statements: ['vaa:put/unknown-user-error'],
    requires: ['write'],
    async run(context) {
      const { answers } = await modifyMissingUsers(context);
      for (const [what, operation, exchange] of answers) await expectAnswer(exchange, operation, what, ANSWERS.invalidUser);
    },
  },
];

export const section = defineSection({ title: 'PUT', statements, checks });
