// What the test files of the checkmarx mock (test/mock/checkmarx-*.test.ts) share: the token endpoint's
// clients and the seeded credentials, one mock per file reset before each test, logging in, and adding
// and reading users. Every answer is checked against the spec by mock.ts; the tests check the values.
import { beforeEach, expect } from 'vitest';
import { DEFAULT_SETTINGS } from '../../mock/server.ts';
import type { CreateUserModel, User } from '../../specs/types/checkmarx.ts';
import { mockForFile } from './file-mock.ts';
import type { CallOptions, CheckedResponse, TestMock } from './mock.ts';

export const TOKEN_PATH = '/cxrestapi/auth/identity/connect/token';
export const USERS = '/cxrestapi/auth/Users';
export const CLIENT = { client_id: 'resource_owner_client', client_secret: '014DF517-39D1-4453-B7B3-9930C563627C' };
export const ADMIN = { username: DEFAULT_SETTINGS.checkmarx.username, password: DEFAULT_SETTINGS.checkmarx.password };
export const MARCI = { username: DEFAULT_SETTINGS.checkmarx.limitedUsername, password: DEFAULT_SETTINGS.checkmarx.limitedPassword };
/** The addresses the mock seeds instead of the document's anti-spam placeholders. */
export const SEEDED_EMAILS: Record<number, string> = { 1: 'inbal.mon@example.com', 10: 'marci.mar@example.com' };

export const passwordGrant = (credentials: { username: string; password: string }): Record<string, string> => ({
  ...credentials,
  grant_type: 'password',
  scope: 'sast_rest_api access_control_api',
  ...CLIENT,
});

export function newUser(overrides: Partial<CreateUserModel> = {}): CreateUserModel {
  return { username: 'ada', password: 'Passw0rd!123', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', ...overrides };
}

export function idFromLocation(location: string | undefined): number {
  const path = new URL(location ?? '').pathname;
  expect(path).toMatch(/^\/cxrestapi\/auth\/Users\/\d+$/);
  return Number(path.split('/').at(-1));
}

export interface CheckmarxTestMock {
  mock: TestMock;
  call(options: CallOptions): Promise<CheckedResponse>;
  requestToken(fields: Record<string, string>, headers?: Record<string, string>): Promise<CheckedResponse>;
  /** The Authorization header of a fresh token for these credentials. */
  login(credentials?: { username: string; password: string }): Promise<Record<string, string>>;
  /** Adds the user and answers its id, from the Location of the 201. */
  createUser(auth: Record<string, string>, body?: unknown): Promise<number>;
  getUser(auth: Record<string, string>, id: number): Promise<User>;
}

/** Call at the top level of a test file. */
export function checkmarxTestMock(): CheckmarxTestMock {
  const mock = mockForFile({ apis: ['checkmarx'] });
  beforeEach(() => mock.reset());

  const call = (options: CallOptions): Promise<CheckedResponse> => mock.call('checkmarx', options);

  function requestToken(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<CheckedResponse> {
    return call({ method: 'POST', path: TOKEN_PATH, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
  }

  async function login(credentials = ADMIN): Promise<Record<string, string>> {
    const response = await requestToken(passwordGrant(credentials));
    expect(response.status, `login as ${credentials.username}`).toBe(200);
    return { authorization: `Bearer ${response.body.access_token}` };
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

  return { mock, call, requestToken, login, createUser, getUser };
}
