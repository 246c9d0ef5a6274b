// What this run created on the target, recorded as it happens. The write guard consults it before every
// write; the clean-up works from it; and it is appended to `ledger.jsonl` in the report directory line by
// line (each change of an entry as the whole entry), so a run killed with `kill -9` can be finished by
// `userapi cleanup --report-dir DIR`.
import { appendFileSync, readFileSync } from 'node:fs';
import type { Redactor } from './redact.ts';

/** A user this run created (or found carrying its prefix), as the guard and the clean-up know it. */
export interface LedgerEntry {
  /** Stable within the run and unique: the first identity it was known by (with `#n` for a second user of that name). */
  key: string;
  /** The run-prefixed identities sent when it was created (userId, userName, email, ...), by field. */
  names: Record<string, string>;
  /** The id the server gave it, once an answer showed it. */
  id?: string;
  /**
   * created: a create was answered with success; found: an answer showed a run-prefixed user no create
   * answer reported (a lost answer, a duplicate); delete-answered: a DELETE of it was answered with
   * success (not yet confirmed); gone: a read confirmed it no longer exists.
   */
  state: 'created' | 'found' | 'delete-answered' | 'gone';
  /** Whether a read (not a create's answer) has shown this id with this run's identities. */
  idVerified: boolean;
}

export type LedgerEvent =
  | { event: 'run'; api: string; target: string; namePrefix: string; profile: string; started: string }
  | { event: 'created' | 'found' | 'bound' | 'delete-answered' | 'gone'; entry: LedgerEntry }
  | { event: 'foreign-id'; id: string; why: string };

const isLive = (entry: LedgerEntry): boolean => entry.state === 'created' || entry.state === 'found';

export class Ledger {
  readonly namePrefix: string;
  private readonly entries = new Map<string, LedgerEntry>();
  /** Each name to the latest entry that carries it. */
  private readonly byName = new Map<string, string>();
  private readonly byId = new Map<string, string>();
  /** Ids that belong to users this run did not create: pre-existing ones, or shown with another user's identity. */
  private readonly foreign = new Map<string, string>();
  private readonly file: string | undefined;
  private readonly redactor: Redactor | undefined;

  constructor(namePrefix: string, options: { file?: string; redactor?: Redactor } = {}) {
    this.namePrefix = namePrefix.toLowerCase();
    this.file = options.file;
    this.redactor = options.redactor;
  }

  /** Whether a name (userId, e-mail, ...) carries this run's prefix: one no pre-existing user can have. */
  isRunName(value: unknown): value is string {
    return typeof value === 'string' && value.toLowerCase().includes(this.namePrefix);
  }

  all(): LedgerEntry[] {
    return [...this.entries.values()];
  }

  /** The latest entry carrying this name. */
  entryByName(name: string): LedgerEntry | undefined {
    const key = this.byName.get(name.toLowerCase());
    return key === undefined ? undefined : this.entries.get(key);
  }

  entryById(id: string): LedgerEntry | undefined {
    const key = this.byId.get(id);
    return key === undefined ? undefined : this.entries.get(key);
  }

  foreignReason(id: string): string | undefined {
    return this.foreign.get(id);
  }

  write(event: LedgerEvent): void {
    if (!this.file) return;
    const record = { at: new Date().toISOString(), ...event };
    appendFileSync(this.file, `${JSON.stringify(this.redactor ? this.redactor.deep(record) : record)}\n`);
  }

  /** A create answered with success: the user is this run's. */
  recordCreated(names: Record<string, string>, id: string | undefined, how: 'created' | 'found' = 'created'): LedgerEntry {
    const existing = Object.values(names).map((name) => this.entryByName(name)).find((entry) => entry !== undefined);
    let entry: LedgerEntry;
    if (existing && how === 'created') {
      // Created again (after a delete, or a create the server took twice): the same identity to us. The
      // id it had is kept apart, still to be confirmed gone, so it can never be written to unconfirmed.
      if (existing.id !== undefined) this.retireId(existing);
      existing.state = 'created';
      Object.assign(existing.names, names);
      entry = existing;
    } else if (existing && isLive(existing) && existing.id === undefined) {
      entry = existing;
    } else {
      entry = this.newEntry(names, how);
    }
    for (const name of Object.values(names)) this.byName.set(name.toLowerCase(), entry.key);
    this.save(how, entry);
    if (id !== undefined) this.bind(entry, id, false);
    return entry;
  }

