// The tyk API under the `tyk-5.8` profile (Tyk Dashboard 5.8, specs/tyk-5.8.openapi.yaml), over real
// HTTP: every answer is checked against that spec (whose User admits only the 5.8 fields) by
// test/support/mock.ts, and the mock runs strict; these tests check the statuses, messages and values the
// facts give, and what the 5.8-only calls do.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { startTestMock, type CallOptions, type CheckedResponse, type TestMock } from '../support/mock.ts';

const ACCESS_KEY = DEFAULT_SETTINGS.tyk.accessKey;
const asAdmin = { authorization: `Bearer ${ACCESS_KEY}` };
const withKey = (key: string) => ({ authorization: key });
const JOHN_ID = '54b53d4bf25b920f09361526';
const TEST_USER = { id: '54bd0ad9ff4329b88985aafb', key: 'f81ee6f0c8f2467d539c132c8a422346' };
const error = (Message: string) => ({ Status: 'Error', Message, Meta: null });
const done = (Message: string) => ({ Status: 'OK', Message, Meta: null });
const NEVER = '0001-01-01T00:00:00Z';

let mock: TestMock;
beforeAll(async () => {
  mock = await startTestMock({ apis: ['tyk'], profile: 'tyk-5.8' });
});
afterAll(async () => {
  expect(mock.server.violations).toEqual([]);
  await mock.close();
});
beforeEach(() => mock.reset(['tyk'], 'documents'));

const call = (options: CallOptions): Promise<CheckedResponse> => mock.call('tyk', options);
let counter = 0;
async function addUser(fields: Record<string, unknown> = {}): Promise<{ id: string; access_key: string; [field: string]: unknown }> {
  const body = { first_name: 'New', last_name: 'User', email_address: `user.${++counter}@example.com`, user_permissions: { users: 'read' }, ...fields };
  const created = await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: body });
  expect([created.status, created.body.Message], created.text).toEqual([200, 'User and session have been created']);
  return (await call({ path: `/api/users/${created.body.Meta}`, headers: asAdmin })).body;
}
const page = async (query: Record<string, string>) => (await call({ path: '/api/users', headers: asAdmin, query })).body;

describe('users as Dashboard 5.8 answers them', () => {
  it('carry the 5.8 fields and no password: created_at from the id, zero times for never', async () => {
    const john = (await call({ path: `/api/users/${JOHN_ID}`, headers: asAdmin })).body;
    expect(john).toEqual({
      id: JOHN_ID, org_id: '54b53d3aeba6db5c35000002', first_name: 'John', last_name: 'Smith', email_address: 'john.smith@example.com', active: true,
      access_key: '0cf5e6c37add465a406f19807c081765', api_model: {}, user_permissions: { IsAdmin: 'admin', ResetPassword: 'admin' },
      group_id: '', created_at: '2015-01-13T15:44:11Z', last_login_date: NEVER, password_max_days: 0, password_updated: '2015-01-13T15:44:11Z',
    });
    expect((await call({ path: `/api/users/${TEST_USER.id}`, headers: asAdmin })).body.password_updated).toBe(NEVER);
  });

  it('a new user: created now, its password_updated set when its password is', async () => {
    const started = Date.now() - 1000;
    const user = await addUser();
    expect(Date.parse(user['created_at'] as string)).toBeGreaterThanOrEqual(started);
    expect(user['password_updated']).toBe(NEVER);
    expect((await call({ method: 'POST', path: `/api/users/${user.id}/actions/reset`, headers: asAdmin, json: { new_password: 'first-1' } })).body).toEqual(done('User password updated'));
    const after = (await call({ path: `/api/users/${user.id}`, headers: asAdmin })).body;
    expect(Date.parse(after.password_updated)).toBeGreaterThanOrEqual(started);
  });
});

