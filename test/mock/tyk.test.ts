// The tyk mock over real HTTP: every documented sample in document order, each operation's success and
// error paths, the permission matrix, paging, and the key and password rules (the real clients'
// recordings are replayed in real-clients.test.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../specs/types/tyk.ts';
import { loadSpecDocument } from '../../specs/load.ts';
import { loadFixtures, type Fixture } from '../../fixtures/index.ts';
import { tyk } from '../../mock/apis/tyk/index.ts';
import { DEFAULT_SETTINGS } from '../../mock/server.ts';
import { startTestMock, type CallOptions, type CheckedResponse, type TestMock } from '../support/mock.ts';

// What the samples send; the mock's defaults must be these for the samples to work verbatim.
const ACCESS_KEY = '7a7b140f-2480-4d5a-4e78-24049e3ba7f8';
const ADMIN_SECRET = '12345';
const ORG_ID = '54b53d3aeba6db5c35000002';
const JOHN = { id: '54b53d4bf25b920f09361526', key: '0cf5e6c37add465a406f19807c081765', email: 'john.smith@example.com' };
const TEST_USER = { id: '54bd0ad9ff4329b88985aafb', key: 'f81ee6f0c8f2467d539c132c8a422346', email: 'test.user@example.com' };
const SAMPLE_USER_ID = '54c25e845d932847067402e2';
const DASHBOARD_ADMIN_ID = '54b53d3aeba6db5c35000010';

const NOT_AUTHORISED = { Status: 'Error', Message: 'Not authorised', Meta: null };
const ACCESS_DENIED = { Status: 'Error', Message: 'access denied: You do not have permission to access /api/users', Meta: null };
const USER_NOT_FOUND = { Status: 'Error', Message: 'Could not retrieve user detail.', Meta: null };

let mock: TestMock;
// Every response of the file, to prove no clear password ever leaves the mock.
const responses: CheckedResponse[] = [];
const clearPasswords = new Set(['thisisatest', 'test123456', '12345', 'N3wPassw0rd', 'Passw0rd123']);

beforeAll(async () => {
  mock = await startTestMock({ apis: ['tyk'] });
});
afterAll(async () => {
  expect(mock.server.violations).toEqual([]);
  await mock.close();
});
beforeEach(() => mock.reset(['tyk'], 'documents'));

async function call(options: CallOptions): Promise<CheckedResponse> {
  const response = await mock.call('tyk', options);
  responses.push(response);
  return response;
}

const withKey = (key: string) => ({ authorization: key });
const asAdmin = withKey(ACCESS_KEY);

async function listAll(): Promise<User[]> {
  const response = await call({ path: '/api/users', headers: asAdmin });
  expect(response.status).toBe(200);
  return response.body.users;
}

async function userByEmail(email: string): Promise<User> {
  const user = (await listAll()).find((candidate) => candidate.email_address === email);
  if (!user) throw new Error(`no user ${email}`);
  return user;
}

let uniqueCounter = 0;
const uniqueEmail = (name = 'user') => `${name}.${++uniqueCounter}@example.com`;

/**
 * Whether `password` is the user's password, through the API (no answer shows a stored password): Set
 * User Password to the same password with it as `current_password` succeeds only when it matches.
 */
async function hasPassword(userId: string, password: string): Promise<boolean> {
  const response = await call({ method: 'POST', path: `/api/users/${userId}/actions/reset`, headers: asAdmin, json: { current_password: password, new_password: password } });
  expect([200, 403], response.text).toContain(response.status);
  return response.status === 200;
}

/** Adds a user with the admin key and returns it as the list answers it (Add User answers no id). */
async function addUser(fields: Record<string, unknown> = {}): Promise<User> {
  const email = (fields['email_address'] as string | undefined) ?? uniqueEmail();
  const created = await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { first_name: 'New', last_name: 'User', active: true, ...fields, email_address: email } });
  expect(created.status, created.text).toBe(200);
  return userByEmail(email);
}

