// The vaa mock over real HTTP: every documented example, then each operation's error paths.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFixtures, loadTestData } from '../../fixtures/index.ts';
import { startTestMock, type TestMock } from '../support/mock.ts';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9[...]';
const auth = { 'x-lxt-api-token': TOKEN };
let mock: TestMock;

beforeAll(async () => {
  mock = await startTestMock({ apis: ['vaa'] });
});
afterAll(async () => {
  expect(mock.server.violations).toEqual([]);
  await mock.close();
});
beforeEach(() => mock.reset());

const users = (path = '/api/v2/users') => ({ path, headers: auth });

describe('the documented examples, replayed in document order against the seeded mock', () => {
  // The document's examples form one story (add, add again, modify, deactivate, reactivate, delete,
  // delete again), so they run in order on one state: each answer is the documented one.
  it('answers every curl command with the documented status and body', async () => {
    const fixtures = loadFixtures('vaa');
    expect(fixtures.length).toBeGreaterThan(10);
    const seen = new Set<string>();
    for (const fixture of fixtures) {
      // Each "or" variant repeats its sibling: run one variant per documented title on a fresh story step.
      const key = `${fixture.operationId}/${fixture.title}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const response = await mock.call('vaa', {
        method: fixture.request.method,
        path: fixture.request.path,
        query: fixture.request.query,
        headers: fixture.request.headers,
        ...(fixture.request.body !== null ? { body: JSON.stringify(fixture.request.body) } : {}),
      });
      expect.soft(response.status, fixture.id).toBe(fixture.response.status);
      const documented = fixture.response.body as { status: number; message: string; data: unknown };
      expect.soft(response.body.status, fixture.id).toBe(documented.status);
      expect.soft(response.body.message, fixture.id).toBe(documented.message);
      expect.soft(Array.isArray(response.body.data), fixture.id).toBe(Array.isArray(documented.data));
      if (Array.isArray(documented.data)) expect.soft(response.body.data.length, fixture.id).toBe(documented.data.length);
    }
  });

  it('reads the test_data files as JSON even though curl -d labels them as a form', async () => {
    const [add] = loadTestData('vaa').filter((data) => data.name === 'v2users.add.user1');
    const response = await mock.call('vaa', { method: 'POST', path: '/api/v2/users', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body: JSON.stringify(add!.json) });
    expect(response.status).toBe(200);
    expect(response.body.data[0]).toMatchObject({ userId: 'testuser1', email: 'testuser1@test.com', status: 'active', customerId: '1234' });
  });
});

describe('listUsers', () => {
  it('filters by email and by userId, and answers 400 "User(s) not found." when nothing matches', async () => {
    expect((await mock.call('vaa', { ...users(), query: { email: 'tset' } })).body.data.map((user: { userId: string }) => user.userId)).toEqual(['test']);
    expect((await mock.call('vaa', { ...users(), query: { userId: 'loc' } })).body.data.map((user: { email: string }) => user.email)).toEqual(['test']);
    const both = await mock.call('vaa', { ...users(), query: { userId: 'loc', email: 'tset' } });
    expect([both.status, both.body]).toEqual([400, { status: 400, message: 'User(s) not found.', data: [] }]);
  });

  it('refuses a missing or unknown token with 403 in the envelope', async () => {
    expect((await mock.call('vaa', { path: '/api/v2/users' })).status).toBe(403);
    const wrong = await mock.call('vaa', { path: '/api/v2/users', headers: { 'x-lxt-api-token': 'nope' } });
    expect([wrong.status, wrong.body.status, wrong.body.data]).toEqual([403, 403, []]);
  });
});

describe('createUser, updateUser, deactivate, reactivate, deleteUser', () => {
  const newUser = { userId: 'ada', email: 'ada@example.com', password: 'secret-1', firstName: 'Ada', lastName: 'Lovelace' };

  it('creates a user that the next GET returns, never with its password', async () => {
    const created = await mock.call('vaa', { ...users(), method: 'POST', json: newUser });
    expect(created.status).toBe(200);
    expect(created.body.data).toHaveLength(1);
    expect(created.text).not.toContain('secret-1');
    const listed = await mock.call('vaa', { ...users(), query: { userId: 'ada' } });
    expect(listed.body.data[0]).toMatchObject({ userId: 'ada', email: 'ada@example.com', firstName: 'Ada', status: 'active', id: created.body.data[0].id });
    expect(listed.text).not.toContain('secret-1');
    const again = await mock.call('vaa', { ...users(), method: 'POST', json: newUser });
    expect([again.status, again.body.message]).toEqual([400, 'User already exists.']);
  });

  it('modifies only the given fields and answers HTTP 200 with body status 201 and data an object', async () => {
    await mock.call('vaa', { ...users(), method: 'POST', json: newUser });
    const updated = await mock.call('vaa', { ...users(), method: 'PUT', json: { userId: 'ada', email: 'ada@changed', lastName: 'King' } });
    expect([updated.status, updated.body.status, updated.body.message]).toEqual([200, 201, 'Success']);
    expect(updated.body.data).toMatchObject({ userId: 'ada', email: 'ada@changed', firstName: 'Ada', lastName: 'King' });
    const listed = await mock.call('vaa', { ...users(), query: { userId: 'ada' } });
    expect(listed.body.data[0]).toMatchObject({ email: 'ada@changed', firstName: 'Ada', lastName: 'King' });
  });

  it('deactivates and reactivates', async () => {
    await mock.call('vaa', { ...users(), method: 'POST', json: newUser });
    const deactivated = await mock.call('vaa', { ...users('/api/v2/users/deactivate'), method: 'PUT', json: { userId: 'ada', email: 'ada@example.com' } });
    expect([deactivated.status, deactivated.body.status, deactivated.body.data.status]).toEqual([200, 201, 'inactive']);
    expect((await mock.call('vaa', { ...users(), query: { userId: 'ada' } })).body.data[0].status).toBe('inactive');
    const reactivated = await mock.call('vaa', { ...users('/api/v2/users/reactivate'), method: 'PUT', json: { userId: 'ada', email: 'ada@example.com' } });
    expect(reactivated.body.data.status).toBe('active');
  });

  it('answers 404 "Invalid user" for modifying, (de|re)activating or deleting an unknown user', async () => {
    for (const path of ['/api/v2/users', '/api/v2/users/deactivate', '/api/v2/users/reactivate']) {
      const response = await mock.call('vaa', { ...users(path), method: 'PUT', json: { userId: 'nobody', email: 'x' } });
      expect([response.status, response.body]).toEqual([404, { status: 404, message: 'Invalid user', data: [] }]);
    }
    const deleted = await mock.call('vaa', { ...users(), method: 'DELETE', json: { userId: 'nobody', email: 'x' } });
    expect([deleted.status, deleted.body.message]).toEqual([404, 'Invalid user']);
  });

  it('deletes: the user is gone, and a second delete is 404', async () => {
    await mock.call('vaa', { ...users(), method: 'POST', json: newUser });
    const deleted = await mock.call('vaa', { ...users(), method: 'DELETE', json: newUser });
    expect([deleted.status, deleted.body]).toEqual([200, { status: 201, message: 'Success', data: [] }]);
    expect((await mock.call('vaa', { ...users(), query: { userId: 'ada' } })).status).toBe(400);
    expect((await mock.call('vaa', { ...users(), method: 'DELETE', json: newUser })).status).toBe(404);
  });

  it('creates customers from customerId / customerName and returns customerName on later GETs', async () => {
    await mock.call('vaa', { ...users(), method: 'POST', json: { ...newUser, customerId: '1234', customerName: 'Customer A' } });
    expect((await mock.call('vaa', { ...users(), query: { userId: 'ada' } })).body.data[0]).toMatchObject({ customerId: '1234', customerName: 'Customer A' });
    // Same customerId: the existing customer, renamed by a non-empty customerName.
    await mock.call('vaa', { ...users(), method: 'POST', json: { userId: 'bob', email: 'bob@example.com', customerId: '1234' } });
    expect((await mock.call('vaa', { ...users(), query: { userId: 'bob' } })).body.data[0]).toMatchObject({ customerId: '1234', customerName: 'Customer A' });
    await mock.call('vaa', { ...users(), method: 'PUT', json: { userId: 'bob', email: 'bob@example.com', customerId: '1234', customerName: 'Customer B' } });
    expect((await mock.call('vaa', { ...users(), query: { userId: 'ada' } })).body.data[0].customerName).toBe('Customer B');
  });

  it('names what is wrong with an invalid body, in the envelope', async () => {
    const missing = await mock.call('vaa', { ...users(), method: 'POST', json: { userId: 'x' } });
    expect([missing.status, missing.body.status]).toEqual([400, 400]);
    expect(missing.body.message).toContain('email');
    const wrongType = await mock.call('vaa', { ...users(), method: 'POST', json: { userId: 5, email: 'x' } });
    expect(wrongType.body.message).toContain('userId');
  });
});

describe('login', () => {
  it('issues a token (multipart or urlencoded) that then authenticates, and refuses wrong credentials', async () => {
    const form = new FormData();
    form.set('username', 'lxt_api_user');
    form.set('password', 'lxt_api_password');
    const multipart = new Response(form);
    const login = await mock.call('vaa', {
      method: 'POST',
      path: '/api/v2/login',
      headers: { 'content-type': multipart.headers.get('content-type')! },
      body: Buffer.from(await multipart.arrayBuffer()),
    });
    expect(login.status).toBe(200);
    expect(login.body.token).toMatch(/^eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9\.[\w-]+\.[\w-]+$/);
    expect((await mock.call('vaa', { path: '/api/v2/users', headers: { 'x-lxt-api-token': login.body.token } })).status).toBe(200);

    const urlencoded = await mock.call('vaa', { method: 'POST', path: '/api/v2/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=lxt_api_user&password=lxt_api_password' });
    expect(urlencoded.status).toBe(200);
    const wrong = await mock.call('vaa', { method: 'POST', path: '/api/v2/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=lxt_api_user&password=nope' });
    expect(wrong.status).toBe(403);
  });
});
