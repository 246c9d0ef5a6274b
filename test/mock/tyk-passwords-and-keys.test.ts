// The tyk mock's key and password rules over real HTTP: Set User Password (who may set whose, and when
// the current password is needed), Reset User Session (a new key, the old one refused at once), and the
// admin actions that grant and withdraw ResetPassword.
import { describe, expect, it } from 'vitest';
import type { CallOptions } from '../support/mock.ts';
import { ACCESS_DENIED, ACCESS_KEY, ADMIN_SECRET, DASHBOARD_ADMIN_ID, JOHN, NOT_AUTHORISED, SAMPLE_USER_ID, TEST_USER, USER_NOT_FOUND, asAdmin, checkNoPasswordInAnyResponse, tykTestMock, withKey } from '../support/tyk-test-mock.ts';

const testMock = tykTestMock();
const { call, clearPasswords, hasPassword, addUser } = testMock;

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

checkNoPasswordInAnyResponse(testMock, 30);
