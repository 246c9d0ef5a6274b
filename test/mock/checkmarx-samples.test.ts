// The checkmarx mock over real HTTP: every documented example, in document order on one state, with its
// documented status and body.
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../fixtures/index.ts';
import type { User } from '../../specs/types/checkmarx.ts';
import { SEEDED_EMAILS, USERS, checkmarxTestMock, idFromLocation } from '../support/checkmarx-test-mock.ts';

const { call, login, getUser } = checkmarxTestMock();

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
