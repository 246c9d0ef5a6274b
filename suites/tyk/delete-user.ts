// Users > Delete User: DELETE /api/users/{USER_ID} removes that user (and no other): Get User and the list
// no longer show it, its key no longer works.
import { defineSection, type Check } from '../harness/check.ts';
import type { Exchange } from '../harness/http.ts';
import { expectAnswer, expectClientError, expectRefusal, failOn, isRefusal, type Blame } from './answers.ts';
import { LIMITED, WRITE, both, dashboard58, documented } from './catalogue.ts';
import { TykDriver, addReader, addSubject, limitedKey, userBody } from './driver.ts';
import { userMismatches } from './values.ts';

const SAMPLE = 'Delete User > Sample Response';

const statements = [
  documented('delete-user/request', 'Delete User', 'Resource URL /api/users/{USER_ID} | Method DELETE | Type None | Body None | Param None'),
  documented('delete-user/sample-request', 'Delete User > Sample Request', 'DELETE /api/users/54c25e845d932847067402e2 HTTP/1.1'),
  documented('delete-user/status-ok', SAMPLE, '"Status": "OK",'),
  documented('delete-user/message', SAMPLE, '"Message": "User deleted",'),
  documented('delete-user/meta', SAMPLE, '"Meta": ""', 'INFO'),
  dashboard58('delete-user/answer', 'delete user', '`DELETE /api/users/{userId}` | 200 `{"Status":"OK","Message":"User deleted","Meta":null}`'),
  dashboard58('delete-user/cannot-delete', 'delete user', '400 `Could not delete the user.`', 'MUST', 'answered when the Dashboard fails to delete a user it holds: no request makes a working server fail so'),
  dashboard58('delete-user/refused', 'delete user', '401; 403'),
  dashboard58('delete-user/not-found', 'delete user', '404 `Could not retrieve user detail.`'),
];

const DELETE: Blame = { operation: 'deleteUser' };

const checks: Check[] = [
  {
    id: 'tyk/delete-user/delete-user',
    api: 'tyk',
    levels: both('MUST'),
    title: 'DELETE /api/users/{USER_ID} answers HTTP 200 {"Status": "OK", "Message": "User deleted"}, and the user is gone from GET and the list (Delete User sample)',
    statements: ['tyk:delete-user/request', 'tyk:delete-user/sample-request', 'tyk:delete-user/status-ok', 'tyk:delete-user/message', 'tyk-5.8:delete-user/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addSubject(context, driver);
      expectAnswer(await driver.remove(user.id), driver.answers.deleted, `DELETE /api/users/${user.id}`);
      expectClientError(await driver.get(user.id), `GET /api/users/${user.id} after DELETE`, { ...DELETE, kind: 'use-after-delete' });
      const { users, exchanges } = await driver.listAll('GET /api/users after DELETE', false);
      if (users.some((listed) => listed.id === user.id)) failOn(exchanges[0] as Exchange, `GET /api/users after DELETE still lists ${user.id}`, 'the deleted user is not listed', 'use-after-delete', DELETE);
    },
  },
  {
    id: 'tyk/delete-user/key-revoked',
    api: 'tyk',
    levels: both('SHOULD'),
    title: 'A deleted user\'s access_key is refused (401 or 403)',
    statements: ['tyk:delete-user/message'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addReader(context, driver, 'deletedkey');
      const before = await driver.probeKey(undefined, user.access_key as string);
      if (isRefusal(before)) context.skip(`the new users: read user's own key is refused even before the delete (HTTP ${before.response.status})`);
      expectAnswer(await driver.remove(user.id), driver.answers.deleted, `DELETE /api/users/${user.id}`);
      await driver.expectKeyRefused(undefined, user.access_key as string, 'GET /api/users with the deleted user\'s access_key', { ...DELETE, kind: 'use-after-delete' });
    },
  },
  {
    id: 'tyk/delete-user/only-named-user-changed',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Delete User deletes the user in the path only: a neighbour (same names) is still there, unchanged, and listed',
    statements: ['tyk:delete-user/request', 'tyk-5.8:delete-user/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const subject = await driver.addUser(context, userBody(context, 'subject', { first_name: 'Twin', last_name: 'Sibling' }), 'POST the user to delete');
      const neighbour = await driver.addUser(context, userBody(context, 'neighbour', { first_name: 'Twin', last_name: 'Sibling' }), 'POST its neighbour');
      expectAnswer(await driver.remove(subject.id), driver.answers.deleted, `DELETE /api/users/${subject.id}`);
      const read = await driver.get(neighbour.id);
      if (read.response.status !== 200) failOn(read, `GET the neighbour ${neighbour.id} after deleting ${subject.id}: HTTP ${read.response.status}`, 'HTTP 200 and the neighbour', 'neighbour-changed', DELETE);
      const mismatches = userMismatches(read.response.json, { id: neighbour.id, email_address: neighbour.email_address, first_name: 'Twin', last_name: 'Sibling', access_key: neighbour.access_key as string });
      if (mismatches.length > 0) failOn(read, `the neighbour changed: ${mismatches.join('; ')}`, neighbour, 'neighbour-changed', DELETE);
      const { users, exchanges } = await driver.listAll('GET /api/users after the delete', false, (listed) => listed.some((user) => user.id === neighbour.id));
      if (!users.some((user) => user.id === neighbour.id)) failOn(exchanges[0] as Exchange, `GET /api/users after deleting ${subject.id} no longer lists the neighbour ${neighbour.id}`, 'the neighbour listed', 'neighbour-changed', DELETE);
    },
  },
  {
    id: 'tyk/permissions/read-user-cannot-delete',
    api: 'tyk',
    levels: both('SHOULD'),
    title: 'Delete User with the key of a users: read caller is refused (401 or 403) and deletes nothing (the document names write for every other change)',
    statements: ['tyk:update-user/needs-write', 'tyk-5.8:delete-user/refused'],
    requires: LIMITED,
    async run(context) {
      const driver = TykDriver.of(context);
      const { key } = await limitedKey(context, driver);
      const user = await addSubject(context, driver);
      expectRefusal(await driver.remove(user.id, { key }), `DELETE /api/users/${user.id} with a users: read key`);
      const read = await driver.get(user.id);
      if (read.response.status !== 200) failOn(read, `GET /api/users/${user.id} after the refused DELETE: HTTP ${read.response.status}`, 'HTTP 200: the user is still there', 'not-refused', DELETE);
    },
  },
];

export const section = defineSection({ title: 'Delete User', statements, checks });
