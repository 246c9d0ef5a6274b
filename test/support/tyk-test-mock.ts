// What the test files of the tyk mock (test/mock/tyk-*.test.ts, under the document's profile) share: the
// samples' credentials and seeded users, the Tyk refusals they expect, and one mock per file, reset to
// the document's seed before each test, whose every response is recorded so that the file can prove at
// its end that none carried a password.
import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../specs/types/tyk.ts';
import { mockForFile } from './file-mock.ts';
import type { CallOptions, CheckedResponse, TestMock } from './mock.ts';

// What the samples send; the mock's defaults must be these for the samples to work verbatim.
export const ACCESS_KEY = '7a7b140f-2480-4d5a-4e78-24049e3ba7f8';
export const ADMIN_SECRET = '12345';
export const ORG_ID = '54b53d3aeba6db5c35000002';
export const JOHN = { id: '54b53d4bf25b920f09361526', key: '0cf5e6c37add465a406f19807c081765', email: 'john.smith@example.com' };
export const TEST_USER = { id: '54bd0ad9ff4329b88985aafb', key: 'f81ee6f0c8f2467d539c132c8a422346', email: 'test.user@example.com' };
export const SAMPLE_USER_ID = '54c25e845d932847067402e2';
export const DASHBOARD_ADMIN_ID = '54b53d3aeba6db5c35000010';

export const NOT_AUTHORISED = { Status: 'Error', Message: 'Not authorised', Meta: null };
export const ACCESS_DENIED = { Status: 'Error', Message: 'access denied: You do not have permission to access /api/users', Meta: null };
export const USER_NOT_FOUND = { Status: 'Error', Message: 'Could not retrieve user detail.', Meta: null };

export const withKey = (key: string) => ({ authorization: key });
export const asAdmin = withKey(ACCESS_KEY);

export interface TykTestMock {
  mock: TestMock;
  /** Every response of the file, to prove no clear password ever leaves the mock. */
  responses: CheckedResponse[];
  /** The passwords the file's tests send; a test that sends another adds it. */
  clearPasswords: Set<string>;
  call(options: CallOptions): Promise<CheckedResponse>;
  listAll(): Promise<User[]>;
  userByEmail(email: string): Promise<User>;
  uniqueEmail(name?: string): string;
  /**
   * Whether `password` is the user's password, through the API (no answer shows a stored password): Set
   * User Password to the same password with it as `current_password` succeeds only when it matches.
   */
  hasPassword(userId: string, password: string): Promise<boolean>;
  /** Adds a user with the admin key and returns it as the list answers it (Add User answers no id). */
  addUser(fields?: Record<string, unknown>): Promise<User>;
}

/** Call at the top level of a test file. */
export function tykTestMock(): TykTestMock {
  const mock = mockForFile({ apis: ['tyk'] });
  beforeEach(() => mock.reset(['tyk'], 'documents'));
  const responses: CheckedResponse[] = [];
  const clearPasswords = new Set(['thisisatest', 'test123456', '12345', 'N3wPassw0rd', 'Passw0rd123']);

  async function call(options: CallOptions): Promise<CheckedResponse> {
    const response = await mock.call('tyk', options);
    responses.push(response);
    return response;
  }

  async function listAll(): Promise<User[]> {
    const response = await call({ path: '/api/users', headers: asAdmin });
    expect(response.status).toBe(200);
    return response.body.users;
  }

  async function userByEmail(email: string): Promise<User> {
    const user = (await listAll()).find((candidate) => candidate.email_address === email);
    if (!user) throw new Error(`no user ${email}`);
    return user;
  }

  let uniqueCounter = 0;
  const uniqueEmail = (name = 'user') => `${name}.${++uniqueCounter}@example.com`;

  async function hasPassword(userId: string, password: string): Promise<boolean> {
    const response = await call({ method: 'POST', path: `/api/users/${userId}/actions/reset`, headers: asAdmin, json: { current_password: password, new_password: password } });
    expect([200, 403], response.text).toContain(response.status);
    return response.status === 200;
  }

  async function addUser(fields: Record<string, unknown> = {}): Promise<User> {
    const email = (fields['email_address'] as string | undefined) ?? uniqueEmail();
    const created = await call({ method: 'POST', path: '/api/users', headers: asAdmin, json: { first_name: 'New', last_name: 'User', active: true, ...fields, email_address: email } });
    expect(created.status, created.text).toBe(200);
    return userByEmail(email);
  }

  return { mock, responses, clearPasswords, call, listAll, userByEmail, uniqueEmail, hasPassword, addUser };
}

/**
 * Call at the end of the test file, so that the check runs last (vitest keeps file order) and every
 * response above was recorded. `moreThan`: the responses the file's tests are known to send at the
 * least; with no more recorded, they did not go through the recording `call` and the check proves nothing.
 */
export function checkNoPasswordInAnyResponse({ responses, clearPasswords }: TykTestMock, moreThan: number): void {
  describe('no password in any response', () => {
    it('never answers a password sent in clear, nor a `password` field (quirk password-hash-returned)', () => {
      expect(responses.length).toBeGreaterThan(moreThan);
      const problems: string[] = [];
      const walk = (value: unknown, where: string): void => {
        if (typeof value === 'string' && clearPasswords.has(value)) problems.push(`${where}: a clear password`);
        if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${where}[${index}]`));
        else if (typeof value === 'object' && value !== null) {
          for (const [key, item] of Object.entries(value)) {
            if (key === 'password') problems.push(`${where}.password: ${JSON.stringify(item)}`);
            walk(item, `${where}.${key}`);
          }
        }
      };
      for (const response of responses) walk(response.body, `${response.status} ${response.operationId ?? '-'}`);
      expect(problems).toEqual([]);
    });
  });
}
