// Every recorded real client (fixtures/real-clients/) against the mock as it starts with no flags: each
// recording's requests over real HTTP, in their recorded order, with the recording's placeholders made
// real (its credentials become the mock's defaults, its ids the ones the client learns from earlier
// answers), and each answer checked against what that client accepts (test/support/real-clients.ts), on
// top of the spec check every answer gets (test/support/mock.ts). Then the Tyk clients against
// `userapi mock --profile tyk-5.8`, a real process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRealClientRecordings, type RealClientRecording } from '../../fixtures/index.ts';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { call, type CallOptions, type CheckedResponse } from '../support/mock.ts';
import { mockForFile } from '../support/file-mock.ts';
import { killAll, startMockProcess, type MockProcess } from '../support/cli.ts';
import { checkmarxSuccessStatus, goSdkAnswerProblems, goSdkUserProblems, replayHeaders, tykScriptsUserProblems } from '../support/real-clients.ts';

const recordings = new Map(loadRealClientRecordings().map((recording) => [recording.name, recording]));
const recording = (name: string): RealClientRecording => recordings.get(name) ?? expect.fail(`no recording ${name}`);
const ACCESS_KEY = DEFAULT_SETTINGS.tyk.accessKey;

type Send = (options: CallOptions) => Promise<CheckedResponse>;
interface Replayed {
  method: string;
  path: string;
  response: CheckedResponse;
}

/**
 * Replays a Tyk recording. ACCESSKEY123 is the mock's default key; u1 the first user of the first list
 * the client reads; u3 (and key-u3) the user the client created last, as it learns it: from Add User's
 * `Meta` when that is the new id (Dashboard 5.8), otherwise by its address in the list (the document's
 * Add User answers no id); from the admin create's `Meta.id` and `Message` (its access key).
 */
async function replayTyk(send: Send, name: string): Promise<Replayed[]> {
  const values = new Map([['ACCESSKEY123', ACCESS_KEY]]);
  const substitute = (text: string): string =>
    text.replace(/\b(ACCESSKEY123|key-u3|u3|u1)\b/g, (placeholder) => values.get(placeholder) ?? expect.fail(`${name}: ${placeholder} is used before the client could know it`));
  const replayed: Replayed[] = [];
  for (const request of recording(name).requests) {
    const url = new URL(substitute(request.path), 'http://recording.invalid');
    const response = await send({ method: request.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: replayHeaders(request, substitute), ...(request.body === '' ? {} : { body: substitute(request.body) }) });
    replayed.push({ method: request.method, path: url.pathname, response });
    if (request.method === 'GET' && url.pathname === '/api/users' && !values.has('u1')) values.set('u1', response.body.users[0].id);
    if (request.method === 'POST' && url.pathname === '/api/users' && response.status === 200) values.set('u3', await createdId(send, response, JSON.parse(request.body).email_address));
    if (request.method === 'POST' && url.pathname === '/admin/users' && response.status === 200) values.set('u3', response.body.Meta.id).set('key-u3', response.body.Message);
  }
  return replayed;
}

async function createdId(send: Send, created: CheckedResponse, email: string): Promise<string> {
  if (typeof created.body.Meta === 'string' && created.body.Meta !== '') return created.body.Meta;
  const listed = await send({ path: '/api/users', headers: { authorization: ACCESS_KEY } });
  return listed.body.users.find((user: { email_address: string }) => user.email_address === email).id;
}

const statuses = (replayed: readonly Replayed[]): number[] => replayed.map(({ response }) => response.status);

/** The Go SDK: every call a success to it, every user in every answer decodable with unknown fields disallowed. */
function expectGoSdkAccepts(replayed: readonly Replayed[]): void {
  expect(statuses(replayed)).toEqual([200, 200, 200, 200, 200, 200, 200]);
  expect(replayed.flatMap(({ method, path, response }) => goSdkAnswerProblems(response, `${method} ${path}`))).toEqual([]);
  expect(replayed[2]!.response.body).toMatchObject({ first_name: 'Bob', last_name: 'B', email_address: 'bob@example.com', active: true, user_permissions: { users: 'write' } });
}

