// The tyk mock as configured over real HTTP: the empty seed, the refusals before an operation is reached,
// configured credentials, and a state file across a restart (the real clients' recordings are replayed
// in real-clients.test.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../specs/types/tyk.ts';
import { tyk } from '../../mock/apis/tyk/index.ts';
import { DEFAULT_SETTINGS } from '../../mock/server.ts';
import { startTestMock } from '../support/mock.ts';
import { ADMIN_SECRET, DASHBOARD_ADMIN_ID, JOHN, ORG_ID, TEST_USER, asAdmin, checkNoPasswordInAnyResponse, tykTestMock, withKey } from '../support/tyk-test-mock.ts';

const testMock = tykTestMock();
const { mock, call, listAll, addUser } = testMock;

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

checkNoPasswordInAnyResponse(testMock, 5);