describe('list and search, paged with p', () => {
  beforeEach(async () => {
    for (let index = 0; index < 8; index += 1) await addUser({ last_name: index % 2 === 0 ? 'Even' : 'Odd' });
  });

  it('pages of 10 with p >= 1; everyone without p or with p <= 0; pages counts pages of 10 either way', async () => {
    const everyone = await page({});
    expect([everyone.users.length, everyone.pages]).toEqual([12, 2]);
    for (const p of ['0', '-1']) expect(await page({ p })).toEqual(everyone);
    expect(await page({ p: '1' })).toEqual({ users: everyone.users.slice(0, 10), pages: 2 });
    expect(await page({ p: '2' })).toEqual({ users: everyone.users.slice(10), pages: 2 });
    expect(await page({ p: '3' })).toEqual({ users: [], pages: 2 });
  });

  it('GET /api/users/search: q in the address or the names, ignoring case; no q is everyone', async () => {
    const search = async (query: Record<string, string>) => (await call({ path: '/api/users/search', headers: asAdmin, query })).body;
    expect((await search({ q: 'SMITH' })).users.map((user: { id: string }) => user.id)).toEqual([JOHN_ID]);
    expect((await search({ q: 'even' })).users).toHaveLength(4);
    expect(await search({ q: 'even', p: '1' })).toMatchObject({ pages: 1 });
    expect((await search({})).users).toHaveLength(12);
    expect(await search({ q: 'nobody-has-this' })).toEqual({ users: [], pages: 0 });
  });

  it('POST /api/users/search: every filter must hold; a boolean equals; an unknown field matches nobody; no filters is 400', async () => {
    const search = (body: unknown) => call({ method: 'POST', path: '/api/users/search', headers: asAdmin, json: body });
    expect((await search({ filters: { last_name: 'odd', active: true } })).body.users).toHaveLength(4);
    expect((await search({ filters: { last_name: 'smith', first_name: 'joh' } })).body.users.map((user: { id: string }) => user.id)).toEqual([JOHN_ID]);
    expect((await search({ filters: { active: false } })).body.users).toEqual([]);
    expect((await search({ filters: { nickname: 'x' } })).body.users).toEqual([]);
    expect(await search({ q: 'x' })).toMatchObject({ status: 400, body: error('Could not extract search filter from request body: filters is required.') });
  });
});

describe('Add, Update, Delete as the facts give them', () => {
  it('Add User answers the new id in Meta; requires names and permissions; a duplicate address is 403', async () => {
    const created = await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { first_name: 'Ada', last_name: 'L', email_address: 'ada@example.com', user_permissions: { users: 'read' } } });
    expect(created.body).toEqual({ Status: 'OK', Message: 'User and session have been created', Meta: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect((await call({ path: `/api/users/${created.body.Meta}`, headers: asAdmin })).body.email_address).toBe('ada@example.com');
    const incomplete = await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: 'grace@example.com', first_name: 'Grace', last_name: 'H' } });
    expect(incomplete).toMatchObject({ status: 400, body: error('User object validation failed: user_permissions is required.') });
    const duplicate = await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { first_name: 'A', last_name: 'L', email_address: 'ADA@example.com', user_permissions: { users: 'read' } } });
    expect(duplicate).toMatchObject({ status: 403, body: error('User email already exists for this org.') });
  });

  it('Update User: 400 "user does not exist." for an unknown id, 403 for permissions naming none, "User updated" otherwise', async () => {
    const update = (id: string, json: unknown) => call({ method: 'PUT', path: `/api/users/${id}`, headers: asAdmin, json });
    expect(await update('000000000000000000000000', { first_name: 'X' })).toMatchObject({ status: 400, body: error('user does not exist.') });
    expect(await update(TEST_USER.id, { user_permissions: {} })).toMatchObject({ status: 403, body: error('To create a user specify at least one permission, or make them an admin.') });
    expect((await call({ path: `/api/users/${TEST_USER.id}`, headers: asAdmin })).body.user_permissions).toEqual({ user_groups: 'read', users: 'read' });
    expect(await update(TEST_USER.id, { user_permissions: { users: 'write' } })).toMatchObject({ status: 200, body: done('User updated') });
  });

  it('Delete User answers Meta null; an unknown id is 404 "Could not retrieve user detail."', async () => {
    const user = await addUser();
    expect((await call({ method: 'DELETE', path: `/api/users/${user.id}`, headers: asAdmin })).body).toEqual(done('User deleted'));
    expect(await call({ method: 'DELETE', path: `/api/users/${user.id}`, headers: asAdmin })).toMatchObject({ status: 404, body: error('Could not retrieve user detail.') });
  });

  it('a caller without the users permission gets the facts\' 403 (two spaces before the path)', async () => {
    const none = await addUser({ user_permissions: { apis: 'write' } });
    expect(await call({ path: '/api/users', headers: withKey(none.access_key) })).toMatchObject({ status: 403, body: error('access denied: You do not have permission to access  /api/users') });
  });
});