/** tyk-scripts' admin flow: the admin create answers the new user's key and id, and that key sets its first password. */
async function expectAdminFlowWorks(send: Send, replayed: readonly Replayed[]): Promise<void> {
  const created = replayed.find(({ method, path }) => method === 'POST' && path === '/admin/users')!.response;
  expect(created.status).toBe(200);
  expect(created.body.Message).toBe(created.body.Meta.access_key);
  expect(created.body.Meta).toMatchObject({ first_name: 'Tyk', last_name: 'Admin', email_address: 'root@example.com', user_permissions: { ResetPassword: 'admin', IsAdmin: 'admin' } });
  const passwordSet = replayed[replayed.indexOf(replayed.find(({ response }) => response === created)!) + 1]!;
  expect([passwordSet.path, passwordSet.response.status]).toEqual([`/api/users/${created.body.Meta.id}/actions/reset`, 200]);
  // The new admin's key works, and its password is the one the script set (changing it needs it).
  const asNewAdmin = { authorization: created.body.Message };
  expect((await send({ path: '/api/users', headers: asNewAdmin })).status).toBe(200);
  expect((await send({ method: 'POST', path: `/api/users/${created.body.Meta.id}/actions/reset`, headers: asNewAdmin, json: { current_password: 'Passw0rd123', new_password: 'An0ther-Pass' } })).status).toBe(200);
}

describe('the mock with no flags (the document profile)', () => {
  const mock = mockForFile({});
  const sendTyk: Send = (options) => mock.call('tyk', options);

  it('has the five recordings', () => {
    expect([...recordings.keys()].sort()).toEqual(['cx_sdk_181', 'cx_sdk_head', 'cx_sdk_tests', 'tyk_go_sdk', 'tyk_ps258']);
  });

  it('judges users as the Go SDK does: it refuses a password, a field it does not know, a time that is not RFC 3339, a missing first_name', () => {
    const user = { id: 'u1', email_address: 'a@example.com', first_name: 'A', last_name: 'B', user_permissions: { users: 'read' }, created_at: '2024-01-02T03:04:05Z' };
    expect(goSdkUserProblems(user, 'user')).toEqual([]);
    expect(goSdkUserProblems({ ...user, password: '' }, 'user')).toEqual(['user.password: unknown field (json: unknown field "password")']);
    expect(goSdkUserProblems({ ...user, nickname: 'x' }, 'user')).toHaveLength(1);
    expect(goSdkUserProblems({ ...user, created_at: '2024-01-02' }, 'user')).toHaveLength(1);
    const { first_name: _first, ...nameless } = user;
    expect(goSdkUserProblems(nameless, 'user')).toEqual(['user.first_name: required, missing']);
  });

  it('tyk_go_sdk: list with p, create, get, partial update, set password, key reset, delete all succeed, and every user decodes with unknown fields disallowed', async () => {
    await mock.reset(['tyk']);
    const replayed = await replayTyk(sendTyk, 'tyk_go_sdk');
    expectGoSdkAccepts(replayed);
    expect(replayed[0]!.response.body.pages).toBe(1);
    expect(replayed[3]!.response.body).toEqual({ Status: 'OK', Message: 'User updated', Meta: null });
    expect((await sendTyk({ path: replayed[2]!.path, headers: { authorization: ACCESS_KEY } })).status).toBe(404);
  });

  it('tyk_ps258: the users it prints have every field it prints, and createAdminUser works (POST /admin/users, then the new key sets the password)', async () => {
    await mock.reset(['tyk']);
    const replayed = await replayTyk(sendTyk, 'tyk_ps258');
    expect(statuses(replayed)).toEqual([
      200, // GET /api/users?p=-1: everyone
      404, // GET /admin/organisations: outside the Users API, answered in the Tyk shape
      200, // POST /api/users: Bob, with a password
      401, // POST .../{Bob}/actions/reset with Bob's id as the key (the script's own mix-up): not a key
      200, // POST /admin/users: the script's admin
      200, // POST .../{admin}/actions/reset with the admin's new key: its first password
      200, // GET /api/users/{John}
      400, // POST .../{John}/actions/reset: John has a password, and no current_password is sent
      200, // PUT .../{John}/actions/key/reset
      405, // DELETE .../actions/key/reset: PUT only
    ]);
    expect(replayed[0]!.response.body.users.flatMap((user: unknown, index: number) => tykScriptsUserProblems(user, `users[${index}]`))).toEqual([]);
    expect(replayed[9]!.response.headers['allow']).toBe('PUT');
    await expectAdminFlowWorks(sendTyk, replayed);
  });

  /** Replays a Checkmarx recording: the token request logs in with the mock's admin, "tok123" is the token it answers, user 3 the user it created. */
  async function replayCheckmarx(name: string): Promise<string[]> {
    await mock.reset(['checkmarx']);
    const credentials = { username: DEFAULT_SETTINGS.checkmarx.username, password: DEFAULT_SETTINGS.checkmarx.password };
    let token = '';
    let createdId: number | undefined;
    const log: string[] = [];
    for (const request of recording(name).requests) {
      const isToken = request.path.endsWith('/connect/token');
      const path = createdId === undefined ? request.path : request.path.replace(/\/Users\/3$/, `/Users/${createdId}`);
      const body = isToken ? new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(request.body)), ...credentials }).toString() : request.body;
      const response = await mock.call('checkmarx', { method: request.method, path, headers: replayHeaders(request, (text) => text.replace('tok123', token)), ...(body === '' ? {} : { body: Buffer.from(body) }) });
      log.push(`${request.method} ${path} -> ${response.status}`);
      expect(response.status, `${name}: ${request.method} ${path}: ${response.text}`).toBe(checkmarxSuccessStatus(request.method, request.path));
      if (isToken) {
        // The SDK builds its header from token_type and access_token.
        expect(response.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
        token = response.body.access_token;
      }
      if (request.method === 'POST' && path === '/cxrestapi/auth/Users') createdId = Number(new URL(response.headers['location']!).pathname.split('/').at(-1));
      if (request.method === 'GET' && path === '/cxrestapi/auth/Users') expect(response.body.every((user: { id: unknown; userName: unknown }) => Number.isInteger(user.id) && typeof user.userName === 'string')).toBe(true);
      if (request.method === 'GET' && path === `/cxrestapi/auth/Users/${createdId}`) expect(response.body.userName).toBe(JSON.parse(recording(name).requests.find((sent) => sent.method === 'POST' && sent.path === '/cxrestapi/auth/Users')!.body).username);
    }
    return log;
  }

  it('cx_sdk_head (httpx, 1.8.9): token, list, create, get, update, delete', async () => {
    expect(await replayCheckmarx('cx_sdk_head')).toEqual([
      'POST /cxrestapi/auth/identity/connect/token -> 200',
      'GET /cxrestapi/auth/Users -> 200',
      'POST /cxrestapi/auth/Users -> 201',
      'GET /cxrestapi/auth/Users/11 -> 200',
      'PUT /cxrestapi/auth/Users/11 -> 204',
      'DELETE /cxrestapi/auth/Users/11 -> 204',
    ]);
  });

  it('cx_sdk_181 (requests, 1.8.1): the same with JSON bodies without a Content-Type, plus migration', async () => {
    const log = await replayCheckmarx('cx_sdk_181');
    expect(log).toHaveLength(8);
    expect(log.at(-1)).toBe('POST /cxrestapi/auth/Users/migration -> 201');
  });

  it("cx_sdk_tests (the SDK's integration tests): lookups, create with roleIds null, update, delete", async () => {
    const log = await replayCheckmarx('cx_sdk_tests');
    expect(log).toHaveLength(14);
    expect(log).toContain('GET /cxrestapi/auth/AuthenticationProviders -> 200');
    expect(log).toContain('PUT /cxrestapi/auth/Users/11 -> 204');
  });
});

