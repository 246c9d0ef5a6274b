// Users > Set User Password: POST /api/users/{USER_ID}/actions/reset sets a first password without
// `current_password`, and afterwards changes it only given the existing one. The users permission must
// be read: read for one's own password; setting another user's (the admin's above all) needs write.
import { defineSection, type Check, type CheckContext } from '../harness/check.ts';
import { fixtureOf } from '../../fixtures/index.ts';
import { expectAnswer, expectClientError, expectRefusal, failOn, type Blame } from './answers.ts';
import { LIMITED, WRITE, both, dashboard58, documented } from './catalogue.ts';
import { TykDriver, addSubject, limitedKey, userBody } from './driver.ts';
import { newPassword, userMismatches, wrongPassword, type TykUser } from './values.ts';

const SECTION = 'Set User Password';
const SAMPLE = 'Set User Password > Sample Response';

const statements = [
  documented('set-user-password/blank-password', SECTION, 'If a user is created with a blank password, you will need to add a password in a second API call to set a password.'),
  documented('set-user-password/current-not-required', SECTION, 'In this scenario, the current_password field is not required.'),
  documented('set-user-password/current-required', SECTION, 'To change an current password, you need to know the existing password set in Add User.'),
  documented('set-user-password/needs-read', SECTION, 'You need to have the users Permission object set to read to use Set User Password.', 'SHOULD'),
  documented('set-user-password/request', SECTION, 'Resource URL /api/users/{USER_ID}/actions/reset | Method POST | Type None | Body Password Object | Param None'),
  documented('set-user-password/sample-request', 'Set User Password > Sample Request', '{ "current_password": "12345", "new_password":"test123456", "user_permissions": { "IsAdmin": "admin" } }'),
  documented('set-user-password/status-ok', SAMPLE, '"Status": "OK",'),
  documented('set-user-password/message', SAMPLE, '"Message": "User password updated",'),
  documented('set-user-password/meta', SAMPLE, '"Meta": ""', 'INFO'),
  dashboard58('set-password/request', 'set password', '`POST /api/users/{userId}/actions/reset`, body `{current_password?, new_password}`'),
  dashboard58('set-password/answer', 'set password', '200 `{"Status":"OK","Message":"User password updated","Meta":null}`'),
  dashboard58('set-password/refused', 'set password', '401'),
  dashboard58('set-password/malformed', 'set password', '403 `Request body malformed.`'),
];

const SET: Blame = { operation: 'setUserPassword' };

/** A user with a password the check knows. */
async function userWithPassword(context: CheckContext, driver: TykDriver, hint: string, extra: Record<string, unknown> = {}): Promise<{ user: TykUser; password: string }> {
  const password = newPassword();
  const user = await driver.addUser(context, userBody(context, hint, { first_name: 'Known', last_name: 'Password', password, ...extra }), 'POST a user with a known password');
  return { user, password };
}

/** `password` is still the user's current one: the run's key can change it with it (then it is `next`). */
async function expectStillCurrent(driver: TykDriver, id: string, password: string, what: string): Promise<string> {
  const next = newPassword('Pw9');
  expectAnswer(await driver.setPassword(id, { current_password: password, new_password: next }), driver.answers.passwordUpdated, what, SET);
  return next;
}