describe('Set User Password: every refusal 403', () => {
  const setPassword = (id: string, json: unknown, headers: Record<string, string> = asAdmin) => call({ method: 'POST', path: `/api/users/${id}/actions/reset`, headers, json });

  it('a malformed body, a missing or wrong current_password, another user\'s password without write', async () => {
    const user = await addUser({ password: 'first-1' });
    expect(await setPassword(user.id, { current_password: 'first-1' })).toMatchObject({ status: 403, body: error('Request body malformed: new_password is required.') });
    expect(await setPassword(user.id, { new_password: 'second-1' })).toMatchObject({ status: 403, body: error('Request body malformed: current_password is required to change an existing password.') });
    expect(await setPassword(user.id, { current_password: 'wrong', new_password: 'second-1' })).toMatchObject({ status: 403, body: error("current_password does not match the user's password.") });
    const malformed = await call({ method: 'POST', path: `/api/users/${user.id}/actions/reset`, headers: { ...asAdmin, 'content-type': 'application/json' }, body: '{"new_password": ' });
    expect([malformed.status, malformed.body.Message]).toEqual([403, expect.stringMatching(/^Request body malformed: request body is not valid JSON/)]);
    expect(await setPassword(user.id, { new_password: 'by-a-reader' }, withKey(TEST_USER.key))).toMatchObject({ status: 403, body: error('access denied: You do not have permission to access  /api/users') });
    expect(await setPassword(user.id, { current_password: 'first-1', new_password: 'second-1' }, withKey(user.access_key))).toMatchObject({ status: 200, body: done('User password updated') });
  });
});

describe('Revoke User, Reset User Session and me', () => {
  it('revoke withdraws the key (401 from then on, access_key ""), and Reset User Session gives a working one', async () => {
    const user = await addUser();
    expect((await call({ method: 'PUT', path: `/api/users/${user.id}/actions/revoke`, headers: asAdmin })).body).toEqual(done('User revoked'));
    expect(await call({ path: '/api/users/me', headers: withKey(user.access_key) })).toMatchObject({ status: 401, body: error('Not authorised') });
    expect((await call({ path: `/api/users/${user.id}`, headers: asAdmin })).body.access_key).toBe('');
    expect((await call({ method: 'PUT', path: `/api/users/${user.id}/actions/key/reset`, headers: asAdmin })).body).toEqual(done('User session renewed'));
    const renewed = (await call({ path: `/api/users/${user.id}`, headers: asAdmin })).body.access_key;
    expect(renewed).toMatch(/^[0-9a-f]{32}$/);
    expect((await call({ path: '/api/users/me', headers: withKey(renewed) })).body.id).toBe(user.id);
  });

  it('revoke: 400 "Could not retrieve user detail." for an unknown id, 403 for a users: read caller', async () => {
    expect(await call({ method: 'PUT', path: '/api/users/000000000000000000000000/actions/revoke', headers: asAdmin })).toMatchObject({ status: 400, body: error('Could not retrieve user detail.') });
    expect(await call({ method: 'PUT', path: `/api/users/${JOHN_ID}/actions/revoke`, headers: withKey(TEST_USER.key) })).toMatchObject({ status: 403 });
    expect((await call({ path: `/api/users/${JOHN_ID}`, headers: asAdmin })).body.access_key).not.toBe('');
  });

  it('me: the caller\'s own user, whatever its permissions; 404 for the configured key of an empty mock', async () => {
    const none = await addUser({ user_permissions: { apis: 'read' } });
    expect((await call({ path: '/api/users/me', headers: withKey(none.access_key) })).body).toEqual(none);
    expect((await call({ path: '/api/users/me', headers: asAdmin })).body.id).toBe('54b53d3aeba6db5c35000010');
    await mock.reset(['tyk'], 'empty');
    expect(await call({ path: '/api/users/me', headers: asAdmin })).toMatchObject({ status: 404, body: error('Could not retrieve current user detail.') });
  });
});

describe('the admin endpoints', () => {
  it('answer 5.8 users; the reset-password actions\' 404 is "Could not retrieve user detail" without a dot', async () => {
    const created = await call({ method: 'POST', path: '/admin/users', headers: { 'admin-auth': DEFAULT_SETTINGS.tyk.adminSecret }, json: { email_address: 'root@example.com', user_permissions: { IsAdmin: 'admin' } } });
    expect(created.body.Meta).toMatchObject({ email_address: 'root@example.com', group_id: '', password_updated: NEVER });
    const unknown = await call({ method: 'PUT', path: '/admin/users/000000000000000000000000/actions/allow_reset_passwords', headers: { 'admin-auth': DEFAULT_SETTINGS.tyk.adminSecret } });
    expect(unknown).toMatchObject({ status: 404, body: error('Could not retrieve user detail') });
  });
});
