// The tyk mock's /api/users operations over real HTTP, each with its success and error paths: the list
// and its paging, Get, Add, Update and Delete User.
import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../specs/types/tyk.ts';
import { JOHN, NOT_AUTHORISED, ORG_ID, TEST_USER, USER_NOT_FOUND, asAdmin, checkNoPasswordInAnyResponse, tykTestMock, withKey } from '../support/tyk-test-mock.ts';

const testMock = tykTestMock();
const { call, listAll, userByEmail, hasPassword, addUser } = testMock;

describe('listUsers and paging (page size 10)', () => {
  let everyone: User[];
  beforeEach(async () => {
    for (let index = (await listAll()).length; index < 25; index += 1) await addUser();
    everyone = await listAll();
    expect(everyone).toHaveLength(25);
  });

  const page = async (p: string | undefined) => {
    const response = await call({ path: '/api/users', headers: asAdmin, ...(p === undefined ? {} : { query: { p } }) });
    expect(response.status).toBe(200);
    return { ids: response.body.users.map((user: User) => user.id), pages: response.body.pages };
  };

  it('gives p=1, 2, 3 as consecutive pages of 10, 10 and 5 users in insertion order, with pages = 3', async () => {
    const ids = everyone.map((user) => user.id);
    expect(await page('1')).toEqual({ ids: ids.slice(0, 10), pages: 3 });
    expect(await page('2')).toEqual({ ids: ids.slice(10, 20), pages: 3 });
    expect(await page('3')).toEqual({ ids: ids.slice(20, 25), pages: 3 });
  });

  it('answers a page past the end with no users and the same page count', async () => {
    expect(await page('4')).toEqual({ ids: [], pages: 3 });
    expect(await page('1000000')).toEqual({ ids: [], pages: 3 });
  });

  it('gives everyone with pages 0 for p absent, 0 or negative, as the document shows without p', async () => {
    const all = { ids: everyone.map((user) => user.id), pages: 0 };
    expect(await page(undefined)).toEqual(all);
    expect(await page('0')).toEqual(all);
    expect(await page('-1')).toEqual(all);
  });

  it('counts pages from the current number of users', async () => {
    await addUser();
    expect((await page('1')).pages).toBe(3);
    for (let index = 0; index < 5; index += 1) await addUser();
    expect(await page('4')).toMatchObject({ pages: 4 });
    expect((await page('4')).ids).toHaveLength(1);
  });

  it('refuses a p that is not an integer with 400 in the Tyk shape', async () => {
    const response = await call({ path: '/api/users', query: { p: 'two' }, headers: asAdmin });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ Status: 'Error', Meta: null });
    expect(response.body.Message).toContain('p');
  });
});

describe('getUser', () => {
  it('answers the user with user_permissions and never a password, set or not (quirk password-hash-returned)', async () => {
    const john = await call({ path: `/api/users/${JOHN.id}`, headers: asAdmin });
    expect(john.body).toEqual({
      api_model: {}, first_name: 'John', last_name: 'Smith', email_address: JOHN.email, org_id: ORG_ID, active: true, id: JOHN.id, access_key: JOHN.key,
      user_permissions: { IsAdmin: 'admin', ResetPassword: 'admin' },
    });
    expect((await call({ path: `/api/users/${TEST_USER.id}`, headers: asAdmin })).body).not.toHaveProperty('password');
  });

  it('answers 404 "Could not retrieve user detail." for an unknown id', async () => {
    const response = await call({ path: '/api/users/000000000000000000000000', headers: asAdmin });
    expect([response.status, response.body]).toEqual([404, USER_NOT_FOUND]);
  });
});

