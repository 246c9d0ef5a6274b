// DELETE /api/v2/users: "Use DELETE to delete a user from the system." Example 1 (the add file, and the
// modify-shaped inline body) deletes the stand-in, which GET then no longer finds; Example 2 (the same
// DELETE again) answers 404 "Invalid user"; no other user is deleted.
import { defineSection, type Check, type Statement } from '../harness/check.ts';
import { ANSWERS, expectAnswer } from './answers.ts';
import { VaaDriver, newIdentity } from './driver.ts';
import { createNeighbourhood, expectNeighboursIntact } from './neighbours.ts';
import { ADD_FILE, DELETE_INLINE, addAndModify, addFromFile, documentedBody, newStandIn } from './story.ts';

const EXAMPLE_1 = 'DELETE > Example 1: Delete existing user';

const statements: Statement[] = [
  { id: 'vaa:users/delete', section: '``/v2/users``', text: '| DELETE | ``/v2/users`` | Deletes an existing user. |', level: 'MUST' },
  { id: 'vaa:delete/deletes-user', section: 'DELETE', text: 'Use DELETE to delete a user from the system.', level: 'MUST' },
  { id: 'vaa:delete/example-1/answer', section: EXAMPLE_1, text: '-d@test_data/v2users.add.user1 -X DELETE https:///api/v2/users ... {"status":201, "message":"Success", "data":[] } RESP_CODE: ``200``', level: 'MUST' },
  {
    id: 'vaa:delete/example-1/inline',
    section: EXAMPLE_1,
    text: `-d '{"id":"xxxxxxxxxxxxxxxxx", "userId":"testuser1", "password":"password1", "email":"testuser1@Changed", "lastName":"Last Name changed", "customerId":"1234", "roles":[{"name":"layerx_role1", "product":"Global SIP"}]}' -X DELETE https:///api/v2/users`,
    level: 'MUST',
  },
  {
    id: 'vaa:delete/example-2/inline',
    section: 'DELETE > Example 2: Delete existing user again',
    text: `-d '{"id":"xxxxxxxxxxxxxxxxx", "userId":"testuser1", "password":"password1", "email":"testuser1@Changed", "lastName":"Last Name changed", "customerId":"1234", "roles":[{"name":"layerx_role1", "product":"Global SIP"}]}' -X DELETE https:///api/v2/users ... {"status":404, "message":"Invalid user", "data":[] } RESP_CODE: \`\`404\`\``,
    level: 'MUST',
  },
  { id: 'vaa:delete/example-2/answer', section: 'DELETE > Example 2: Delete existing user again', text: '-d@test_data/v2users.add.user1 -X DELETE https:///api/v2/users ... {"status":404, "message":"Invalid user", "data":[] } RESP_CODE: ``404``', level: 'MUST' },
];

const checks: Check[] = [
  {
    id: 'vaa/delete-user/delete-existing-user',
    api: 'vaa',
    title: 'DELETE with the add file: HTTP 200 {"status":201, "message":"Success", "data":[]}, and the user is gone (Example 1, file)',
    levels: { document: 'MUST' },
    statements: ['vaa:users/delete', 'vaa:delete/deletes-user', 'vaa:delete/example-1/answer', 'vaa:delete/input/json-only'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      await addFromFile(context, driver, standIn);
      await expectAnswer(await driver.remove(documentedBody(ADD_FILE, standIn)), 'deleteUser', 'DELETE (add file)', ANSWERS.deleted);
      await driver.expectGone(standIn.userId, 'GET ?userId= after DELETE');
    },
  },
  {
    id: 'vaa/delete-user/delete-existing-user-inline',
    api: 'vaa',
    title: 'DELETE with the inline modify body (the user\'s id, another email): the user is found by userId and deleted (Example 1, inline)',
    levels: { document: 'MUST' },
    statements: ['vaa:delete/example-1/inline', 'vaa:delete/input/json-only'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      await addAndModify(context, driver, standIn);
      await expectAnswer(await driver.remove(documentedBody(DELETE_INLINE, standIn)), 'deleteUser', 'DELETE (inline)', ANSWERS.deleted);
      await driver.expectGone(standIn.userId, 'GET ?userId= after DELETE');
    },
  },
  {
    id: 'vaa/delete-user/again-is-404-invalid-user',
    api: 'vaa',
    title: 'DELETE of a user already deleted: HTTP 404 {"status":404, "message":"Invalid user", "data":[]} (Example 2)',
    levels: { document: 'MUST' },
    statements: ['vaa:delete/example-2/answer', 'vaa:delete/example-2/inline'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const standIn = newStandIn(context);
      await addFromFile(context, driver, standIn);
      await driver.deleteFirst(context, standIn, 'DELETE (add file)');
      await expectAnswer(await driver.remove(documentedBody(ADD_FILE, standIn)), 'deleteUser', 'DELETE (add file) again', ANSWERS.invalidUser);
      await expectAnswer(await driver.remove(documentedBody(DELETE_INLINE, standIn)), 'deleteUser', 'DELETE (inline) again', ANSWERS.invalidUser);
    },
  },
  {
    id: 'vaa/delete-user/unknown-user-is-404-invalid-user',
    api: 'vaa',
    title: 'DELETE of a userId never created answers as Example 2 does for a deleted one: HTTP 404 "Invalid user"',
    levels: { document: 'SHOULD' },
    statements: ['vaa:delete/example-2/answer'],
    requires: ['write'],
    async run(context) {
      const never = newIdentity(context, 'nobody');
      VaaDriver.deleteAfter(context, [never.userId]);
      await expectAnswer(await VaaDriver.of(context).remove(never), 'deleteUser', 'DELETE a userId never created', ANSWERS.invalidUser);
    },
  },
  {
    id: 'vaa/delete-user/neighbours-unchanged',
    api: 'vaa',
    title: 'DELETE deletes exactly the named user: users sharing its email or customer, or whose userId extends it, remain unchanged',
    levels: { document: 'MUST' },
    statements: ['vaa:delete/deletes-user', 'vaa:users/delete'],
    requires: ['write'],
    async run(context) {
      const driver = VaaDriver.of(context);
      const { target, neighbours } = await createNeighbourhood(context, driver);
      await expectAnswer(await driver.remove({ userId: target.userId, email: target.email }), 'deleteUser', `DELETE ${target.userId}`, ANSWERS.deleted);
      await driver.expectGone(target.userId, `GET ?userId=${target.userId} after DELETE`);
      await expectNeighboursIntact(driver, neighbours, `DELETE ${target.userId}`, 'deleteUser');
    },
  },
];

export const section = defineSection({ title: 'DELETE', statements, checks });
