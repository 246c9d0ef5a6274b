// In-memory state made of keyed collections, with an optional durable state file.
//
// Each API's state is a few collections of plain JSON records (users, tokens, counters). Changes are
// buffered per request and committed as ONE journal line, fsynced before the response is sent: a kill
// at any moment loses no acknowledged write, and never leaves half of a request's changes applied.
// On start the snapshot and journal are replayed, then compacted into a new snapshot written atomically
// (temporary file, fsync, rename, fsync of the directory).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { basename, dirname, join, resolve } from 'node:path';

export interface Change {
  collection: string;
  key: string;
  /** The new record, or null when the key was deleted. */
  value: unknown;
}

/**
 * The keys of a collection's records grouped by a key computed from each record (e.g. a lower-cased
 * name): a lookup where a handler would otherwise scan every record. The collection keeps it in step
 * with every change, replay and clear.
 */
export class CollectionIndex<T> {
  private readonly keyOf: (value: T) => string;
  // Arrays rather than Sets: almost every index key has one record, and an array of one is far smaller.
  private readonly keysByIndexKey = new Map<string, string[]>();

  constructor(keyOf: (value: T) => string) {
    this.keyOf = keyOf;
  }

  /** The keys of the records whose index key is `indexKey`, in the order they got it. */
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

export class Collection<T> {
  readonly name: string;
  private readonly records = new Map<string, T>();
  // Insertion order as an array, so a page costs the same whatever the collection's size.
  private order: string[] = [];
  private readonly recordChange: (change: Change) => void;
  private readonly indexes: CollectionIndex<T>[] = [];

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

  /** An index of the records by `keyOf`, kept in step from now on. */
  index(keyOf: (value: T) => string): CollectionIndex<T> {
    const index = new CollectionIndex(keyOf);
    for (const [key, value] of this.records) index.add(key, value);
    this.indexes.push(index);
    return index;
  }

  /** Applies a change without recording it (replay from disk). */
  apply(key: string, value: T | null): void {
    if (value === null) this.remove(key);
    else this.put(key, value);
  }

  clear(): void {
    this.records.clear();
    this.order = [];
    for (const index of this.indexes) index.clear();
  }

  private put(key: string, value: T): void {
    if (this.records.has(key)) {
      const previous = this.records.get(key) as T;
      for (const index of this.indexes) index.replace(key, previous, value);
    } else {
      this.order.push(key);
      for (const index of this.indexes) index.add(key, value);
    }
    this.records.set(key, value);
  }

