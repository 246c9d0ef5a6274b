// The JSON state files of earlier versions (a snapshot `FILE`, a journal `FILE.journal`, a lock
// `FILE.lock`), converted once into an SQLite state file at the same path. The JSON files are kept as
// backups. Anything that does not read exactly as that format wrote it is refused: guessing is how
// acknowledged writes get lost silently.
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { basename, dirname, join } from 'node:path';
import { SEEDED } from '../store.ts';
import { StateDatabase } from './database.ts';
import { StateFileError } from './errors.ts';
import { isSqliteHead, readHead } from './files.ts';

const FORMAT = 'userapi-mock-state/1';
const JOURNAL_FORMAT = 'userapi-mock-journal/1';

type Snapshot = Record<string, Array<[string, unknown]>>;
type Change = { collection: string; key: string; value: unknown };

export function legacyJournalPath(path: string): string {
  return `${path}.journal`;
}

/**
 * Converts the JSON state at `path` (whose real path is `file`) to SQLite; returns the notice to print,
 * or undefined when another mock converted it meanwhile. The earlier versions' lock file is taken for
 * the conversion, so neither an earlier mock nor another one converting can interleave.
 */
export function convertLegacyState(path: string, file: string): string | undefined {
  const lockPath = `${path}.lock`;
  takeLock(path, lockPath);
  try {
    if (existsSync(file) && isSqliteHead(readHead(file, 16))) return undefined;
    return convert(path, file);
  } finally {
    rmSync(lockPath, { force: true });
  }
}

function takeLock(path: string, lockPath: string): void {
  for (;;) {
    try {
      writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(readIfExists(lockPath) ?? '', 10);
    if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
      throw new StateFileError(`${path} is in use by process ${holder}, an earlier userapi mock or one converting it (lock ${lockPath}); stop it first, or start again once it has converted the file.`);
    }
    // Left by a process that was killed.
    rmSync(lockPath, { force: true });
  }
}

function convert(path: string, file: string): string {
  const apis = readLegacyState(path);

  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.converting`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${temporary}${suffix}`, { force: true });
  const database = StateDatabase.open(temporary, temporary, { durable: true, verify: false });
  const connection = database.writer.connection;
  let records = 0;
  try {
    connection.exec('BEGIN IMMEDIATE');
    for (const [api, collections] of Object.entries(apis)) {
      for (const [collection, entries] of Object.entries(collections)) {
        for (const [key, value] of entries) database.writer.upsert.run(api, collection, key, JSON.stringify(value));
        records += entries.length;
      }
      database.writer.upsert.run(api, SEEDED.collection, SEEDED.key, JSON.stringify('converted'));
    }
    connection.exec('COMMIT');
  } finally {
    database.close();
  }

  const kept = [backup(path, 'json-backup')];
  if (existsSync(legacyJournalPath(path))) kept.push(backup(legacyJournalPath(path), 'backup'));
  renameSync(temporary, file);
  syncDirectory(dirname(file));
  rmSync(legacyJournalPath(path), { force: true });
  return `${path}: converted from the JSON state of an earlier userapi mock to SQLite (${records} records of ${Object.keys(apis).join(', ') || 'no API'}); the JSON files are kept as ${kept.join(' and ')}.`;
}

