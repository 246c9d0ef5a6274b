// `userapi mock --workers 2`: two processes on one port sharing one state. Every documented behaviour
// holds whichever worker answers (reads after writes, tokens, duplicates, one winner of a race, resets),
// and the mock stops as one: Ctrl-C and SIGTERM stop every worker, a killed primary leaves no worker
// and no temporary state behind, a worker that dies takes the others down with it.
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client, Pool } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_IDS, type ApiId } from '../../specs/apis.ts';
import { call } from '../support/mock.ts';
import { PROFILES, type Caller } from '../support/apis.ts';
import { killAll, runCli, startMockProcess, type MockProcess } from '../support/cli.ts';

const WORKERS = ['--port', '0', '--quiet', '--workers', '2'];

/** One connection per worker: clients whose requests are answered by two different processes. */
async function oneConnectionPerWorker(url: string): Promise<Map<number, Client>> {
  const byPid = new Map<number, Client>();
  for (let attempt = 0; attempt < 20 && byPid.size < 2; attempt += 1) {
    const client = new Client(url);
    const { pid } = (await (await client.request({ method: 'GET', path: '/__userapi/health' })).body.json()) as { pid: number };
    if (byPid.has(pid)) await client.close();
    else byPid.set(pid, client);
  }
  expect(byPid.size).toBe(2);
  return byPid;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The directory of the temporary state file a worker has open (Linux: its descriptors in /proc). */
function temporaryStateOf(pid: number): string {
  const files = readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
    } catch {
      return [];
    }
  });
  const state = files.find((file) => file.endsWith('/state.db'));
  expect(state, files.join(', ')).toBeDefined();
  return dirname(state!);
}

afterAll(killAll);

describe('whichever worker answers', () => {
  let mock: MockProcess;
  let workers: Map<number, Client>;
  let first: Caller;
  let second: Caller;
  const send = (client: Client, api: ApiId): Caller => (options) => call(mock.url, api, { ...options, dispatcher: client });

  beforeAll(async () => {
    mock = await startMockProcess(WORKERS, 60_000, { detached: true });
    workers = await oneConnectionPerWorker(mock.url);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([...workers.values()].map((client) => client.close()));
    // Stopped as a user would, so the temporary state goes too (killAll, for a failed test, kills every process).
    await mock.stop('SIGTERM');
  });

  it('are two processes, neither of them the primary', () => {
    expect([...workers.keys()]).not.toContain(mock.child.pid);
  });

  describe.each(API_IDS)('%s', (api) => {
    const profile = PROFILES[api];
    beforeAll(() => {
      const [a, b] = [...workers.values()] as [Client, Client];
      first = send(a, api);
      second = send(b, api);
    });

    it('reads on one worker what was written on the other, and refuses the duplicate there', async () => {
      const auth = await profile.login(first);
      const created = await first({ method: 'POST', path: profile.usersPath, headers: auth, json: profile.newUser('across1') });
      expect(created.status, created.text).toBe(profile.createdStatus);
      expect(await profile.listNames(second, auth)).toContain('across1');
      const duplicate = await second({ method: 'POST', path: profile.usersPath, headers: auth, json: profile.newUser('across1') });
      expect([duplicate.status, profile.errorMessage(duplicate.body)]).toEqual([profile.duplicate.status, expect.stringMatching(profile.duplicate.message)]);
    });

    it('answers 100 parallel creates of one user, spread over both workers, with exactly one success', async () => {
      const pool = new Pool(mock.url, { connections: 20 });
      try {
        const spread: Caller = (options) => call(mock.url, api, { ...options, dispatcher: pool });
        const auth = await profile.login(spread);
        const body = { ...profile.newUser('racer1'), password: 'Race-Condition-1' };
        const answers = await Promise.all(Array.from({ length: 100 }, () => spread({ method: 'POST', path: profile.usersPath, headers: auth, json: body })));
        expect(answers.filter((answer) => answer.status === profile.createdStatus)).toHaveLength(1);
        expect(answers.filter((answer) => answer.status === profile.duplicate.status)).toHaveLength(99);
        expect((await profile.listNames(second, auth)).filter((name) => name === 'racer1')).toHaveLength(1);
      } finally {
        await pool.close();
      }
    });

    it('sees on one worker the reset made through the other', async () => {
      const auth = await profile.login(first);
      expect((await first({ method: 'POST', path: profile.usersPath, headers: auth, json: profile.newUser('reset1') })).status).toBe(profile.createdStatus);
      const [, client] = [...workers.values()] as [Client, Client];
      const reset = await client.request({ method: 'POST', path: '/__userapi/reset', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api, seed: 'empty' }) });
      expect(reset.statusCode).toBe(200);
      await reset.body.dump();
      // Checkmarx's tokens went with the reset: log in again (through the worker that did not reset).
      expect(await profile.listNames(first, await profile.login(first))).toEqual([]);
    });
  });
});