describe('the documented samples, replayed verbatim in document order against the seeded mock', () => {
  const fixtures = loadFixtures('tyk');

  /** The sample as sent; `{USER_ID}` and `<your secret>` of the admin samples become real values. */
  function sampleRequest(fixture: Fixture): CallOptions {
    const headers = Object.fromEntries(Object.entries(fixture.request.headers).map(([name, value]) => [name, value === '<your secret>' ? ADMIN_SECRET : value]));
    return {
      method: fixture.request.method,
      path: fixture.request.path.replace('{USER_ID}', TEST_USER.id),
      query: fixture.request.query,
      headers,
      // As the samples send them: JSON without a Content-Type.
      ...(fixture.request.body !== null ? { body: JSON.stringify(fixture.request.body) } : {}),
    };
  }

  /**
   * The documented user as the mock answers it: the page's obfuscated address replaced by the seeded one,
   * and no `password` (quirk password-hash-returned).
   */
  function seededForm(documented: Record<string, unknown>): Record<string, unknown> {
    const email = { [JOHN.id]: JOHN.email, [TEST_USER.id]: TEST_USER.email }[documented['id'] as string];
    expect(email, `a seeded user for ${String(documented['id'])}`).toBeDefined();
    expect(documented['email_address']).toBe('[email\u00a0protected]');
    const { password: _password, ...answered } = documented;
    return { ...answered, email_address: email };
  }

  it('has the nine samples in the document order list, get, add, set password, allow, disallow, update, key reset, delete', () => {
    expect(fixtures.map((fixture) => fixture.operationId)).toEqual([
      'listUsers', 'getUser', 'createUser', 'setUserPassword', 'allowResetPasswords', 'disallowResetPasswords', 'updateUser', 'resetUserSession', 'deleteUser',
    ]);
    expect(fixtures.every((fixture) => fixture.request.headers['authorization'] === undefined || fixture.request.headers['authorization'] === ACCESS_KEY)).toBe(true);
    expect(DEFAULT_SETTINGS.tyk).toEqual({ accessKey: ACCESS_KEY, adminSecret: ADMIN_SECRET });
  });

  it('answers every sample with the documented status and body, and each changes the state as documented', async () => {
    const byOperation = new Map(fixtures.map((fixture) => [fixture.operationId, fixture]));
    const replay = async (operationId: string): Promise<{ response: CheckedResponse; documented: any }> => {
      const fixture = byOperation.get(operationId)!;
      const response = await call(sampleRequest(fixture));
      expect(response.status, fixture.id).toBe(fixture.response.status);
      return { response, documented: fixture.response.body };
    };

    const list = await replay('listUsers');
    expect(list.response.body.pages).toBe(0);
    expect(list.response.body.users.slice(0, 2)).toEqual(list.documented.users.map(seededForm));
    // Then the two users the samples need and the list does not show (quirks sample-access-key-not-a-listed-user, sample-user-id-not-listed).
    expect(list.response.body.users.slice(2).map((user: User) => [user.id, user.access_key === ACCESS_KEY, user.user_permissions])).toEqual([
      [DASHBOARD_ADMIN_ID, true, { IsAdmin: 'admin', users: 'write' }],
      [SAMPLE_USER_ID, false, {}],
    ]);

    const get = await replay('getUser');
    // The sample lacks the user_permissions the list gives the same user; the mock always returns them.
    expect(get.response.body).toEqual({ ...seededForm(get.documented), user_permissions: { user_groups: 'read', users: 'read' } });

    const add = await replay('createUser');
    expect(add.response.body).toEqual(add.documented);
    const jason = await userByEmail('[email\u00a0protected]');
    expect(jason).toMatchObject({ first_name: 'Jason', last_name: 'Jasonson', active: true, org_id: ORG_ID, user_permissions: { IsAdmin: 'admin' } });
    expect(jason.id).toMatch(/^[0-9a-f]{24}$/);
    expect(jason.access_key).toMatch(/^[0-9a-f]{32}$/);
    expect(await hasPassword(jason.id, 'thisisatest')).toBe(true);

    const setPassword = await replay('setUserPassword');
    expect(setPassword.response.body).toEqual(setPassword.documented);
    const afterPassword = (await call({ path: `/api/users/${SAMPLE_USER_ID}`, headers: asAdmin })).body;
    expect(await hasPassword(SAMPLE_USER_ID, 'test123456')).toBe(true);
    expect(afterPassword.user_permissions).toEqual({}); // the sample's user_permissions are ignored

    const allow = await replay('allowResetPasswords');
    expect(allow.response.body).toEqual({ ...allow.documented, Meta: seededForm(allow.documented.Meta) });
    const disallow = await replay('disallowResetPasswords');
    expect(disallow.response.body).toEqual({ ...disallow.documented, Meta: seededForm(disallow.documented.Meta) });

    const update = await replay('updateUser');
    expect(update.response.body).toEqual(update.documented);
    const updated = (await call({ path: `/api/users/${SAMPLE_USER_ID}`, headers: asAdmin })).body;
    expect(updated).toMatchObject({ first_name: 'Jason', last_name: 'File', email_address: '[email\u00a0protected]', active: true, user_permissions: { IsAdmin: 'admin' } });
    expect(await hasPassword(SAMPLE_USER_ID, 'test123456')).toBe(true);

    const keyReset = await replay('resetUserSession');
    expect(keyReset.response.body).toEqual(keyReset.documented);
    const renewed = (await call({ path: `/api/users/${SAMPLE_USER_ID}`, headers: asAdmin })).body;
    expect(renewed.access_key).toMatch(/^[0-9a-f]{32}$/);
    expect(renewed.access_key).not.toBe(updated.access_key);

    const deleted = await replay('deleteUser');
    expect(deleted.response.body).toEqual(deleted.documented);
    expect((await call({ path: `/api/users/${SAMPLE_USER_ID}`, headers: asAdmin })).body).toEqual(USER_NOT_FOUND);
    expect((await listAll()).map((user) => user.id)).toEqual([JOHN.id, TEST_USER.id, DASHBOARD_ADMIN_ID, jason.id]);
  });
});

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

