// Users > Reset User Session: PUT /api/users/{USER_ID}/actions/key/reset renews the user's session and
// "also resets the user's Dashboard API credentials": a new access_key that works, the old one refused,
// every other user's key untouched. The users permission must be write.
import { defineSection, type Check } from '../harness/check.ts';
import { fixtureOf } from '../../fixtures/index.ts';
import { expectAnswer, expectRefusal, failOn, isRefusal, type Blame } from './answers.ts';
import { LIMITED, WRITE, both, dashboard58, documented, levels } from './catalogue.ts';
import { TykDriver, addReader, addSubject, limitedKey } from './driver.ts';

const SECTION = 'Reset User Session';
const SAMPLE = 'Reset User Session > Sample Response';

const statements = [
  documented('reset-user-session/resets-session', SECTION, 'This call allows you to reset a user’s current Dashboard session.', 'MUST', 'a Dashboard (web UI) session is not visible through the API; the API credentials the Note names are, and are verified'),
  documented('reset-user-session/needs-write', SECTION, 'You need to have the users Permission object set to write to use this call.'),
  documented('reset-user-session/resets-credentials', `${SECTION} > Note`, 'This also resets the user’s Dashboard API credentials.'),
  documented('reset-user-session/request', SECTION, 'Resource URL /api/users/{USER_ID}/actions/key/reset | Method PUT | Type None | Body {“userId”:"{USER_ID}"} | Param None'),
  documented('reset-user-session/sample-request', `${SECTION} > Sample Request`, '{ "userId":"{USER_ID}" }'),
  documented('reset-user-session/status-ok', SAMPLE, '"Status":"OK",'),
  documented('reset-user-session/message', SAMPLE, '"Message":"User session renewed",'),
  documented('reset-user-session/meta', SAMPLE, '"Meta":null', 'INFO'),
  dashboard58('reset-key/request', 'reset key', '`PUT /api/users/{userId}/actions/key/reset`'),
  dashboard58('reset-key/answer', 'reset key', '200 `{"Status":"OK","Message":"User session renewed","Meta":null}`'),
  dashboard58('reset-key/problem', 'reset key', '400 `Problem updating user with new key.`', 'MUST', 'answered when the Dashboard cannot store the new key: no request makes a working server fail so'),
  dashboard58('reset-key/refused', 'reset key', '401; 403'),
  dashboard58('reset-key/not-found', 'reset key', '404'),
];

const RESET: Blame = { operation: 'resetUserSession' };


