// What is checked before SQLite touches a --state file: which file it really is (through symlinks), that
// it has one name only, that no write-ahead log is orphaned, and what kind of file it is (SQLite, the
// JSON state of earlier versions, or something else). Each refusal names the file and what to do.
import { existsSync, lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { StateFileError } from './errors.ts';
import { convertLegacyState, legacyJournalPath } from './legacy.ts';
import { StateDatabase, type OpenOptions } from './database.ts';
import { isSqliteHead, makeDirectory, readHead } from './files.ts';

export interface OpenedState {
  database: StateDatabase;
  /** What the user should know of what happened to the file (created, converted). */
  notices: string[];
}

/** Opens the state file `path` (checked, converted from JSON if it is one of an earlier version). */
export function openStateFile(path: string, options: OpenOptions): OpenedState {
  const notices: string[] = [];
  const file = guard(path, () => resolveStateFile(path, 0));
  const kind = guard(path, () => inspect(path, file));
  if (kind === 'legacy') {
    const converted = guard(path, () => convertLegacyState(path, file));
    if (converted !== undefined) notices.push(converted);
  }
  const database = StateDatabase.open(path, file, options);
  if (database.created) notices.push(`${path}: a new state file.`);
  return { database, notices };
}

/**
 * The real path of the state file, so SQLite's `-wal` and `-shm` files sit beside the one real file
 * whatever name a mock is given. Hard links are refused: SQLite names its write-ahead log after the name
 * it opened, and two mocks opening one file by two names would each keep a log the other never reads.
 */
function resolveStateFile(path: string, depth: number): string {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    makeDirectory(dirname(path));
    return join(realpathSync(dirname(path)), basename(path));
  }
  if (stats.isSymbolicLink()) {
    if (depth > 32) throw new StateFileError(`${path}: too many levels of symbolic links.`);
    // A link to a file not made yet is followed to where the file will be.
    return resolveStateFile(resolve(dirname(path), readlinkSync(path)), depth + 1);
  }
  if (!stats.isFile()) throw new StateFileError(`${path} is not a regular file; give --state a file name.`);
  if (stats.nlink > 1) {
    throw new StateFileError(
      `${path} has ${stats.nlink} names (hard links). SQLite keeps its write-ahead log beside the name a file is opened by, so two mocks opening it by different names could lose writes: remove the other links (a symbolic link is fine), or use a copy.`,
    );
  }
  return realpathSync(path);
}

type Kind = 'sqlite' | 'new' | 'legacy';

function inspect(path: string, file: string): Kind {
  const size = existsSync(file) ? statSync(file).size : 0;
  const wal = `${file}-wal`;
  if (size === 0) {
    // SQLite would take an empty file for a new database and drop the log: every write in it lost.
    if (existsSync(wal) && statSync(wal).size > 0) {
      throw new StateFileError(`${path} is ${existsSync(file) ? 'empty' : 'missing'}, but ${wal} holds writes that belong in it: it was truncated or deleted. Restore it from a copy, or delete ${wal} to start afresh.`);
    }
    if (existsSync(legacyJournalPath(path))) return 'legacy';
    return 'new';
  }
  const head = readHead(file, 64);
  if (isSqliteHead(head)) return 'sqlite';
  if (/^\s*\{/.test(head.toString('latin1'))) return 'legacy';
  const shown = JSON.stringify(head.subarray(0, 16).toString('latin1'));
  throw new StateFileError(`${path} is not a userapi mock state file (not an SQLite database: it starts with ${shown}); use another --state file, or move this one away to start afresh.`);
}

/** Turns the file system's refusals (EACCES, ENOTDIR, EROFS, ...) into a message naming the state file. */
function guard<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof StateFileError || (error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new StateFileError(`cannot use the state file ${path}: ${(error as Error).message}`, { cause: error });
  }
}
