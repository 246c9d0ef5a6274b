// The checkmarx mock's token endpoint and its bearer tokens over real HTTP: which requests get a token,
// which credentials a request is refused for (401), and what a user without 'Manage Users' may do (403).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../specs/types/checkmarx.ts';
import type { CallOptions } from '../support/mock.ts';
import { ADMIN, CLIENT, MARCI, TOKEN_PATH, USERS, checkmarxTestMock, newUser, passwordGrant } from '../support/checkmarx-test-mock.ts';

const { call, requestToken, login, createUser, getUser } = checkmarxTestMock();

describe('requestToken', () => {
  it('answers a Bearer token for a day that then authenticates, for both documented clients', async () => {
    const token = await requestToken(passwordGrant(ADMIN));
    expect(token.status).toBe(200);
    expect(token.body).toEqual({ access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), token_type: 'Bearer', expires_in: 86400 });
    expect((await call({ path: USERS, headers: { authorization: `Bearer ${token.body.access_token}` } })).status).toBe(200);

    const sastClient = await requestToken({ ...passwordGrant(ADMIN), client_id: 'resource_owner_sast_client', scope: 'access_control_api sast_api' });
    expect(sastClient.status).toBe(200);
    expect(sastClient.body.access_token).not.toBe(token.body.access_token);
  });

  it('takes the client as HTTP Basic credentials too', async () => {
    const basic = Buffer.from(`${CLIENT.client_id}:${CLIENT.client_secret}`).toString('base64');
    const response = await requestToken({ ...ADMIN, grant_type: 'password' }, { authorization: `Basic ${basic}` });
    expect(response.status).toBe(200);
  });

  it('refuses bad credentials with 400 invalid_grant / invalid_username_or_password', async () => {
    const expected = { error: 'invalid_grant', error_description: 'invalid_username_or_password' };
    for (const credentials of [{ ...ADMIN, password: 'Admin123?' }, { username: 'nobody', password: ADMIN.password }, { ...MARCI, password: ADMIN.password }]) {
      const response = await requestToken(passwordGrant(credentials));
      expect([response.status, response.body], credentials.username).toEqual([400, expected]);
    }
    const withoutPassword = await requestToken({ username: 'admin', grant_type: 'password', ...CLIENT });
    expect([withoutPassword.status, withoutPassword.body]).toEqual([400, expected]);
  });

  it('refuses another grant type with unsupported_grant_type', async () => {
    for (const grantType of ['client_credentials', 'authorization_code']) {
      const response = await requestToken({ ...passwordGrant(ADMIN), grant_type: grantType });
      expect([response.status, response.body.error]).toEqual([400, 'unsupported_grant_type']);
    }
    const { grant_type: _omitted, ...withoutGrantType } = passwordGrant(ADMIN);
    expect((await requestToken(withoutGrantType)).body.error).toBe('unsupported_grant_type');
  });

  it('refuses an unknown client, a wrong secret or no client with invalid_client', async () => {
    const unknownClient = await requestToken({ ...passwordGrant(ADMIN), client_id: 'cxsast_client' });
    expect([unknownClient.status, unknownClient.body.error]).toEqual([400, 'invalid_client']);
    const wrongSecret = await requestToken({ ...passwordGrant(ADMIN), client_secret: '00000000-0000-0000-0000-000000000000' });
    expect([wrongSecret.status, wrongSecret.body.error]).toEqual([400, 'invalid_client']);
    const noClient = await requestToken({ ...ADMIN, grant_type: 'password' });
    expect([noClient.status, noClient.body.error]).toEqual([400, 'invalid_client']);
  });

  it('matches the user name case-insensitively, and refuses a JSON body with 415', async () => {
    expect((await requestToken(passwordGrant({ ...ADMIN, username: 'ADMIN' }))).status).toBe(200);
    const json = await call({ method: 'POST', path: TOKEN_PATH, json: passwordGrant(ADMIN) });
    expect([json.status, json.body.messageCode]).toEqual([415, 415]);
  });

  it('lets a new user log in with the password they were created with', async () => {
    const id = await createUser(await login(), newUser({ roleIds: [2] }));
    const auth = await login({ username: 'ada', password: 'Passw0rd!123' });
    expect((await getUser(auth, id)).userName).toBe('ada');
    expect((await requestToken(passwordGrant({ username: 'ada', password: 'wrong' }))).status).toBe(400);
  });
});

