// In-memory state made of keyed collections, with an optional durable state file.
//
// Each API's state is a few collections of plain JSON records (users, tokens, counters). Changes are
// buffered per request and committed as ONE journal line, fsynced before the response is sent: a kill
// at any moment loses no acknowledged write, and never leaves half of a request's changes applied.
// On start the snapshot and journal are replayed, then compacted into a new snapshot written atomically
// (temporary file, fsync, rename, fsync of the directory).
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, mkdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

export interface Change {
  collection: string;
  key: string;
  /** The new record, or null when the key was deleted. */
  value: unknown;
}

export class Collection<T> {
  readonly name: string;
  private readonly records = new Map<string, T>();
  // Insertion order as an array, so a page costs the same whatever the collection's size.
  private order: string[] = [];
  private readonly recordChange: (change: Change) => void;

  constructor(name: string, recordChange: (change: Change) => void) {
    this.name = name;
    this.recordChange = recordChange;
  }

  get size(): number {
    return this.records.size;
  }

  get(key: string): T | undefined {
    return this.records.get(key);
  }

  has(key: string): boolean {
    return this.records.has(key);
  }

  /** Records are replaced, never mutated in place: callers pass a new object. */
  set(key: string, value: T): void {
    this.put(key, value);
    this.recordChange({ collection: this.name, key, value });
  }

  delete(key: string): boolean {
    if (!this.remove(key)) return false;
    this.recordChange({ collection: this.name, key, value: null });
    return true;
  }

  values(): IterableIterator<T> {
    return this.records.values();
  }

  entries(): IterableIterator<[string, T]> {
    return this.records.entries();
  }

  /** Records in insertion order from `offset`, at most `limit` of them. */
  slice(offset: number, limit: number): T[] {
    return this.order.slice(offset, offset + limit).map((key) => this.records.get(key) as T);
  }

  /** Applies a change without recording it (replay from disk). */
  apply(key: string, value: T | null): void {
    if (value === null) this.remove(key);
    else this.put(key, value);
  }

  clear(): void {
    this.records.clear();
    this.order = [];
  }

  private put(key: string, value: T): void {
    if (!this.records.has(key)) this.order.push(key);
    this.records.set(key, value);
  }

  private remove(key: string): boolean {
    if (!this.records.delete(key)) return false;
    // Deletes are rare next to reads; an O(n) splice keeps pages O(page size).
    this.order.splice(this.order.indexOf(key), 1);
    return true;
  }
}

export type Snapshot = Record<string, Array<[string, unknown]>>;

export class Store {
  private readonly collections = new Map<string, Collection<unknown>>();
  private pending: Change[] = [];

  collection<T>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new Collection<unknown>(name, (change) => this.pending.push(change));
      this.collections.set(name, collection);
    }
    return collection as Collection<T>;
  }

  /** The changes made since the last call, to be committed together. */
  takeChanges(): Change[] {
    const changes = this.pending;
    this.pending = [];
    return changes;
  }

  applyChanges(changes: readonly Change[]): void {
    for (const change of changes) this.collection(change.collection).apply(change.key, change.value);
  }

  snapshot(): Snapshot {
    const snapshot: Snapshot = {};
    for (const [name, collection] of this.collections) snapshot[name] = [...collection.entries()];
    return snapshot;
  }

  restore(snapshot: Snapshot): void {
    this.clear();
    for (const [name, entries] of Object.entries(snapshot)) {
      const collection = this.collection(name);
      for (const [key, value] of entries) collection.apply(key, value);
    }
  }

  clear(): void {
    for (const collection of this.collections.values()) collection.clear();
    this.pending = [];
  }
}

interface JournalLine {
  api: string;
  changes: Change[];
}

interface StateFileContents {
  format: 'userapi-mock-state/1';
  apis: Record<string, Snapshot>;
}

/**
 * The durable form of the stores: `<file>` holds a snapshot, `<file>.journal` the requests committed
 * since. Only one process may use a state file at a time.
 */
export class StateFile {
  readonly path: string;
  private readonly journalPath: string;
  private journalDescriptor: number | undefined;

  constructor(path: string) {
    this.path = path;
    this.journalPath = `${path}.journal`;
  }

  /** Snapshot plus journal, as the per-API snapshots they add up to; undefined when there is no file yet. */
  read(): Record<string, Snapshot> | undefined {
    if (!existsSync(this.path) && !existsSync(this.journalPath)) return undefined;
    const stores = new Map<string, Store>();
    const storeFor = (api: string): Store => {
      let store = stores.get(api);
      if (!store) stores.set(api, (store = new Store()));
      return store;
    };
    if (existsSync(this.path)) {
      const contents = JSON.parse(readFileSync(this.path, 'utf8')) as StateFileContents;
      if (contents.format !== 'userapi-mock-state/1') throw new Error(`${this.path}: not a userapi mock state file`);
      for (const [api, snapshot] of Object.entries(contents.apis)) storeFor(api).restore(snapshot);
    }
    if (existsSync(this.journalPath)) {
      const lines = readFileSync(this.journalPath, 'utf8').split('\n');
      for (const line of lines) {
        if (line.trim() === '') continue;
        let entry: JournalLine;
        try {
          entry = JSON.parse(line) as JournalLine;
        } catch {
          // A torn last line is a request killed before its fsync returned: it was never acknowledged.
          break;
        }
        storeFor(entry.api).applyChanges(entry.changes);
      }
    }
    return Object.fromEntries([...stores].map(([api, store]) => [api, store.snapshot()]));
  }

  /** Replaces snapshot and journal with the given state, atomically. */
  writeSnapshot(apis: Record<string, Snapshot>): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const contents: StateFileContents = { format: 'userapi-mock-state/1', apis };
    writeFileDurably(this.path, JSON.stringify(contents));
    this.closeJournal();
    writeFileDurably(this.journalPath, '');
  }

  /** Appends one request's changes and returns only once they are on disk. */
  append(api: string, changes: readonly Change[]): void {
    if (changes.length === 0) return;
    this.journalDescriptor ??= openSync(this.journalPath, 'a');
    const line: JournalLine = { api, changes: [...changes] };
    writeSync(this.journalDescriptor, `${JSON.stringify(line)}\n`);
    fsyncSync(this.journalDescriptor);
  }

  close(): void {
    this.closeJournal();
  }

  private closeJournal(): void {
    if (this.journalDescriptor !== undefined) {
      closeSync(this.journalDescriptor);
      this.journalDescriptor = undefined;
    }
  }
}

function writeFileDurably(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const descriptor = openSync(temporary, 'w');
  try {
    writeSync(descriptor, text);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporary, path);
  const directory = openSync(dirname(path), 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
}