describe('createUser', () => {
  it('adds a user with a new 24-hex id and a new 32-hex access key that works at once, raw and as Bearer', async () => {
    const response = await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', active: true, user_permissions: { users: 'read' } } });
    expect([response.status, response.body]).toEqual([200, { Status: 'OK', Message: 'User created', Meta: '' }]);
    const ada = await userByEmail('ada@example.com');
    expect(ada).toEqual({ api_model: {}, first_name: 'Ada', last_name: 'Lovelace', email_address: 'ada@example.com', org_id: ORG_ID, active: true, id: ada.id, access_key: ada.access_key, user_permissions: { users: 'read' } });
    expect(ada.id).toMatch(/^[0-9a-f]{24}$/);
    expect(ada.access_key).toMatch(/^[0-9a-f]{32}$/);
    expect((await call({ path: `/api/users/${ada.id}`, headers: withKey(ada.access_key) })).status).toBe(200);
    expect((await call({ path: `/api/users/${ada.id}`, headers: withKey(`Bearer ${ada.access_key}`) })).status).toBe(200);
    const another = await addUser();
    expect(another.id).not.toBe(ada.id);
    expect(another.access_key).not.toBe(ada.access_key);
  });

  it('stores the password it is given: it must be sent as current_password to change it', async () => {
    const created = await addUser({ password: 'thisisatest' });
    expect(created).not.toHaveProperty('password');
    expect(await hasPassword(created.id, 'thisisatest-not')).toBe(false);
    expect(await hasPassword(created.id, 'thisisatest')).toBe(true);
  });

  it('defaults what is left out: no password, active, empty names, no permissions; "" as password is none', async () => {
    await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: 'bare@example.com', password: '' } });
    const bare = await userByEmail('bare@example.com');
    expect(bare).toMatchObject({ first_name: '', last_name: '', active: true, user_permissions: {} });
    // No password: the first one is set without current_password.
    expect((await call({ method: 'POST', path: `/api/users/${bare.id}/actions/reset`, headers: asAdmin, json: { new_password: 'first-pass' } })).status).toBe(200);
  });

  it('ignores ResetPassword and org_id in the User Object: only the admin API grants ResetPassword, users join the caller\'s org', async () => {
    await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: 'eve@example.com', org_id: 'another-org', user_permissions: { IsAdmin: 'admin', ResetPassword: 'admin' } } });
    expect(await userByEmail('eve@example.com')).toMatchObject({ org_id: ORG_ID, user_permissions: { IsAdmin: 'admin' } });
    expect((await userByEmail('eve@example.com')).user_permissions).not.toHaveProperty('ResetPassword');
  });

  it('refuses an address the organisation already has with 403, whatever its case', async () => {
    for (const email of [JOHN.email, 'John.Smith@Example.COM']) {
      const response = await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: email } });
      expect([response.status, response.body]).toEqual([403, { Status: 'Error', Message: 'User email already exists for this org.', Meta: null }]);
    }
    expect(await listAll()).toHaveLength(4);
  });

  it('lets only one of two simultaneous adds of one address through', async () => {
    const body = { email_address: 'twice@example.com' };
    const statuses = await Promise.all([1, 2].map(() => call({ method: 'POST', path: '/api/users', headers: asAdmin, json: body }).then((response) => response.status)));
    expect(statuses.sort()).toEqual([200, 403]);
    expect((await listAll()).filter((user) => user.email_address === 'twice@example.com')).toHaveLength(1);
  });

  it('refuses a body without email_address (or with an empty one) with 400 naming it', async () => {
    const missing = await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { first_name: 'Nobody' } });
    expect([missing.status, missing.body]).toEqual([400, { Status: 'Error', Message: 'User object validation failed: email_address is required.', Meta: null }]);
    const empty = await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: '' } });
    expect([empty.status, empty.body.Message]).toEqual([400, 'User object validation failed: email_address must not be empty.']);
    expect(await listAll()).toHaveLength(4);
  });

  it('names wrongly typed fields, a body that is not an object, a missing body and malformed JSON', async () => {
    const wrongTypes = await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: 'x@example.com', active: 'yes', user_permissions: { users: 2 } } });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.Message).toMatch(/^User object validation failed: /);
    expect(wrongTypes.body.Message).toContain('active must be boolean');
    expect(wrongTypes.body.Message).toContain('user_permissions.users must be string');
    const notObject = await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: ['x@example.com'] });
    expect(notObject.body.Message).toBe('User object validation failed: the body must be a JSON object.');
    const noBody = await call({ method: 'POST', path: '/api/users', headers: asAdmin });
    expect([noBody.status, noBody.body.Message]).toEqual([400, 'User object validation failed: a JSON body is required.']);
    const malformed = await call({ method: 'POST', path: '/api/users', headers: asAdmin, body: '{"email_address": ' });
    expect([malformed.status, malformed.body.Status]).toEqual([400, 'Error']);
    expect(malformed.body.Message).toContain('not valid JSON');
  });
});