describe('authentication and permissions', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers 401 without a body to a missing, unknown or non-Bearer credential', async () => {
    const auth = await login();
    const refused: Array<Record<string, string>> = [{}, { authorization: 'Bearer not-a-token' }, { authorization: `Basic ${auth['authorization']!.slice(7)}` }, { authorization: auth['authorization']!.slice(7) }];
    for (const headers of refused) {
      const response = await call({ path: USERS, headers });
      expect([response.status, response.text], JSON.stringify(headers)).toEqual([401, '']);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('takes the Bearer scheme in any case', async () => {
    const token = (await login())['authorization']!.slice('Bearer '.length);
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) expect((await call({ path: USERS, headers: { authorization: `${scheme} ${token}` } })).status).toBe(200);
  });

  it('refuses a token once it has expired', async () => {
    const auth = await login();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 86_399_000);
    expect((await call({ path: USERS, headers: auth })).status).toBe(200);
    vi.setSystemTime(Date.now() + 2_000);
    const expired = await call({ path: USERS, headers: auth });
    expect([expired.status, expired.text]).toEqual([401, '']);
  });

  it("stops a deleted or deactivated user's tokens, and their logins", async () => {
    const admin = await login();
    const adaId = await createUser(admin, newUser({ roleIds: [1] }));
    const bobId = await createUser(admin, newUser({ username: 'bob', email: 'bob@example.com' }));
    const ada = await login({ username: 'ada', password: 'Passw0rd!123' });
    const bob = await login({ username: 'bob', password: 'Passw0rd!123' });

    expect((await call({ method: 'PUT', path: `${USERS}/${adaId}`, headers: admin, json: { active: 'false' } })).status).toBe(204);
    expect((await call({ path: USERS, headers: ada })).status).toBe(401);
    expect((await requestToken(passwordGrant({ username: 'ada', password: 'Passw0rd!123' }))).status).toBe(400);
    expect((await call({ method: 'PUT', path: `${USERS}/${adaId}`, headers: admin, json: { active: true } })).status).toBe(204);
    expect((await call({ path: USERS, headers: ada })).status).toBe(200);

    expect((await call({ method: 'DELETE', path: `${USERS}/${bobId}`, headers: admin })).status).toBe(204);
    expect((await call({ path: USERS, headers: bob })).status).toBe(401);
  });

  it("refuses every write of a user without 'Manage Users' with 403 and no body, and changes nothing", async () => {
    const marci = await login(MARCI);
    const writes: CallOptions[] = [
      { method: 'POST', path: USERS, json: newUser() },
      { method: 'PUT', path: `${USERS}/1`, json: { firstName: 'Mallory' } },
      { method: 'DELETE', path: `${USERS}/1` },
      { method: 'POST', path: `${USERS}/migration`, json: newUser({ username: 'carol' }) },
      // Refused before the body is judged: an invalid body is still 403.
      { method: 'POST', path: USERS, json: { username: 5 } },
    ];
    for (const write of writes) {
      const response = await call({ ...write, headers: marci });
      expect([response.status, response.text], `${write.method} ${write.path}`).toEqual([403, '']);
    }
    const users = (await call({ path: USERS, headers: marci })).body as User[];
    expect(users.map((user) => [user.id, user.userName, user.firstName])).toEqual([[1, 'admin', 'Inbal'], [10, 'Marci', 'Marci']]);
  });

  it('lets a user without Manage Users read, and a role change takes effect on the next request', async () => {
    const marci = await login(MARCI);
    for (const path of [USERS, `${USERS}/1`, '/cxrestapi/auth/Teams', '/cxrestapi/auth/AuthenticationProviders']) expect((await call({ path, headers: marci })).status, path).toBe(200);
    expect((await call({ method: 'PUT', path: `${USERS}/10`, headers: await login(), json: { roleIds: [2, 1] } })).status).toBe(204);
    expect((await call({ method: 'PUT', path: `${USERS}/10`, headers: marci, json: { jobTitle: 'Reviewer' } })).status).toBe(204);
    expect((await getUser(marci, 10)).jobTitle).toBe('Reviewer');
  });
});