describe('setUserPassword', () => {
  const setPassword = (userId: string, body: unknown, key = ACCESS_KEY) => call({ method: 'POST', path: `/api/users/${userId}/actions/reset`, headers: withKey(key), json: body });
  const PASSWORD_UPDATED = { Status: 'OK', Message: 'User password updated', Meta: '' };
  const CURRENT_REQUIRED = { Status: 'Error', Message: 'Password object validation failed: current_password is required to change an existing password.', Meta: null };
  const CURRENT_WRONG = { Status: 'Error', Message: "current_password does not match the user's password.", Meta: null };

  it('sets a first password without current_password; then current_password is required and must match', async () => {
    const user = await addUser();
    expect(await setPassword(user.id, { new_password: 'first-pass' })).toMatchObject({ status: 200, body: PASSWORD_UPDATED });

    expect(await setPassword(user.id, { new_password: 'second-pass' })).toMatchObject({ status: 400, body: CURRENT_REQUIRED });
    expect(await setPassword(user.id, { current_password: 'not-it', new_password: 'second-pass' })).toMatchObject({ status: 403, body: CURRENT_WRONG });
    expect(await setPassword(user.id, { current_password: '', new_password: 'second-pass' })).toMatchObject({ status: 403, body: CURRENT_WRONG });
    // Refusals change nothing: first-pass is still the password.
    expect(await setPassword(user.id, { current_password: 'first-pass', new_password: 'second-pass' })).toMatchObject({ status: 200, body: PASSWORD_UPDATED });
    expect(await setPassword(user.id, { current_password: 'first-pass', new_password: 'third-pass' })).toMatchObject({ status: 403, body: CURRENT_WRONG });
    expect(await hasPassword(user.id, 'second-pass')).toBe(true);
    clearPasswords.add('first-pass').add('second-pass').add('third-pass').add('not-it');
  });

  it('requires the current password of a user added with one, and of the sample user (12345)', async () => {
    const user = await addUser({ password: 'Passw0rd123' });
    expect(await setPassword(user.id, { new_password: 'N3wPassw0rd' })).toMatchObject({ status: 400, body: CURRENT_REQUIRED });
    expect((await setPassword(user.id, { current_password: 'Passw0rd123', new_password: 'N3wPassw0rd' })).status).toBe(200);
    expect(await setPassword(SAMPLE_USER_ID, { current_password: 'wrong', new_password: 'x' })).toMatchObject({ status: 403, body: CURRENT_WRONG });
  });

  it('refuses a missing or empty new_password with 400 naming it, and answers 404 for an unknown id', async () => {
    const user = await addUser();
    expect((await setPassword(user.id, { current_password: 'x' })).body.Message).toBe('Password object validation failed: new_password is required.');
    expect((await setPassword(user.id, { new_password: '' })).body.Message).toBe('Password object validation failed: new_password must not be empty.');
    // Still no password: a first one needs no current_password.
    expect((await setPassword(user.id, { new_password: 'after-refusals' })).status).toBe(200);
    expect(await setPassword('000000000000000000000000', { new_password: 'x' })).toMatchObject({ status: 404, body: USER_NOT_FOUND });
  });

  it('lets a users: read caller set its own password only; another user\'s, the admin\'s above all, needs users: write (quirk set-password-read-for-own-write-for-others)', async () => {
    const reader = await addUser({ user_permissions: { users: 'read' } });
    const target = await addUser();
    for (const subject of [target.id, DASHBOARD_ADMIN_ID, JOHN.id]) {
      expect(await setPassword(subject, { new_password: 'by-a-reader' }, reader.access_key), subject).toMatchObject({ status: 403, body: ACCESS_DENIED });
    }
    // Nothing changed: the target still has no password, the admin can still call.
    expect((await setPassword(target.id, { new_password: 'by-the-admin' })).status).toBe(200);
    expect((await setPassword(reader.id, { new_password: 'mine-1' }, reader.access_key)).status).toBe(200);
    expect((await setPassword(reader.id, { current_password: 'mine-1', new_password: 'mine-2' }, `Bearer ${reader.access_key}`)).status).toBe(200);
    const writer = await addUser({ user_permissions: { users: 'write' } });
    expect((await setPassword(target.id, { current_password: 'by-the-admin', new_password: 'by-a-writer' }, writer.access_key)).status).toBe(200);
    clearPasswords.add('by-a-reader').add('by-the-admin').add('mine-1').add('mine-2').add('by-a-writer');
  });
});