describe('credentials issued by one worker', () => {
  let mock: MockProcess;
  let first: Client;
  let second: Client;
  const send = (client: Client, api: ApiId): Caller => (options) => call(mock.url, api, { ...options, dispatcher: client });

  beforeAll(async () => {
    mock = await startMockProcess(WORKERS, 60_000, { detached: true });
    [first, second] = [...(await oneConnectionPerWorker(mock.url)).values()] as [Client, Client];
  }, 90_000);
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    await mock.stop('SIGTERM');
  });

  it('vaa: a login token is accepted by the other', async () => {
    const login = await send(first, 'vaa')({ method: 'POST', path: '/api/v2/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=lxt_api_user&password=lxt_api_password' });
    expect(login.status).toBe(200);
    expect((await send(second, 'vaa')({ path: '/api/v2/users', headers: { 'x-lxt-api-token': login.body.token } })).status).toBe(200);
  });

  it('checkmarx: an access token is accepted by the other', async () => {
    const auth = await PROFILES.checkmarx.login(send(first, 'checkmarx'));
    expect((await send(second, 'checkmarx')({ path: '/cxrestapi/auth/Users', headers: auth })).status).toBe(200);
  });

  it('tyk: a user\'s new access key (after a key reset) works on the other, and the old one no more', async () => {
    const admin = await PROFILES.tyk.login(send(first, 'tyk'));
    const user = '54bd0ad9ff4329b88985aafb';
    const before = (await send(first, 'tyk')({ path: `/api/users/${user}`, headers: admin })).body.access_key as string;
    expect((await send(first, 'tyk')({ method: 'PUT', path: `/api/users/${user}/actions/key/reset`, headers: admin })).status).toBe(200);
    const after = (await send(second, 'tyk')({ path: `/api/users/${user}`, headers: admin })).body.access_key as string;
    expect(after).not.toBe(before);
    expect((await send(second, 'tyk')({ path: '/api/users', headers: { authorization: after } })).status).toBe(200);
    expect((await send(second, 'tyk')({ path: '/api/users', headers: { authorization: before } })).status).toBe(401);
  });
});

describe('stopping', () => {
  afterEach(killAll);

  it.each([
    ['SIGTERM to the primary', (mock: MockProcess) => mock.child.kill('SIGTERM'), 0],
    ['Ctrl-C (SIGINT to the whole process group)', (mock: MockProcess) => mock.signalGroup('SIGINT'), 130],
  ])('%s stops every worker and removes the temporary state: exit %s', async (_case, signal, code) => {
    const mock = await startMockProcess(WORKERS, 60_000, { detached: true });
    const workers = await oneConnectionPerWorker(mock.url);
    const temporary = temporaryStateOf([...workers.keys()][0]!);
    await Promise.all([...workers.values()].map((client) => client.close()));
    signal(mock);
    // 'close' comes once every process holding the output pipes (the workers too) has ended.
    expect((await mock.exited).code).toBe(code);
    for (const pid of workers.keys()) expect(isRunning(pid)).toBe(false);
    expect(existsSync(temporary)).toBe(false);
  }, 90_000);

  it('kill -9 of the primary alone leaves no worker and no temporary state behind', async () => {
    const mock = await startMockProcess(WORKERS, 60_000, { detached: true });
    const workers = await oneConnectionPerWorker(mock.url);
    const temporary = temporaryStateOf([...workers.keys()][0]!);
    await Promise.all([...workers.values()].map((client) => client.close()));
    mock.child.kill('SIGKILL');
    expect((await mock.exited).signal).toBe('SIGKILL');
    for (const pid of workers.keys()) await expect.poll(() => isRunning(pid), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => existsSync(temporary), { timeout: 10_000 }).toBe(false);
  }, 90_000);

  it('a worker that dies stops the others: exit 1, saying which', async () => {
    const mock = await startMockProcess(WORKERS, 60_000, { detached: true });
    const workers = await oneConnectionPerWorker(mock.url);
    await Promise.all([...workers.values()].map((client) => client.close()));
    const [victim, other] = [...workers.keys()] as [number, number];
    process.kill(victim, 'SIGKILL');
    const exit = await mock.exited;
    expect([exit.code, exit.stderr]).toEqual([1, `userapi mock: worker ${victim} ended (SIGKILL); stopped the others.\n`]);
    expect(isRunning(other)).toBe(false);
  }, 90_000);

  it('a damaged --state file is refused once, by the primary, before any worker starts: exit 1', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'userapi-workers-'));
    try {
      const damaged = join(directory, 'state.db');
      writeFileSync(damaged, 'not a database at all');
      const exit = await runCli(['mock', ...WORKERS, '--state', damaged]);
      expect([exit.code, exit.stdout, exit.stderr]).toEqual([1, '', `userapi mock: ${damaged} is not a userapi mock state file (not an SQLite database: it starts with "not a database a"); use another --state file, or move this one away to start afresh.\n`]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
