// Delete a User – DELETE /Users/{id}: "Delete a user according to User Id." 204 with no content; the
// user gone (GET 404, not listed) and no other user touched; 404 for an id no user has (again).
import { fixtureOf } from '../../fixtures/index.ts';
import { defineSection, type Check } from '../harness/check.ts';
import { answerOf, fail } from '../harness/expect.ts';
import { expectAnswer, expectNoBody, expectSuccess } from './assertions.ts';
import { CheckmarxDriver } from './driver.ts';
import { ERROR_NOTE, MUST, WRITES, frameStatements, parameterStatements, ref, statement } from './document.ts';
import { expectNeighboursIntact, neighboursOf } from './neighbours.ts';
import { MEDIA_TYPE, userPath } from './operations.ts';
import { expectGone, listUsers } from './reads.ts';
import { createdUser, deletedUser } from './users.ts';

const statements = [
  ...frameStatements('delete-user', 'Delete a user according to User Id.', 'Usage: 1. GET /Users and get details of all users 2. DELETE /Users/{id} and delete a user', '/cxrestapi/auth/Users/{id}', 'DELETE'),
  ...parameterStatements('delete-user', ['id=[integer] – Unique Id of the User']),
  statement('delete-user', 'status-204', 'Success Response:', 'Code: 204 Success'),
  statement('delete-user', 'status-400', 'Error Response:', 'Code: 400 Returns error messages', {
    untestable:
      'the only bad input a DELETE carries is its id; a DELETE of an id that is not an integer (or not the run\'s) names no user certify can show to be its own, and a server that misreads it could delete any user, so certify never sends one',
  }),
  statement('delete-user', 'status-404', 'Error Response:', 'Code: 404 User not found'),
  statement('delete-user', 'sample-no-content', 'Sample Response:', 'no content'),
  statement('delete-user', 'notes-deletes', 'Notes:', 'Delete a user according to the User Id.'),
  statement('delete-user', 'notes-no-content', 'Notes:', 'Once the request is successful, it does not return any content.'),
  statement('delete-user', 'notes-error', 'Notes:', ERROR_NOTE),
];

/** The document lists a Content-Type for DELETE (x-doc-quirk delete-lists-content-type): sent as the fixture has it. */
const DELETE_CONTENT_TYPE = fixtureOf('checkmarx', 'checkmarx/delete-user/delete-a-user').request.headers['content-type'] ?? MEDIA_TYPE;

const checks: Check[] = [
  {
    id: 'checkmarx/delete-user/delete-a-user',
    api: 'checkmarx',
    title: 'DELETE /Users/{id} (with the document\'s headers) answers 204 with no content',
    levels: MUST,
    statements: [ref('delete-user', 'url'), ref('delete-user', 'status-204'), ref('delete-user', 'sample-no-content'), ref('delete-user', 'notes-no-content'), ref('delete-user', 'header-content-type')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned } = await createdUser(context, driver);
      const exchange = await driver.remove(owned.id, { headers: { 'content-type': DELETE_CONTENT_TYPE } });
      expectAnswer(exchange, 'deleteUser', 204, `DELETE ${userPath(owned.id)}`, 'HTTP 204 with no body');
      expectNoBody(exchange, 'deleteUser', `DELETE ${userPath(owned.id)}`);
    },
  },
  {
    id: 'checkmarx/delete-user/deleted-user-is-gone',
    api: 'checkmarx',
    title: 'After DELETE /Users/{id}, GET /Users/{id} answers 404 and GET /Users no longer lists the user',
    levels: MUST,
    statements: [ref('delete-user', 'summary'), ref('delete-user', 'notes-deletes')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const { owned } = await createdUser(context, driver);
      const path = userPath(owned.id);
      expectSuccess(await driver.remove(owned.id), 'deleteUser', `DELETE ${path}`);
      await expectGone(driver, owned.id, owned.userName, `after DELETE ${path}`);
      const { users, exchange } = await listUsers(driver, 'GET /Users after the delete');
      if (users.some((user) => user['userName'] === owned.userName)) fail(`GET /Users after DELETE ${path} still lists ${owned.userName}`, 'no deleted user', answerOf(exchange), { kind: 'use-after-delete', operation: 'deleteUser', exchanges: [exchange] });
    },
  },
  {
    id: 'checkmarx/delete-user/deletes-only-the-named-user',
    api: 'checkmarx',
    title: 'DELETE /Users/{id} deletes that user and no other, and changes no other (a user created just before it, a user that existed before the run)',
    levels: MUST,
    statements: [ref('delete-user', 'summary'), ref('delete-user', 'parameter-id')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const neighbours = await neighboursOf(context, driver);
      const { owned } = await createdUser(context, driver);
      expectSuccess(await driver.remove(owned.id), 'deleteUser', `DELETE ${userPath(owned.id)}`);
      await expectNeighboursIntact(driver, neighbours, 'deleteUser', `DELETE ${userPath(owned.id)}`);
    },
  },
  {
    id: 'checkmarx/unknown-user/delete-is-404',
    api: 'checkmarx',
    title: 'DELETE /Users/{id} with an id no user has (the run\'s user, deleted) answers 404',
    levels: MUST,
    statements: [ref('delete-user', 'status-404'), ref('delete-user', 'notes-error')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const gone = await deletedUser(context, driver);
      expectAnswer(await driver.remove(gone.id), 'deleteUser', 404, `DELETE ${userPath(gone.id)} (no user has this id)`);
    },
  },
  {
    id: 'checkmarx/unknown-user/deleted-id-is-404',
    api: 'checkmarx',
    title: 'After DELETE, GET, PUT and DELETE of that user\'s id answer 404, and the PUT brings nobody back',
    levels: MUST,
    statements: [ref('delete-user', 'status-404'), ref('update-user', 'status-404'), ref('get-user', 'status-404')],
    requires: WRITES,
    async run(context) {
      const driver = CheckmarxDriver.of(context);
      const gone = await deletedUser(context, driver);
      const path = userPath(gone.id);
      expectAnswer(await driver.update(gone.id, { firstName: 'Deleted' }), 'updateUser', 404, `PUT ${path} (deleted)`);
      expectAnswer(await driver.remove(gone.id), 'deleteUser', 404, `DELETE ${path} again`);
      expectAnswer(await driver.get(gone.id), 'updateUser', 404, `GET ${path} after the PUT of the deleted user`, 'HTTP 404: the PUT brought nobody back');
    },
  },
];

export const section = defineSection({ title: 'Delete a User – DELETE /Users/{id}', statements, checks });