const checks: Check[] = [
  {
    id: 'tyk/reset-user-session/reset-user-session',
    api: 'tyk',
    levels: both('MUST'),
    title: 'PUT /api/users/{USER_ID}/actions/key/reset with {"userId": ...} answers HTTP 200 {"Status": "OK", "Message": "User session renewed"} (Reset User Session sample)',
    statements: ['tyk:reset-user-session/request', 'tyk:reset-user-session/sample-request', 'tyk:reset-user-session/status-ok', 'tyk:reset-user-session/message', 'tyk-5.8:reset-key/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addReader(context, driver, 'keyreset');
      // The sample sends the placeholder "{USER_ID}" ("USER_ID is a placeholder for your User ID value").
      const sample = fixtureOf('tyk', 'tyk/reset-user-session/reset-user-session').request.body as Record<string, unknown>;
      expectAnswer(await driver.resetKey(user.id, { ...sample, userId: user.id }), driver.answers.sessionRenewed, `PUT /api/users/${user.id}/actions/key/reset`);
    },
  },
  {
    id: 'tyk/reset-user-session/without-body',
    api: 'tyk',
    levels: levels('INFO', 'MUST'),
    title: 'Reset User Session without a body (the user is the one in the path, as the Go SDK sends it) answers "User session renewed" and renews the key (document: an observation)',
    statements: ['tyk:reset-user-session/request', 'tyk-5.8:reset-key/request', 'tyk-5.8:reset-key/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addReader(context, driver, 'keyresetbare');
      expectAnswer(await driver.resetKey(user.id), driver.answers.sessionRenewed, `PUT /api/users/${user.id}/actions/key/reset without a body`);
      const { user: after, exchange } = await driver.fetch(user.id, 'GET after the key reset without a body', RESET);
      if (after.access_key === user.access_key) failOn(exchange, 'GET after the key reset without a body: access_key is unchanged', 'a new access_key', 'not-stored', RESET);
    },
  },
  {
    id: 'tyk/key-reset/new-key-issued',
    api: 'tyk',
    levels: both('MUST'),
    title: 'After Reset User Session the user has a new access_key, which works as the old one did',
    statements: ['tyk:reset-user-session/resets-credentials'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addReader(context, driver, 'newkey');
      const before = await driver.probeKey(user.id, user.access_key as string);
      expectAnswer(await driver.resetKey(user.id, { userId: user.id }), driver.answers.sessionRenewed, 'PUT .../actions/key/reset');
      const { user: after, exchange } = await driver.fetch(user.id, 'GET after the key reset', RESET);
      if (typeof after.access_key !== 'string' || after.access_key === '' || after.access_key === user.access_key) {
        failOn(exchange, `GET after the key reset: access_key is ${JSON.stringify(after.access_key)}, the same as before`, 'a new access_key', 'not-stored', RESET);
      }
      if (before.response.status === 200) {
        const now = await driver.probeKey(user.id, after.access_key);
        if (now.response.status !== 200) failOn(now, `GET /api/users/${user.id} with the new access_key: HTTP ${now.response.status}, while the old key got 200 before the reset`, 'HTTP 200', 'status', RESET);
      }
    },
  },
  {
    id: 'tyk/key-reset/old-key-revoked',
    api: 'tyk',
    levels: both('MUST'),
    title: 'After Reset User Session the old access_key is refused (401 or 403)',
    statements: ['tyk:reset-user-session/resets-credentials'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addReader(context, driver, 'oldkey');
      const before = await driver.probeKey(user.id, user.access_key as string);
      if (isRefusal(before)) context.skip(`the new users: read user's own key is refused before any reset (HTTP ${before.response.status}): a revocation cannot be told apart`);
      expectAnswer(await driver.resetKey(user.id, { userId: user.id }), driver.answers.sessionRenewed, 'PUT .../actions/key/reset');
      await driver.expectKeyRefused(user.id, user.access_key as string, `GET /api/users/${user.id} with the access_key from before the reset`, RESET);
    },
  },
  {
    id: 'tyk/reset-user-session/only-named-user-changed',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Reset User Session renews the key of the user in the path only: a neighbour keeps its access_key, and it still works',
    statements: ['tyk:reset-user-session/request', 'tyk:reset-user-session/resets-credentials', 'tyk-5.8:reset-key/request'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const subject = await addReader(context, driver, 'subject');
      const neighbour = await addReader(context, driver, 'neighbour');
      const before = await driver.probeKey(neighbour.id, neighbour.access_key as string);
      expectAnswer(await driver.resetKey(subject.id, { userId: subject.id }), driver.answers.sessionRenewed, `PUT /api/users/${subject.id}/actions/key/reset`);
      const { user: after, exchange } = await driver.fetch(neighbour.id, 'GET the neighbour after the key reset', RESET);
      if (after.access_key !== neighbour.access_key) failOn(exchange, `the neighbour's access_key changed (${JSON.stringify(neighbour.access_key)} -> ${JSON.stringify(after.access_key)})`, neighbour.access_key, 'neighbour-changed', RESET);
      const now = await driver.probeKey(neighbour.id, neighbour.access_key as string);
      if (now.response.status !== before.response.status) failOn(now, `the neighbour's key got HTTP ${before.response.status} before the reset and ${now.response.status} after it`, `HTTP ${before.response.status}`, 'neighbour-changed', RESET);
    },
  },
  {
    id: 'tyk/permissions/read-user-cannot-reset-key',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Reset User Session with the key of a users: read caller is refused (401 or 403) and keeps the user\'s key',
    statements: ['tyk:reset-user-session/needs-write', 'tyk-5.8:reset-key/refused'],
    requires: LIMITED,
    async run(context) {
      const driver = TykDriver.of(context);
      const { key } = await limitedKey(context, driver);
      const user = await addSubject(context, driver);
      expectRefusal(await driver.resetKey(user.id, { userId: user.id }, { key }), `PUT /api/users/${user.id}/actions/key/reset with a users: read key`);
      const { user: after, exchange } = await driver.fetch(user.id, 'GET after the refused key reset', RESET);
      if (after.access_key !== user.access_key) failOn(exchange, 'the refused key reset changed the access_key', user.access_key, 'not-refused', RESET);
    },
  },
];

export const section = defineSection({ title: 'Reset User Session', statements, checks });
