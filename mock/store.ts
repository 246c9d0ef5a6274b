// The state the API handlers read and write: per API, keyed collections of plain JSON records.
//
// Two backends behind one interface. In memory (the default): Maps, as fast as the mock can be. In an
// SQLite state file (`--state`, `--workers`; mock/state/): every read and write goes to the file, so
// several processes share one state. Handlers see only Store, Collection and CollectionIndex.

/** The keys of a collection's records grouped by a key computed from each record (e.g. a lower-cased name). */
export interface CollectionIndex {
  /** The keys of the records whose index key is `indexKey`, in the order they got it. */
  get(indexKey: string): readonly string[];
}

export interface Collection<T> {
  readonly name: string;
  readonly size: number;
  get(key: string): T | undefined;
  has(key: string): boolean;
  /** Records are replaced, never mutated in place: callers pass a new object. A replaced record keeps its place. */
  set(key: string, value: T): void;
  delete(key: string): boolean;
  /** In insertion order. */
  values(): IterableIterator<T>;
  entries(): IterableIterator<[string, T]>;
  /** Records in insertion order from `offset`, at most `limit` of them. */
  slice(offset: number, limit: number): T[];
  /** The oldest `limit` records (insertion order), with their keys. */
  firstEntries(limit: number): Array<[string, T]>;
  /**
   * A lookup by `keyOf` where a handler would otherwise scan every record, kept in step with every change.
   * `name` identifies it in a state file (rebuilt there when `keyOf` changes).
   */
  index(name: string, keyOf: (value: T) => string): CollectionIndex;
}

export interface Store {
  collection<T>(name: string): Collection<T>;
  /** Removes every record of every collection (a reset). */
  clear(): void;
  /**
   * Records read from this API's collections since start: the work requests did, which tests compare
   * (a login must not read more records the more logins there were). Iterating counts every record.
   */
  readonly recordsRead: number;
}

/**
 * Where a store notes that its API has been seeded: a state file keeps it, so a restart does not seed
 * again (a reset seeds anew). Every store has it; no API names a collection like it.
 */
export const SEEDED = { collection: '_meta', key: 'seeded' } as const;

/** Where the stores of the APIs live, and how a request's writes are made exclusive and atomic. */
export interface StateBackend {
  /** Whether the state outlives the process (a --state file). */
  readonly persistent: boolean;
  /** The store requests read through (outside write). */
  store(api: string): Store;
  /**
   * Runs `work` exclusively: one write at a time per API in this process, and, with a state file, one at
   * a time across every process sharing it, as one transaction committed (on disk) before this resolves.
   * `work` reads and writes through the stores `storeOf` gives. When it throws, a state file keeps none
   * of its changes; memory keeps what was done before the throw.
   */
  write<T>(apis: readonly string[], work: (storeOf: (api: string) => Store) => Promise<T>): Promise<T>;
  close(): void;
}

/** Counts records read, shared by an API's collections. */
interface WorkCounter {
  recordsRead: number;
}

class MemoryIndex<T> implements CollectionIndex {
  private readonly keyOf: (value: T) => string;
  // Arrays rather than Sets: almost every index key has one record, and an array of one is far smaller.
  private readonly keysByIndexKey = new Map<string, string[]>();

  constructor(keyOf: (value: T) => string) {
    this.keyOf = keyOf;
  }

  get(indexKey: string): readonly string[] {
    return this.keysByIndexKey.get(indexKey) ?? NO_KEYS;
  }

  add(key: string, value: T): void {
    const indexKey = this.keyOf(value);
    const keys = this.keysByIndexKey.get(indexKey);
    if (keys) keys.push(key);
    else this.keysByIndexKey.set(indexKey, [key]);
  }

  remove(key: string, value: T): void {
    const indexKey = this.keyOf(value);
    const keys = this.keysByIndexKey.get(indexKey);
    if (!keys) return;
    const remaining = keys.filter((candidate) => candidate !== key);
    if (remaining.length === 0) this.keysByIndexKey.delete(indexKey);
    else this.keysByIndexKey.set(indexKey, remaining);
  }

  /** A record replaced by another: it keeps its place when its index key is unchanged. */
  replace(key: string, previous: T, value: T): void {
    if (this.keyOf(previous) === this.keyOf(value)) return;
    this.remove(key, previous);
    this.add(key, value);
  }