describe('resetUserSession', () => {
  const resetKey = (userId: string, options: Partial<CallOptions> = {}) => call({ method: 'PUT', path: `/api/users/${userId}/actions/key/reset`, headers: asAdmin, ...options });

  it('gives the user a new key: the old one is refused at once, the new one works', async () => {
    const user = await addUser({ user_permissions: { users: 'read' } });
    expect((await call({ path: '/api/users', headers: withKey(user.access_key) })).status).toBe(200);
    // No body at all, as the Go SDK sends it.
    const response = await resetKey(user.id);
    expect([response.status, response.body]).toEqual([200, { Status: 'OK', Message: 'User session renewed', Meta: null }]);
    const renewed = (await call({ path: `/api/users/${user.id}`, headers: asAdmin })).body;
    expect(renewed.access_key).toMatch(/^[0-9a-f]{32}$/);
    expect(renewed.access_key).not.toBe(user.access_key);
    expect(await call({ path: '/api/users', headers: withKey(user.access_key) })).toMatchObject({ status: 401, body: NOT_AUTHORISED });
    expect((await call({ path: '/api/users', headers: withKey(`Bearer ${renewed.access_key}`) })).status).toBe(200);
  });

  it('revokes the configured key when it resets the Dashboard admin\'s own session', async () => {
    expect((await resetKey(DASHBOARD_ADMIN_ID)).status).toBe(200);
    expect(await call({ path: '/api/users', headers: asAdmin })).toMatchObject({ status: 401, body: NOT_AUTHORISED });
    const renewed = (await call({ path: `/api/users/${DASHBOARD_ADMIN_ID}`, headers: withKey(JOHN.key) })).body;
    expect((await call({ path: '/api/users', headers: withKey(renewed.access_key) })).status).toBe(200);
  });

  it('takes the user from the path, whatever the optional body says', async () => {
    const response = await resetKey(TEST_USER.id, { json: { userId: JOHN.id } });
    expect(response.status).toBe(200);
    expect((await call({ path: `/api/users/${TEST_USER.id}`, headers: asAdmin })).body.access_key).not.toBe(TEST_USER.key);
    expect((await call({ path: `/api/users/${JOHN.id}`, headers: asAdmin })).body.access_key).toBe(JOHN.key);
    const wrongType = await resetKey(TEST_USER.id, { json: { userId: 5 } });
    expect([wrongType.status, wrongType.body.Status]).toEqual([400, 'Error']);
    expect(wrongType.body.Message).toContain('userId must be string');
  });

  it('answers 404 for an unknown id', async () => {
    expect(await resetKey('000000000000000000000000')).toMatchObject({ status: 404, body: USER_NOT_FOUND });
  });
});

