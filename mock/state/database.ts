// The SQLite state file (`--state FILE`): the records of every API in one database that every process
// opening it shares (the workers of --workers, or several mocks), with SQLite's WAL, locking and crash
// recovery. A request's writes are one transaction, committed (and, when durable, fsynced) before it is
// answered; reads outside a write use their own connection and see only committed data.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { StateFileError } from './errors.ts';

/** `PRAGMA application_id` of a userapi mock state file ("uAPI"), so a database of another program is never written to. */
export const APPLICATION_ID = 0x75415049;
/** `PRAGMA user_version`: the layout below. */
export const SCHEMA_VERSION = 1;

// `seq` orders a collection (insertion order; a replaced record keeps it). `sizes` is kept by triggers,
// so a collection's size is one row whoever changed it, the mock or an SQLite tool.
const SCHEMA = `
CREATE TABLE records (
  seq INTEGER PRIMARY KEY,
  api TEXT NOT NULL,
  collection TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL CHECK (json_valid(value)),
  UNIQUE (api, collection, key)
);
CREATE INDEX records_in_order ON records (api, collection, seq);
CREATE TABLE sizes (api TEXT NOT NULL, collection TEXT NOT NULL, size INTEGER NOT NULL, PRIMARY KEY (api, collection)) WITHOUT ROWID;
CREATE TRIGGER records_counted AFTER INSERT ON records BEGIN
  INSERT INTO sizes VALUES (new.api, new.collection, 1) ON CONFLICT DO UPDATE SET size = size + 1;
END;
CREATE TRIGGER records_uncounted AFTER DELETE ON records BEGIN
  UPDATE sizes SET size = size - 1 WHERE api = old.api AND collection = old.collection;
END;
CREATE TABLE index_entries (
  api TEXT NOT NULL,
  collection TEXT NOT NULL,
  name TEXT NOT NULL,
  index_key TEXT NOT NULL,
  key TEXT NOT NULL,
  UNIQUE (api, collection, name, index_key, key)
);
CREATE INDEX index_entries_by_record ON index_entries (api, collection, key);
CREATE TABLE index_definitions (
  api TEXT NOT NULL,
  collection TEXT NOT NULL,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  PRIMARY KEY (api, collection, name)
) WITHOUT ROWID;
PRAGMA application_id = ${APPLICATION_ID};
PRAGMA user_version = ${SCHEMA_VERSION};
`;

/** How long a write waits for another process's write to finish before it fails. */
const BUSY_TIMEOUT_MS = 10_000;

type Row = Record<string, unknown>;

/** One connection's prepared statements. */
export class Statements {
  readonly connection: DatabaseSync;
  readonly get: StatementSync;
  readonly has: StatementSync;
  readonly upsert: StatementSync;
  readonly remove: StatementSync;
  readonly size: StatementSync;
  readonly all: StatementSync;
  readonly page: StatementSync;
  readonly clearRecords: StatementSync;
  readonly clearIndexEntries: StatementSync;
  readonly indexGet: StatementSync;
  readonly indexAdd: StatementSync;
  readonly indexRemoveOthers: StatementSync;
  readonly indexRemoveRecord: StatementSync;

  constructor(connection: DatabaseSync) {
    this.connection = connection;
    const where = 'WHERE api = ? AND collection = ? AND key = ?';
    this.get = connection.prepare(`SELECT value FROM records ${where}`);
    this.has = connection.prepare(`SELECT 1 AS found FROM records ${where}`);
    this.upsert = connection.prepare('INSERT INTO records (api, collection, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (api, collection, key) DO UPDATE SET value = excluded.value');
    this.remove = connection.prepare(`DELETE FROM records ${where}`);
    this.size = connection.prepare('SELECT size FROM sizes WHERE api = ? AND collection = ?');
    this.all = connection.prepare('SELECT key, value FROM records WHERE api = ? AND collection = ? ORDER BY seq');
    this.page = connection.prepare('SELECT key, value FROM records WHERE api = ? AND collection = ? ORDER BY seq LIMIT ? OFFSET ?');
    this.clearRecords = connection.prepare('DELETE FROM records WHERE api = ?');
    this.clearIndexEntries = connection.prepare('DELETE FROM index_entries WHERE api = ?');
    this.indexGet = connection.prepare('SELECT key FROM index_entries WHERE api = ? AND collection = ? AND name = ? AND index_key = ? ORDER BY rowid');
    this.indexAdd = connection.prepare('INSERT OR IGNORE INTO index_entries (api, collection, name, index_key, key) VALUES (?, ?, ?, ?, ?)');
    this.indexRemoveOthers = connection.prepare('DELETE FROM index_entries WHERE api = ? AND collection = ? AND name = ? AND key = ? AND index_key <> ?');
    this.indexRemoveRecord = connection.prepare('DELETE FROM index_entries WHERE api = ? AND collection = ? AND key = ?');
  }
}