describe('updateUser', () => {
  it('sets the fields given and keeps the others (the Go SDK sends partial updates)', async () => {
    const bob = await addUser({ first_name: 'Bob', last_name: 'B', password: 'Passw0rd123', user_permissions: { users: 'write' } });
    const response = await call({ method: 'PUT', path: `/api/users/${bob.id}`, headers: asAdmin, json: { first_name: 'Bobby', user_permissions: { IsAdmin: 'admin' } } });
    expect([response.status, response.body]).toEqual([200, { Status: 'OK', Message: 'User updated', Meta: null }]);
    const after = (await call({ path: `/api/users/${bob.id}`, headers: asAdmin })).body;
    expect(after).toEqual({ ...bob, first_name: 'Bobby', user_permissions: { IsAdmin: 'admin' } });
    const unchanged = await call({ method: 'PUT', path: `/api/users/${bob.id}`, headers: asAdmin, json: {} });
    expect(unchanged.status).toBe(200);
    expect((await call({ path: `/api/users/${bob.id}`, headers: asAdmin })).body).toEqual(after);
  });

  it('changes neither the password nor the org nor ResetPassword', async () => {
    const john = (await call({ path: `/api/users/${JOHN.id}`, headers: asAdmin })).body;
    await call({ method: 'PUT', path: `/api/users/${JOHN.id}`, headers: asAdmin, json: { password: 'sneaky-1', org_id: 'elsewhere', user_permissions: { users: 'read' } } });
    const after = (await call({ path: `/api/users/${JOHN.id}`, headers: asAdmin })).body;
    expect(after).toEqual({ ...john, user_permissions: { users: 'read', ResetPassword: 'admin' } });
    const granted = await call({ method: 'PUT', path: `/api/users/${TEST_USER.id}`, headers: asAdmin, json: { user_permissions: { users: 'read', ResetPassword: 'admin' } } });
    expect(granted.status).toBe(200);
    expect((await call({ path: `/api/users/${TEST_USER.id}`, headers: asAdmin })).body.user_permissions).toEqual({ users: 'read' });
  });

  it('answers 400 "user does not exist." for an unknown id', async () => {
    const response = await call({ method: 'PUT', path: '/api/users/000000000000000000000000', headers: asAdmin, json: { first_name: 'X' } });
    expect([response.status, response.body]).toEqual([400, { Status: 'Error', Message: 'user does not exist.', Meta: null }]);
  });

  it('allows an address another user has (quirk update-sample-reuses-add-address); Add User still refuses it', async () => {
    const response = await call({ method: 'PUT', path: `/api/users/${TEST_USER.id}`, headers: asAdmin, json: { email_address: JOHN.email } });
    expect(response.status).toBe(200);
    await call({ method: 'PUT', path: `/api/users/${JOHN.id}`, headers: asAdmin, json: { email_address: 'john.new@example.com' } });
    // Test User still holds the address: adding it is refused; once both have moved on it is free.
    expect((await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: JOHN.email } })).status).toBe(403);
    expect((await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: 'john.new@example.com' } })).status).toBe(403);
    await call({ method: 'PUT', path: `/api/users/${TEST_USER.id}`, headers: asAdmin, json: { email_address: 'test.new@example.com' } });
    expect((await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: JOHN.email } })).status).toBe(200);
  });

  it('deactivating a user makes their key refused (401); reactivating restores it', async () => {
    const reader = await addUser({ user_permissions: { users: 'read' } });
    await call({ method: 'PUT', path: `/api/users/${reader.id}`, headers: asAdmin, json: { active: false } });
    expect(await call({ path: '/api/users', headers: withKey(reader.access_key) })).toMatchObject({ status: 401, body: NOT_AUTHORISED });
    await call({ method: 'PUT', path: `/api/users/${reader.id}`, headers: asAdmin, json: { active: true } });
    expect((await call({ path: '/api/users', headers: withKey(reader.access_key) })).status).toBe(200);
  });

  it('refuses wrongly typed fields with 400 naming them', async () => {
    const response = await call({ method: 'PUT', path: `/api/users/${JOHN.id}`, headers: asAdmin, json: { active: 'no' } });
    expect([response.status, response.body.Message]).toEqual([400, 'User object validation failed: active must be boolean.']);
  });
});

describe('deleteUser', () => {
  it('deletes the user and their key; a second delete is 404; the address is free again', async () => {
    const bob = await addUser({ email_address: 'bob@example.com', user_permissions: { users: 'write' } });
    const deleted = await call({ method: 'DELETE', path: `/api/users/${bob.id}`, headers: asAdmin });
    expect([deleted.status, deleted.body]).toEqual([200, { Status: 'OK', Message: 'User deleted', Meta: '' }]);
    expect((await call({ path: `/api/users/${bob.id}`, headers: asAdmin })).body).toEqual(USER_NOT_FOUND);
    expect(await call({ path: '/api/users', headers: withKey(bob.access_key) })).toMatchObject({ status: 401, body: NOT_AUTHORISED });
    expect(await call({ method: 'DELETE', path: `/api/users/${bob.id}`, headers: asAdmin })).toMatchObject({ status: 404, body: USER_NOT_FOUND });
    expect((await listAll()).map((user) => user.id)).not.toContain(bob.id);
    expect((await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: 'bob@example.com' } })).status).toBe(200);
  });
});

checkNoPasswordInAnyResponse(testMock, 150);
