// Durable state: `--state FILE` (SQLite) survives restarts and kill -9 of the whole process group at any
// moment, with one worker or two, without losing an acknowledged write; a request's writes are one
// transaction; several mocks share one file, also through a symbolic link.
import { existsSync, linkSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_IDS, type ApiId } from '../../specs/apis.ts';
import { StateFileError } from '../../mock/state/errors.ts';
import { vaa } from '../../mock/apis/vaa.ts';
import type { AnyApiModule } from '../../mock/module.ts';
import { call, startTestMock, type CheckedResponse, type TestMock } from '../support/mock.ts';
import { PROFILES, type Caller } from '../support/apis.ts';
import { killAll, startMockProcess } from '../support/cli.ts';

let directory: string;
let stateFile: string;
const open: TestMock[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'userapi-state-'));
  stateFile = join(directory, 'state.db');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((mock) => mock.close()));
  await killAll();
  rmSync(directory, { recursive: true, force: true });
});
afterAll(killAll);

async function start(apis: ApiId[] = [...API_IDS], file = stateFile, extra: Parameters<typeof startTestMock>[0] = {}): Promise<TestMock> {
  const mock = await startTestMock({ apis, stateFile: file, ...extra });
  open.push(mock);
  return mock;
}

async function stop(mock: TestMock): Promise<void> {
  open.splice(open.indexOf(mock), 1);
  await mock.close();
}

const caller = (mock: TestMock, api: ApiId): Caller => (options) => mock.call(api, options);

async function create(mock: TestMock, api: ApiId, name: string): Promise<CheckedResponse> {
  const profile = PROFILES[api];
  const auth = await profile.login(caller(mock, api));
  return mock.call(api, { method: 'POST', path: profile.usersPath, headers: auth, json: profile.newUser(name) });
}

async function created(mock: TestMock, api: ApiId, name: string): Promise<void> {
  const response = await create(mock, api, name);
  expect(response.status, response.text).toBe(PROFILES[api].createdStatus);
}

async function names(mock: TestMock, api: ApiId): Promise<string[]> {
  const profile = PROFILES[api];
  return profile.listNames(caller(mock, api), await profile.login(caller(mock, api)));
}

describe('--state across restarts', () => {
  it.each(API_IDS)('%s: keeps created users across a restart, next to the documents\' users', async (api) => {
    const first = await start();
    const seeded = await names(first, api);
    await created(first, api, 'kept1');
    await created(first, api, 'kept2');
    await stop(first);

    const second = await start();
    expect(await names(second, api)).toEqual([...seeded, 'kept1', 'kept2']);
  });

  it('persists a reset: the reset state is what a restart finds', async () => {
    const first = await start();
    for (const api of API_IDS) await created(first, api, 'gone1');
    await first.reset(API_IDS, 'empty');
    await stop(first);

    const second = await start();
    for (const api of API_IDS) expect(await names(second, api), api).toEqual([]);
  });

  it('makes a new file, says so, and starts with the seed; an empty file (as mktemp makes one) too', async () => {
    const fresh = await start(['vaa']);
    expect(fresh.server.notices).toEqual([`${stateFile}: a new state file.`]);
    expect(await names(fresh, 'vaa')).toEqual(['test', 'loc']);
    await stop(fresh);
    expect((await start(['vaa'])).server.notices).toEqual([]);

    const empty = join(directory, 'mktemp');
    writeFileSync(empty, '');
    const mock = await start(['vaa'], empty);
    expect(mock.server.notices).toEqual([`${empty}: a new state file.`]);
    expect(await names(mock, 'vaa')).toEqual(['test', 'loc']);
  });

  it('keeps none of the changes of a request that fails half-way: one transaction per request', async () => {
    // A handler that writes, then fails: a bug of the mock, answered 500 in the API's shape.
    const failing: AnyApiModule = {
      ...vaa,
      handlers: {
        ...vaa.handlers,
        async createUser(request, context) {
          await vaa.handlers['createUser']!(request, context);
          throw new Error('failed after writing');
        },
      },
    };
    const mock = await start(['vaa'], stateFile, { modules: { vaa: failing }, strict: false });
    // Not through mock.call, which refuses a 500 (no operation declares one).
    const response = await fetch(`${mock.url}${PROFILES.vaa.usersPath}`, { method: 'POST', headers: { ...(await PROFILES.vaa.login(caller(mock, 'vaa'))), 'content-type': 'application/json' }, body: JSON.stringify(PROFILES.vaa.newUser('halfway1')) });
    expect([response.status, await response.json()]).toEqual([500, { status: 500, message: 'The mock failed while handling createUser: failed after writing.', data: [] }]);
    expect(await names(mock, 'vaa')).toEqual(['test', 'loc']);
  });
});

