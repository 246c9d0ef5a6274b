// The Store interface over a StateDatabase: the handlers' collections, read and written as rows.
// Reads outside a write go through the reader connection (committed data only); a write's stores go
// through the writer connection, inside its transaction.
import type { Collection, CollectionIndex, StateBackend, Store } from '../store.ts';
import type { StateDatabase, Statements } from './database.ts';

type Row = Record<string, unknown>;

/** Counts records read, shared by an API's stores (reader and writer). */
interface WorkCounter {
  recordsRead: number;
}

class SqliteIndex implements CollectionIndex {
  private readonly statements: Statements;
  private readonly api: string;
  private readonly collection: string;
  private readonly name: string;

  constructor(statements: Statements, api: string, collection: string, name: string) {
    this.statements = statements;
    this.api = api;
    this.collection = collection;
    this.name = name;
  }

  get(indexKey: string): readonly string[] {
    return (this.statements.indexGet.all(this.api, this.collection, this.name, indexKey) as Row[]).map((row) => row['key'] as string);
  }
}

class SqliteCollection<T> implements Collection<T> {
  readonly name: string;
  private readonly database: StateDatabase;
  private readonly statements: Statements;
  private readonly api: string;
  private readonly work: WorkCounter;

  constructor(database: StateDatabase, statements: Statements, api: string, name: string, work: WorkCounter) {
    this.database = database;
    this.statements = statements;
    this.api = api;
    this.name = name;
    this.work = work;
  }

  get size(): number {
    const row = this.statements.size.get(this.api, this.name) as Row | undefined;
    return row === undefined ? 0 : Number(row['size']);
  }

  get(key: string): T | undefined {
    this.work.recordsRead += 1;
    const row = this.statements.get.get(this.api, this.name, key) as Row | undefined;
    return row === undefined ? undefined : (JSON.parse(row['value'] as string) as T);
  }

  has(key: string): boolean {
    this.work.recordsRead += 1;
    return this.statements.has.get(this.api, this.name, key) !== undefined;
  }

  set(key: string, value: T): void {
    this.statements.upsert.run(this.api, this.name, key, JSON.stringify(value));
    for (const index of this.database.indexesOf(this.api, this.name)) {
      const indexKey = index.keyOf(value);
      this.statements.indexAdd.run(this.api, this.name, index.name, indexKey, key);
      this.statements.indexRemoveOthers.run(this.api, this.name, index.name, key, indexKey);
    }
  }

  delete(key: string): boolean {
    const { changes } = this.statements.remove.run(this.api, this.name, key);
    if (Number(changes) === 0) return false;
    if (this.database.indexesOf(this.api, this.name).length > 0) this.statements.indexRemoveRecord.run(this.api, this.name, key);
    return true;
  }

  values(): IterableIterator<T> {
    return this.rows().map((row) => JSON.parse(row['value'] as string) as T)[Symbol.iterator]();
  }

  entries(): IterableIterator<[string, T]> {
    return this.rows().map((row): [string, T] => [row['key'] as string, JSON.parse(row['value'] as string) as T])[Symbol.iterator]();
  }

  slice(offset: number, limit: number): T[] {
    const rows = this.statements.page.all(this.api, this.name, limit, offset) as Row[];
    this.work.recordsRead += rows.length;
    return rows.map((row) => JSON.parse(row['value'] as string) as T);
  }

  firstEntries(limit: number): Array<[string, T]> {
    const rows = this.statements.page.all(this.api, this.name, limit, 0) as Row[];
    this.work.recordsRead += rows.length;
    return rows.map((row): [string, T] => [row['key'] as string, JSON.parse(row['value'] as string) as T]);
  }

  index(name: string, keyOf: (value: T) => string): CollectionIndex {
    this.database.defineIndex(this.api, this.name, { name, keyOf: keyOf as (value: unknown) => string });
    return new SqliteIndex(this.statements, this.api, this.name, name);
  }

  // Read whole before the caller sees any: a caller that writes while iterating must not disturb the read.
  private rows(): Row[] {
    const rows = this.statements.all.all(this.api, this.name) as Row[];
    this.work.recordsRead += rows.length;
    return rows;
  }
}

class SqliteStore implements Store {
  private readonly database: StateDatabase;
  private readonly statements: Statements;
  private readonly api: string;
  private readonly work: WorkCounter;
  private readonly collections = new Map<string, SqliteCollection<unknown>>();

  constructor(database: StateDatabase, statements: Statements, api: string, work: WorkCounter) {
    this.database = database;
    this.statements = statements;
    this.api = api;
    this.work = work;
  }

  get recordsRead(): number {
    return this.work.recordsRead;
  }

  collection<T>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) this.collections.set(name, (collection = new SqliteCollection<unknown>(this.database, this.statements, this.api, name, this.work)));
    return collection as Collection<T>;
  }

  clear(): void {
    this.statements.clearRecords.run(this.api);
    this.statements.clearIndexEntries.run(this.api);
  }
}

/** The APIs' stores in one SQLite state file, shared by every process that opens it. */
export class SqliteBackend implements StateBackend {
  readonly persistent: boolean;
  readonly database: StateDatabase;
  private readonly readStores = new Map<string, SqliteStore>();
  private readonly writeStores = new Map<string, SqliteStore>();
  private readonly counters = new Map<string, WorkCounter>();

  constructor(database: StateDatabase) {
    this.database = database;
    this.persistent = database.durable;
  }

  store(api: string): Store {
    return this.storeIn(this.readStores, this.database.reader, api);
  }

  write<T>(_apis: readonly string[], work: (storeOf: (api: string) => Store) => Promise<T>): Promise<T> {
    // One transaction covers every API: they share the file, and its write lock.
    return this.database.write(() => work((api) => this.storeIn(this.writeStores, this.database.writer, api)));
  }

  close(): void {
    this.database.close();
  }

  private storeIn(stores: Map<string, SqliteStore>, statements: Statements, api: string): SqliteStore {
    let store = stores.get(api);
    if (!store) {
      let work = this.counters.get(api);
      if (!work) this.counters.set(api, (work = { recordsRead: 0 }));
      stores.set(api, (store = new SqliteStore(this.database, statements, api, work)));
    }
    return store;
  }
}