  clear(): void {
    this.keysByIndexKey.clear();
  }
}

const NO_KEYS: readonly string[] = [];

class MemoryCollection<T> implements Collection<T> {
  readonly name: string;
  private readonly records = new Map<string, T>();
  // Insertion order as an array, so a page costs the same whatever the collection's size.
  private order: string[] = [];
  private readonly indexes = new Map<string, MemoryIndex<T>>();
  private readonly work: WorkCounter;

  constructor(name: string, work: WorkCounter) {
    this.name = name;
    this.work = work;
  }

  get size(): number {
    return this.records.size;
  }

  get(key: string): T | undefined {
    this.work.recordsRead += 1;
    return this.records.get(key);
  }

  has(key: string): boolean {
    this.work.recordsRead += 1;
    return this.records.has(key);
  }

  set(key: string, value: T): void {
    const previous = this.records.get(key);
    if (previous !== undefined) {
      for (const index of this.indexes.values()) index.replace(key, previous, value);
    } else {
      this.order.push(key);
      for (const index of this.indexes.values()) index.add(key, value);
    }
    this.records.set(key, value);
  }

  delete(key: string): boolean {
    const previous = this.records.get(key);
    if (previous === undefined) return false;
    this.records.delete(key);
    for (const index of this.indexes.values()) index.remove(key, previous);
    // The oldest record (a token evicted by age) goes in O(1); V8 shifts by moving the array's start.
    if (this.order[0] === key) this.order.shift();
    // Deletes elsewhere are rare next to reads; an O(n) splice keeps pages O(page size).
    else this.order.splice(this.order.indexOf(key), 1);
    return true;
  }

  values(): IterableIterator<T> {
    this.work.recordsRead += this.records.size;
    return this.records.values();
  }

  entries(): IterableIterator<[string, T]> {
    this.work.recordsRead += this.records.size;
    return this.records.entries();
  }

  slice(offset: number, limit: number): T[] {
    const keys = this.order.slice(offset, offset + limit);
    this.work.recordsRead += keys.length;
    return keys.map((key) => this.records.get(key) as T);
  }

  firstEntries(limit: number): Array<[string, T]> {
    const keys = this.order.slice(0, limit);
    this.work.recordsRead += keys.length;
    return keys.map((key) => [key, this.records.get(key) as T]);
  }

  index(name: string, keyOf: (value: T) => string): CollectionIndex {
    let index = this.indexes.get(name);
    if (!index) {
      index = new MemoryIndex(keyOf);
      for (const [key, value] of this.records) index.add(key, value);
      this.indexes.set(name, index);
    }
    return index;
  }

  clear(): void {
    this.records.clear();
    this.order = [];
    for (const index of this.indexes.values()) index.clear();
  }
}

class MemoryStore implements Store {
  private readonly collections = new Map<string, MemoryCollection<unknown>>();
  private readonly work: WorkCounter = { recordsRead: 0 };

  get recordsRead(): number {
    return this.work.recordsRead;
  }

  collection<T>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new MemoryCollection<unknown>(name, this.work);
      this.collections.set(name, collection);
    }
    return collection as Collection<T>;
  }

  clear(): void {
    for (const collection of this.collections.values()) collection.clear();
  }
}

/** The default: each API's state in this process's memory, gone when it ends. */
export class MemoryBackend implements StateBackend {
  readonly persistent = false;
  private readonly stores = new Map<string, MemoryStore>();
  // Writes run one at a time per API, so "check then insert" cannot interleave across awaits.
  private readonly queues = new Map<string, Promise<unknown>>();

  store(api: string): Store {
    let store = this.stores.get(api);
    if (!store) this.stores.set(api, (store = new MemoryStore()));
    return store;
  }

  write<T>(apis: readonly string[], work: (storeOf: (api: string) => Store) => Promise<T>): Promise<T> {
    // Each API's turn is taken in a fixed order, so two writes over several APIs cannot deadlock.
    const [first, ...rest] = apis.length === 1 ? apis : [...new Set(apis)].sort();
    if (first === undefined) return work((api) => this.store(api));
    const run = (): Promise<T> => this.write(rest, work);
    const result = (this.queues.get(first) ?? Promise.resolve()).then(run, run);
    this.queues.set(first, result.catch(() => undefined));
    return result;
  }

  close(): void {
    this.stores.clear();
  }
}
