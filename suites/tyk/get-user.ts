// Users > Get User: GET /api/users/{USER_ID} answers the user itself, a bare object with the documented
// fields (the sample shows no `user_permissions`: compared only when answered).
import { defineSection, type Check } from '../harness/check.ts';
import { expectUserAnswer, failOn } from './answers.ts';
import { WRITE, both, dashboard58, documented } from './catalogue.ts';
import { TykDriver, getListedUser, userBody } from './driver.ts';
import { userMismatches, type ExpectedUser } from './values.ts';

const statements = [
  documented('get-user/request', 'Get User', 'Resource URL /api/users/{USER_ID} | Method GET | Type None | Body None | Param None'),
  documented('get-user/sample-request', 'Get User > Sample Request', 'GET /api/users/54bd0ad9ff4329b88985aafb HTTP/1.1'),
  documented(
    'get-user/answer',
    'Get User > Sample Response',
    '{ "api_model": {}, "first_name": "Test", "last_name": "User", "email_address": "[email protected]", "password": "", "org_id": "54b53d3aeba6db5c35000002", "active": true, "id": "54bd0ad9ff4329b88985aafb", "access_key": "f81ee6f0c8f2467d539c132c8a422346" }',
  ),
  dashboard58('get-user/answer', 'get user', '`GET /api/users/{userId}` | 200 User (a bare object)'),
  dashboard58('get-user/refused', 'get user', '401; 403 `access denied: ...`'),
  dashboard58('get-user/not-found', 'get user', '404 `Could not retrieve user detail.`'),
];

/** Compares `user_permissions` only when the answer has them (the Get User sample shows none). */
export function withoutAbsentPermissions(user: unknown, expected: ExpectedUser): ExpectedUser {
  if (typeof user === 'object' && user !== null && 'user_permissions' in user) return expected;
  const { user_permissions: _absent, ...rest } = expected;
  return rest;
}

const checks: Check[] = [
  {
    id: 'tyk/get-user/get-user',
    api: 'tyk',
    levels: both('MUST'),
    title: 'GET /api/users/{USER_ID} answers HTTP 200 and the user object with the stored values and the documented types (Get User sample)',
    statements: ['tyk:get-user/request', 'tyk:get-user/sample-request', 'tyk:get-user/answer', 'tyk:users/user-id-placeholder', 'tyk-5.8:get-user/answer'],
    requires: WRITE,
    async run(context) {
      const driver = TykDriver.of(context);
      const body = userBody(context, 'testuser', { first_name: 'Test', last_name: 'User', user_permissions: { user_groups: 'read', users: 'read' } });
      const added = await driver.addUser(context, body, 'POST a stand-in for Test User');
      const { user, exchange } = await driver.fetch(added.id, `GET /api/users/${added.id}`);
      const mismatches = userMismatches(user, withoutAbsentPermissions(user, { ...(body as ExpectedUser), id: added.id, access_key: added.access_key as string }));
      if (mismatches.length > 0) failOn(exchange, `GET /api/users/${added.id}: ${mismatches.join('; ')}`, body, 'not-stored');
    },
  },
  {
    id: 'tyk/get-user/read-only-get',
    api: 'tyk',
    levels: both('MUST'),
    title: 'GET /api/users/{USER_ID} of a listed user answers HTTP 200 and that user, with the documented fields and types (writes nothing)',
    statements: ['tyk:get-user/request', 'tyk:get-user/answer', 'tyk-5.8:get-user/answer'],
    async run(context) {
      const driver = TykDriver.of(context);
      const found = await getListedUser(driver);
      if (!found) return context.skip('the organisation has no users to read');
      const { listed, exchange } = found;
      const user = expectUserAnswer(exchange, `GET /api/users/${listed.id}`, driver.profile);
      const mismatches = userMismatches(user, { id: listed.id, email_address: listed.email_address });
      if (mismatches.length > 0) failOn(exchange, `GET /api/users/${listed.id}: ${mismatches.join('; ')}`, { id: listed.id, email_address: listed.email_address }, 'other');
    },
  },
];

export const section = defineSection({ title: 'Get User', statements, checks });
