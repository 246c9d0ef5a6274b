// The checkmarx mock's 'empty' seed and its state over real HTTP: concurrent writes, and users, the id
// counter and issued tokens kept across a restart on a state file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { User } from '../../specs/types/checkmarx.ts';
import { startTestMock } from '../support/mock.ts';
import { ADMIN, MARCI, TOKEN_PATH, USERS, checkmarxTestMock, idFromLocation, newUser, passwordGrant } from '../support/checkmarx-test-mock.ts';

const { mock, call, requestToken, login, createUser } = checkmarxTestMock();

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
