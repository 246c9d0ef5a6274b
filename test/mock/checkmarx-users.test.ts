// The checkmarx mock's Users operations over real HTTP, each with its success and error paths, and the
// Teams and AuthenticationProviders lists the SDK looks up.
import { describe, expect, it } from 'vitest';
import type { CreateUserModel, User } from '../../specs/types/checkmarx.ts';
import { MARCI, SEEDED_EMAILS, USERS, checkmarxTestMock, idFromLocation, newUser, passwordGrant } from '../support/checkmarx-test-mock.ts';

const { mock, call, requestToken, login, createUser, getUser } = checkmarxTestMock();

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
