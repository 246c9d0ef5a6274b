// Dashboard 5.8 > revoke user: PUT /api/users/{userId}/actions/revoke answers "User revoked" (the user's
// access is withdrawn: its key stops working). Not in the document: Dashboard 5.8's profile only.
import { defineSection, type Check } from '../harness/check.ts';
import { expectAnswer, expectRefusal, failOn, isRefusal } from './answers.ts';
import { WRITE, dashboard58, levels } from './catalogue.ts';
import { TykDriver, addReader } from './driver.ts';
import { lookalike } from './values.ts';

const statements = [
  dashboard58('revoke-user/answer', 'revoke user', '`PUT /api/users/{userId}/actions/revoke` | 200 `User revoked`'),
  dashboard58('revoke-user/not-found', 'revoke user', '400 `Could not retrieve user detail.`'),
  dashboard58('revoke-user/refused', 'revoke user', '401; 403'),
];


const checks: Check[] = [
  {
    id: 'tyk/revoke-user/revoke-user',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'PUT /api/users/{userId}/actions/revoke answers HTTP 200 {"Status": "OK", "Message": "User revoked"}, and the user is still there',
    statements: ['tyk-5.8:revoke-user/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addReader(context, driver, 'revoke');
      expectAnswer(await driver.call('revokeUser', { id: user.id }), driver.answers.revoked, `PUT /api/users/${user.id}/actions/revoke`);
      const read = await driver.get(user.id);
      if (read.response.status !== 200) failOn(read, `GET /api/users/${user.id} after the revoke: HTTP ${read.response.status}`, 'HTTP 200: a revoked user is not a deleted one', 'other', { operation: 'revokeUser' });
    },
  },
  {
    id: 'tyk/revoke-user/key-refused',
    api: 'tyk',
    levels: levels(undefined, 'SHOULD'),
    title: 'After Revoke User the user\'s access_key is refused (401 or 403)',
    statements: ['tyk-5.8:revoke-user/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addReader(context, driver, 'revokedkey');
      const before = await driver.probeKey(user.id, user.access_key as string);
      if (isRefusal(before)) context.skip(`the new users: read user's own key is refused before the revoke (HTTP ${before.response.status})`);
      expectAnswer(await driver.call('revokeUser', { id: user.id }), driver.answers.revoked, `PUT /api/users/${user.id}/actions/revoke`);
      await driver.expectKeyRefused(user.id, user.access_key as string, `GET /api/users/${user.id} with the revoked user's key`, { operation: 'revokeUser' });
    },
  },
  {
    id: 'tyk/auth/refused-on-revoke-user',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'Revoke User without a valid access key is refused with 401, and with a users: read caller\'s key with 401 or 403; the user keeps a working key',
    statements: ['tyk-5.8:revoke-user/refused'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await addReader(context, driver, 'notrevoked');
      const reader = await addReader(context, driver, 'revoker');
      expectRefusal(await driver.call('revokeUser', { id: user.id, key: null }), `PUT /api/users/${user.id}/actions/revoke without authorization`, [401]);
      expectRefusal(await driver.call('revokeUser', { id: user.id, key: lookalike(driver.token) }), `PUT /api/users/${user.id}/actions/revoke with a wrong access key`, [401]);
      expectRefusal(await driver.call('revokeUser', { id: user.id, key: reader.access_key as string }), `PUT /api/users/${user.id}/actions/revoke with a users: read key`);
      const { user: after, exchange } = await driver.fetch(user.id, 'GET after the refused revokes', { operation: 'revokeUser', kind: 'not-refused' });
      if (after.access_key !== user.access_key) failOn(exchange, 'a refused revoke changed the access_key', user.access_key, 'not-refused', { operation: 'revokeUser' });
    },
  },
];

export const section = defineSection({ title: 'Dashboard 5.8: Revoke User', statements, checks });