export interface IndexDefinition {
  name: string;
  keyOf: (value: unknown) => string;
}

export interface OpenOptions {
  /** fsync every commit (a --state file); off for the temporary file of --workers without --state. */
  durable: boolean;
  /** Run SQLite's integrity check (once per start: the primary of --workers, or a single mock). */
  verify: boolean;
}

export class StateDatabase {
  /** The file as the user named it, for messages. */
  readonly path: string;
  readonly durable: boolean;
  readonly reader: Statements;
  readonly writer: Statements;
  /** Whether this open created the state (an empty or new file). */
  readonly created: boolean;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly indexes = new Map<string, IndexDefinition[]>();

  /** Opens `file` (the real path of `path`), refusing a database that is damaged or not ours. */
  static open(path: string, file: string, options: OpenOptions): StateDatabase {
    let writer: DatabaseSync | undefined;
    try {
      writer = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
      const created = initialise(path, writer);
      writer.exec(`PRAGMA synchronous = ${options.durable ? 'FULL' : 'OFF'}`);
      if (options.verify) verify(path, writer);
      const reader = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
      reader.exec('PRAGMA query_only = 1');
      return new StateDatabase(path, options.durable, new Statements(writer), new Statements(reader), created);
    } catch (error) {
      if (writer?.isOpen) writer.close();
      throw asStateFileError(path, error);
    }
  }

  private constructor(path: string, durable: boolean, writer: Statements, reader: Statements, created: boolean) {
    this.path = path;
    this.durable = durable;
    this.writer = writer;
    this.reader = reader;
    this.created = created;
  }

