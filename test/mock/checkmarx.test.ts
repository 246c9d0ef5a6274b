// The checkmarx mock over real HTTP: every documented example, each operation's success and error paths,
// the token endpoint (the real clients' recordings are replayed in real-clients.test.ts). Every answer is
// checked against the spec by test/support/mock.ts; these tests check the values.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadFixtures } from '../../fixtures/index.ts';
import { loadSpecDocument } from '../../specs/load.ts';
import { checkmarx } from '../../mock/apis/checkmarx/index.ts';
import { DEFAULT_SETTINGS } from '../../mock/server.ts';
import type { CreateUserModel, User } from '../../specs/types/checkmarx.ts';
import { startTestMock, type CallOptions, type CheckedResponse, type TestMock } from '../support/mock.ts';

const TOKEN_PATH = '/cxrestapi/auth/identity/connect/token';
const USERS = '/cxrestapi/auth/Users';
const CLIENT = { client_id: 'resource_owner_client', client_secret: '014DF517-39D1-4453-B7B3-9930C563627C' };
const ADMIN = { username: DEFAULT_SETTINGS.checkmarx.username, password: DEFAULT_SETTINGS.checkmarx.password };
const MARCI = { username: DEFAULT_SETTINGS.checkmarx.limitedUsername, password: DEFAULT_SETTINGS.checkmarx.limitedPassword };
/** The addresses the mock seeds instead of the document's anti-spam placeholders. */
const SEEDED_EMAILS: Record<number, string> = { 1: 'inbal.mon@example.com', 10: 'marci.mar@example.com' };

let mock: TestMock;

beforeAll(async () => {
  mock = await startTestMock({ apis: ['checkmarx'] });
});
afterAll(async () => {
  expect(mock.server.violations).toEqual([]);
  await mock.close();
});
beforeEach(() => mock.reset());

const call = (options: CallOptions): Promise<CheckedResponse> => mock.call('checkmarx', options);