/** Snapshot plus journal, as per-API snapshots, read as the earlier versions did. */
function readLegacyState(path: string): Record<string, Snapshot> {
  const journalPath = legacyJournalPath(path);
  const snapshotText = readIfExists(path);
  const journalText = readIfExists(journalPath);
  if (snapshotText === undefined || snapshotText.trim() === '') {
    throw new StateFileError(`${path} is ${snapshotText === undefined ? 'missing' : 'empty'}, but ${journalPath} (the journal of an earlier userapi mock) is beside it: the snapshot was deleted or truncated. Restore ${path} from a copy, or delete ${journalPath} to start afresh.`);
  }
  const refuse = (why: string): never => {
    throw new StateFileError(`${path} is not a userapi mock state file (${why}); use another --state file, or move this one away to start afresh.`);
  };
  let contents: unknown;
  try {
    contents = JSON.parse(snapshotText);
  } catch {
    return refuse('neither SQLite nor JSON');
  }
  if (!isRecord(contents)) return refuse('not a JSON object');
  if (contents['format'] !== FORMAT) return refuse(`JSON whose format is ${JSON.stringify(contents['format'] ?? null)}, not "${FORMAT}"`);
  const snapshots = contents['apis'];
  if (!isRecord(snapshots) || !Object.values(snapshots).every(isSnapshot)) return refuse('its "apis" are not snapshots');
  const generation = contents['generation'];
  if (generation !== undefined && !Number.isSafeInteger(generation)) return refuse('its "generation" is not an integer');

  const state = new Map<string, Map<string, Map<string, unknown>>>();
  const collectionOf = (api: string, collection: string): Map<string, unknown> => {
    let collections = state.get(api);
    if (!collections) state.set(api, (collections = new Map()));
    let records = collections.get(collection);
    if (!records) collections.set(collection, (records = new Map()));
    return records;
  };
  for (const [api, snapshot] of Object.entries(snapshots as Record<string, Snapshot>)) {
    state.set(api, new Map());
    for (const [collection, entries] of Object.entries(snapshot)) for (const [key, value] of entries) collectionOf(api, collection).set(key, value);
  }
  if (journalText !== undefined) {
    const lines = journalText.split('\n');
    const header = parseJournalHeader(lines[0] ?? '');
    // A journal of another generation is the one a kill left behind while a new snapshot replaced it:
    // that snapshot already holds (or, after a reset, deliberately dropped) every change in it.
    if (header?.generation !== generation) lines.length = 0;
    else if (header !== undefined) lines.shift();
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') continue;
      const entry = parseJournalLine(line);
      if (entry === undefined) {
        // A torn last line is a request killed before its fsync returned: it was never acknowledged.
        if (lines.slice(index + 1).every((rest) => rest.trim() === '')) break;
        throw new StateFileError(`${journalPath}: line ${index + (header ? 2 : 1)} is not a userapi mock journal entry; the file was changed by something else. Restore it from a copy, or move ${path} and ${journalPath} away to start afresh.`);
      }
      for (const change of entry.changes) {
        const records = collectionOf(entry.api, change.collection);
        // Replayed as the earlier versions applied it: a replaced record keeps its place.
        if (change.value === null) records.delete(change.key);
        else records.set(change.key, change.value);
      }
    }
  }
  return Object.fromEntries([...state].map(([api, collections]) => [api, Object.fromEntries([...collections].map(([name, records]) => [name, [...records]]))]));
}

function parseJournalHeader(line: string): { generation: number } | undefined {
  try {
    const header: unknown = JSON.parse(line);
    if (isRecord(header) && header['format'] === JOURNAL_FORMAT && Number.isSafeInteger(header['generation'])) return header as { generation: number };
  } catch {
    // Not a header: a journal of the first version, whose lines are all entries.
  }
  return undefined;
}

function parseJournalLine(line: string): { api: string; changes: Change[] } | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return undefined;
  }
  const isChange = (change: unknown): boolean => isRecord(change) && typeof change['collection'] === 'string' && typeof change['key'] === 'string' && 'value' in change;
  if (!isRecord(entry) || typeof entry['api'] !== 'string' || !Array.isArray(entry['changes']) || !entry['changes'].every(isChange)) return undefined;
  return entry as { api: string; changes: Change[] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSnapshot(value: unknown): value is Snapshot {
  return isRecord(value) && Object.values(value).every((entries) => Array.isArray(entries) && entries.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string'));
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Copies `path` to the first free `<path>.<suffix>[.N]`, and returns that name. */
function backup(path: string, suffix: string): string {
  let target = `${path}.${suffix}`;
  for (let n = 2; existsSync(target); n += 1) target = `${path}.${suffix}.${n}`;
  copyFileSync(path, target);
  return target;
}

function syncDirectory(directory: string): void {
  const descriptor = openSync(directory, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