describe('allowResetPasswords and disallowResetPasswords (admin-auth)', () => {
  const admin = (action: 'allow' | 'disallow', userId: string, headers: Record<string, string> = { 'admin-auth': ADMIN_SECRET }) =>
    call({ method: 'PUT', path: `/admin/users/${userId}/actions/${action}_reset_passwords`, headers });

  it('grants and withdraws ResetPassword and answers the user after the change in Meta', async () => {
    const allowed = await admin('allow', TEST_USER.id);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ Status: 'OK', Message: 'User updated', Meta: { id: TEST_USER.id, user_permissions: { user_groups: 'read', users: 'read', ResetPassword: 'admin' } } });
    expect((await call({ path: `/api/users/${TEST_USER.id}`, headers: asAdmin })).body.user_permissions).toEqual({ user_groups: 'read', users: 'read', ResetPassword: 'admin' });
    // Twice is the same as once.
    expect((await admin('allow', TEST_USER.id)).body.Meta.user_permissions).toEqual({ user_groups: 'read', users: 'read', ResetPassword: 'admin' });

    const disallowed = await admin('disallow', JOHN.id);
    expect(disallowed.body).toMatchObject({ Status: 'OK', Message: 'User updated', Meta: { id: JOHN.id, user_permissions: { IsAdmin: 'admin' } } });
    expect(disallowed.body.Meta.user_permissions).not.toHaveProperty('ResetPassword');
    expect((await admin('disallow', JOHN.id)).status).toBe(200);
  });

  it('refuses a missing or wrong admin secret with 401 and ignores authorization, even an admin key', async () => {
    const refused: Array<Record<string, string>> = [{}, { 'admin-auth': 'wrong' }, { 'admin-auth': '' }, { authorization: ACCESS_KEY }, { authorization: ACCESS_KEY, 'admin-auth': 'N/A' }];
    for (const headers of refused) {
      expect(await admin('allow', TEST_USER.id, headers)).toMatchObject({ status: 401, body: NOT_AUTHORISED });
      expect(await admin('disallow', JOHN.id, headers)).toMatchObject({ status: 401, body: NOT_AUTHORISED });
    }
    expect((await admin('allow', TEST_USER.id, { authorization: 'nonsense', 'admin-auth': ADMIN_SECRET })).status).toBe(200);
    expect((await call({ path: `/api/users/${JOHN.id}`, headers: asAdmin })).body.user_permissions).toEqual({ IsAdmin: 'admin', ResetPassword: 'admin' });
  });

  it('answers 404 for an unknown id', async () => {
    expect(await admin('allow', '000000000000000000000000')).toMatchObject({ status: 404, body: USER_NOT_FOUND });
    expect(await admin('disallow', '000000000000000000000000')).toMatchObject({ status: 404, body: USER_NOT_FOUND });
  });
});

