// Logins of the APIs that issue tokens (vaa's login, Checkmarx's token endpoint): a login reads as many
// records after 5,000 logins as after none (the work is counted, not timed: see the bench for time), a
// login flood keeps at most the cap of tokens (the oldest evicted), expired tokens are refused and
// dropped, and the state file holds only the tokens' hashes.
import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../mock/defaults.ts';
import { startTestMock, type TestMock } from '../support/mock.ts';

type TokenApi = 'vaa' | 'checkmarx';

const LOGIN: Record<TokenApi, { path: string; form: Record<string, string>; token: (body: any) => string; auth: (token: string) => Record<string, string>; usersPath: string; refused: number }> = {
  vaa: {
    path: '/api/v2/login',
    form: { username: DEFAULT_SETTINGS.vaa.username, password: DEFAULT_SETTINGS.vaa.password },
    token: (body) => body.token,
    auth: (token) => ({ 'x-lxt-api-token': token }),
    usersPath: '/api/v2/users',
    refused: 403,
  },
  checkmarx: {
    path: '/cxrestapi/auth/identity/connect/token',
    form: { grant_type: 'password', username: DEFAULT_SETTINGS.checkmarx.username, password: DEFAULT_SETTINGS.checkmarx.password, scope: 'sast_rest_api access_control_api', client_id: 'resource_owner_client', client_secret: '014DF517-39D1-4453-B7B3-9930C563627C' },
    token: (body) => body.access_token,
    auth: (token) => ({ authorization: `Bearer ${token}` }),
    usersPath: '/cxrestapi/auth/Users',
    refused: 401,
  },
};

const directory = mkdtempSync(join(tmpdir(), 'userapi-logins-'));
const open: TestMock[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((mock) => mock.close()));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function start(api: TokenApi, options: Parameters<typeof startTestMock>[0] = {}): Promise<TestMock> {
  const mock = await startTestMock({ apis: [api], ...options });
  open.push(mock);
  return mock;
}

async function login(mock: TestMock, api: TokenApi): Promise<string> {
  const { path, form, token } = LOGIN[api];
  const response = await mock.call(api, { method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  expect(response.status).toBe(200);
  return token(response.body);
}

async function logins(mock: TestMock, api: TokenApi, count: number, parallel = 8): Promise<string[]> {
  const tokens: string[] = [];
  for (let done = 0; done < count; done += parallel) tokens.push(...(await Promise.all(Array.from({ length: Math.min(parallel, count - done) }, () => login(mock, api)))));
  return tokens;
}

/** Records read by each of `count` logins in a row. */
async function recordsPerLogin(mock: TestMock, api: TokenApi, count: number): Promise<number[]> {
  const reads: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const before = mock.server.recordsRead(api);
    await login(mock, api);
    reads.push(mock.server.recordsRead(api) - before);
  }
  return reads;
}

const status = async (mock: TestMock, api: TokenApi, token: string): Promise<number> => (await mock.call(api, { path: LOGIN[api].usersPath, headers: LOGIN[api].auth(token) })).status;

// With --state for vaa only: the state file's part is the same for both, and Checkmarx's logins (bcrypt
// each) are the slow ones.
const FLAT_COST_MODES: Record<TokenApi, Array<[string, string | undefined]>> = {
  vaa: [
    ['in memory', undefined],
    ['with --state', 'state'],
  ],
  checkmarx: [['in memory', undefined]],
};

describe.each(['vaa', 'checkmarx'] as const)('%s', (api) => {
  it.each(FLAT_COST_MODES[api])('%s: the 5,000th login reads as many records as the first', async (_mode, file) => {
    const mock = await start(api, file === undefined ? {} : { stateFile: join(directory, `${api}-flat.db`) });
    // Past the first two logins, which find fewer earlier tokens to look at.
    await logins(mock, api, 10, 1);
    const first = await recordsPerLogin(mock, api, 10);
    await logins(mock, api, 4_970);
    const last = await recordsPerLogin(mock, api, 10);
    expect(last).toEqual(first);
    expect(Math.max(...last)).toBeLessThanOrEqual(4);
  }, 180_000);

  it('keeps the newest tokens up to the cap: a flood evicts the oldest, the rest still work', async () => {
    const mock = await start(api, { settings: { ...DEFAULT_SETTINGS, maxLiveTokens: 200 } });
    const tokens = await logins(mock, api, 500);
    expect(await status(mock, api, tokens[0]!)).toBe(LOGIN[api].refused);
    expect(await status(mock, api, tokens[299]!)).toBe(LOGIN[api].refused);
    expect(await status(mock, api, tokens[300]!)).toBe(200);
    expect(await status(mock, api, tokens[499]!)).toBe(200);
  }, 120_000);

  it('stores only hashes, refuses an expired token, and the next login drops it', async () => {
    const stateFile = join(directory, `${api}-hashed.db`);
    const mock = await start(api, { stateFile });
    const tokens = await logins(mock, api, 3, 1);
    const database = new DatabaseSync(stateFile, { timeout: 5_000 });
    try {
      const rows = () => database.prepare("SELECT key, value FROM records WHERE api = ? AND collection = 'tokens' ORDER BY seq").all(api) as Array<{ key: string; value: string }>;
      expect(rows()).toHaveLength(3);
      for (const row of rows()) for (const token of tokens) expect(`${row.key} ${row.value}`).not.toContain(token);

      // The oldest token's day is over.
      database.prepare("UPDATE records SET value = json_set(value, '$.expiresAt', 0) WHERE key = ?").run(rows()[0]!.key);
      expect(await status(mock, api, tokens[0]!)).toBe(LOGIN[api].refused);
      expect(await status(mock, api, tokens[1]!)).toBe(200);
      await login(mock, api);
      expect(rows()).toHaveLength(3);
    } finally {
      database.close();
    }
  });
});