describe('several mocks on one state file', () => {
  it('share it: each sees the other\'s writes and resets, and a duplicate is refused whichever gets it', async () => {
    const first = await start();
    const second = await start();
    for (const api of API_IDS) {
      await created(first, api, 'shared1');
      expect(await names(second, api), api).toContain('shared1');
      const duplicate = await create(second, api, 'shared1');
      expect(duplicate.status, api).toBe(PROFILES[api].duplicate.status);
    }
    await second.reset(['vaa'], 'empty');
    expect(await names(first, 'vaa')).toEqual([]);
  });

  it('share the replies that did not match the spec: GET /__userapi/violations of either lists them', async () => {
    // A listUsers that answers a body its spec does not allow (strict off: sent, and recorded).
    const drifting: AnyApiModule = { ...vaa, handlers: { ...vaa.handlers, listUsers: () => ({ status: 200, body: { status: 'two hundred' } }) } };
    const first = await start(['vaa'], stateFile, { modules: { vaa: drifting }, strict: false });
    const second = await start(['vaa']);
    const drifted = await fetch(`${first.url}${PROFILES.vaa.usersPath}`, { headers: await PROFILES.vaa.login(caller(first, 'vaa')) });
    expect(drifted.status).toBe(200);
    const listed = (await (await fetch(`${second.url}/__userapi/violations`)).json()) as Array<{ operationId: string }>;
    expect(listed.map((violation) => violation.operationId)).toEqual(['listUsers']);
    expect(second.server.violations).toHaveLength(1);
  });

  it('share it through a symbolic link, which stays a link', async () => {
    const link = join(directory, 'link.db');
    symlinkSync(stateFile, link);
    const first = await start(['vaa']);
    const second = await start(['vaa'], link);
    await created(second, 'vaa', 'linked1');
    expect(await names(first, 'vaa')).toContain('linked1');
    await stop(second);
    await created(first, 'vaa', 'linked2');
    expect(await names(await start(['vaa'], link), 'vaa')).toEqual(['test', 'loc', 'linked1', 'linked2']);
    expect(existsSync(`${link}-wal`)).toBe(false);
  });

  it('refuses a second name made by a hard link, and the first mock loses nothing', async () => {
    const first = await start(['vaa']);
    await created(first, 'vaa', 'before1');
    const hardLink = join(directory, 'hard.db');
    linkSync(stateFile, hardLink);
    const refusal = start(['vaa'], hardLink);
    await expect(refusal).rejects.toBeInstanceOf(StateFileError);
    await expect(refusal).rejects.toThrow(`${hardLink} has 2 names (hard links)`);
    await created(first, 'vaa', 'after1');
    await stop(first);
    rmSync(hardLink);
    expect(await names(await start(['vaa']), 'vaa')).toEqual(['test', 'loc', 'before1', 'after1']);
  });
});

describe('kill -9 of the whole process group at any moment', () => {
  /** Creates users on every API as fast as the mock acknowledges them, until the process group dies. */
  async function createUntilKilled(url: string, cycle: number, acknowledged: Map<ApiId, Set<string>>, killAfter: number, kill: () => void): Promise<void> {
    let count = 0;
    let killed = false;
    const writer = async (api: ApiId, stream: number): Promise<void> => {
      const profile = PROFILES[api];
      const send: Caller = (options) => call(url, api, options);
      let auth: Awaited<ReturnType<typeof profile.login>>;
      try {
        auth = await profile.login(send);
      } catch (error) {
        if (killed) return; // killed before this writer logged in
        throw error;
      }
      for (let index = 0; ; index += 1) {
        const name = `c${cycle}s${stream}n${index}`;
        let response: CheckedResponse;
        try {
          response = await send({ method: 'POST', path: profile.usersPath, headers: auth, json: profile.newUser(name) });
        } catch (error) {
          if (killed) return; // the connection died with the process: not acknowledged
          throw error;
        }
        expect(response.status, response.text).toBe(profile.createdStatus);
        acknowledged.get(api)!.add(name);
        count += 1;
        if (!killed && count >= killAfter) {
          killed = true;
          kill();
        }
      }
    };
    await Promise.all(API_IDS.flatMap((api) => [0, 1, 2, 3].map((stream) => writer(api, stream))));
  }

  it.each([1, 2])('loses no acknowledged create over two kill -9 and restarts of `userapi mock --state F --workers %i`', async (workers) => {
    const acknowledged = new Map<ApiId, Set<string>>(API_IDS.map((api) => [api, new Set<string>()]));
    let seeded: Map<ApiId, string[]> | undefined;
    const args = ['--state', stateFile, '--port', '0', '--quiet', '--workers', String(workers)];
    for (let cycle = 1; cycle <= 3; cycle += 1) {
      const mock = await startMockProcess(args, 60_000, { detached: true });
      const send = (api: ApiId): Caller => (options) => call(mock.url, api, options);
      const held = new Map<ApiId, string[]>();
      for (const api of API_IDS) held.set(api, await PROFILES[api].listNames(send(api), await PROFILES[api].login(send(api))));
      seeded ??= held;
      // The seed and every create acknowledged before a kill are there (a create whose answer died with
      // the process may be there too: committed, never acknowledged, so either way is right).
      for (const api of API_IDS) {
        expect(held.get(api), api).toEqual(expect.arrayContaining([...seeded.get(api)!, ...acknowledged.get(api)!]));
      }
      if (cycle === 3) {
        expect((await mock.stop('SIGTERM')).code).toBe(0);
        // The last process to close folds the write-ahead log into the file.
        expect(existsSync(`${stateFile}-wal`)).toBe(false);
        break;
      }
      // The kill lands while 4 writers per API have requests in flight, after a varying number of answers.
      await createUntilKilled(mock.url, cycle, acknowledged, 20 + cycle * 17, () => mock.signalGroup('SIGKILL'));
      const exit = await mock.exited;
      expect(exit.signal).toBe('SIGKILL');
    }
    const total = [...acknowledged.values()].reduce((sum, set) => sum + set.size, 0);
    expect(total).toBeGreaterThanOrEqual(2 * 20);
  }, 180_000); // three start-ups of the whole mock: generous for a loaded machine, never a speed check
});
