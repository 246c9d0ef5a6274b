// The tyk mock's permission matrix over real HTTP: every operation for every kind of caller, at the level
// the spec's x-tyk-permission declares.
import { describe, expect, it } from 'vitest';
import { loadSpecDocument } from '../../specs/load.ts';
import type { CallOptions } from '../support/mock.ts';
import { ACCESS_DENIED, ACCESS_KEY, ADMIN_SECRET, JOHN, NOT_AUTHORISED, TEST_USER, asAdmin, checkNoPasswordInAnyResponse, tykTestMock } from '../support/tyk-test-mock.ts';

const testMock = tykTestMock();
const { call, clearPasswords, uniqueEmail, addUser } = testMock;

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
    // Another user's password: write (one's own needs only read; see setUserPassword in tyk-passwords-and-keys.test.ts).
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

checkNoPasswordInAnyResponse(testMock, 300);
