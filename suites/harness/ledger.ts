// What this run created on the target, recorded as it happens. The write guard consults it before every
// write; the clean-up works from it; and it is appended to `ledger.jsonl` in the report directory line by
// line, so a run killed with `kill -9` can be finished by `userapi cleanup --report-dir DIR`.
import { appendFileSync, readFileSync } from 'node:fs';
import type { Redactor } from './redact.ts';

/** A user this run created (or found carrying its prefix), as the guard and the clean-up know it. */
export interface LedgerEntry {
  /** Stable within the run: the first identity the user was known by. */
  key: string;
  /** The run-prefixed identities sent when it was created (userId, userName, email, ...), by field. */
  names: Record<string, string>;
  /** The id the server gave it, once an answer showed it. */
  id?: string;
  /**
   * created: a create was answered with success; found: a listing showed a run-prefixed user no answer
   * reported (a create whose answer was lost); delete-answered: a DELETE of it was answered with success
   * (not yet confirmed); gone: a read confirmed it no longer exists.
   */
  state: 'created' | 'found' | 'delete-answered' | 'gone';
  /** Whether a read (not a create's answer) has shown this id with this run's identities. */
  idVerified: boolean;
}

export type LedgerEvent =
  | { event: 'run'; api: string; target: string; namePrefix: string; profile: string; started: string }
  | { event: 'created' | 'found'; key: string; names: Record<string, string>; id?: string }
  | { event: 'bound'; key: string; id: string; verified: boolean }
  | { event: 'delete-answered' | 'gone'; key: string }
  | { event: 'foreign-id'; id: string; why: string };

export class Ledger {
  readonly namePrefix: string;
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly byName = new Map<string, string>();
  private readonly byId = new Map<string, string>();
  /** Ids that belong to users this run did not create: pre-existing ones, or shown with another user's identity. */
  private readonly foreign = new Map<string, string>();
  private readonly file: string | undefined;
  private readonly redactor: Redactor | undefined;
  /** While a file is replayed into a ledger, nothing is written back to it. */
  private replaying = false;

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
    if (!this.file || this.replaying) return;
    const record = { at: new Date().toISOString(), ...event };
    appendFileSync(this.file, `${JSON.stringify(this.redactor ? this.redactor.deep(record) : record)}\n`);
  }

  /** A create answered with success: the user is this run's. */
  recordCreated(names: Record<string, string>, id: string | undefined, how: 'created' | 'found' = 'created'): LedgerEntry {
    const existing = Object.values(names).map((name) => this.entryByName(name)).find((entry) => entry !== undefined);
    if (existing) {
      // Created again after a delete (or a duplicate create the server accepted): the same user to us.
      if (how === 'created' || existing.state === 'gone') existing.state = how;
      Object.assign(existing.names, names);
      for (const name of Object.values(names)) this.byName.set(name.toLowerCase(), existing.key);
      this.write({ event: how, key: existing.key, names: existing.names, ...(id ? { id } : {}) });
      if (id !== undefined) this.bindId(existing, id, false);
      return existing;
    }
    const key = Object.values(names)[0] ?? `entry${this.entries.size + 1}`;
    const entry: LedgerEntry = { key, names: { ...names }, state: how, idVerified: false };
    this.entries.set(key, entry);
    for (const name of Object.values(names)) this.byName.set(name.toLowerCase(), key);
    this.write({ event: how, key, names, ...(id ? { id } : {}) });
    if (id !== undefined) this.bindId(entry, id, false);
    return entry;
  }

  /**
   * An answer showed user `id` with these identities. Run-prefixed identities bind the id to the run's
   * user; none marks the id as somebody else's, for good (a server that reuses ids or answers the wrong
   * user cannot make certify write to it).
   */
  observe(id: string | undefined, names: readonly string[], source: 'read' | 'create-answer'): void {
    const runNames = names.filter((name) => this.isRunName(name));
    if (id === undefined) return;
    if (runNames.length === 0) {
      if (names.length > 0) this.markForeign(id, `an answer showed it as ${names.slice(0, 2).join(', ')}`);
      return;
    }
    if (this.foreign.has(id)) return;
    const entry = runNames.map((name) => this.entryByName(name)).find((found) => found !== undefined);
    if (entry) this.bindId(entry, id, source === 'read');
  }

  markForeign(id: string, why: string): void {
    if (this.foreign.has(id)) return;
    this.foreign.set(id, why);
    this.write({ event: 'foreign-id', id, why });
    const key = this.byId.get(id);
    if (key === undefined) return;
    // The id was believed ours: it no longer is. The run's user keeps its names, loses the id.
    this.byId.delete(id);
    const entry = this.entries.get(key);
    if (entry?.id === id) {
      delete entry.id;
      entry.idVerified = false;
    }
  }

  markDeleteAnswered(entry: LedgerEntry): void {
    if (entry.state === 'gone') return;
    entry.state = 'delete-answered';
    this.write({ event: 'delete-answered', key: entry.key });
  }

  markGone(entry: LedgerEntry): void {
    entry.state = 'gone';
    this.write({ event: 'gone', key: entry.key });
  }

  private bindId(entry: LedgerEntry, id: string, verified: boolean): void {
    if (this.foreign.has(id)) return;
    const previous = this.byId.get(id);
    if (previous !== undefined && previous !== entry.key) {
      // Two of the run's users shown with one id: trust neither until a read settles it.
      const other = this.entries.get(previous);
      if (other) other.idVerified = false;
    }
    if (entry.id !== undefined && entry.id !== id) this.byId.delete(entry.id);
    const changed = entry.id !== id || (verified && !entry.idVerified);
    entry.id = id;
    entry.idVerified = verified || (entry.idVerified && previous === entry.key);
    this.byId.set(id, entry.key);
    if (changed) this.write({ event: 'bound', key: entry.key, id, verified: entry.idVerified });
  }

  /**
   * Rebuilds a ledger from its file (`userapi cleanup`): what the killed run had recorded. Later events
   * are appended to the same file, so a second clean-up knows what the first one did.
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
    ledger.replaying = true;
    for (const event of events.slice(1)) {
      if (event.event === 'created' || event.event === 'found') ledger.recordCreated(event.names, event.id, event.event);
      else if (event.event === 'bound') {
        const entry = ledger.entries.get(event.key);
        if (entry) ledger.bindId(entry, event.id, event.verified);
      } else if (event.event === 'foreign-id') ledger.markForeign(event.id, event.why);
      else if (event.event === 'delete-answered' || event.event === 'gone') {
        const entry = ledger.entries.get(event.key);
        if (entry) entry.state = event.event;
      }
    }
    ledger.replaying = false;
    return { header, ledger };
  }
}