describe('the permission matrix: every operation for every kind of caller', () => {
  type Level = 'read' | 'write' | 'admin-auth';
  interface Operation {
    operationId: string;
    level: Level;
    request(targetId: string): CallOptions;
  }
  const OPERATIONS: Operation[] = [
    { operationId: 'listUsers', level: 'read', request: () => ({ path: '/api/users' }) },
    { operationId: 'getUser', level: 'read', request: (id) => ({ path: `/api/users/${id}` }) },
    { operationId: 'createUser', level: 'write', request: () => ({ method: 'POST', path: '/api/users', json: { email_address: uniqueEmail('matrix') } }) },
    { operationId: 'updateUser', level: 'write', request: (id) => ({ method: 'PUT', path: `/api/users/${id}`, json: { last_name: 'Changed' } }) },
    { operationId: 'deleteUser', level: 'write', request: (id) => ({ method: 'DELETE', path: `/api/users/${id}` }) },
    // Another user's password: write (one's own needs only read; see setUserPassword above).
    { operationId: 'setUserPassword', level: 'write', request: (id) => ({ method: 'POST', path: `/api/users/${id}/actions/reset`, json: { new_password: 'matrix-pass' } }) },
    { operationId: 'resetUserSession', level: 'write', request: (id) => ({ method: 'PUT', path: `/api/users/${id}/actions/key/reset` }) },
    { operationId: 'allowResetPasswords', level: 'admin-auth', request: (id) => ({ method: 'PUT', path: `/admin/users/${id}/actions/allow_reset_passwords` }) },
    { operationId: 'disallowResetPasswords', level: 'admin-auth', request: (id) => ({ method: 'PUT', path: `/admin/users/${id}/actions/disallow_reset_passwords` }) },
    { operationId: 'createAdminUser', level: 'admin-auth', request: () => ({ method: 'POST', path: '/admin/users', json: { email_address: uniqueEmail('matrix') } }) },
    { operationId: 'getAdminUser', level: 'admin-auth', request: (id) => ({ path: `/admin/users/${id}` }) },
    { operationId: 'updateAdminUser', level: 'admin-auth', request: (id) => ({ method: 'PUT', path: `/admin/users/${id}`, json: { last_name: 'Changed' } }) },
  ];
  clearPasswords.add('matrix-pass');

  it('covers every operation of the spec, at the level its x-tyk-permission declares for acting on another user', () => {
    const declared: Record<string, Level> = {};
    for (const pathItem of Object.values(loadSpecDocument('tyk').paths ?? {})) {
      for (const operation of Object.values(pathItem ?? {})) {
        if (typeof operation !== 'object' || operation === null || !('operationId' in operation)) continue;
        const permission = (operation as unknown as { 'x-tyk-permission': { via: string; level?: Level; otherUserLevel?: Level } })['x-tyk-permission'];
        declared[operation.operationId as string] = permission.via === 'admin-auth' ? 'admin-auth' : (permission.otherUserLevel ?? permission.level!);
      }
    }
    expect(Object.fromEntries(OPERATIONS.map((operation) => [operation.operationId, operation.level]))).toEqual(declared);
  });

  type Outcome = 'allowed' | 401 | 403;
  interface Caller {
    name: string;
    /** The headers it sends, once the users it needs exist. */
    headers(keys: { writer: string; none: string }): Record<string, string>;
    outcome(level: Level): Outcome;
  }
  const apiOnly = (outcome: (level: Exclude<Level, 'admin-auth'>) => Outcome) => (level: Level): Outcome => (level === 'admin-auth' ? 401 : outcome(level));
  const CALLERS: Caller[] = [
    { name: 'the configured admin key, raw', headers: () => ({ authorization: ACCESS_KEY }), outcome: apiOnly(() => 'allowed') },
    { name: 'the configured admin key, Bearer', headers: () => ({ authorization: `Bearer ${ACCESS_KEY}` }), outcome: apiOnly(() => 'allowed') },
    { name: 'John Smith (IsAdmin), "bearer" in lower case', headers: () => ({ authorization: `bearer ${JOHN.key}` }), outcome: apiOnly(() => 'allowed') },
    { name: 'a users: write user, Bearer', headers: (keys) => ({ authorization: `Bearer ${keys.writer}` }), outcome: apiOnly(() => 'allowed') },
    { name: 'a users: write user, raw', headers: (keys) => ({ authorization: keys.writer }), outcome: apiOnly(() => 'allowed') },
    { name: 'Test User (users: read), raw', headers: () => ({ authorization: TEST_USER.key }), outcome: apiOnly((level) => (level === 'read' ? 'allowed' : 403)) },
    { name: 'Test User (users: read), Bearer', headers: () => ({ authorization: `Bearer ${TEST_USER.key}` }), outcome: apiOnly((level) => (level === 'read' ? 'allowed' : 403)) },
    { name: 'a user with no users permission', headers: (keys) => ({ authorization: keys.none }), outcome: apiOnly(() => 403) },
    { name: 'no key', headers: () => ({}), outcome: () => 401 },
    { name: 'an empty Bearer', headers: () => ({ authorization: 'Bearer ' }), outcome: () => 401 },
    { name: 'a wrong key', headers: () => ({ authorization: '00000000000000000000000000000000' }), outcome: () => 401 },
    { name: 'a wrong key, Bearer', headers: () => ({ authorization: 'Bearer 00000000000000000000000000000000' }), outcome: () => 401 },
    { name: 'the admin secret alone', headers: () => ({ 'admin-auth': ADMIN_SECRET }), outcome: (level) => (level === 'admin-auth' ? 'allowed' : 401) },
  ];

  describe.each(CALLERS)('$name', (caller) => {
    it.each(OPERATIONS)('$operationId', async (operation) => {
      const writer = await addUser({ user_permissions: { users: 'write' } });
      const none = await addUser({ user_permissions: { user_groups: 'write', apis: 'write' } });
      const target = await addUser();
      const response = await call({ ...operation.request(target.id), headers: caller.headers({ writer: writer.access_key, none: none.access_key }) });
      const expected = caller.outcome(operation.level);
      if (expected === 'allowed') expect(response.status, response.text).toBe(200);
      else expect([response.status, response.body]).toEqual([expected, expected === 401 ? NOT_AUTHORISED : ACCESS_DENIED]);
      // A refusal changes nothing.
      if (expected !== 'allowed') expect((await call({ path: `/api/users/${target.id}`, headers: asAdmin })).body).toEqual(target);
    });
  });
});

