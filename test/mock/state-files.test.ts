// State files the mock did not leave as it left them: damaged, foreign, missing their write-ahead log's
// partner, or in the JSON format of earlier versions. Each is refused with a message naming the file and
// what to do, and left untouched, or (an intact JSON state) converted once without losing a record.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateFileError } from '../../mock/state/errors.ts';
import { startTestMock, type TestMock } from '../support/mock.ts';
import { PROFILES } from '../support/apis.ts';

let directory: string;
let stateFile: string;
const open: TestMock[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'userapi-state-files-'));
  stateFile = join(directory, 'state.db');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((mock) => mock.close()));
  rmSync(directory, { recursive: true, force: true });
});

async function start(file = stateFile): Promise<TestMock> {
  const mock = await startTestMock({ apis: ['vaa'], stateFile: file });
  open.push(mock);
  return mock;
}

async function stop(mock: TestMock): Promise<void> {
  open.splice(open.indexOf(mock), 1);
  await mock.close();
}

const vaaCall = (mock: TestMock) => (options: Parameters<TestMock['call']>[1]) => mock.call('vaa', options);

async function createVaaUsers(mock: TestMock, names: string[]): Promise<void> {
  const auth = await PROFILES.vaa.login(vaaCall(mock));
  for (const name of names) expect((await mock.call('vaa', { method: 'POST', path: PROFILES.vaa.usersPath, headers: auth, json: PROFILES.vaa.newUser(name) })).status).toBe(200);
}

async function vaaNames(mock: TestMock): Promise<string[]> {
  return PROFILES.vaa.listNames(vaaCall(mock), await PROFILES.vaa.login(vaaCall(mock)));
}

/** A state file with 16 users of our own, written and closed by the mock. */
async function writeGoodState(): Promise<void> {
  const mock = await start();
  await createVaaUsers(mock, Array.from({ length: 16 }, (_, index) => `kept${index + 1}`));
  await stop(mock);
}

function flipByte(file: string, offset: number): void {
  const bytes = readFileSync(file);
  bytes[offset]! ^= 0x04;
  writeFileSync(file, bytes);
}

/** Every file of the directory with its bytes, to show a refusal changed nothing and added nothing. */
function directoryContents(): Record<string, string> {
  return Object.fromEntries(readdirSync(directory).map((name) => [name, readFileSync(join(directory, name)).toString('base64')]));
}

async function expectRefusal(file: string, message: RegExp | string): Promise<void> {
  const before = directoryContents();
  const refusal = start(file);
  await expect(refusal).rejects.toBeInstanceOf(StateFileError);
  await expect(refusal).rejects.toThrow(message);
  expect(directoryContents()).toEqual(before);
}