  /**
   * An answer showed user `id` with these identities. Run-prefixed identities bind the id to the run's
   * user; none marks the id as somebody else's, for good (a server that reuses ids or answers the wrong
   * user cannot make certify write to it). A second id for a name already bound is a second user (a
   * duplicate the server took), recorded so the clean-up deletes both.
   */
  observe(id: string | undefined, shown: Record<string, string>, source: 'read' | 'create-answer'): void {
    const names = Object.values(shown);
    const runNames = names.filter((name) => this.isRunName(name));
    if (id === undefined) return;
    if (runNames.length === 0) {
      if (names.length > 0) this.markForeign(id, `an answer showed it as ${names.slice(0, 2).join(', ')}`);
      return;
    }
    if (this.foreign.has(id)) return;
    const bound = this.entryById(id);
    if (bound) {
      // A read shows it alive: a delete of it did not take, or the server gave the id to a new run user.
      if (source === 'read' && !isLive(bound)) bound.state = 'found';
      this.bind(bound, id, source === 'read');
      return;
    }
    const named = runNames.map((name) => this.entryByName(name)).find((found) => found !== undefined);
    if (named && (named.id === undefined || !isLive(named))) {
      if (named.id !== undefined) this.retireId(named);
      this.bind(named, id, source === 'read');
      return;
    }
    const sibling = this.newEntry(named ? named.names : Object.fromEntries(Object.entries(shown).filter(([, name]) => this.isRunName(name))), 'found');
    for (const name of Object.values(sibling.names)) if (!this.byName.has(name.toLowerCase())) this.byName.set(name.toLowerCase(), sibling.key);
    this.save('found', sibling);
    this.bind(sibling, id, source === 'read');
  }

  markForeign(id: string, why: string): void {
    if (this.foreign.has(id)) return;
    this.foreign.set(id, why);
    this.write({ event: 'foreign-id', id, why });
    const entry = this.entryById(id);
    if (!entry) return;
    this.byId.delete(id);
    delete entry.id;
    entry.idVerified = false;
    // The id now answers somebody else: the run's user that had it was deleted (its id given again).
    if (entry.state === 'delete-answered') entry.state = 'gone';
    this.save(entry.state === 'gone' ? 'gone' : 'bound', entry);
  }

  markDeleteAnswered(entry: LedgerEntry): void {
    if (entry.state === 'gone') return;
    entry.state = 'delete-answered';
    this.save('delete-answered', entry);
  }

  markGone(entry: LedgerEntry): void {
    entry.state = 'gone';
    this.save('gone', entry);
  }

  private newEntry(names: Record<string, string>, state: LedgerEntry['state']): LedgerEntry {
    const first = Object.values(names)[0] ?? 'entry';
    let key = first;
    for (let n = 2; this.entries.has(key); n += 1) key = `${first}#${n}`;
    const entry: LedgerEntry = { key, names: { ...names }, state, idVerified: false };
    this.entries.set(key, entry);
    return entry;
  }

  /** Moves an entry's id to an entry of its own, as it was (to be confirmed gone by the clean-up). */
  private retireId(entry: LedgerEntry): void {
    if (entry.id === undefined) return;
    const retired = this.newEntry(entry.names, isLive(entry) ? 'found' : entry.state);
    retired.id = entry.id;
    retired.idVerified = false;
    this.byId.set(entry.id, retired.key);
    delete entry.id;
    entry.idVerified = false;
    this.save(retired.state === 'found' ? 'found' : retired.state === 'gone' ? 'gone' : 'delete-answered', retired);
  }

  private bind(entry: LedgerEntry, id: string, verified: boolean): void {
    if (this.foreign.has(id)) return;
    const changed = entry.id !== id || (verified && !entry.idVerified);
    if (entry.id !== undefined && entry.id !== id) this.byId.delete(entry.id);
    entry.idVerified = entry.id === id ? entry.idVerified || verified : verified;
    entry.id = id;
    this.byId.set(id, entry.key);
    if (changed) this.save('bound', entry);
  }

  private save(event: Extract<LedgerEvent, { entry: LedgerEntry }>['event'], entry: LedgerEntry): void {
    this.write({ event, entry: { ...entry, names: { ...entry.names } } });
  }

  /**
   * Rebuilds a ledger from its file (`userapi cleanup`): what the killed run had recorded, each entry as
   * its last line shows it. Later events are appended to the same file, so a second clean-up knows what
   * the first one did.
   */
  static read(file: string, redactor?: Redactor): { header: Extract<LedgerEvent, { event: 'run' }>; ledger: Ledger } {
    const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
    const events: LedgerEvent[] = [];
    for (const [index, line] of lines.entries()) {
      try {
        events.push(JSON.parse(line) as LedgerEvent);
      } catch {
        // The last line of a killed run may be cut short; any other bad line means the file is not ours.
        if (index !== lines.length - 1) throw new Error(`${file}: line ${index + 1} is not a ledger event`);
      }
    }
    const header = events[0];
    if (header?.event !== 'run') throw new Error(`${file} is not a certify ledger (its first line is not the run's header)`);
    const ledger = new Ledger(header.namePrefix, { file, ...(redactor ? { redactor } : {}) });
    for (const event of events.slice(1)) {
      if (event.event === 'run') continue;
      if (event.event === 'foreign-id') {
        ledger.foreign.set(event.id, event.why);
        continue;
      }
      const entry: LedgerEntry = { ...event.entry, names: { ...event.entry.names } };
      const previous = ledger.entries.get(entry.key);
      if (previous?.id !== undefined && ledger.byId.get(previous.id) === entry.key) ledger.byId.delete(previous.id);
      ledger.entries.set(entry.key, entry);
      // A name leads to the entry a create made, not to a duplicate found later (as while the run went).
      for (const name of Object.values(entry.names)) if (event.event === 'created' || !ledger.byName.has(name.toLowerCase())) ledger.byName.set(name.toLowerCase(), entry.key);
      if (entry.id !== undefined) ledger.byId.set(entry.id, entry.key);
    }
    return { header, ledger };
  }
}