describe('the empty seed', () => {
  beforeEach(() => mock.reset(['tyk'], 'empty'));

  it('has no users but still accepts the configured key as a Dashboard admin, who can add the first one', async () => {
    expect((await call({ path: '/api/users', headers: asAdmin })).body).toEqual({ users: [], pages: 0 });
    expect((await call({ path: '/api/users', query: { p: '1' }, headers: asAdmin })).body).toEqual({ users: [], pages: 0 });
    expect((await call({ path: '/api/users', headers: withKey(JOHN.key) })).status).toBe(401);
    const first = await addUser({ email_address: 'first@example.com', user_permissions: { users: 'write' } });
    expect(first.org_id).toBe(ORG_ID);
    expect((await listAll()).map((user) => user.email_address)).toEqual(['first@example.com']);
    expect((await call({ path: '/api/users', headers: withKey(`Bearer ${first.access_key}`) })).status).toBe(200);
    expect((await call({ path: `/api/users/${DASHBOARD_ADMIN_ID}`, headers: asAdmin })).status).toBe(404);
  });
});

describe('refusals before an operation is reached, in the Tyk shape', () => {
  it('answers an unknown path 404 and a wrong method 405 with Allow', async () => {
    const unknown = await call({ path: '/api/users/x/actions/unknown', headers: asAdmin });
    expect([unknown.status, unknown.body.Status, unknown.body.Meta]).toEqual([404, 'Error', null]);
    const wrongMethod = await call({ method: 'PUT', path: `/api/users/${JOHN.id}/actions/reset`, headers: asAdmin, json: { new_password: 'x' } });
    expect([wrongMethod.status, wrongMethod.headers['allow'], wrongMethod.body.Status]).toEqual([405, 'POST', 'Error']);
  });

  it('owns /api/users and /admin, never vaa\'s /api/v2', () => {
    for (const path of ['/api/users', '/api/users/x', '/admin/users/x/actions/allow_reset_passwords', '/admin/organisations']) expect(tyk.ownsPath(path), path).toBe(true);
    for (const path of ['/api/v2/users', '/api/usersx', '/api', '/cxrestapi/auth/Users']) expect(tyk.ownsPath(path), path).toBe(false);
  });

  it('names the access key and the admin secret at start-up', () => {
    const lines = tyk.describeCredentials({ ...DEFAULT_SETTINGS, tyk: { accessKey: 'key-1', adminSecret: 'secret-1' } }).join('\n');
    expect(lines).toContain('key-1');
    expect(lines).toContain('secret-1');
  });
});

