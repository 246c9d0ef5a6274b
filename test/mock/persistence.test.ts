// Durable state: `--state FILE` survives restarts and kill -9 at any moment without losing an
// acknowledged write; damaged or foreign files are refused with a message, never silently "repaired".
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_IDS, type ApiId } from '../../specs/apis.ts';
import { StateFileError } from '../../mock/store.ts';
import { call, startTestMock, type CheckedResponse, type TestMock } from '../support/mock.ts';
import { PROFILES, type Caller } from '../support/apis.ts';
import { killAll, startMockProcess } from '../support/cli.ts';

let directory: string;
let stateFile: string;
const open: TestMock[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'userapi-state-'));
  stateFile = join(directory, 'state.json');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((mock) => mock.close()));
  await killAll();
  rmSync(directory, { recursive: true, force: true });
});
afterAll(killAll);

async function start(apis: ApiId[] = [...API_IDS]): Promise<TestMock> {
  const mock = await startTestMock({ apis, stateFile });
  open.push(mock);
  return mock;
}

async function stop(mock: TestMock): Promise<void> {
  open.splice(open.indexOf(mock), 1);
  await mock.close();
}

const caller = (mock: TestMock, api: ApiId): Caller => (options) => mock.call(api, options);

async function create(mock: TestMock, api: ApiId, name: string): Promise<void> {
  const profile = PROFILES[api];
  const auth = await profile.login(caller(mock, api));
  const response = await mock.call(api, { method: 'POST', path: profile.usersPath, headers: auth, json: profile.newUser(name) });
  expect(response.status, response.text).toBe(profile.createdStatus);
}

async function names(mock: TestMock, api: ApiId): Promise<string[]> {
  const profile = PROFILES[api];
  return profile.listNames(caller(mock, api), await profile.login(caller(mock, api)));
}