const checks: Check[] = [
  {
    id: 'tyk/set-user-password/set-user-password',
    api: 'tyk',
    levels: both('MUST'),
    title: 'POST /api/users/{USER_ID}/actions/reset with the current and a new password answers HTTP 200 {"Status": "OK", "Message": "User password updated"} (Set User Password sample)',
    statements: ['tyk:set-user-password/request', 'tyk:set-user-password/sample-request', 'tyk:set-user-password/status-ok', 'tyk:set-user-password/message', 'tyk-5.8:set-password/request', 'tyk-5.8:set-password/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const { user, password } = await userWithPassword(context, driver, 'sampleuser');
      const sample = fixtureOf('tyk', 'tyk/set-user-password/set-user-password').request.body as Record<string, unknown>;
      const body = { ...sample, current_password: password, new_password: newPassword('Pw2') };
      expectAnswer(await driver.setPassword(user.id, body), driver.answers.passwordUpdated, `POST /api/users/${user.id}/actions/reset (the sample's Password Object)`);
    },
  },
  {
    id: 'tyk/set-user-password/first-password-without-current',
    api: 'tyk',
    levels: both('MUST'),
    title: 'A user added without a password gets one from Set User Password without current_password, and it is then the current one',
    statements: ['tyk:add-user/without-password', 'tyk:set-user-password/blank-password', 'tyk:set-user-password/current-not-required', 'tyk-5.8:set-password/request'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, userBody(context, 'nopassword', { first_name: 'No', last_name: 'Password' }), 'POST a user without a password');
      const first = newPassword();
      expectAnswer(await driver.setPassword(user.id, { new_password: first }), driver.answers.passwordUpdated, 'POST .../actions/reset {new_password} for a user without a password');
      await expectStillCurrent(driver, user.id, first, 'POST .../actions/reset with the password just set as current_password');
    },
  },
  {
    id: 'tyk/set-user-password/wrong-current-refused',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Set User Password with a wrong current_password is refused (4xx) and leaves the password as it was',
    statements: ['tyk:set-user-password/current-required'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const { user, password } = await userWithPassword(context, driver, 'wrongcurrent');
      expectClientError(await driver.setPassword(user.id, { current_password: wrongPassword(password), new_password: newPassword('Pw2') }), 'POST .../actions/reset with a wrong current_password');
      await expectStillCurrent(driver, user.id, password, 'POST .../actions/reset with the right current_password after the refusal');
    },
  },
  {
    id: 'tyk/set-user-password/missing-current-refused',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Set User Password without current_password, for a user that has a password, is refused (4xx) and leaves the password as it was',
    statements: ['tyk:set-user-password/current-required', 'tyk:add-user/keep-password-record'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const { user, password } = await userWithPassword(context, driver, 'missingcurrent');
      expectClientError(await driver.setPassword(user.id, { new_password: newPassword('Pw2') }), 'POST .../actions/reset without current_password');
      await expectStillCurrent(driver, user.id, password, 'POST .../actions/reset with the right current_password after the refusal');
    },
  },
  {
    id: 'tyk/set-user-password/new-password-becomes-current',
    api: 'tyk',
    levels: both('MUST'),
    title: 'After Set User Password, the old password no longer counts as current_password and the new one does',
    statements: ['tyk:set-user-password/current-required', 'tyk:add-user/keep-password-record'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const { user, password } = await userWithPassword(context, driver, 'newcurrent');
      const second = newPassword('Pw2');
      expectAnswer(await driver.setPassword(user.id, { current_password: password, new_password: second }), driver.answers.passwordUpdated, 'POST .../actions/reset (first to second)');
      expectClientError(await driver.setPassword(user.id, { current_password: password, new_password: newPassword('Pw3') }), 'POST .../actions/reset with the replaced password as current_password');
      await expectStillCurrent(driver, user.id, second, 'POST .../actions/reset with the new password as current_password');
    },
  },
  {
    id: 'tyk/set-user-password/only-named-user-changed',
    api: 'tyk',
    levels: both('MUST'),
    title: 'Set User Password changes the password of the user in the path only: a neighbour keeps its password, and both keep their other fields',
    statements: ['tyk:set-user-password/request', 'tyk-5.8:set-password/request'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const subject = await userWithPassword(context, driver, 'subject');
      const neighbour = await userWithPassword(context, driver, 'neighbour');
      expectAnswer(await driver.setPassword(subject.user.id, { current_password: subject.password, new_password: newPassword('Pw2') }), driver.answers.passwordUpdated, `POST /api/users/${subject.user.id}/actions/reset`);
      for (const { user } of [neighbour, subject]) {
        const { user: now, exchange } = await driver.fetch(user.id, `GET /api/users/${user.id} after the password change`, SET);
        const mismatches = userMismatches(now, { id: user.id, email_address: user.email_address, first_name: user.first_name as string, last_name: user.last_name as string, active: user.active as boolean, access_key: user.access_key as string });
        if (mismatches.length > 0) failOn(exchange, `${user === neighbour.user ? 'the neighbour' : 'the user'} changed: ${mismatches.join('; ')}`, user, 'neighbour-changed', SET);
      }
      await expectStillCurrent(driver, neighbour.user.id, neighbour.password, 'POST .../actions/reset of the neighbour with its own password (it must be unchanged)');
    },
  },
  {
    id: 'tyk/permissions/read-user-may-set-password',
    api: 'tyk',
    levels: both('INFO'),
    title: 'Observation: a users: read caller may set its own password, as the document says read suffices (a target asking for write is not at fault)',
    statements: ['tyk:set-user-password/needs-read'],
    requires: LIMITED,
    async run(context) {
      const driver = TykDriver.of(context);
      const { key, selfMade, user } = await limitedKey(context, driver);
      if (!selfMade || !user) return context.skip('the --limited-token caller is not a user this run knows');
      expectAnswer(await driver.setPassword(user.id, { new_password: newPassword() }, { key }), driver.answers.passwordUpdated, `POST /api/users/${user.id}/actions/reset with its own users: read key`);
    },
  },
  {
    id: 'tyk/permissions/read-user-cannot-set-others-password',
    api: 'tyk',
    levels: both('SHOULD'),
    title: 'A caller without users write cannot set another user\'s password (401 or 403), an admin\'s above all, and the password stays as it was',
    statements: ['tyk:set-user-password/needs-read'],
    requires: LIMITED,
    async run(context) {
      const driver = TykDriver.of(context);
      const { key } = await limitedKey(context, driver);
      const withPassword = await userWithPassword(context, driver, 'victim');
      // An admin of the run's own, without a password: the case where no current_password stands in the way.
      const admin = await addSubject(context, driver, { first_name: 'Run', last_name: 'Admin', user_permissions: { IsAdmin: 'admin' } });
      expectRefusal(await driver.setPassword(withPassword.user.id, { current_password: withPassword.password, new_password: newPassword('Pw6') }, { key }), `POST /api/users/${withPassword.user.id}/actions/reset (another user, its right current_password) with a users: read key`);
      expectRefusal(await driver.setPassword(admin.id, { new_password: newPassword('Pw7') }, { key }), `POST /api/users/${admin.id}/actions/reset (an admin without a password) with a users: read key`);
      await expectStillCurrent(driver, withPassword.user.id, withPassword.password, 'POST .../actions/reset of the other user with its own password (it must be unchanged)');
      expectAnswer(await driver.setPassword(admin.id, { new_password: newPassword('Pw8') }), driver.answers.passwordUpdated, 'POST .../actions/reset {new_password} for the admin with the run\'s key (it must still have no password)', SET);
    },
  },
];

export const section = defineSection({ title: 'Set User Password', statements, checks });