describe('userapi mock --profile tyk-5.8 (a real process, --strict)', () => {
  let mock: MockProcess;
  beforeAll(async () => {
    mock = await startMockProcess(['--profile', 'tyk-5.8', '--port', '0', '--api', 'tyk', '--strict', '--quiet']);
  });
  afterAll(killAll);
  // Every answer is checked against specs/tyk-5.8.openapi.yaml, whose User admits no field but the 5.8 ones.
  const send: Send = (options) => call(mock.url, 'tyk', options, 'tyk-5.8');

  it('names the profile at start-up', () => {
    expect(mock.output().stdout).toContain('(profile: tyk-5.8,');
    expect(mock.output().stdout).toMatch(/tyk .*\(profile tyk-5\.8\)/);
  });

  it('serves the Tyk Go SDK (list with p, create, get, update, set password, key reset, delete): every call succeeds, the new id comes in Meta, no unknown field, no violation', async () => {
    const replayed = await replayTyk(send, 'tyk_go_sdk');
    expectGoSdkAccepts(replayed);
    expect(replayed[1]!.response.body).toEqual({ Status: 'OK', Message: 'User and session have been created', Meta: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(replayed[2]!.path).toBe(`/api/users/${replayed[1]!.response.body.Meta}`);
    expect(replayed[2]!.response.body).not.toHaveProperty('password');
    expect(replayed[6]!.response.body).toEqual({ Status: 'OK', Message: 'User deleted', Meta: null });
    const violations = await fetch(`${mock.url}/__userapi/violations`).then((response) => response.json());
    expect(violations).toEqual([]);
  });

  it('serves tyk-scripts\' admin flow, and answers its other calls as Dashboard 5.8 does', async () => {
    const replayed = await replayTyk(send, 'tyk_ps258');
    // As under the document, but for John's password: 5.8 refuses a missing current_password with 403.
    expect(statuses(replayed)).toEqual([200, 404, 200, 401, 200, 200, 200, 403, 200, 405]);
    expect(replayed[0]!.response.body.users.flatMap((user: unknown, index: number) => [...tykScriptsUserProblems(user, `users[${index}]`)])).toEqual([]);
    await expectAdminFlowWorks(send, replayed);
  });
});