describe('--state across restarts', () => {
  it.each(API_IDS)('%s: keeps created users across a restart, next to the documents\' users', async (api) => {
    const first = await start();
    const seeded = await names(first, api);
    await create(first, api, 'kept1');
    await create(first, api, 'kept2');
    await stop(first);

    const second = await start();
    expect(await names(second, api)).toEqual([...seeded, 'kept1', 'kept2']);
  });

  it('persists a reset: the reset state is what a restart finds', async () => {
    const first = await start();
    for (const api of API_IDS) await create(first, api, 'gone1');
    await first.reset(API_IDS, 'empty');
    await stop(first);

    const second = await start();
    for (const api of API_IDS) expect(await names(second, api), api).toEqual([]);
  });

  it('never resurrects what a reset removed, even when killed between writing the snapshot and the journal', async () => {
    const first = await start(['vaa']);
    await create(first, 'vaa', 'before1');
    const journalBeforeReset = readFileSync(`${stateFile}.journal`, 'utf8');
    expect(journalBeforeReset).toContain('before1');
    await first.reset(['vaa'], 'empty');
    await stop(first);
    // What a kill right after the new snapshot's rename leaves: the new snapshot, the old journal.
    writeFileSync(`${stateFile}.journal`, journalBeforeReset);

    const second = await start(['vaa']);
    expect(await names(second, 'vaa')).toEqual([]);
  });

  it('tolerates a torn last journal line (a write killed before its fsync, never acknowledged)', async () => {
    const first = await start(['vaa']);
    await create(first, 'vaa', 'whole1');
    await create(first, 'vaa', 'whole2');
    await stop(first);
    appendFileSync(`${stateFile}.journal`, '{"api":"vaa","changes":[{"collection":"users","key":"torn1","value":{"userId":"to');

    const second = await start(['vaa']);
    expect(await names(second, 'vaa')).toEqual(['test', 'loc', 'whole1', 'whole2']);
    // The torn line is gone for good: later writes are not glued to it.
    await create(second, 'vaa', 'after1');
    await stop(second);
    const third = await start(['vaa']);
    expect(await names(third, 'vaa')).toEqual(['test', 'loc', 'whole1', 'whole2', 'after1']);
  });

  it('refuses a journal damaged before its last line, naming file and line, rather than dropping what follows', async () => {
    const first = await start(['vaa']);
    await create(first, 'vaa', 'one1');
    await create(first, 'vaa', 'two2');
    await stop(first);
    const [header, ...entries] = readFileSync(`${stateFile}.journal`, 'utf8').split('\n');
    writeFileSync(`${stateFile}.journal`, [header, 'this line is not JSON', ...entries].join('\n'));

    await expect(start(['vaa'])).rejects.toThrow(new RegExp(`${stateFile}\\.journal: line 2 is not a userapi mock journal entry`));
  });

  it.each([
    ['JSON of another program', '{"name": "my-app", "version": "1.0.0"}', /not a userapi mock state file \(format is null/],
    ['text', 'port=4010\nhost=localhost\n', /not a userapi mock state file \(not JSON\)/],
    ['JSON that is not an object', 'null', /not a userapi mock state file \(not a JSON object\)/],
    ['our format with broken contents', '{"format": "userapi-mock-state/1", "apis": {"vaa": 5}}', /not a userapi mock state file \(its "apis" are not snapshots\)/],
  ])('refuses a state file holding %s, and leaves it untouched', async (_name, contents, message) => {
    writeFileSync(stateFile, contents);
    const refusal = start(['vaa']);
    await expect(refusal).rejects.toBeInstanceOf(StateFileError);
    await expect(refusal).rejects.toThrow(message);
    expect(readFileSync(stateFile, 'utf8')).toBe(contents);
    expect(existsSync(`${stateFile}.journal`)).toBe(false);
    expect(existsSync(`${stateFile}.lock`)).toBe(false);
  });

  it('starts afresh on an empty file (as mktemp makes one)', async () => {
    writeFileSync(stateFile, '');
    const mock = await start(['vaa']);
    expect(await names(mock, 'vaa')).toEqual(['test', 'loc']);
  });

  it('refuses a second mock on a state file in use, and lets the next one in once the first has stopped', async () => {
    const first = await start(['vaa']);
    await expect(start(['vaa'])).rejects.toThrow(/is in use by another mock in this process/);
    await stop(first);
    await start(['vaa']);
  });
});

describe('kill -9 at any moment', () => {
  /** Creates users on every landed API as fast as the mock acknowledges them, until the process dies. */
  async function createUntilKilled(url: string, cycle: number, acknowledged: Map<ApiId, Set<string>>, killWhen: (count: number) => boolean, kill: () => void): Promise<void> {
    let count = 0;
    let killed = false;
    const writer = async (api: ApiId, stream: number): Promise<void> => {
      const profile = PROFILES[api];
      const send: Caller = (options) => call(url, api, options);
      const auth = await profile.login(send);
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
        if (!killed && killWhen(count)) {
          killed = true;
          kill();
        }
      }
    };
    await Promise.all(API_IDS.flatMap((api) => [0, 1, 2, 3].map((stream) => writer(api, stream))));
  }

  it('loses no acknowledged create over two kill -9 and restarts of `userapi mock --state F`, and admits one process at a time', async () => {
    const acknowledged = new Map<ApiId, Set<string>>(API_IDS.map((api) => [api, new Set<string>()]));
    let seeded: Map<ApiId, string[]> | undefined;
    for (let cycle = 1; cycle <= 3; cycle += 1) {
      const mock = await startMockProcess(['--state', stateFile, '--port', '0', '--quiet']);
      if (cycle === 1) {
        // Two processes appending to one journal would compact away each other's writes.
        await expect(startMockProcess(['--state', stateFile, '--port', '0', '--quiet'])).rejects.toThrow(new RegExp(`is in use by process ${mock.child.pid}`));
      }
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
        expect(existsSync(`${stateFile}.lock`)).toBe(false);
        break;
      }
      // The kill lands while 4 writers per API have requests in flight, after a varying number of answers.
      const killAfter = 20 + cycle * 17;
      await createUntilKilled(mock.url, cycle, acknowledged, (count) => count >= killAfter, () => mock.child.kill('SIGKILL'));
      const exit = await mock.exited;
      expect(exit.signal).toBe('SIGKILL');
    }
    const total = [...acknowledged.values()].reduce((sum, set) => sum + set.size, 0);
    expect(total).toBeGreaterThanOrEqual(2 * 20);
  }, 180_000); // four start-ups of the whole mock: generous for a loaded machine, never a speed check
});
