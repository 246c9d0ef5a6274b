// The tyk admin Users endpoints from facts (quirk admin-users-from-facts), over real HTTP, under the
// default profile: POST /admin/users, GET and PUT /admin/users/{id}, all with the admin secret alone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { startTestMock, type CallOptions, type CheckedResponse, type TestMock } from '../support/mock.ts';

const ACCESS_KEY = DEFAULT_SETTINGS.tyk.accessKey;
const asAdminSecret = { 'admin-auth': DEFAULT_SETTINGS.tyk.adminSecret };
const asAdminKey = { authorization: ACCESS_KEY };
const ORG_ID = '54b53d3aeba6db5c35000002';
const TEST_USER_ID = '54bd0ad9ff4329b88985aafb';
const NOT_AUTHORISED = { Status: 'Error', Message: 'Not authorised', Meta: null };

let mock: TestMock;
beforeAll(async () => {
  mock = await startTestMock({ apis: ['tyk'] });
});
afterAll(async () => {
  expect(mock.server.violations).toEqual([]);
  await mock.close();
});
beforeEach(() => mock.reset(['tyk'], 'documents'));

const call = (options: CallOptions): Promise<CheckedResponse> => mock.call('tyk', options);
const createAdminUser = (json: unknown, headers: Record<string, string> = asAdminSecret) => call({ method: 'POST', path: '/admin/users', headers, json });
const ROOT = { first_name: 'Tyk', last_name: 'Admin', email_address: 'root@example.com', password: 'Passw0rd123', active: true, org_id: '', user_permissions: { ResetPassword: 'admin', IsAdmin: 'admin' } };

describe('POST /admin/users', () => {
  it('creates the user in the organisation with its permissions as sent, and answers its key in Message and the user in Meta', async () => {
    const created = await createAdminUser(ROOT);
    expect(created.status).toBe(200);
    const { Meta: user } = created.body;
    expect(created.body).toEqual({ Status: 'OK', Message: user.access_key, Meta: user });
    expect(user).toEqual({
      api_model: {}, first_name: 'Tyk', last_name: 'Admin', email_address: 'root@example.com', org_id: ORG_ID, active: true,
      id: expect.stringMatching(/^[0-9a-f]{24}$/), access_key: expect.stringMatching(/^[0-9a-f]{32}$/), user_permissions: { ResetPassword: 'admin', IsAdmin: 'admin' },
    });
    expect((await call({ path: `/api/users/${user.id}`, headers: asAdminKey })).body).toEqual(user);
    // The key works at once, as tyk-scripts uses it.
    expect((await call({ path: '/api/users', headers: { authorization: user.access_key } })).status).toBe(200);
  });

  it('gives the user no password: the body\'s is ignored, and the first Set User Password needs no current_password', async () => {
    const { Meta: user } = (await createAdminUser(ROOT)).body;
    const asNewUser = { authorization: user.access_key };
    const first = await call({ method: 'POST', path: `/api/users/${user.id}/actions/reset`, headers: asNewUser, json: { new_password: 'Passw0rd123-set' } });
    expect([first.status, first.body]).toEqual([200, { Status: 'OK', Message: 'User password updated', Meta: '' }]);
    const second = await call({ method: 'POST', path: `/api/users/${user.id}/actions/reset`, headers: asNewUser, json: { current_password: 'Passw0rd123', new_password: 'x' } });
    expect(second.status).toBe(403);
  });

  it('refuses an address the organisation has with 403 "User email already exists for this Org", whatever its case', async () => {
    for (const email of ['test.user@example.com', 'TEST.User@example.com']) {
      const response = await createAdminUser({ ...ROOT, email_address: email });
      expect([response.status, response.body]).toEqual([403, { Status: 'Error', Message: 'User email already exists for this Org', Meta: null }]);
    }
  });

  it('refuses a body without email_address with 400 naming it', async () => {
    const response = await createAdminUser({ first_name: 'Nobody' });
    expect([response.status, response.body]).toEqual([400, { Status: 'Error', Message: 'User object validation failed: email_address is required.', Meta: null }]);
  });

  it.each([
    ['no admin-auth, an admin access key', asAdminKey],
    ['a wrong admin secret', { 'admin-auth': 'wrong' }],
    ['nothing', {}],
  ])('refuses %s with 401 and creates nothing', async (_name, headers) => {
    expect(await createAdminUser({ ...ROOT, email_address: 'refused@example.com' }, headers)).toMatchObject({ status: 401, body: NOT_AUTHORISED });
    const listed = (await call({ path: '/api/users', headers: asAdminKey })).body.users as Array<{ email_address: string }>;
    expect(listed.map((user) => user.email_address)).not.toContain('refused@example.com');
  });
});

