// The checkmarx mock's paths over real HTTP: real clients spell them in any case, and every operation is
// served under any spelling of its static segments.
import { describe, expect, it } from 'vitest';
import { loadSpecDocument } from '../../specs/load.ts';
import { checkmarx } from '../../mock/apis/checkmarx/index.ts';
import { ADMIN, checkmarxTestMock, idFromLocation, newUser, passwordGrant } from '../support/checkmarx-test-mock.ts';

const { call, login } = checkmarxTestMock();

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