function requestToken(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<CheckedResponse> {
  return call({ method: 'POST', path: TOKEN_PATH, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
}

const passwordGrant = (credentials: { username: string; password: string }): Record<string, string> => ({
  ...credentials,
  grant_type: 'password',
  scope: 'sast_rest_api access_control_api',
  ...CLIENT,
});

/** The Authorization header of a fresh token for these credentials. */
async function login(credentials = ADMIN): Promise<Record<string, string>> {
  const response = await requestToken(passwordGrant(credentials));
  expect(response.status, `login as ${credentials.username}`).toBe(200);
  return { authorization: `Bearer ${response.body.access_token}` };
}

function newUser(overrides: Partial<CreateUserModel> = {}): CreateUserModel {
  return { username: 'ada', password: 'Passw0rd!123', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', ...overrides };
}

function idFromLocation(location: string | undefined): number {
  const path = new URL(location ?? '').pathname;
  expect(path).toMatch(/^\/cxrestapi\/auth\/Users\/\d+$/);
  return Number(path.split('/').at(-1));
}

async function createUser(auth: Record<string, string>, body: unknown = newUser()): Promise<number> {
  const response = await call({ method: 'POST', path: USERS, headers: auth, json: body });
  expect(response.status, response.text).toBe(201);
  return idFromLocation(response.headers['location']);
}

async function getUser(auth: Record<string, string>, id: number): Promise<User> {
  const response = await call({ path: `${USERS}/${id}`, headers: auth });
  expect(response.status).toBe(200);
  return response.body as User;
}

/** The documented body with the seeded addresses in place of the document's placeholders. */
function withSeededEmails(documented: unknown): unknown {
  const fix = (user: User): User => ({ ...user, email: SEEDED_EMAILS[user.id] ?? user.email });
  return Array.isArray(documented) ? documented.map(fix) : fix(documented as User);
}

describe('the documented examples, in document order, on one state', () => {
  it('answers each with the documented status and body; the ids come from the create', async () => {
    const auth = await login();
    const fixtures = loadFixtures('checkmarx');
    expect(fixtures.map((fixture) => fixture.operationId)).toEqual(['listUsers', 'createUser', 'getUser', 'updateUser', 'deleteUser', 'migrateUser']);
    let createdId: number | undefined;
    for (const fixture of fixtures) {
      // The document gives no concrete id: the sample GET shows user 1, update and delete act on the created user.
      const id = fixture.operationId === 'getUser' ? 1 : createdId;
      const headers = { ...fixture.request.headers, authorization: auth['authorization']! };
      const response = await call({
        method: fixture.request.method,
        path: fixture.request.path.replace('{id}', String(id)),
        headers,
        ...(fixture.request.body !== null ? { body: JSON.stringify(fixture.request.body) } : {}),
      });
      expect(response.status, fixture.id).toBe(fixture.response.status);
      if (fixture.response.body !== null) expect(response.body, fixture.id).toEqual(withSeededEmails(fixture.response.body));
      else expect(response.text, fixture.id).toBe('');

      if (fixture.operationId === 'createUser') {
        createdId = idFromLocation(response.headers['location']);
        expect(await getUser(auth, createdId)).toMatchObject({ userName: 'bob', firstName: 'Bob', active: true, expirationDate: '2030-01-01T00:00:00Z', allowedIpList: [] });
      }
      if (fixture.operationId === 'updateUser') {
        expect(await getUser(auth, createdId!)).toMatchObject({ userName: 'bob', firstName: 'Bobby', roleIds: [1, 2], country: 'US', active: false, expirationDate: '2031-01-01T00:00:00Z' });
      }
      if (fixture.operationId === 'deleteUser') expect((await call({ path: `${USERS}/${createdId}`, headers: auth })).status).toBe(404);
      if (fixture.operationId === 'migrateUser') {
        const migrated = await getUser(auth, idFromLocation(response.headers['location']));
        expect(migrated).toMatchObject({ userName: 'carol', email: 'c@example.com', roleIds: [1], active: true });
        expect(migrated).not.toHaveProperty('creationDate');
      }
    }
  });
});

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

describe('listUsers and getUser', () => {
  it('lists the users as an array in the versioned media type, never with a password', async () => {
    const auth = await login();
    await createUser(auth);
    const response = await call({ path: USERS, headers: { ...auth, accept: '*/*' } });
    expect(response.headers['content-type']).toBe('application/json;v=1.0');
    expect((response.body as User[]).map((user) => user.userName)).toEqual(['admin', 'Marci', 'ada']);
    expect(response.text).not.toMatch(/password|Passw0rd|Admin123|\$2[aby]\$/i);
  });

  it('answers 404 for an unknown id and 400 naming `id` for one that is not an integer', async () => {
    const auth = await login();
    const unknown = await call({ path: `${USERS}/999`, headers: auth });
    expect([unknown.status, unknown.body.messageCode]).toEqual([404, 404]);
    expect(unknown.body.messageDetails).toContain('999');
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await call({ method, path: `${USERS}/abc`, headers: auth, ...(method === 'PUT' ? { json: {} } : {}) });
      expect([response.status, response.body.messageCode], method).toEqual([400, 400]);
      expect(response.body.messageDetails, method).toMatch(/\bid\b.*integer/);
    }
  });

  it('refuses an API version it does not have with 406', async () => {
    const response = await call({ path: USERS, headers: { ...(await login()), accept: 'application/json;v=2.0' } });
    expect([response.status, response.body.messageCode]).toEqual([406, 406]);
  });
});

describe('createUser', () => {
  it('answers 201 with no body and a Location that GETs the new user, as stored', async () => {
    const auth = await login();
    const response = await call({ method: 'POST', path: USERS, headers: auth, json: newUser({ roleIds: null, teamIds: [1, 11], active: 'false', allowedIpList: null, phoneNumber: '+1 555 0100', country: 'UK' }) });
    expect([response.status, response.text]).toEqual([201, '']);
    const location = response.headers['location']!;
    expect(location).toBe(`${mock.url}${USERS}/11`);
    const fetched = await call({ path: new URL(location).pathname, headers: auth });
    expect(fetched.body).toEqual({
      id: 11,
      userName: 'ada',
      lastLoginDate: null,
      roleIds: [],
      teamIds: [1, 11],
      authenticationProviderId: 1,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phoneNumber: '+1 555 0100',
      cellPhoneNumber: null,
      jobTitle: null,
      other: null,
      country: 'UK',
      active: false,
      expirationDate: null,
      allowedIpList: [],
      localeId: 1,
    });
  });

  it('stores "true"/"false" and booleans as booleans, and dates as date-times', async () => {
    const auth = await login();
    const cases: Array<[Partial<CreateUserModel>, Partial<User>]> = [
      [{ active: 'true', expirationDate: '2030-01-01' }, { active: true, expirationDate: '2030-01-01T00:00:00Z' }],
      [{ active: false, expirationDate: '2099-07-30 12:00:00' }, { active: false, expirationDate: '2099-07-30T12:00:00Z' }],
      [{ active: true, expirationDate: '2021-03-04T07:55:58.0201439Z' }, { active: true, expirationDate: '2021-03-04T07:55:58.0201439Z' }],
      [{ expirationDate: '2030-06-01T10:00:00+0200' }, { active: true, expirationDate: '2030-06-01T10:00:00+02:00' }],
      [{ expirationDate: '' }, { expirationDate: null }],
    ];
    for (const [index, [given, stored]] of cases.entries()) {
      const id = await createUser(auth, newUser({ username: `user${index}`, ...given }));
      expect(await getUser(auth, id), JSON.stringify(given)).toMatchObject(stored);
    }
  });

  it('accepts JSON sent without a Content-Type, and the versioned one', async () => {
    const auth = await login();
    const bare = await call({ method: 'POST', path: USERS, headers: auth, body: Buffer.from(JSON.stringify(newUser())) });
    expect(bare.status).toBe(201);
    const versioned = await call({ method: 'POST', path: USERS, headers: { ...auth, 'content-type': 'application/json;v=1.0' }, json: newUser({ username: 'bob' }) });
    expect(versioned.status).toBe(201);
  });

  it('refuses a user name already taken under the same provider (any case), not under another', async () => {
    const auth = await login();
    await createUser(auth);
    for (const username of ['ada', 'ADA', 'admin']) {
      const duplicate = await call({ method: 'POST', path: USERS, headers: auth, json: newUser({ username }) });
      expect([duplicate.status, duplicate.body.messageCode], username).toEqual([400, 400]);
      expect(duplicate.body.messageDetails).toContain(`'${username === 'ADA' ? 'ada' : username}'`);
    }
    // facts.md: the same userName may exist under two authentication providers.
    const id = await createUser(auth, newUser({ authenticationProviderId: 3 }));
    expect((await getUser(auth, id)).authenticationProviderId).toBe(3);
    expect(((await call({ path: USERS, headers: auth })).body as User[]).filter((user) => user.userName === 'ada')).toHaveLength(2);
  });

  it('refuses invalid bodies with 400 naming the field', async () => {
    const auth = await login();
    const { email: _email, ...withoutEmail } = newUser();
    const invalid: Array<[unknown, string]> = [
      [withoutEmail, 'email'],
      [{ ...newUser(), roleIds: ['admin'] }, 'roleIds'],
      [{ ...newUser(), teamIds: 1 }, 'teamIds'],
      [{ ...newUser(), active: 'yes' }, 'active'],
      [{ ...newUser(), localeId: 'en' }, 'localeId'],
      [{ ...newUser(), username: 7 }, 'username'],
      [newUser({ expirationDate: 'next year' }), 'expirationDate'],
      [newUser({ expirationDate: '2030-02-30' }), 'expirationDate'],
      [newUser({ password: 'password' }), 'password'],
      [newUser({ password: 'Sh0rt!' }), 'password'],
    ];
    for (const [body, field] of invalid) {
      const response = await call({ method: 'POST', path: USERS, headers: auth, json: body });
      expect([response.status, response.body.messageCode], field).toEqual([400, 400]);
      expect(response.body.messageDetails, field).toContain(field);
    }
    const notJson = await call({ method: 'POST', path: USERS, headers: { ...auth, 'content-type': 'application/json' }, body: '{"username": ' });
    expect([notJson.status, notJson.body.messageCode]).toEqual([400, 400]);
    expect(((await call({ path: USERS, headers: auth })).body as User[]).length).toBe(2);
  });

  it('gives integer ids that are never reused', async () => {
    const auth = await login();
    const first = await createUser(auth);
    expect((await call({ method: 'DELETE', path: `${USERS}/${first}`, headers: auth })).status).toBe(204);
    const second = await createUser(auth);
    expect(Number.isInteger(first) && first > 10).toBe(true);
    expect(second).toBeGreaterThan(first);
  });
});

describe('updateUser', () => {
  it('sets the fields given, keeps the absent ones, clears optional ones given as null, and answers 204 without a body', async () => {
    const auth = await login();
    const id = await createUser(auth, newUser({ roleIds: [2], teamIds: [1], phoneNumber: '123', jobTitle: 'Engineer', country: 'UK', expirationDate: '2030-01-01', allowedIpList: ['10.0.0.1'], localeId: 2 }));
    const response = await call({ method: 'PUT', path: `${USERS}/${id}`, headers: auth, json: { lastName: 'King', phoneNumber: null, roleIds: null, expirationDate: '2031-05-06 07:08:09', firstName: null, localeId: null } });
    expect([response.status, response.text]).toEqual([204, '']);
    expect(await getUser(auth, id)).toEqual({
      id,
      userName: 'ada',
      lastLoginDate: null,
      roleIds: [],
      teamIds: [1],
      authenticationProviderId: 1,
      firstName: 'Ada',
      lastName: 'King',
      email: 'ada@example.com',
      phoneNumber: null,
      cellPhoneNumber: null,
      jobTitle: 'Engineer',
      other: null,
      country: 'UK',
      active: true,
      expirationDate: '2031-05-06T07:08:09Z',
      allowedIpList: ['10.0.0.1'],
      localeId: 2,
    });
  });

  it("ignores what updateUserModel does not have: the SDK's username, password, authenticationProviderId, creationDate", async () => {
    const auth = await login();
    const id = await createUser(auth);
    const body = { username: 'mallory', password: 'N3w-Password', authenticationProviderId: 3, creationDate: '2001-01-01', email: 'ada@changed.example' };
    expect((await call({ method: 'PUT', path: `${USERS}/${id}`, headers: auth, json: body })).status).toBe(204);
    const user = await getUser(auth, id);
    expect(user).toMatchObject({ userName: 'ada', authenticationProviderId: 1, email: 'ada@changed.example' });
    expect(user).not.toHaveProperty('creationDate');
    expect((await requestToken(passwordGrant({ username: 'ada', password: 'Passw0rd!123' }))).status).toBe(200);
    expect((await requestToken(passwordGrant({ username: 'ada', password: 'N3w-Password' }))).status).toBe(400);
  });

  it('answers 404 for an unknown user and 400 naming the field for an invalid body', async () => {
    const auth = await login();
    const unknown = await call({ method: 'PUT', path: `${USERS}/999`, headers: auth, json: { firstName: 'x' } });
    expect([unknown.status, unknown.body.messageCode]).toEqual([404, 404]);
    for (const [body, field] of [[{ active: 'maybe' }, 'active'], [{ teamIds: ['x'] }, 'teamIds'], [{ expirationDate: 'never' }, 'expirationDate'], [{ email: 5 }, 'email']] as const) {
      const response = await call({ method: 'PUT', path: `${USERS}/1`, headers: auth, json: body });
      expect([response.status, response.body.messageCode], field).toEqual([400, 400]);
      expect(response.body.messageDetails, field).toContain(field);
    }
    expect(await getUser(auth, 1)).toMatchObject({ active: true, teamIds: [1, 11, 12], expirationDate: '2021-03-04T07:55:58.0201439Z', email: SEEDED_EMAILS[1] });
  });
});

describe('deleteUser', () => {
  it('answers 204 without a body; the user is gone and a second delete is 404', async () => {
    const auth = await login();
    const id = await createUser(auth);
    const deleted = await call({ method: 'DELETE', path: `${USERS}/${id}`, headers: { ...auth, 'content-type': 'application/json;v=1.0' } });
    expect([deleted.status, deleted.text]).toEqual([204, '']);
    expect((await call({ path: `${USERS}/${id}`, headers: auth })).status).toBe(404);
    expect(((await call({ path: USERS, headers: auth })).body as User[]).map((user) => user.id)).toEqual([1, 10]);
    const again = await call({ method: 'DELETE', path: `${USERS}/${id}`, headers: auth });
    expect([again.status, again.body.messageCode]).toEqual([404, 404]);
  });
});

describe('migrateUser', () => {
  it('creates the user (201, Location) with an integer or string creationDate, and refuses a duplicate or an invalid body', async () => {
    const auth = await login();
    for (const [username, creationDate] of [['carol', '2020-01-01'], ['dave', 1577836800], ['erin', null]] as const) {
      const response = await call({ method: 'POST', path: `${USERS}/migration`, headers: auth, json: { ...newUser({ username }), creationDate } });
      expect([response.status, response.text], username).toEqual([201, '']);
      expect((await getUser(auth, idFromLocation(response.headers['location']))).userName).toBe(username);
    }
    const duplicate = await call({ method: 'POST', path: `${USERS}/migration`, headers: auth, json: newUser({ username: 'Carol' }) });
    expect([duplicate.status, duplicate.body.messageCode]).toEqual([400, 400]);
    expect(duplicate.body.messageDetails).toContain('carol');
    const invalid = await call({ method: 'POST', path: `${USERS}/migration`, headers: auth, json: { ...newUser({ username: 'frank' }), creationDate: true } });
    expect([invalid.status, invalid.body.messageCode]).toEqual([400, 400]);
    expect(invalid.body.messageDetails).toContain('creationDate');
  });
});

describe('Teams and AuthenticationProviders', () => {
  it('lists the seeded teams and providers the SDK looks up (team "/CxServer", provider "Application")', async () => {
    const auth = await login(MARCI);
    const teams = await call({ path: '/cxrestapi/auth/Teams', headers: auth });
    expect(teams.body).toContainEqual({ id: 1, name: 'CxServer', fullName: '/CxServer', parentId: 0 });
    expect((teams.body as Array<{ id: number }>).map((team) => team.id)).toEqual([1, 11, 12, 18]);
    const providers = await call({ path: '/cxrestapi/auth/AuthenticationProviders', headers: auth });
    expect(providers.body).toContainEqual({ id: 1, name: 'Application', providerId: 1, providerType: 'Application', isExternal: false, active: true });
    expect((providers.body as Array<{ id: number }>).map((provider) => provider.id)).toEqual([1, 3]);
    expect((await call({ path: '/cxrestapi/auth/Teams' })).status).toBe(401);
    expect((await call({ path: '/cxrestapi/auth/AuthenticationProviders' })).status).toBe(401);
  });
});

describe('paths are matched case-insensitively', () => {
  it('serves every operation under any spelling of its static segments', async () => {
    const auth = await login();
    const token = await call({ method: 'POST', path: '/CxRestAPI/Auth/Identity/Connect/Token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(passwordGrant(ADMIN)).toString() });
    expect(token.status).toBe(200);
    expect((await call({ path: '/CxRestAPI/auth/Users', headers: auth })).body).toHaveLength(2);
    expect((await call({ path: '/CXRESTAPI/AUTH/USERS/10', headers: auth })).body.userName).toBe('Marci');
    expect((await call({ path: '/cxrestapi/auth/teams', headers: auth })).status).toBe(200);
    expect((await call({ path: '/cxrestapi/AUTH/authenticationproviders', headers: auth })).status).toBe(200);
    // 'migration' keeps its case here: test/support/mock.ts would check a differently spelled one against
    // GET /Users/{id} (see the unit test below for the mock's own mapping).
    const migrated = await call({ method: 'POST', path: '/CxRestAPI/AUTH/Users/migration', headers: auth, json: newUser() });
    expect(migrated.status).toBe(201);
    const id = idFromLocation(migrated.headers['location']);
    expect((await call({ method: 'PUT', path: `/cxRestApi/Auth/uSeRs/${id}`, headers: auth, json: { jobTitle: 'x' } })).status).toBe(204);
    expect((await call({ method: 'DELETE', path: `/CxRestAPI/auth/Users/${id}`, headers: auth })).status).toBe(204);
  });

  it('maps each spec path, in any case, onto its template, the static one before /Users/{id}', () => {
    const document = loadSpecDocument('checkmarx') as unknown as { paths: Record<string, unknown> };
    const templates = Object.keys(document.paths);
    expect(templates).toHaveLength(6);
    for (const template of templates) {
      const concrete = template.replace('{id}', '42');
      const shouted = concrete.toUpperCase();
      expect(checkmarx.ownsPath(shouted), template).toBe(true);
      expect(checkmarx.toSpecPath(shouted), template).toBe(concrete);
      expect(checkmarx.toSpecPath(concrete.toLowerCase()), template).toBe(concrete);
    }
    expect(checkmarx.toSpecPath('/CXRESTAPI/AUTH/USERS/MIGRATION')).toBe('/cxrestapi/auth/Users/migration');
    expect(checkmarx.ownsPath('/api/v2/users')).toBe(false);
    expect(checkmarx.toSpecPath('/CxRestAPI/auth/Nope')).toBe('/CxRestAPI/auth/Nope');
  });

  it('answers an unknown path under /cxrestapi with 404 in the error model', async () => {
    const response = await call({ path: '/CxRestAPI/auth/Roles', headers: await login() });
    expect([response.status, response.body.messageCode]).toEqual([404, 404]);
  });
});

describe("the 'empty' seed", () => {
  it('has no users, no Marci, and still lets the configured admin log in and manage users', async () => {
    await mock.reset(['checkmarx'], 'empty');
    const auth = await login();
    expect((await call({ path: USERS, headers: auth })).body).toEqual([]);
    expect((await requestToken(passwordGrant(MARCI))).status).toBe(400);
    const id = await createUser(auth);
    expect(id).toBe(1);
    expect(((await call({ path: USERS, headers: auth })).body as User[]).map((user) => user.userName)).toEqual(['ada']);
    expect((await call({ path: '/cxrestapi/auth/Teams', headers: auth })).body).toHaveLength(4);
  });
});

describe('state', () => {
  it('serialises writes: of two concurrent creates of one name, exactly one succeeds', async () => {
    const auth = await login();
    const answers = await Promise.all([0, 1, 2].map(() => call({ method: 'POST', path: USERS, headers: auth, json: newUser() })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 400, 400]);
    expect(((await call({ path: USERS, headers: auth })).body as User[]).filter((user) => user.userName === 'ada')).toHaveLength(1);
  });

  it('keeps users, the id counter and issued tokens across a restart on a state file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'userapi-checkmarx-'));
    const stateFile = join(directory, 'state.json');
    try {
      const first = await startTestMock({ apis: ['checkmarx'], stateFile });
      let auth: Record<string, string>;
      try {
        const token = await first.call('checkmarx', { method: 'POST', path: TOKEN_PATH, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(passwordGrant(ADMIN)).toString() });
        auth = { authorization: `Bearer ${token.body.access_token}` };
        const created = await first.call('checkmarx', { method: 'POST', path: USERS, headers: auth, json: newUser() });
        expect(idFromLocation(created.headers['location'])).toBe(11);
      } finally {
        await first.close();
      }

      const second = await startTestMock({ apis: ['checkmarx'], stateFile });
      try {
        const users = await second.call('checkmarx', { path: USERS, headers: auth });
        expect([users.status, (users.body as User[]).map((user) => user.userName)]).toEqual([200, ['admin', 'Marci', 'ada']]);
        const next = await second.call('checkmarx', { method: 'POST', path: USERS, headers: auth, json: newUser({ username: 'bob' }) });
        expect(idFromLocation(next.headers['location'])).toBe(12);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