  private remove(key: string): boolean {
    if (!this.records.has(key)) return false;
    const previous = this.records.get(key) as T;
    this.records.delete(key);
    for (const index of this.indexes) index.remove(key, previous);
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

const FORMAT = 'userapi-mock-state/1';
const JOURNAL_FORMAT = 'userapi-mock-journal/1';

interface StateFileContents {
  format: typeof FORMAT;
  /** Which journal belongs to this snapshot (see writeSnapshot); absent in files of the first version. */
  generation?: number;
  apis: Record<string, Snapshot>;
}

/** The journal's first line. */
interface JournalHeader {
  format: typeof JOURNAL_FORMAT;
  generation: number;
}

/** The lock files this process holds, so two mocks in one process cannot share a state file either. */
const LOCKED_HERE = new Set<string>();

/** A state file this program cannot use; the message says which file and why, for the CLI to print. */
export class StateFileError extends Error {}

/**
 * The durable form of the stores: `<file>` holds a snapshot, `<file>.journal` the requests committed
 * since, `<file>.lock` the id of the one process using them.
 */
export class StateFile {
  readonly path: string;
  private readonly journalPath: string;
  private readonly lockPath: string;
  private journalDescriptor: number | undefined;
  private locked = false;
  private generation = 0;

  constructor(path: string) {
    this.path = path;
    this.journalPath = `${path}.journal`;
    this.lockPath = `${path}.lock`;
  }

  /**
   * Claims the file for this process. Two mocks appending to one journal would each compact away the
   * other's acknowledged writes, so a second one is refused; a lock left by a killed process is taken over.
   */
  lock(): void {
    this.guard(() => this.takeLock());
  }

  private takeLock(): void {
    if (LOCKED_HERE.has(resolve(this.lockPath))) {
      throw new StateFileError(`${this.path} is in use by another mock in this process (${process.pid}); give each mock its own state file.`);
    }
    makeDirectory(dirname(this.path));
    for (;;) {
      try {
        writeFileSync(this.lockPath, `${process.pid}\n`, { flag: 'wx' });
        this.locked = true;
        LOCKED_HERE.add(resolve(this.lockPath));
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number.parseInt(readFileIfExists(this.lockPath) ?? '', 10);
      // Our own pid in a lock we do not hold is a lock left by a killed process whose pid we reuse.
      if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
        throw new StateFileError(`${this.path} is in use by process ${holder} (lock ${this.lockPath}); stop it, or delete the lock if that process is not a userapi mock.`);
      }
      rmSync(this.lockPath, { force: true });
    }
  }

  /** Snapshot plus journal, as the per-API snapshots they add up to; undefined when there is no state yet. */
  read(): Record<string, Snapshot> | undefined {
    return this.guard(() => this.readState());
  }

  private readState(): Record<string, Snapshot> | undefined {
    const snapshotText = readFileIfExists(this.path);
    const journalText = readFileIfExists(this.journalPath);
    // An empty file is one made ready for us (mktemp, touch): nothing to lose, so a fresh start.
    if (snapshotText?.trim() === '' && !journalText) return undefined;
    if (snapshotText === undefined && journalText === undefined) return undefined;
    const stores = new Map<string, Store>();
    const storeFor = (api: string): Store => {
      let store = stores.get(api);
      if (!store) stores.set(api, (store = new Store()));
      return store;
    };
    let snapshotGeneration: number | undefined;
    if (snapshotText !== undefined && snapshotText.trim() !== '') {
      const contents = parseSnapshotFile(this.path, snapshotText);
      snapshotGeneration = contents.generation;
      for (const [api, snapshot] of Object.entries(contents.apis)) storeFor(api).restore(snapshot);
    }
    this.generation = snapshotGeneration ?? 0;
    if (journalText !== undefined) {
      const lines = journalText.split('\n');
      const header = parseJournalHeader(lines[0] ?? '');
      // A journal of another generation is the one a kill left behind while a new snapshot replaced it:
      // that snapshot already holds (or, after a reset, deliberately dropped) every change in it.
      if (header?.generation !== snapshotGeneration) lines.length = 0;
      else if (header !== undefined) lines.shift();
      for (const [index, line] of lines.entries()) {
        if (line.trim() === '') continue;
        const entry = parseJournalLine(line);
        if (entry === undefined) {
          // A torn last line is a request killed before its fsync returned: it was never acknowledged.
          // Anywhere else a bad line means the file was damaged, and guessing would lose writes silently.
          if (lines.slice(index + 1).every((rest) => rest.trim() === '')) break;
          throw new StateFileError(`${this.journalPath}: line ${index + (header ? 2 : 1)} is not a userapi mock journal entry; the file was changed by something else.`);
        }
        storeFor(entry.api).applyChanges(entry.changes);
      }
    }
    return Object.fromEntries([...stores].map(([api, store]) => [api, store.snapshot()]));
  }

  /**
   * Replaces snapshot and journal with the given state. Each file is replaced atomically, and the two are
   * paired by a generation number: a kill between the two writes leaves the new snapshot with the old
   * journal, which read() then ignores. Replaying it would resurrect what a reset removed.
   */
  writeSnapshot(apis: Record<string, Snapshot>): void {
    this.guard(() => this.replaceSnapshot(apis));
  }

  private replaceSnapshot(apis: Record<string, Snapshot>): void {
    makeDirectory(dirname(this.path));
    this.generation += 1;
    const contents: StateFileContents = { format: FORMAT, generation: this.generation, apis };
    writeFileDurably(this.path, JSON.stringify(contents));
    this.closeJournal();
    const header: JournalHeader = { format: JOURNAL_FORMAT, generation: this.generation };
    writeFileDurably(this.journalPath, `${JSON.stringify(header)}\n`);
  }

  /** Appends one request's changes and returns only once they are on disk. */
  append(api: string, changes: readonly Change[]): void {
    if (changes.length === 0) return;
    this.journalDescriptor ??= openSync(this.journalPath, 'a');
    const line: JournalLine = { api, changes: [...changes] };
    // writeFileSync loops until every byte is written: a short write would tear a line mid-journal.
    writeFileSync(this.journalDescriptor, `${JSON.stringify(line)}\n`);
    fsyncSync(this.journalDescriptor);
  }

  /** Turns the file system's refusals (EACCES, ENOTDIR, EROFS...) into a message naming the state file. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof StateFileError || (error as NodeJS.ErrnoException).code === undefined) throw error;
      throw new StateFileError(`cannot use the state file ${this.path}: ${(error as Error).message}`, { cause: error });
    }
  }

  close(): void {
    this.closeJournal();
    if (this.locked) {
      rmSync(this.lockPath, { force: true });
      LOCKED_HERE.delete(resolve(this.lockPath));
      this.locked = false;
    }
  }

  private closeJournal(): void {
    if (this.journalDescriptor !== undefined) {
      closeSync(this.journalDescriptor);
      this.journalDescriptor = undefined;
    }
  }
}

function readFileIfExists(path: string): string | undefined {
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
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` is a Snapshot: collections of [key, record] pairs. */
function isSnapshot(value: unknown): value is Snapshot {
  return isRecord(value) && Object.values(value).every((entries) => Array.isArray(entries) && entries.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string'));
}

function parseSnapshotFile(path: string, text: string): StateFileContents {
  const refuse = (why: string): never => {
    throw new StateFileError(`${path} is not a userapi mock state file (${why}); use another --state file, or delete this one to start afresh.`);
  };
  let contents: unknown;
  try {
    contents = JSON.parse(text);
  } catch {
    return refuse('not JSON');
  }
  if (!isRecord(contents)) return refuse('not a JSON object');
  if (contents['format'] !== FORMAT) return refuse(`format is ${JSON.stringify(contents['format'] ?? null)}, expected "${FORMAT}"`);
  const apis = contents['apis'];
  if (!isRecord(apis) || !Object.values(apis).every(isSnapshot)) return refuse('its "apis" are not snapshots');
  const generation = contents['generation'];
  if (generation !== undefined && !Number.isSafeInteger(generation)) return refuse('its "generation" is not an integer');
  return contents as unknown as StateFileContents;
}

function parseJournalHeader(line: string): JournalHeader | undefined {
  try {
    const header: unknown = JSON.parse(line);
    if (isRecord(header) && header['format'] === JOURNAL_FORMAT && Number.isSafeInteger(header['generation'])) return header as unknown as JournalHeader;
  } catch {
    // Not a header: a journal of the first version, whose lines are all entries.
  }
  return undefined;
}

function parseJournalLine(line: string): JournalLine | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return undefined;
  }
  const isChange = (change: unknown): boolean => isRecord(change) && typeof change['collection'] === 'string' && typeof change['key'] === 'string' && 'value' in change;
  if (!isRecord(entry) || typeof entry['api'] !== 'string' || !Array.isArray(entry['changes']) || !entry['changes'].every(isChange)) return undefined;
  return entry as unknown as JournalLine;
}

function writeFileDurably(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const descriptor = openSync(temporary, 'w');
  try {
    writeFileSync(descriptor, text);
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

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdirSync never returns for some paths (under
 * /proc it loops forever), and a state file there must fail with a message, not hang the mock.
 */
function makeDirectory(directory: string): void {
  const missing: string[] = [];
  let current = resolve(directory);
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing) mkdirSync(path);
}