  /**
   * Runs `work` as one transaction, after the writes this process queued before it. BEGIN IMMEDIATE
   * takes SQLite's write lock at once, so a write of another process waits (up to BUSY_TIMEOUT_MS)
   * rather than interleaving; the transaction commits when `work` resolves and rolls back when it throws.
   */
  write<T>(work: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const connection = this.writer.connection;
      connection.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        connection.exec('COMMIT');
        return result;
      } catch (error) {
        if (connection.isTransaction) connection.exec('ROLLBACK');
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Declares an index of a collection. Its entries live in the file; when the file's were made by another
   * definition (or none: a converted state), they are rebuilt from the records, once, in a transaction.
   */
  defineIndex(api: string, collection: string, definition: IndexDefinition): void {
    const key = `${api}\u0000${collection}`;
    const known = this.indexes.get(key) ?? [];
    if (known.some((index) => index.name === definition.name)) return;
    this.indexes.set(key, [...known, definition]);
    const connection = this.writer.connection;
    const text = definition.keyOf.toString();
    const stored = (): unknown => (connection.prepare('SELECT definition FROM index_definitions WHERE api = ? AND collection = ? AND name = ?').get(api, collection, definition.name) as Row | undefined)?.['definition'];
    if (stored() === text) return;
    const own = !connection.isTransaction;
    if (own) connection.exec('BEGIN IMMEDIATE');
    try {
      if (stored() !== text) {
        connection.prepare('DELETE FROM index_entries WHERE api = ? AND collection = ? AND name = ?').run(api, collection, definition.name);
        for (const row of this.writer.all.iterate(api, collection) as Iterable<Row>) {
          this.writer.indexAdd.run(api, collection, definition.name, definition.keyOf(JSON.parse(row['value'] as string)), row['key'] as string);
        }
        connection.prepare('INSERT OR REPLACE INTO index_definitions VALUES (?, ?, ?, ?)').run(api, collection, definition.name, text);
      }
      if (own) connection.exec('COMMIT');
    } catch (error) {
      if (own && connection.isTransaction) connection.exec('ROLLBACK');
      throw error;
    }
  }

  indexesOf(api: string, collection: string): readonly IndexDefinition[] {
    return this.indexes.get(`${api}\u0000${collection}`) ?? NO_INDEXES;
  }

  /** Closes both connections; the last process to close folds the WAL into the file and removes it. */
  close(): void {
    for (const connection of [this.reader.connection, this.writer.connection]) if (connection.isOpen) connection.close();
  }
}

const NO_INDEXES: readonly IndexDefinition[] = [];

/**
 * Makes `connection`'s file a state file if it is a new (empty) database, and refuses one of another
 * program before anything is written to it (WAL mode included). Returns whether it was new.
 */
function initialise(path: string, connection: DatabaseSync): boolean {
  const describe = (): { applicationId: number; tables: string[] } => ({
    applicationId: Number((connection.prepare('PRAGMA application_id').get() as Row)['application_id']),
    tables: (connection.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Row[]).map((row) => String(row['name'])),
  });
  checkOwnership(path, connection, describe());
  connection.exec('PRAGMA journal_mode = WAL');
  // Another mock may be initialising the same new file: decide again under the write lock.
  connection.exec('BEGIN IMMEDIATE');
  try {
    const current = describe();
    checkOwnership(path, connection, current);
    const created = current.tables.length === 0;
    if (created) connection.exec(SCHEMA);
    connection.exec('COMMIT');
    return created;
  } catch (error) {
    if (connection.isTransaction) connection.exec('ROLLBACK');
    throw error;
  }
}

function checkOwnership(path: string, connection: DatabaseSync, { applicationId, tables }: { applicationId: number; tables: string[] }): void {
  if (applicationId === APPLICATION_ID) {
    const version = Number((connection.prepare('PRAGMA user_version').get() as Row)['user_version']);
    if (version > SCHEMA_VERSION) throw new StateFileError(`${path} was written by a newer userapi mock (state format ${version}; this one reads ${SCHEMA_VERSION}): run that version, or use another --state file.`);
    if (version < SCHEMA_VERSION) throw new StateFileError(`${path} has an unknown state format (${version}); use another --state file.`);
    return;
  }
  if (applicationId !== 0 || tables.length > 0) {
    const what = tables.length > 0 ? `tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', ...' : ''}` : `application id ${applicationId}`;
    throw new StateFileError(`${path} is an SQLite database of another program (${what}); the mock will not write into it: use another --state file.`);
  }
}

/** SQLite's own check of the file's structure, and of every record being JSON (the CHECK constraint). */
function verify(path: string, connection: DatabaseSync): void {
  const problems = (connection.prepare('PRAGMA integrity_check(5)').all() as Row[]).map((row) => String(row['integrity_check']));
  if (problems.length === 1 && problems[0] === 'ok') return;
  const detail = problems.join('; ').replace(/\s+/g, ' ').slice(0, 300);
  throw new StateFileError(`${path} is damaged (SQLite's integrity check: ${detail}). ${RESTORE_ADVICE(path)}`);
}

const RESTORE_ADVICE = (path: string): string => `Restore it from a copy, or move it away (with ${path}-wal and ${path}-shm, if any) to start afresh.`;

/** SQLite's result codes for a file that is not a database, or a damaged one. */
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

function asStateFileError(path: string, error: unknown): Error {
  if (error instanceof StateFileError) return error;
  const code = (error as { errcode?: number }).errcode;
  const message = (error as Error).message ?? String(error);
  if (code === SQLITE_NOTADB) return new StateFileError(`${path} is not a userapi mock state file (SQLite: ${message}); use another --state file, or move this one away to start afresh.`, { cause: error });
  if (code === SQLITE_CORRUPT) return new StateFileError(`${path} is damaged (SQLite: ${message}). ${RESTORE_ADVICE(path)}`, { cause: error });
  return new StateFileError(`cannot use the state file ${path}: ${message}`, { cause: error });
}