describe('a damaged or foreign --state file is refused, naming the file and what to do, and left as it was', () => {
  it.each([
    ['truncated to half its size', () => truncateSync(stateFile, Math.floor(readFileSync(stateFile).length / 2)), /is damaged \(SQLite.*\)\. Restore it from a copy, or move it away/],
    ['overwritten with bytes that are no database', () => writeFileSync(stateFile, Buffer.from(Array.from({ length: 8192 }, (_, index) => (index * 7919) % 251))), /is not a userapi mock state file \(not an SQLite database: it starts with .*\); use another --state file, or move this one away/],
    ['replaced by a text file', () => writeFileSync(stateFile, 'port=4010\nhost=localhost\n'), /is not a userapi mock state file \(not an SQLite database: it starts with "port=4010\\nhost=l"\)/],
    ['replaced by JSON of another program', () => writeFileSync(stateFile, '{"name": "my-app", "version": "1.0.0"}'), /is not a userapi mock state file \(JSON whose format is null/],
    ['with a byte flipped in the header of its first B-tree page', () => flipByte(stateFile, 100), /is damaged \(SQLite/],
    ['with a byte flipped in a stored user id (SQLite finds the index no longer matches)', () => flipByte(stateFile, readFileSync(stateFile).indexOf('kept16') + 5), /is damaged \(SQLite's integrity check: .*missing from index/],
  ])('%s', async (_case, damage, message) => {
    await writeGoodState();
    damage();
    await expectRefusal(stateFile, message);
    await expectRefusal(stateFile, stateFile);
  });

  it('refuses an SQLite database of another program, and writes nothing into it (not even a WAL)', async () => {
    const database = new DatabaseSync(stateFile);
    database.exec("CREATE TABLE settings (name TEXT, value TEXT); INSERT INTO settings VALUES ('theme', 'dark')");
    database.close();
    await expectRefusal(stateFile, `${stateFile} is an SQLite database of another program (tables: settings); the mock will not write into it: use another --state file.`);
  });

  it('refuses a state file of a newer format', async () => {
    await writeGoodState();
    const database = new DatabaseSync(stateFile);
    database.exec('PRAGMA user_version = 99');
    database.close();
    await expectRefusal(stateFile, /was written by a newer userapi mock \(state format 99; this one reads 1\)/);
  });
});

describe('the write-ahead log', () => {
  /** The state file and its WAL as a kill -9 leaves them: copied while the mock runs, its writes in the WAL. */
  async function copyWhileRunning(copy: string): Promise<void> {
    const mock = await start();
    await createVaaUsers(mock, ['walled1', 'walled2']);
    expect(readFileSync(`${stateFile}-wal`).length).toBeGreaterThan(0);
    copyFileSync(stateFile, copy);
    copyFileSync(`${stateFile}-wal`, `${copy}-wal`);
    await stop(mock);
  }

  it('is recovered: a file with its WAL holds every acknowledged write', async () => {
    const copy = join(directory, 'copy.db');
    await copyWhileRunning(copy);
    expect(await vaaNames(await start(copy))).toEqual(['test', 'loc', 'walled1', 'walled2']);
  });

  it.each([
    ['truncated to 0 bytes', 'empty', (copy: string) => truncateSync(copy, 0)],
    ['deleted', 'missing', (copy: string) => rmSync(copy)],
  ])('is not dropped when the file beside it was %s (SQLite would start afresh and delete it)', async (_case, word, damage) => {
    const copy = join(directory, 'copy.db');
    await copyWhileRunning(copy);
    damage(copy);
    await expectRefusal(copy, `${copy} is ${word}, but ${copy}-wal holds writes that belong in it: it was truncated or deleted. Restore it from a copy, or delete ${copy}-wal to start afresh.`);
  });
});

describe('the JSON state files of earlier versions', () => {
  const user = (userId: string): Record<string, unknown> => ({ id: `id-${userId}`, userId, email: `${userId}@example.com`, firstName: 'Ada', lastName: 'Lovelace', status: 'active', customerId: null, customerKey: null, roles: [], passwordHash: null });
  const snapshot = JSON.stringify({ format: 'userapi-mock-state/1', generation: 3, apis: { vaa: { users: [['test', user('test')], ['old1', user('old1')]], customers: [], tokens: [] } } });
  const header = '{"format":"userapi-mock-journal/1","generation":3}';
  const entry = (userId: string): string => JSON.stringify({ api: 'vaa', changes: [{ collection: 'users', key: userId, value: user(userId) }] });
  const removal = JSON.stringify({ api: 'vaa', changes: [{ collection: 'users', key: 'test', value: null }] });

  it('are converted once, keeping every record of snapshot and journal, and kept as backups', async () => {
    const journal = `${header}\n${entry('old2')}\n${removal}\n${entry('old3')}\n`;
    writeFileSync(stateFile, snapshot);
    writeFileSync(`${stateFile}.journal`, journal);
    writeFileSync(`${stateFile}.lock`, '999999999\n');
    const mock = await start();
    expect(mock.server.notices).toEqual([`${stateFile}: converted from the JSON state of an earlier userapi mock to SQLite (3 records of vaa); the JSON files are kept as ${stateFile}.json-backup and ${stateFile}.journal.backup.`]);
    expect(await vaaNames(mock)).toEqual(['old1', 'old2', 'old3']);
    await stop(mock);
    expect(readFileSync(stateFile).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    expect(readFileSync(`${stateFile}.json-backup`, 'utf8')).toBe(snapshot);
    expect(readFileSync(`${stateFile}.journal.backup`, 'utf8')).toBe(journal);
    expect([existsSync(`${stateFile}.journal`), existsSync(`${stateFile}.lock`)]).toEqual([false, false]);

    const again = await start();
    expect(again.server.notices).toEqual([]);
    expect(await vaaNames(again)).toEqual(['old1', 'old2', 'old3']);
  });

  it('drop a torn last journal line (a write killed before its fsync: never acknowledged)', async () => {
    writeFileSync(stateFile, snapshot);
    writeFileSync(`${stateFile}.journal`, `${header}\n${entry('old2')}\n${entry('torn1').slice(0, 40)}`);
    expect(await vaaNames(await start())).toEqual(['test', 'old1', 'old2']);
  });

  it('are refused when the journal is damaged before its last line, naming file and line', async () => {
    writeFileSync(stateFile, snapshot);
    writeFileSync(`${stateFile}.journal`, `${header}\nthis line is not JSON\n${entry('old2')}\n`);
    await expectRefusal(stateFile, `${stateFile}.journal: line 2 is not a userapi mock journal entry; the file was changed by something else.`);
  });

  it.each([
    ['empty', () => writeFileSync(stateFile, '')],
    ['missing', () => undefined],
  ])('are refused when the snapshot is %s but its journal is kept', async (word, makeSnapshot) => {
    makeSnapshot();
    writeFileSync(`${stateFile}.journal`, `${header}\n${entry('old2')}\n`);
    await expectRefusal(stateFile, `${stateFile} is ${word}, but ${stateFile}.journal (the journal of an earlier userapi mock) is beside it: the snapshot was deleted or truncated.`);
  });

  it('are left alone while an earlier mock still runs on them', async () => {
    const earlier = spawn('sleep', ['30']);
    try {
      writeFileSync(stateFile, snapshot);
      writeFileSync(`${stateFile}.lock`, `${earlier.pid}\n`);
      await expectRefusal(stateFile, `${stateFile} is in use by process ${earlier.pid}, an earlier userapi mock`);
    } finally {
      earlier.kill();
    }
  });
});
