// The tyk mock over real HTTP: every documented sample replayed verbatim in document order against the
// seeded mock, each with its documented answer and its documented change of the state.
import { describe, expect, it } from 'vitest';
import type { User } from '../../specs/types/tyk.ts';
import { loadFixtures, type Fixture } from '../../fixtures/index.ts';
import { DEFAULT_SETTINGS } from '../../mock/server.ts';
import type { CallOptions, CheckedResponse } from '../support/mock.ts';
import { ACCESS_KEY, ADMIN_SECRET, DASHBOARD_ADMIN_ID, JOHN, ORG_ID, SAMPLE_USER_ID, TEST_USER, USER_NOT_FOUND, asAdmin, checkNoPasswordInAnyResponse, tykTestMock } from '../support/tyk-test-mock.ts';

const testMock = tykTestMock();
const { call, listAll, userByEmail, hasPassword } = testMock;

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

checkNoPasswordInAnyResponse(testMock, 10);