describe('GET /admin/users/{id}', () => {
  it('answers the user as Get User does, and 404 "Could not retrieve user detail" for an unknown id', async () => {
    const user = await call({ path: `/admin/users/${TEST_USER_ID}`, headers: asAdminSecret });
    expect(user.status).toBe(200);
    expect(user.body).toEqual((await call({ path: `/api/users/${TEST_USER_ID}`, headers: asAdminKey })).body);
    const unknown = await call({ path: '/admin/users/000000000000000000000000', headers: asAdminSecret });
    expect([unknown.status, unknown.body]).toEqual([404, { Status: 'Error', Message: 'Could not retrieve user detail', Meta: null }]);
    expect(await call({ path: `/admin/users/${TEST_USER_ID}`, headers: asAdminKey })).toMatchObject({ status: 401, body: NOT_AUTHORISED });
  });
});

describe('PUT /admin/users/{id}', () => {
  const update = (id: string, options: Partial<CallOptions>) => call({ method: 'PUT', path: `/admin/users/${id}`, headers: asAdminSecret, ...options });

  it('sets the fields given, keeps the others, stores user_permissions as sent (ResetPassword included), and answers the key and the user', async () => {
    const before = (await call({ path: `/api/users/${TEST_USER_ID}`, headers: asAdminKey })).body;
    const response = await update(TEST_USER_ID, { json: { last_name: 'Promoted', password: 'ignored-1', org_id: 'elsewhere', user_permissions: { IsAdmin: 'admin', ResetPassword: 'admin' } } });
    const after = { ...before, last_name: 'Promoted', user_permissions: { IsAdmin: 'admin', ResetPassword: 'admin' } };
    expect([response.status, response.body]).toEqual([200, { Status: 'OK', Message: before.access_key, Meta: after }]);
    expect((await call({ path: `/api/users/${TEST_USER_ID}`, headers: asAdminKey })).body).toEqual(after);
    // The password was not set: the first one still needs no current_password.
    expect((await call({ method: 'POST', path: `/api/users/${TEST_USER_ID}/actions/reset`, headers: asAdminKey, json: { new_password: 'first-1' } })).status).toBe(200);
  });

  it('answers 404 "User not found" for an unknown id, and 403 "Request body malformed" for a body that is not a User Object', async () => {
    expect(await update('000000000000000000000000', { json: { last_name: 'X' } })).toMatchObject({ status: 404, body: { Status: 'Error', Message: 'User not found', Meta: null } });
    expect(await update(TEST_USER_ID, { json: { active: 'yes' } })).toMatchObject({ status: 403, body: { Status: 'Error', Message: 'Request body malformed: active must be boolean.', Meta: null } });
    const malformed = await update(TEST_USER_ID, { body: '{"last_name": ', headers: { ...asAdminSecret, 'content-type': 'application/json' } });
    expect([malformed.status, malformed.body.Message]).toEqual([403, expect.stringMatching(/^Request body malformed: request body is not valid JSON/)]);
    expect((await call({ path: `/api/users/${TEST_USER_ID}`, headers: asAdminKey })).body.last_name).toBe('User');
  });
});