describe('configured credentials and a state file', () => {
  const settings = { ...DEFAULT_SETTINGS, tyk: { accessKey: 'configured-key-1', adminSecret: 'configured-secret-1' } };

  it('uses the configured key and secret instead of the samples\' ones', async () => {
    const other = await startTestMock({ apis: ['tyk'], settings });
    try {
      expect((await other.call('tyk', { path: '/api/users', headers: withKey('Bearer configured-key-1') })).status).toBe(200);
      expect((await other.call('tyk', { path: '/api/users', headers: asAdmin })).status).toBe(401);
      const allow = (secret: string) => other.call('tyk', { method: 'PUT', path: `/admin/users/${TEST_USER.id}/actions/allow_reset_passwords`, headers: { 'admin-auth': secret } });
      expect((await allow(ADMIN_SECRET)).status).toBe(401);
      expect((await allow('configured-secret-1')).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('refuses to start when the configured key is a documented user\'s', async () => {
    await expect(startTestMock({ apis: ['tyk'], settings: { ...settings, tyk: { ...settings.tyk, accessKey: JOHN.key } } })).rejects.toThrow(/already a documented user's/);
  });

  it('keeps users, passwords, keys and revocations across a restart', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'tyk-mock-')), 'state.json');
    try {
      let other = await startTestMock({ apis: ['tyk'], stateFile });
      await other.call('tyk', { method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: 'kept@example.com', password: 'Passw0rd123', user_permissions: { users: 'read' } } });
      const listed = (await other.call('tyk', { path: '/api/users', headers: asAdmin })).body.users as User[];
      const kept = listed.find((user) => user.email_address === 'kept@example.com')!;
      await other.call('tyk', { method: 'PUT', path: `/api/users/${TEST_USER.id}/actions/key/reset`, headers: asAdmin });
      await other.close();
      // On disk the password is a salted hash, never the clear text (whatever files the state is kept in).
      const onDisk = readdirSync(dirname(stateFile)).map((name) => readFileSync(join(dirname(stateFile), name)).toString('latin1')).join('\n');
      expect(onDisk).not.toContain('Passw0rd123');
      expect(onDisk).toMatch(/\$pbkdf2-sha256\$i=\d+\$/);

      other = await startTestMock({ apis: ['tyk'], stateFile });
      try {
        expect((await other.call('tyk', { path: `/api/users/${kept.id}`, headers: withKey(kept.access_key) })).body).toEqual(kept);
        expect((await other.call('tyk', { path: '/api/users', headers: withKey(TEST_USER.key) })).status).toBe(401);
        const duplicate = await other.call('tyk', { method: 'POST', path: '/api/users', headers: asAdmin, json: { email_address: 'KEPT@example.com' } });
        expect(duplicate.status).toBe(403);
        const wrong = await other.call('tyk', { method: 'POST', path: `/api/users/${kept.id}/actions/reset`, headers: asAdmin, json: { new_password: 'x' } });
        expect(wrong.status).toBe(400);
        const right = await other.call('tyk', { method: 'POST', path: `/api/users/${kept.id}/actions/reset`, headers: asAdmin, json: { current_password: 'Passw0rd123', new_password: 'N3wPassw0rd' } });
        expect(right.status).toBe(200);
      } finally {
        await other.close();
      }
    } finally {
      rmSync(dirname(stateFile), { recursive: true, force: true });
    }
  });
});

describe('no password in any response', () => {
  // Runs last (vitest keeps file order): every response above was recorded.
  it('never answers a password sent in clear, nor a `password` field (quirk password-hash-returned)', () => {
    expect(responses.length).toBeGreaterThan(300);
    const problems: string[] = [];
    const walk = (value: unknown, where: string): void => {
      if (typeof value === 'string' && clearPasswords.has(value)) problems.push(`${where}: a clear password`);
      if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${where}[${index}]`));
      else if (typeof value === 'object' && value !== null) {
        for (const [key, item] of Object.entries(value)) {
          if (key === 'password') problems.push(`${where}.password: ${JSON.stringify(item)}`);
          walk(item, `${where}.${key}`);
        }
      }
    };
    for (const response of responses) walk(response.body, `${response.status} ${response.operationId ?? '-'}`);
    expect(problems).toEqual([]);
  });
});
