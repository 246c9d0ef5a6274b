// Dashboard 5.8 > current user: GET /api/users/me answers the caller's own user. Not in the document:
// Dashboard 5.8's profile only.
import { defineSection, type Check } from '../harness/check.ts';
import { expectRefusal, expectUserAnswer, failOn } from './answers.ts';
import { WRITE, dashboard58, levels } from './catalogue.ts';
import { TykDriver, userBody } from './driver.ts';
import { lookalike, userMismatches } from './values.ts';

const statements = [
  dashboard58('current-user/answer', 'current user', '`GET /api/users/me` | 200 User'),
  dashboard58('current-user/refused', 'current user', '401; 403'),
  dashboard58('current-user/not-found', 'current user', '404 `Could not retrieve current user detail.`', 'MUST', 'answered for a key that belongs to no stored user (one from the Dashboard\'s configuration): a run cannot make such a key'),
];

const checks: Check[] = [
  {
    id: 'tyk/current-user/answers-caller',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'GET /api/users/me with a user\'s key answers HTTP 200 and that user (not the run\'s, not another)',
    statements: ['tyk-5.8:current-user/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const user = await driver.addUser(context, userBody(context, 'me', { first_name: 'Current', last_name: 'Caller' }), 'POST a users: read user');
      const exchange = await driver.call('getCurrentUser', { key: user.access_key as string });
      const answered = expectUserAnswer(exchange, 'GET /api/users/me with the new user\'s key', driver.profile);
      const mismatches = userMismatches(answered, { id: user.id, email_address: user.email_address, first_name: 'Current', last_name: 'Caller' });
      if (mismatches.length > 0) failOn(exchange, `GET /api/users/me is not the caller: ${mismatches.join('; ')}`, { id: user.id, email_address: user.email_address }, 'other');
    },
  },
  {
    id: 'tyk/auth/refused-on-get-current-user',
    api: 'tyk',
    levels: levels(undefined, 'MUST'),
    title: 'GET /api/users/me without a valid access key is refused with HTTP 401 (writes nothing)',
    statements: ['tyk-5.8:current-user/refused'],
    async run(context) {
      const driver = TykDriver.of(context);
      expectRefusal(await driver.call('getCurrentUser', { key: null }), 'GET /api/users/me without authorization', [401]);
      expectRefusal(await driver.call('getCurrentUser', { key: lookalike(driver.token) }), 'GET /api/users/me with a wrong access key', [401]);
    },
  },
];

export const section = defineSection({ title: 'Dashboard 5.8: Current User', statements, checks });
